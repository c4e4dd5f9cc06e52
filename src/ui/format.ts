// Display helpers shared by the ribbon, the popup and the comparison page.
// Pure text: no DOM here, so the same words appear everywhere and tests can pin them.
import type { CheckResult, MatchSummary, Verdict } from '../index/types.ts';
import { collapse, truncate } from '../shared/text.ts';
import { t, tParts, tPlural, type MessageKey } from './i18n.ts';

/** The month's short name in the interface language ("Mar"). */
const monthName = (month: number): string => t(`ui_month_${month + 1}` as MessageKey);

/** A share in [0,1] as a whole percentage; tiny non-zero shares read "<1%" rather than "0%". */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const clamped = Math.min(1, Math.max(0, share));
  if (clamped > 0 && clamped < 0.005) return '<1%';
  if (clamped < 1 && clamped > 0.995) return '>99%';
  return `${Math.round(clamped * 100)}%`;
}

/** "31 Mar 2024". Local time by default; `utc` for places where the reader's zone must not matter. */
export function formatDate(ms: number | undefined, opts: { utc?: boolean } = {}): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const [day, month, year] = opts.utc ? [d.getUTCDate(), d.getUTCMonth(), d.getUTCFullYear()] : [d.getDate(), d.getMonth(), d.getFullYear()];
  return `${day} ${monthName(month)} ${year}`;
}

/** "3 days ago", "today": how long ago a reader saw something. */
export function formatAge(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const days = Math.floor((now - ms) / 86_400_000);
  if (days <= 0) return t('ui_age_today');
  if (days === 1) return t('ui_age_yesterday');
  if (days < 60) return tPlural('ui_age_days', days);
  const months = Math.round(days / 30.4);
  if (months < 24) return tPlural('ui_age_months', months);
  return tPlural('ui_age_years', Math.round(days / 365.25));
}

/** Bytes as "0 B", "940 B", "12 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** What the reader's data takes, in kilobytes at least: "0 KB" for nothing, "1 KB" for a few bytes, "40 KB", "3.4 MB". */
export function formatDataSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 KB';
  return bytes < 1000 ? '1 KB' : formatBytes(bytes);
}

/** "article" or "articles" for a count. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** "1,234". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

/** "axios.com" for "www.axios.com". */
export function hostLabel(host: string | undefined): string {
  if (!host) return '';
  return host
    .trim()
    .toLowerCase()
    .replace(/^www\d?\./, '');
}

/** The outlet as a reader knows it: its site name, else its host, else a neutral phrase. */
export function outletName(m: { outlet?: string; host?: string }): string {
  const outlet = collapse(m.outlet ?? '');
  if (outlet) return outlet;
  return hostLabel(m.host) || t('ui_unknown_site');
}

/** The verdict in a few words, for badges and headings. */
export function verdictLabel(verdict: Verdict): string {
  switch (verdict) {
    case 'copy':
      return t('verdictCopy');
    case 'partial-copy':
      return t('verdictPartialCopy');
    case 'rewrite':
      return t('verdictRewrite');
    case 'related':
      return t('verdictRelated');
    case 'unrelated':
      return t('verdictUnrelated');
  }
}

/** Verdicts the on-page ribbon speaks up for; related and unrelated pages are left alone. */
export function isRibbonVerdict(verdict: Verdict): boolean {
  return verdict === 'copy' || verdict === 'partial-copy' || verdict === 'rewrite';
}

/** Date a reader should see for an article: published when stated, else first seen. */
export function articleDate(m: Pick<MatchSummary, 'publishedAt' | 'firstSeenAt'>): string {
  return formatDate(m.publishedAt ?? m.firstSeenAt);
}

/** "(axios.com, 31 Mar 2024)" */
export function sourceNote(m: Pick<MatchSummary, 'host' | 'publishedAt' | 'firstSeenAt'>): string {
  const parts = [hostLabel(m.host), articleDate(m)].filter(Boolean);
  return parts.length ? `(${parts.join(', ')})` : '';
}

export interface VerdictSentences {
  /** The one sentence that says what this page is. */
  headline: string;
  /** Further sentences: the other direction of the overlap, the credit. */
  details: string[];
}

/** The original's title in a verdict sentence: 48 characters of title, then the closing "…". */
const TITLE_CHARS = 49;

/** A piece of a sentence: our own words, or a page- or pack-supplied string (an outlet, a title, a
 * host) that a view must show isolated (<bdi>) so its direction cannot reorder the words around it. */
export type Piece = string | { page: string };

export interface VerdictPieces {
  headline: Piece[];
  details: Piece[][];
}

/** The pieces as plain text. */
export function piecesText(pieces: readonly Piece[]): string {
  return pieces.map((p) => (typeof p === 'string' ? p : p.page)).join('');
}

/** Parts of a message some of whose substitutions are runs of pieces, as one run. */
const spread = (parts: (Piece | Piece[])[]): Piece[] => parts.flatMap((p) => (Array.isArray(p) ? p : [p]));

/** "'U.S. and Israel…' (axios.com, 31 Mar 2024)": the quoted title, then the host and date, the
 * title and the host as page-supplied pieces. */
function wherePieces(title: string, m: Pick<MatchSummary, 'host' | 'publishedAt' | 'firstSeenAt'>): Piece[] {
  const host = hostLabel(m.host);
  const date = articleDate(m);
  const quoted = { page: title };
  if (host && date) return tParts<Piece>('ui_where_host_date', quoted, { page: host }, date);
  if (host) return tParts<Piece>('ui_where_host', quoted, { page: host });
  if (date) return tParts<Piece>('ui_where_date', quoted, date);
  return tParts<Piece>('ui_where_title', quoted);
}

/**
 * What the ribbon and the popup say about a page that derives from an original, in pieces:
 * "Partly copied from Axios: 45% of this article's text appears in 'U.S. and Israel…' (axios.com, 31 Mar 2024)".
 * Null for verdicts the ribbon does not show, or when the result names no original.
 */
export function verdictPieces(result: CheckResult): VerdictPieces | null {
  const o = result.original;
  if (!o || !isRibbonVerdict(result.verdict)) return null;
  const outlet = { page: outletName(o) };
  const title = truncate(o.title || hostLabel(o.host), TITLE_CHARS);
  const where = wherePieces(title, o);
  const credit = tParts<Piece>(result.credited ? 'ui_detail_credits' : 'ui_detail_no_credit', outlet);
  const carries: Piece[] = [t('ui_detail_carries', percent(o.coverage))];
  if (result.verdict === 'rewrite') {
    return {
      headline: tParts<Piece>(result.credited ? 'ui_headline_rewrite_credited' : 'ui_headline_rewrite_uncredited', outlet),
      details: [spread(tParts<Piece | Piece[]>('ui_detail_original', where)), [t('ui_detail_word_for_word', percent(o.containment))], carries],
    };
  }
  const key = result.verdict === 'copy' ? 'ui_headline_copy' : 'ui_headline_partial';
  return {
    headline: spread(tParts<Piece | Piece[]>(key, outlet, percent(o.containment), where)),
    details: [carries, credit],
  };
}

/** The same sentences as plain text (the popup's, and what tests read). */
export function verdictSentences(result: CheckResult): VerdictSentences | null {
  const p = verdictPieces(result);
  return p ? { headline: piecesText(p.headline), details: p.details.map(piecesText) } : null;
}

/** The whole sentence block as one string (what tests read and screen readers announce). */
export function verdictText(result: CheckResult): string {
  const s = verdictSentences(result);
  return s ? [`${s.headline}.`, ...s.details].join(' ') : '';
}

/**
 * A match's overlap from the checked page's side. The engine measures each pair as
 * (later article in the earlier one): for a match this page derives from ('from') the page is
 * the later one; for a match that derives from this page ('to') the match is.
 */
export function pageShares(m: Pick<MatchSummary, 'direction' | 'containment' | 'coverage'>): {
  /** Share of this page's text found in the other article. */
  ofPage: number;
  /** Share of the other article's text found in this page. */
  ofOther: number;
} {
  return m.direction === 'from' ? { ofPage: m.containment, ofOther: m.coverage } : { ofPage: m.coverage, ofOther: m.containment };
}

/** The popup's sentence under its heading ("Partly copied from Axios"), which already names the verdict and the outlet. */
export function verdictSummary(result: CheckResult): string {
  const o = result.original;
  if (!o || !isRibbonVerdict(result.verdict)) return '';
  const outlet = outletName(o);
  if (result.verdict === 'rewrite') return t('ui_summary_rewrite', outlet, percent(o.containment));
  return t('ui_summary_copy', percent(o.containment), outlet, percent(o.coverage));
}

/** How a match relates to the checked page, in the page's terms ("This page rewrites it"). */
export function relationLabel(m: Pick<MatchSummary, 'direction' | 'verdict'>): string {
  const from = m.direction === 'from';
  switch (m.verdict) {
    case 'copy':
      return t(from ? 'ui_rel_copies_it' : 'ui_rel_copied_by');
    case 'partial-copy':
      return t(from ? 'ui_rel_copies_part' : 'ui_rel_part_copied_by');
    case 'rewrite':
      return t(from ? 'ui_rel_rewrites_it' : 'ui_rel_rewritten_by');
    default:
      return t('ui_rel_same_story');
  }
}

/** "Closest match: Daily Wire — 97% of this page": the match sharing the most of this page, beside the original. */
export function closestLine(m: Pick<MatchSummary, 'outlet' | 'host' | 'direction' | 'containment' | 'coverage'>): string {
  return t('ui_closest_line', outletName(m), percent(pageShares(m).ofPage));
}

/** "How sure: high". */
export function confidenceLabel(level: 'high' | 'medium' | 'low'): string {
  return t(`ui_confidence_${level}`);
}

/** The matches as the story's coverage, earliest first (stated date, else first seen), ties by outlet. */
export function byDate<T extends Pick<MatchSummary, 'publishedAt' | 'firstSeenAt' | 'outlet'>>(matches: readonly T[]): T[] {
  return [...matches].sort((a, b) => (a.publishedAt ?? a.firstSeenAt) - (b.publishedAt ?? b.firstSeenAt) || a.outlet.localeCompare(b.outlet));
}
