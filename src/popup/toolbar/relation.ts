// The popup's words for how another article stands to this page: earlier or later (from the
// dates, never from a guess), why the named original is the original, and the two overlaps in
// plain sentences. Pure text: no DOM, so tests can pin every phrase.
import type { CheckResult, CreditKind, MatchSummary } from '../../index/types.ts';
import { formatDate, isRibbonVerdict, percent, plural } from '../../ui/format.ts';

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
  if (basis === 'published') return order < 0 ? 'Published before this page' : order > 0 ? 'Published after this page' : 'Published the same day';
  if (basis === 'read') return order < 0 ? 'You read it before this page' : 'You read it after this page';
  return order < 0 ? 'Came before this page' : 'Came after this page';
}

/** " (1 Apr 2024)", or nothing when this page's date reads the same as the original's. */
const beforeOn = (t: number, originalDate: string) => (formatDate(t) === originalDate ? '' : ` (${formatDate(t)})`);

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
    if (sources.length && earliest) reasons.push(`published first of the ${sources.length + 1} this page shares text with (${date})`);
    else if (page?.publishedAt !== undefined && o.publishedAt < page.publishedAt)
      reasons.push(`published ${date}, before this page${beforeOn(page.publishedAt, date)}`);
    else reasons.push(`published ${date}`);
  } else if (page?.firstSeenAt !== undefined && o.firstSeenAt < page.firstSeenAt) {
    reasons.push(`you read it first (${formatDate(o.firstSeenAt)}); it states no date`);
  }
  if (result.credited) reasons.push(sources.length && !earliest ? 'this page credits it, though another was published earlier' : 'this page credits it');
  if (reasons.length === 0) reasons.push('it shares the most with this page of what came before it');
  return `Why this original: ${reasons.join(', and ')}.`;
}

/** The two overlaps as sentences, the share in front: [share, rest of the sentence]. */
export function overlapSentences(result: CheckResult): { ofPage: [string, string]; ofOriginal: [string, string] } {
  const o = result.original!;
  if (result.verdict === 'rewrite')
    return {
      ofPage: [percent(o.containment), 'of this page is word for word from the original'],
      ofOriginal: [percent(o.coverage), "of the original's wording is carried here"],
    };
  return {
    ofPage: [percent(o.containment), 'of this page comes from the original'],
    ofOriginal: [percent(o.coverage), 'of the original is carried on this page'],
  };
}

/** What a rewrite is, beside its small word-for-word shares. */
export const REWRITE_NOTE =
  'A rewrite tells the same facts in the same order in other words: it shares meaning more than exact wording, so its word-for-word shares are small.';

/** Where a page credits a source, in plain words. */
export function creditWhere(kind: CreditKind): string {
  switch (kind) {
    case 'text':
      return 'in its text';
    case 'dateline':
      return 'in its dateline';
    case 'link':
      return 'with a link';
    case 'meta':
      return 'in its page data';
    case 'jsonld':
      return 'in its article data';
  }
}

/** "2 other articles share text with this page" / "1 other article…". */
export function othersHeading(n: number): string {
  return `${n} other ${plural(n, 'article')} on this story`;
}

/** The heading over the copies of an original: "3 articles reuse this page's text". */
export function copiesHeading(n: number): string {
  return `${n} ${plural(n, 'article')} ${n === 1 ? 'reuses' : 'reuse'} this page's text`;
}
