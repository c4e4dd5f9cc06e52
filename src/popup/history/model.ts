// The history page's arithmetic, free of the DOM: which rows the filters keep, and the per-outlet
// figures drawn from them.
import type { Verdict } from '../../index/types.ts';
import type { HistoryRow } from '../../protocol/views.ts';
import { formatDate, outletName } from '../../ui/format.ts';
import { pluralKey, t, uiLocale, type MessageKey, type PluralBase } from '../../ui/i18n.ts';

/** The verdicts a history row can carry, in English words (the CSV export's; the page says verdictLabel). */
export const VERDICT_WORDS: Partial<Record<Verdict, string>> = {
  copy: 'Copied',
  'partial-copy': 'Edited (partly copied)',
  rewrite: 'Rewritten',
  related: 'Followed (related coverage)',
};

const VERDICT_KEYS: Partial<Record<Verdict, MessageKey>> = {
  copy: 'history_verdictCopy',
  'partial-copy': 'history_verdictPartial',
  rewrite: 'history_verdictRewrite',
  related: 'history_verdictRelated',
};

/** A verdict in the interface's language, as the page shows it. */
export function verdictLabel(verdict: string): string {
  const key = VERDICT_KEYS[verdict as Verdict];
  return key ? t(key) : verdict;
}

/** A counted message (`<base>_<plural category>`) in the form the interface language picks for n. */
export function tCount(base: PluralBase, n: number, ...subs: (string | number)[]): string {
  return t(pluralKey(base, n), ...subs);
}

/** "31 Mar 2024": a day in the interface's language (English keeps its own short form). */
export function dayText(ms: number): string {
  const { lang } = uiLocale();
  if (/^en\b/i.test(lang)) return formatDate(ms);
  try {
    return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(ms);
  } catch {
    return formatDate(ms);
  }
}

export interface Filters {
  /** A verdict, or '' for all. */
  verdict: string;
  /** An outlet (as copier or as original), or '' for all. */
  outlet: string;
  /** Words searched in both titles and both outlets. */
  text: string;
  /** Local days "YYYY-MM-DD", inclusive, or ''. */
  from: string;
  to: string;
}

export const NO_FILTERS: Filters = { verdict: '', outlet: '', text: '', from: '', to: '' };

/** The local midnight of a "YYYY-MM-DD" day, or undefined for anything else. */
export function dayStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isNaN(t) ? undefined : t;
}

const fold = (s: string) => s.toLocaleLowerCase().normalize('NFKC');

function matchesText(r: HistoryRow, text: string): boolean {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold([r.page.title, outletName(r.page), r.original.title, outletName(r.original)].join('\n'));
  return words.every((w) => hay.includes(w));
}

/** The rows the filters keep, in their order (newest first). */
export function filterRows(rows: readonly HistoryRow[], f: Filters): HistoryRow[] {
  const from = dayStart(f.from);
  const toDay = dayStart(f.to);
  const to = toDay === undefined ? undefined : toDay + 86_400_000;
  return rows.filter(
    (r) =>
      (!f.verdict || r.verdict === f.verdict) &&
      (!f.outlet || outletName(r.page) === f.outlet || outletName(r.original) === f.outlet) &&
      (from === undefined || r.readAt >= from) &&
      (to === undefined || r.readAt < to) &&
      matchesText(r, f.text),
  );
}

/** Every outlet of the rows, as copier or original, alphabetically. */
export function outletsOf(rows: readonly HistoryRow[]): string[] {
  const names = new Set(rows.flatMap((r) => [outletName(r.page), outletName(r.original)]));
  return [...names].sort((a, b) => a.localeCompare(b));
}

export interface TakenPair {
  taker: string;
  source: string;
  count: number;
}

/** Who takes from whom: one entry per (outlet, its original's outlet), most often first. */
export function takenPairs(rows: readonly HistoryRow[]): TakenPair[] {
  const pairs = new Map<string, TakenPair>();
  for (const r of rows) {
    const taker = outletName(r.page);
    const source = outletName(r.original);
    const key = `${taker}\u0000${source}`;
    const p = pairs.get(key) ?? { taker, source, count: 0 };
    p.count++;
    pairs.set(key, p);
  }
  return [...pairs.values()].sort((a, b) => b.count - a.count || a.taker.localeCompare(b.taker) || a.source.localeCompare(b.source));
}

export interface CreditFigure {
  outlet: string;
  credited: number;
  uncredited: number;
}

/** For each outlet that took from another: how many of its pages credit their original, and how many do not. */
export function creditByOutlet(rows: readonly HistoryRow[]): CreditFigure[] {
  const out = new Map<string, CreditFigure>();
  for (const r of rows) {
    const outlet = outletName(r.page);
    const f = out.get(outlet) ?? { outlet, credited: 0, uncredited: 0 };
    if (r.credited) f.credited++;
    else f.uncredited++;
    out.set(outlet, f);
  }
  return [...out.values()].sort((a, b) => b.credited + b.uncredited - (a.credited + a.uncredited) || a.outlet.localeCompare(b.outlet));
}
