// The popup's words for how another article stands to this page: earlier or later (from the
// dates, never from a guess), why the named original is the original, and the two overlaps in
// plain sentences. Pure text: no DOM, so tests can pin every phrase.
import type { CheckResult, CreditKind, MatchSummary } from '../../index/types.ts';
import { formatDate, isRibbonVerdict, percent } from '../../ui/format.ts';
import { pluralKey, t, tPlural } from '../../ui/i18n.ts';

/** When this page appeared, read from its own record: its stated date, and when the reader first saw it. */
export interface PageDates {
  publishedAt?: number;
  firstSeenAt?: number;
}

type Dated = Pick<MatchSummary, 'publishedAt' | 'firstSeenAt' | 'direction'>;

/** A stated date without a time of day reads as midnight UTC (parse-time.ts). */
const dayOnly = (t: number) => t % 86_400_000 === 0;
const sameUtcDay = (a: number, b: number) => Math.floor(a / 86_400_000) === Math.floor(b / 86_400_000);

/** Whether `m` appeared before (-1) or after (1) this page, or neither can be told (0), and on what that rests. */
export function timeOrder(m: Dated, page: PageDates | undefined): { order: -1 | 0 | 1; basis: 'published' | 'read' | 'order' } {
  if (m.publishedAt !== undefined && page?.publishedAt !== undefined) {
    const a = m.publishedAt;
    const b = page.publishedAt;
    if (a === b || ((dayOnly(a) || dayOnly(b)) && sameUtcDay(a, b))) return { order: 0, basis: 'published' };
    return { order: a < b ? -1 : 1, basis: 'published' };
  }
  if (page?.firstSeenAt !== undefined && m.firstSeenAt !== page.firstSeenAt) return { order: m.firstSeenAt < page.firstSeenAt ? -1 : 1, basis: 'read' };
  // Without dates, the engine's order (credits, then dates, then sightings) says which came first.
  return { order: m.direction === 'from' ? -1 : 1, basis: 'order' };
}

/** "Published before this page", "You read it after this page", "Published the same day". */
export function whenLabel(m: Dated, page: PageDates | undefined): string {
  const { order, basis } = timeOrder(m, page);
  if (basis === 'published') return t(order < 0 ? 'popup_when_pub_before' : order > 0 ? 'popup_when_pub_after' : 'popup_when_pub_same');
  if (basis === 'read') return t(order < 0 ? 'popup_when_read_before' : 'popup_when_read_after');
  return t(order < 0 ? 'popup_when_came_before' : 'popup_when_came_after');
}

/** "published 31 Mar 2024, before this page (1 Apr 2024)", without this page's date when it reads the same as the original's. */
const publishedBefore = (pageAt: number, originalDate: string) =>
  formatDate(pageAt) === originalDate ? t('popup_why_before', originalDate) : t('popup_why_before_on', originalDate, formatDate(pageAt));

const when = (m: Pick<MatchSummary, 'publishedAt' | 'firstSeenAt'>) => m.publishedAt ?? m.firstSeenAt;

/** The articles this page derives from (the original among them). */
export function sourcesOf(result: CheckResult): MatchSummary[] {
  return result.matches.filter((m) => m.direction === 'from' && isRibbonVerdict(m.verdict));
}

/**
 * Why the named original is the original, in one line, from what the result carries:
 * "Why this original: published first of the 3 this page shares text with (31 Mar 2024), and this page credits it."
 */
export function whyOriginal(result: CheckResult, page: PageDates | undefined): string {
  const o = result.original;
  if (!o) return '';
  const sources = sourcesOf(result).filter((s) => s.id !== o.id);
  const earliest = sources.every((s) => when(s) >= when(o));
  const reasons: string[] = [];
  if (o.publishedAt !== undefined) {
    const date = formatDate(o.publishedAt);
    if (sources.length && earliest) reasons.push(t(pluralKey('popup_why_first_of', sources.length + 1), sources.length + 1, date));
    else if (page?.publishedAt !== undefined && o.publishedAt < page.publishedAt) reasons.push(publishedBefore(page.publishedAt, date));
    else reasons.push(t('popup_why_published', date));
  } else if (page?.firstSeenAt !== undefined && o.firstSeenAt < page.firstSeenAt) {
    reasons.push(t('popup_why_read_first', formatDate(o.firstSeenAt)));
  }
  if (result.credited) reasons.push(t(sources.length && !earliest ? 'popup_why_credits_though' : 'popup_why_credits'));
  if (reasons.length === 0) reasons.push(t('popup_why_most'));
  return reasons.length > 1 ? t('popup_why_two', reasons[0], reasons[1]) : t('popup_why', reasons[0]);
}

/** The two overlaps as sentences, the share in front: [share, rest of the sentence]. */
export function overlapSentences(result: CheckResult): { ofPage: [string, string]; ofOriginal: [string, string] } {
  const o = result.original!;
  if (result.verdict === 'rewrite')
    return {
      ofPage: [percent(o.containment), t('popup_overlap_rewrite_page')],
      ofOriginal: [percent(o.coverage), t('popup_overlap_rewrite_original')],
    };
  return {
    ofPage: [percent(o.containment), t('popup_overlap_page')],
    ofOriginal: [percent(o.coverage), t('popup_overlap_original')],
  };
}

/** What a rewrite is, beside its small word-for-word shares. */
export const REWRITE_NOTE = t('popup_rewrite_note');

/** Where a page credits a source, in plain words. */
export function creditWhere(kind: CreditKind): string {
  switch (kind) {
    case 'text':
      return t('popup_credit_text');
    case 'dateline':
      return t('popup_credit_dateline');
    case 'link':
      return t('popup_credit_link');
    case 'meta':
      return t('popup_credit_meta');
    case 'jsonld':
      return t('popup_credit_jsonld');
  }
}

/** "2 other articles share text with this page" / "1 other article…". */
export function othersHeading(n: number): string {
  return tPlural('popup_others', n);
}

/** The heading over the copies of an original: "3 articles reuse this page's text". */
export function copiesHeading(n: number): string {
  return tPlural('popup_copies', n);
}
