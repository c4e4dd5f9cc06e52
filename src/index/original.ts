// Which of the articles a page derives from is its original, how sure that is, and which one is
// closest. The order of two articles rests on three grounds: a credit (text, link, canonical link,
// JSON-LD isBasedOn), the stated publication dates at the precision they were stated, and when
// the reader first saw each. A copy that is itself in the index is passed over for the earlier
// article it copies.
import { creditsOutlet } from './provenance.ts';
import { containedInSketch } from './sketch.ts';
import type { ArticleRecord, Credit, MatchSummary, OriginalConfidence } from './types.ts';
import { isDerived } from './verdict.ts';
import type { VerifyCache } from './verify.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A day-only date may stand for any moment of that day anywhere on Earth: UTC−12 to UTC+14. */
const EARLIEST_ZONE = 14 * HOUR;
const LATEST_ZONE = 12 * HOUR;
/** Share of a source's text found in an earlier source for it to count as a near-verbatim copy of it. */
export const NEAR_VERBATIM = 0.9;

/** When the article appeared: its stated publication time, else when the reader first saw it. */
export function when(r: Pick<ArticleRecord, 'publishedAt' | 'firstSeenAt'>): number {
  return r.publishedAt ?? r.firstSeenAt;
}

/**
 * Whether a stated date was stated without a time: a date in the URL path or a date-only value,
 * which the engine reads as midnight UTC (parse-time.ts). Records do not keep where a date was
 * read, so a date stated as exactly midnight UTC counts as a day only, which errs on the side of
 * "cannot tell" for two articles of one day.
 */
export function dayOnly(t: number | undefined): boolean {
  return t !== undefined && t % DAY === 0;
}

/** A time for a reader: to the minute, or the day alone for a day-only stated date. */
export function day(t: number, stated = false): string {
  const iso = new Date(t).toISOString();
  return stated && dayOnly(t) ? `${iso.slice(0, 10)} (day only)` : iso.slice(0, 16).replace('T', ' ') + ' UTC';
}

/**
 * The order of two times, each a stated date (possibly day-only) or a sighting: -1 when `a` is
 * first, 1 when `b` is, 0 when they cannot be told apart (equal, or one day-only date and a time
 * that may fall on that day in some time zone).
 */
function timeOrder(a: number, aDay: boolean, b: number, bDay: boolean): -1 | 0 | 1 {
  if (aDay === bDay) return a < b ? -1 : a > b ? 1 : 0;
  const [d, t, sign] = aDay ? [a, b, 1] : [b, a, -1];
  if (t < d - EARLIEST_ZONE) return sign === 1 ? 1 : -1;
  if (t >= d + DAY + LATEST_ZONE) return sign === 1 ? -1 : 1;
  return 0;
}

/** The order of two articles by their times alone (stated date, else first sight): -1, 0 or 1. */
function appeared(a: ArticleRecord, b: ArticleRecord): -1 | 0 | 1 {
  return timeOrder(when(a), dayOnly(a.publishedAt), when(b), dayOnly(b.publishedAt));
}

/** True when `a` came before `b`: earlier publication (at the precision stated), then earlier first sight; ties keep the stored one first. */
export function cameFirst(a: ArticleRecord, b: ArticleRecord): boolean {
  const o = appeared(a, b);
  return o !== 0 ? o < 0 : a.firstSeenAt <= b.firstSeenAt;
}

/** True when `a` came before `b`, credits first: an article that credits the other's outlet came second. False on a tie. */
export function before(a: ArticleRecord, b: ArticleRecord): boolean {
  const aCredits = creditsOutlet(a.credits, b.outletKey, b.host);
  const bCredits = creditsOutlet(b.credits, a.outletKey, a.host);
  if (bCredits !== aCredits) return bCredits;
  const o = appeared(a, b);
  return o !== 0 ? o < 0 : a.firstSeenAt < b.firstSeenAt;
}

/** Share of `copy`'s shingles found in `source`, boilerplate aside. */
function containedIn(copy: ArticleRecord, source: ArticleRecord, ignore: ReadonlySet<number>, cache: VerifyCache): number {
  // A listed article has no word hashes: its share is estimated from its sketch.
  if (copy.sketch || source.sketch) return containedInSketch(copy, source, ignore, cache);
  const c = cache.shingleSet(copy.tokens);
  const s = cache.shingleSet(source.tokens);
  let size = 0;
  let inter = 0;
  for (const h of c) {
    if (ignore.has(h)) continue;
    size++;
    if (s.has(h)) inter++;
  }
  return size ? inter / size : 0;
}

/** One article this page derives from: the match as the reader is told of it, and its record. */
export interface Source {
  match: MatchSummary;
  record: ArticleRecord;
}

/** A source not named although it might have been, and why. */
interface PassedOver {
  source: Source;
  /** A sentence for the reader. */
  why: string;
  /** What it did to the original: "credits it" or "is a copy of it". */
  relation: string;
}

/** The original among the sources, the sources passed over for it, and the others. */
export interface OriginalChoice {
  original: Source;
  /** Every source of the page (the original among them), earliest first. */
  sources: Source[];
  passedOver: PassedOver[];
  /** Sources that seem earlier than the original, passed over only because this page credits the original. */
  earlier: PassedOver[];
  /** Sources that may have come before the original: their order with it cannot be told. */
  unclear: Source[];
}

/**
 * The original among the matches this page derives from. The earliest of those the page credits,
 * else the earliest of all (credits between sources first, then stated dates at their precision,
 * then first sight). A source that credits an earlier source, or is a near-verbatim copy of one,
 * is an intermediate: the earlier source is named instead.
 */
export function chooseOriginal(
  matches: readonly MatchSummary[],
  records: readonly ArticleRecord[],
  ignore: ReadonlySet<number>,
  cache: VerifyCache,
): OriginalChoice | undefined {
  const byId = new Map(records.map((r) => [r.id, r]));
  const sources: Source[] = [];
  for (const m of matches) {
    const record = byId.get(m.id);
    if (record && m.direction === 'from' && isDerived(m.verdict)) sources.push({ match: m, record });
  }
  if (!sources.length) return undefined;
  // Earliest first; on a tie, the matches' own order (strongest verdict, then score) stays.
  sources.sort((a, b) => when(a.record) - when(b.record) || a.record.firstSeenAt - b.record.firstSeenAt);
  const credited = sources.filter((s) => s.match.credited);
  const pool = credited.length ? credited : sources;
  let best = pool[0];
  for (const s of pool) if (s !== best && before(s.record, best.record)) best = s;
  // An intermediate is not the original: follow it back to the earlier source it copies or credits.
  const passedOver: PassedOver[] = [];
  const earlier: PassedOver[] = [];
  const seen = new Set<Source>([best]);
  for (;;) {
    const x = best;
    let found: { e: Source; why: PassedOver } | undefined;
    for (const e of sources) {
      if (seen.has(e) || !before(e.record, x.record)) continue;
      const why = intermediateOf(x, e, ignore, cache);
      if (why) {
        found = { e, why };
        break;
      }
    }
    if (!found) break;
    passedOver.push(found.why);
    seen.add(found.e);
    best = found.e;
  }
  const o = best.record;
  const outlet = best.match.outlet;
  const rest = sources.filter((s) => s !== best && !passedOver.some((p) => p.source === s));
  // Sources whose own time is earlier than the original's, and why they are not named.
  for (const s of rest) {
    if (appeared(s.record, o) >= 0) continue;
    const stated =
      s.record.publishedAt !== undefined
        ? `states an earlier date (${day(s.record.publishedAt, true)})`
        : o.publishedAt !== undefined
          ? `was read (${day(s.record.firstSeenAt)}) before the date ${outlet} states`
          : 'was read earlier';
    if (creditsOutlet(s.record.credits, o.outletKey, o.host))
      passedOver.push({ source: s, relation: 'credits it', why: `${s.match.outlet} ${stated} but credits ${outlet}, so it came after it.` });
    else if (best.match.credited && !s.match.credited)
      earlier.push({
        source: s,
        relation: '',
        why: `${s.match.outlet} ${stated} and shares text with this page too; ${outlet} is named because this page credits it.`,
      });
  }
  const unclear = rest.filter((s) => appeared(s.record, o) === 0 && !creditDecides(s.record, o));
  return { original: best, sources, passedOver, earlier, unclear };
}

/** Why `x` is an intermediate copy of the earlier source `e`, or undefined when it is not one. */
function intermediateOf(x: Source, e: Source, ignore: ReadonlySet<number>, cache: VerifyCache): PassedOver | undefined {
  if (creditsOutlet(x.record.credits, e.record.outletKey, e.record.host))
    return { source: x, relation: 'credits it', why: `${x.match.outlet} is not named: it credits ${e.match.outlet}, which came before it.` };
  const share = containedIn(x.record, e.record, ignore, cache);
  if (share >= NEAR_VERBATIM)
    return {
      source: x,
      relation: 'is a copy of it',
      why: `${x.match.outlet} is not named: ${pct(share)} of its text is in ${e.match.outlet}, which came before it, so it is a copy of ${e.match.outlet}.`,
    };
  return undefined;
}

/** Whether a credit between the two articles settles their order. */
function creditDecides(a: ArticleRecord, b: ArticleRecord): boolean {
  return creditsOutlet(a.credits, b.outletKey, b.host) !== creditsOutlet(b.credits, a.outletKey, a.host);
}

export const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** The source sharing the most of this page's text, when that is visibly more than the original does. */
export function closestOf(choice: OriginalChoice): MatchSummary | undefined {
  const o = choice.original.match;
  let best = o;
  for (const s of choice.sources) if (s.match.containment > best.containment) best = s.match;
  return best !== o && Math.round(best.containment * 100) > Math.round(o.containment * 100) ? best : undefined;
}

/** The credit of this page's that names the original, if any. */
function creditTo(me: ArticleRecord, o: ArticleRecord): Credit | undefined {
  return me.credits.find((c) => creditsOutlet([c], o.outletKey, o.host));
}

const sameUrl = (a: string, b: string) => a.replace(/[#?].*$/, '').replace(/\/+$/, '') === b.replace(/[#?].*$/, '').replace(/\/+$/, '');

/** A credit as a sentence: a canonical link and JSON-LD isBasedOn are named as such. */
function creditSentence(c: Credit, o: ArticleRecord, outlet: string): string {
  const url = c.evidence.replace(/^canonical:\s*/, '');
  const itsArticle = /^https?:\/\//i.test(url) && (sameUrl(url, o.url) || sameUrl(url, o.id)) ? `${outlet}'s article` : outlet;
  if (c.kind === 'meta' && c.evidence.startsWith('canonical:')) return `This page's canonical link points to ${itsArticle}.`;
  if (c.kind === 'jsonld' && /^https?:\/\//i.test(c.evidence)) return `This page's JSON-LD says it is based on ${itsArticle}.`;
  if (c.kind === 'jsonld') return `This page's metadata names ${outlet} as its source.`;
  if (c.kind === 'meta') return `This page's metadata names ${itsArticle} as its source.`;
  const words = c.evidence.length > 80 ? `${c.evidence.slice(0, 79)}…` : c.evidence;
  return `This page credits ${outlet} (“${words}”).`;
}

type Side = 'original' | 'page' | 'unclear';
interface Ground {
  kind: 'credit' | 'dates' | 'sighting';
  says: Side;
  reason: string;
}

/** What each ground says about whether the original came before the page. */
function groundsOf(me: ArticleRecord, o: ArticleRecord, outlet: string): Ground[] {
  const out: Ground[] = [];
  const iCredit = creditTo(me, o);
  const theyCredit = creditsOutlet(o.credits, me.outletKey, me.host);
  if (iCredit && theyCredit)
    out.push({ kind: 'credit', says: 'unclear', reason: `This page and ${outlet} credit each other, so the credits do not tell which came first.` });
  else if (iCredit) out.push({ kind: 'credit', says: 'original', reason: creditSentence(iCredit, o, outlet) });
  else if (theyCredit) out.push({ kind: 'credit', says: 'page', reason: `${outlet} credits this page's outlet.` });
  if (o.publishedAt !== undefined && me.publishedAt !== undefined) {
    const ord = timeOrder(o.publishedAt, dayOnly(o.publishedAt), me.publishedAt, dayOnly(me.publishedAt));
    const both = `${outlet} states ${day(o.publishedAt, true)}, this page ${day(me.publishedAt, true)}`;
    if (ord < 0) out.push({ kind: 'dates', says: 'original', reason: `${both}.` });
    else if (ord > 0) out.push({ kind: 'dates', says: 'page', reason: `${both}: this page's stated date is earlier.` });
    else out.push({ kind: 'dates', says: 'unclear', reason: `${both}: the same day, stated without a time, so the dates cannot tell which came first.` });
  } else if (o.publishedAt !== undefined) {
    out.push({ kind: 'dates', says: 'unclear', reason: `${outlet} states ${day(o.publishedAt, true)}; this page states no date.` });
  } else if (me.publishedAt !== undefined) {
    // The reader saw the original before the moment this page says it was published.
    const ord = timeOrder(o.firstSeenAt, false, me.publishedAt, dayOnly(me.publishedAt));
    out.push(
      ord < 0
        ? {
            kind: 'dates',
            says: 'original',
            reason: `You read ${outlet} (${day(o.firstSeenAt)}) before the date this page states (${day(me.publishedAt, true)}).`,
          }
        : { kind: 'dates', says: 'unclear', reason: `This page states ${day(me.publishedAt, true)}; ${outlet} states no date.` },
    );
  } else out.push({ kind: 'dates', says: 'unclear', reason: `Neither page states a publication date.` });
  if (o.firstSeenAt < me.firstSeenAt)
    out.push({ kind: 'sighting', says: 'original', reason: `You read ${outlet} first (${day(o.firstSeenAt)}), this page later (${day(me.firstSeenAt)}).` });
  else if (o.firstSeenAt > me.firstSeenAt)
    out.push({ kind: 'sighting', says: 'page', reason: `You read this page first (${day(me.firstSeenAt)}) and ${outlet} later (${day(o.firstSeenAt)}).` });
  return out;
}

/**
 * How sure the choice of the original is. High: the page credits it and nothing says otherwise,
 * or the stated dates and the reader's sightings agree. Medium: one ground alone, or a credit
 * that one other ground disputes, or another source whose order with the original cannot be told.
 * Low: the grounds disagree, or the stated dates fall on one day stated without a time and
 * nothing else decides.
 */
export function confidenceOf(me: ArticleRecord, choice: OriginalChoice): OriginalConfidence {
  const { original } = choice;
  const outlet = original.match.outlet;
  const grounds = groundsOf(me, original.record, outlet);
  const pro = grounds.filter((g) => g.says === 'original');
  const con = grounds.filter((g) => g.says === 'page');
  const has = (gs: Ground[], k: Ground['kind']) => gs.some((g) => g.kind === k);
  const sameDay = grounds.some((g) => g.kind === 'dates' && g.says === 'unclear' && me.publishedAt !== undefined && original.record.publishedAt !== undefined);
  let level: OriginalConfidence['level'];
  if (has(pro, 'credit')) level = con.length === 0 ? 'high' : con.length === 1 && pro.length > 1 ? 'medium' : 'low';
  else if (con.length || sameDay || !pro.length) level = 'low';
  else level = has(pro, 'dates') && has(pro, 'sighting') ? 'high' : 'medium';
  const reasons = [...pro, ...con, ...grounds.filter((g) => g.says === 'unclear')].map((g) => g.reason);
  // Say plainly when one ground alone, against another, makes the original first.
  const only = pro.length === 1 ? pro[0] : undefined;
  if (con.length && only?.kind === 'dates') reasons.unshift(`Only the stated dates put ${outlet} first.`);
  else if (con.length && only?.kind === 'sighting') reasons.unshift(`Only your reading order puts ${outlet} first.`);
  else if (!pro.length && original.record.publishedAt !== undefined) reasons.unshift(`Only the date ${outlet} states puts it first.`);
  else if (!pro.length) reasons.unshift(`Nothing shows that ${outlet} came first.`);
  for (const p of choice.passedOver) reasons.push(p.why);
  for (const p of choice.earlier) reasons.push(p.why);
  if (choice.earlier.length && level === 'high') level = 'medium';
  // The page names its source, and it is not the original nor any source in the index: that
  // article may be the real original, unseen. When the original credits it too, it is likely
  // the source of both (a wire story, or the report both copied).
  if (!has(pro, 'credit')) {
    const unseen = elsewhere(me, choice);
    const both = unseen.filter((c) => original.record.credits.some((oc) => oc.key === c.key));
    const rest = unseen.filter((c) => !both.includes(c));
    const whose = (cs: Credit[]) => (cs.length > 1 ? 'whose articles are not in your index: one may be' : 'whose article is not in your index: it may be');
    if (both.length) {
      level = 'low';
      reasons.push(`This page and ${outlet} both credit ${names(both)}, ${whose(both)} the original of both.`);
    }
    if (rest.length) {
      if (level === 'high') level = 'medium';
      reasons.push(`This page credits ${names(rest)}, ${whose(rest)} the original.`);
    }
  }
  if (choice.unclear.length) {
    if (level === 'high') level = 'medium';
    for (const s of choice.unclear.slice(0, 3)) {
      const r = s.record;
      const o = original.record;
      const why =
        r.publishedAt !== undefined && o.publishedAt !== undefined
          ? 'their stated dates fall on one day, stated without a time'
          : 'nothing tells which of the two came first';
      const named = o.firstSeenAt < r.firstSeenAt ? `you read ${outlet} first` : `${outlet} shares more with this page`;
      reasons.push(`${s.match.outlet} may have come before ${outlet}: ${why}; ${named}.`);
    }
  }
  return { level, reasons };
}

/** Outlets named for a reader: the first three, then how many more. */
function names(credits: Credit[]): string {
  const shown = credits.slice(0, 3).map((c) => c.outlet);
  const more = credits.length - shown.length;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
  return more > 0 ? `${shown.join(', ')} and ${more} more` : list;
}

/** This page's credits to outlets none of whose articles is among its sources. */
function elsewhere(me: ArticleRecord, choice: OriginalChoice): Credit[] {
  return me.credits.filter((c) => !choice.sources.some((s) => creditsOutlet([c], s.record.outletKey, s.record.host)));
}

/** Why the original is named among several sources, as one sentence that stays true. */
export function othersSentence(choice: OriginalChoice): string | undefined {
  const others = choice.sources.length - 1;
  if (others < 1) return undefined;
  const o = choice.original;
  const last = choice.passedOver[choice.passedOver.length - 1];
  const because = last
    ? `${last.source.match.outlet}, which this page shares text with too, ${last.relation}`
    : o.match.credited && choice.sources.some((s) => !s.match.credited)
      ? 'this page credits it'
      : 'it came first';
  return `${others} other ${others === 1 ? 'article' : 'articles'} in your index that this page shares text with came before it; ${o.match.outlet} is named because ${because}.`;
}
