// The check of one page against the index: candidates by band keys, exact verification,
// verdicts, and the choice of the original.
import type { Fingerprint } from './fingerprint.ts';
import { withChars } from './compare.ts';
import { DEFAULT_PARAMS, paramsId } from './params.ts';
import { cameFirst, chooseOriginal, closestOf, confidenceOf, day, othersSentence, pct, when, type OriginalChoice } from './original.ts';
import { creditsOutlet } from './provenance.ts';
import { LIST_BAND_STRIDE, measureSketch } from './sketch.ts';
import type { CandidateHit, CandidateSource, StoreRef } from './store.ts';
import { MAX_TOPIC_CANDIDATES, MAX_TOPIC_POSTINGS, MIN_TOPIC_HITS, topicKeys } from './topic.ts';
import type { ArticleRecord, CheckResult, MatchSummary } from './types.ts';
import { isDerived, score, VERDICT_RANK, verdictOf, type Sensitivity } from './verdict.ts';
import { boilerplateShingles, measure, VerifyCache } from './verify.ts';

/** At most this many candidates are read from the store, those sharing the most bands first. */
export const MAX_FETCHED = 32;
/** At most this many are verified exactly, those whose signatures agree most first. */
export const MAX_VERIFIED = 16;
/**
 * Signature positions that must agree for a candidate to be verified. A band hit alone gives 2
 * (its rows). Two unrelated articles that share stock phrases (Jaccard ~0.01) agree in 2.6 of 256
 * positions on average and reach 6 about 5% of the time; a rewrite at Jaccard 0.05 is expected
 * to agree in 13 and falls under 6 about 1% of the time. On the development corpus every
 * derived pair the bands retrieve passes (`npm run eval`, the "verified" column).
 */
export const MIN_AGREEMENT = 6;

/**
 * Kept bands a listed article (known by its sketch, which keeps every LIST_BAND_STRIDE-th band
 * and no signature) must share with the page to be verified. Its signature cannot be compared, so
 * the bands it is found by are all there is: one shared band is verified, the sketch's estimates
 * then decide (unrelated pairs share a band about as rarely as with full records, half the bands
 * being kept; `npm run eval -- PAIRS --index --as-list`).
 */
export const MIN_SKETCH_BANDS = 1;
/**
 * A listed article that shares no more band keys than this with the page, each held by another
 * article too (CandidateHit.common), is not read: a phrase that several articles share says
 * nothing of where the page came from, as the text many outlets share is left out of every
 * comparison (sharedBoilerplate), and against a 100k-article list reading such articles was
 * about half of a check's requests (BENCHMARKS.md, "Reuse lists at 100k").
 */
export const MAX_COMMON_BANDS = 1;

/** Number of equal positions of two signatures of the same parameters. */
function agreement(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) n++;
  return n;
}

/** Number of the sketch's kept bands the page has too. */
function sketchBands(me: ArticleRecord, s: NonNullable<ArticleRecord['sketch']>): number {
  let n = 0;
  for (let i = 0; i < s.bands.length; i++) {
    const key = me.bandKeys[i * LIST_BAND_STRIDE];
    if (key !== undefined && key % 0x1_0000_0000 === s.bands[i]) n++;
  }
  return n;
}

/** The page being checked, with its fingerprint when at hand (for passage character ranges). */
interface Page {
  record: ArticleRecord;
  fp?: Fingerprint;
}

/** What the comparisons of one check share. */
interface CheckContext {
  page: Page;
  ignore: ReadonlySet<number>;
  cache: VerifyCache;
  sensitivity: Sensitivity | undefined;
}

/** The page against the index: its matches in both directions, its verdict, its original and why. */
export async function checkArticle(store: CandidateSource, page: Page, opts: CheckOptions = {}): Promise<CheckResult> {
  const me = page.record;
  const fetched = await fetchCandidates(store, me, opts.exclude);
  // Numbers are told by their hashes, known for the default signature parameters only.
  const cache = new VerifyCache(me.params === paramsId(DEFAULT_PARAMS) ? DEFAULT_PARAMS.seed : undefined);
  const records = worthVerifying(me, fetched, cache);
  const ctx: CheckContext = { page, ignore: sharedBoilerplate(me, records, fetched.byBands, cache), cache, sensitivity: opts.sensitivity };
  const matches: MatchSummary[] = [];
  const evidence: string[] = [];
  for (const r of records) {
    const m = matchWith(ctx, r);
    if (!m) continue;
    matches.push(m.match);
    evidence.push(...m.evidence);
  }
  matches.sort((a, b) => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || b.score - a.score);
  const choice = sourcesByOriginality(matches, records, ctx);
  if (!choice) return resultOf(me, matches, undefined, evidence);
  // The sentence naming the original leads; what qualifies it follows the notes on single pairs.
  const why = originalEvidence(me, choice);
  return resultOf(me, matches, choice, [why.lead, ...evidence, ...why.notes]);
}

export interface CheckOptions {
  sensitivity?: Sensitivity;
  /** Ids of articles this page is never compared with: those the reader said it is not a copy of
   * (or not the original of). The next-best source, if any, is named instead. */
  exclude?: ReadonlySet<string>;
}

/** What a check reads from the store: the records sharing the most bands with the page (found by
 * shared phrasing), then those sharing the most topic keys with it (found by shared vocabulary). */
interface Fetched {
  byBands: ArticleRecord[];
  byTopic: ArticleRecord[];
}

/** Best-ranked references first: most shared keys, then by reference, for a stable order. */
function ranked(hits: CandidateHit[]): StoreRef[] {
  return hits.sort((a, b) => b.hits - a.hits || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)).map((h) => h.ref);
}

/** The stored records that share the most bands or topic keys with the page: not the page itself, and only those signed alike. */
async function fetchCandidates(store: CandidateSource, me: ArticleRecord, exclude?: ReadonlySet<string>): Promise<Fetched> {
  const [bandHits, topicHits] = await Promise.all([store.candidates(me.bandKeys), store.candidates(topicKeys(me.tokens), MAX_TOPIC_POSTINGS, MIN_TOPIC_HITS)]);
  // The page itself may be stored already: one more is read so it does not take another's place
  // (and one more per article excluded, for the same reason).
  const spare = 1 + Math.min(exclude?.size ?? 0, MAX_FETCHED);
  const byBands = ranked(bandHits.filter((h) => !(h.common && h.hits <= MAX_COMMON_BANDS))).slice(0, MAX_FETCHED + spare);
  const seen = new Set(byBands);
  const byTopic = ranked(topicHits.filter((h) => h.hits >= MIN_TOPIC_HITS))
    .filter((ref) => !seen.has(ref))
    .slice(0, MAX_TOPIC_CANDIDATES + spare);
  // A store may name one article by two references (the reader's own record and a list's entry
  // of it): it is read once.
  const ids = new Set<string>();
  const usable = (r: ArticleRecord) => r.id !== me.id && r.params === me.params && !exclude?.has(r.id) && !ids.has(r.id) && !!ids.add(r.id);
  const [bands, topic] = await Promise.all([store.fetch(byBands), byTopic.length ? store.fetch(byTopic) : []]);
  const fromBands = bands.filter(usable).slice(0, MAX_FETCHED);
  return { byBands: fromBands, byTopic: topic.filter(usable).slice(0, MAX_TOPIC_CANDIDATES) };
}

/** The candidates to verify exactly: those found by bands whose signatures agree best, then those found by topic. */
function worthVerifying(me: ArticleRecord, fetched: Fetched, cache: VerifyCache): ArticleRecord[] {
  // Only candidates whose whole signature agrees beyond the one band that found them are verified;
  // a listed article, known by its sketch, by the bands it shares. Both are ranked by the Jaccard
  // similarity their agreement suggests: agreeing positions estimate it, shared bands its square.
  const byBands = fetched.byBands
    .map((r) => {
      if (!r.sketch) {
        const agree = agreement(me.signature, r.signature);
        return { r, pass: agree >= MIN_AGREEMENT, rank: agree / Math.max(1, me.signature.length) };
      }
      const bands = sketchBands(me, r.sketch);
      return { r, pass: bands >= MIN_SKETCH_BANDS, rank: Math.sqrt(bands / Math.max(1, r.sketch.bands.length)) };
    })
    .filter((x) => x.pass)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, MAX_VERIFIED)
    .map((x) => x.r);
  // Those found by vocabulary share few phrases by nature: instead of the signature, their
  // vocabularies must overlap as much as related coverage's do at the least, a cheap set count
  // (estimated from the topic sketch for a listed article).
  const mine = cache.vocabulary(me.tokens);
  const byTopic = fetched.byTopic.filter((r) => {
    let a: number;
    let b: number;
    if (r.sketch) {
      const f = measureSketch(r.sketch, me.tokens, 'candidate', undefined, cache);
      [a, b] = [f.vocabulary, f.originalVocabulary];
    } else {
      const theirs = cache.vocabulary(r.tokens);
      let shared = 0;
      for (const t of theirs) if (mine.has(t)) shared++;
      a = shared / Math.max(1, mine.size);
      b = shared / Math.max(1, theirs.size);
    }
    return Math.max(a, b) >= MIN_TOPIC_VOCABULARY && Math.min(a, b) >= MIN_TOPIC_VOCABULARY_OTHER;
  });
  return [...byBands, ...byTopic];
}

/** A candidate found by topic keys alone is verified when one text has this share of its words in
 * the other, and the other at least MIN_TOPIC_VOCABULARY_OTHER: below the related verdict's bars
 * (a fifth and 15%), so no candidate that could be related is left out. */
const MIN_TOPIC_VOCABULARY = 0.15;
const MIN_TOPIC_VOCABULARY_OTHER = 0.1;

/** Shingles to leave out of every comparison; none when nothing is to be verified. */
function sharedBoilerplate(me: ArticleRecord, records: ArticleRecord[], fetched: ArticleRecord[], cache: VerifyCache): Set<number> {
  if (!records.length) return new Set<number>();
  // Text that many outlets share with this page (bylines, boilerplate, wire notes) is ignored;
  // the pages that reveal it are the weak candidates too, so all fetched records count.
  // Listed articles have no text to tell it by: they take no part.
  const others = fetched.filter((r) => !r.sketch).map((r) => ({ tokens: r.tokens, outlet: r.outletKey }));
  return boilerplateShingles(me.tokens, others, me.outletKey, undefined, undefined, cache);
}

/** Whether the page came before `r`. Credits are strong evidence of order: a page that credits the other came second. */
function pageCameFirst(me: ArticleRecord, r: ArticleRecord, iCredit: boolean, theyCredit: boolean): boolean {
  if (iCredit && !theyCredit) return false;
  if (theyCredit && !iCredit) return true;
  return cameFirst(me, r);
}

/** The page against one candidate: the match with what it says about order, or null when unrelated. */
function matchWith(ctx: CheckContext, r: ArticleRecord): { match: MatchSummary; evidence: string[] } | null {
  const me = ctx.page.record;
  const iCredit = creditsOutlet(me.credits, r.outletKey, r.host);
  const theyCredit = creditsOutlet(r.credits, me.outletKey, me.host);
  const pageFirst = pageCameFirst(me, r, iCredit, theyCredit);
  const f = r.sketch
    ? measureSketch(r.sketch, me.tokens, pageFirst ? 'original' : 'candidate', ctx.ignore, ctx.cache)
    : pageFirst
      ? measure(me.tokens, r.tokens, ctx.ignore, ctx.cache)
      : measure(r.tokens, me.tokens, ctx.ignore, ctx.cache);
  const credited = pageFirst ? theyCredit : iCredit;
  const measured = verdictOf(f, ctx.sensitivity, credited);
  // Two pages that credit one source and not each other are told from that source: a rewrite of
  // one by the other is the same story twice (siblings), unless it shares their verbatim text.
  const source = measured === 'rewrite' && !iCredit && !theyCredit ? sharedSource(me, r) : undefined;
  const verdict = source ? 'related' : measured;
  if (verdict === 'unrelated') return null;
  const offsets = ctx.page.fp?.offsets;
  const passages = pageFirst ? withChars(f.passages, undefined, offsets) : withChars(f.passages, offsets);
  const match: MatchSummary = {
    id: r.id,
    url: r.url,
    title: r.title,
    outlet: r.outlet,
    host: r.host,
    ...(r.publishedAt !== undefined ? { publishedAt: r.publishedAt } : {}),
    firstSeenAt: r.firstSeenAt,
    direction: pageFirst ? 'to' : 'from',
    verdict,
    score: score(f),
    containment: f.containment,
    coverage: f.coverage,
    jaccard: f.jaccard,
    ordered: f.ordered,
    credited,
    passages,
    // A listed article's passages are placed on the page's side only.
    ...(r.sketch ? { textFree: true } : {}),
  };
  const evidence = orderEvidence(me, r, { pageFirst, iCredit, theyCredit, derived: isDerived(verdict) });
  if (source) evidence.push(`This page and ${r.outlet} both credit ${source} and tell the story in their own words: neither is named as the other's original.`);
  return { match, evidence };
}

/** The outlet both records credit that is neither of theirs, if any. Both outlets must be known:
 * a text of no known outlet may be crediting itself ("officials told Axios", in Axios's report). */
function sharedSource(a: ArticleRecord, b: ArticleRecord): string | undefined {
  if (!a.outletKey || !b.outletKey) return undefined;
  const own = new Set([a.outletKey, b.outletKey]);
  const keys = new Set(a.credits.map((c) => c.key).filter((k) => k && !own.has(k)));
  return b.credits.find((c) => keys.has(c.key))?.outlet;
}

/** Sentences about a pair whose order rests on a credit or on the page's own stated date. */
function orderEvidence(me: ArticleRecord, r: ArticleRecord, o: { pageFirst: boolean; iCredit: boolean; theyCredit: boolean; derived: boolean }): string[] {
  const out: string[] = [];
  if (o.iCredit && !cameFirst(r, me) && o.derived) out.push(`This page credits ${r.outlet} although its stated date is earlier; the credit decides the order.`);
  // A stated date is the page's own claim: when it alone puts this page before an article the
  // reader saw first, say so, so a page cannot quietly make itself the original.
  if (o.pageFirst && !o.theyCredit && o.derived && me.publishedAt !== undefined && r.firstSeenAt < me.firstSeenAt)
    out.push(
      `This page states it was published ${day(me.publishedAt, true)}, before ${r.outlet} (${day(when(r), r.publishedAt !== undefined)}), which you read first; only this page's stated date puts it first.`,
    );
  return out;
}

/** The matches this page derives from and the original among them: credited first, then the earliest; an intermediate copy is passed over. */
function sourcesByOriginality(matches: MatchSummary[], records: ArticleRecord[], ctx: CheckContext): OriginalChoice | undefined {
  return chooseOriginal(matches, records, ctx.ignore, ctx.cache);
}

/** Why the original is named: when it appeared, whether that rests on its stated date, the credit, the other sources, the closest. */
function originalEvidence(me: ArticleRecord, choice: OriginalChoice): { lead: string; notes: string[] } {
  const original = choice.original.match;
  const t = when(original);
  const lead =
    original.publishedAt !== undefined
      ? `${original.outlet} published it first (${day(t, true)}${me.publishedAt !== undefined ? `; this page ${day(me.publishedAt, true)}` : ''}).`
      : `${original.outlet} was read first (${day(t)})${me.publishedAt !== undefined ? `; it states no publication time, this page ${day(me.publishedAt, true)}` : '; neither page states a publication time'}.`;
  const notes: string[] = [];
  // Unless the page credits it: then the credit puts it first, whatever the dates.
  if (original.publishedAt !== undefined && original.firstSeenAt > me.firstSeenAt && !original.credited)
    notes.push(
      `You read this page first (${day(me.firstSeenAt)}) and ${original.outlet} later (${day(original.firstSeenAt)}); only the date ${original.outlet} states puts it first.`,
    );
  notes.push(original.credited ? `This page credits ${original.outlet}.` : `This page does not credit ${original.outlet}.`);
  const others = othersSentence(choice);
  if (others) notes.push(others);
  const closest = closestOf(choice);
  if (closest)
    notes.push(
      `This page is closest to ${closest.outlet}: ${pct(closest.containment)} of its text is found there, ${pct(original.containment)} in ${original.outlet}.`,
    );
  return { lead, notes };
}

/** The verdict of the page: its original's, with how sure the choice is and the closest match; else that of the best match it derives from. */
function resultOf(me: ArticleRecord, matches: MatchSummary[], choice: OriginalChoice | undefined, evidence: string[]): CheckResult {
  const original = choice?.original.match;
  const best = original ?? matches.find((m) => m.direction === 'from');
  const closest = choice && closestOf(choice);
  return {
    verdict: best ? best.verdict : 'unrelated',
    score: best ? best.score : 0,
    ...(original ? { original } : {}),
    credited: original ? original.credited : false,
    credits: me.credits,
    matches,
    evidence,
    ...(choice ? { confidence: confidenceOf(me, choice) } : {}),
    ...(closest ? { closest } : {}),
  };
}
