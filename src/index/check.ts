// The check of one page against the index: candidates by band keys, exact verification,
// verdicts, and the choice of the original.
import type { Fingerprint } from './fingerprint.ts';
import { withChars } from './compare.ts';
import { creditsOutlet } from './provenance.ts';
import type { Store } from './store.ts';
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

/** Number of equal positions of two signatures of the same parameters. */
function agreement(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) n++;
  return n;
}

/** When the article appeared: its stated publication time, else when the reader first saw it. */
function when(r: ArticleRecord): number {
  return r.publishedAt ?? r.firstSeenAt;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** True when `a` came before `b`: earlier publication, then earlier first sight; ties keep the stored one first. */
function cameFirst(a: ArticleRecord, b: ArticleRecord): boolean {
  if (when(a) !== when(b)) return when(a) < when(b);
  return a.firstSeenAt <= b.firstSeenAt;
}

export async function checkArticle(
  store: Store,
  page: { record: ArticleRecord; fp?: Fingerprint },
  opts: { sensitivity?: Sensitivity } = {},
): Promise<CheckResult> {
  const me = page.record;
  // The page itself may be stored already: one more is read so it does not take another's place.
  const refs = (await store.candidates(me.bandKeys))
    .sort((a, b) => b.hits - a.hits || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
    .slice(0, MAX_FETCHED + 1)
    .map((h) => h.ref);
  const fetched = (await store.fetch(refs)).filter((r) => r.id !== me.id && r.params === me.params).slice(0, MAX_FETCHED);
  // Only candidates whose whole signature agrees beyond the one band that found them are verified.
  const records = fetched
    .map((r) => ({ r, agree: agreement(me.signature, r.signature) }))
    .filter((x) => x.agree >= MIN_AGREEMENT)
    .sort((a, b) => b.agree - a.agree)
    .slice(0, MAX_VERIFIED)
    .map((x) => x.r);
  // Text that many outlets share with this page (bylines, boilerplate, wire notes) is ignored;
  // the pages that reveal it are the weak candidates too, so all fetched records count.
  const cache = new VerifyCache();
  const ignore = records.length
    ? boilerplateShingles(me.tokens, fetched.map((r) => ({ tokens: r.tokens, outlet: r.outletKey })), me.outletKey, undefined, undefined, cache)
    : new Set<number>();

  const matches: MatchSummary[] = [];
  const evidence: string[] = [];
  for (const r of records) {
    const iCredit = creditsOutlet(me.credits, r.outletKey, r.host);
    const theyCredit = creditsOutlet(r.credits, me.outletKey, me.host);
    // Credits are strong evidence of order: a page that credits the other came second.
    let pageFirst = cameFirst(me, r);
    if (iCredit && !theyCredit) pageFirst = false;
    else if (theyCredit && !iCredit) pageFirst = true;
    const f = pageFirst ? measure(me.tokens, r.tokens, ignore, cache) : measure(r.tokens, me.tokens, ignore, cache);
    const credited = pageFirst ? theyCredit : iCredit;
    const verdict = verdictOf(f, opts.sensitivity, credited);
    if (verdict === 'unrelated') continue;
    const passages = pageFirst ? withChars(f.passages, undefined, page.fp?.offsets) : withChars(f.passages, page.fp?.offsets);
    matches.push({
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
    });
    if (iCredit && !cameFirst(r, me) && isDerived(verdict))
      evidence.push(`This page credits ${r.outlet} although its stated date is earlier; the credit decides the order.`);
    // A stated date is the page's own claim: when it alone puts this page before an article the
    // reader saw first, say so, so a page cannot quietly make itself the original.
    if (pageFirst && !theyCredit && isDerived(verdict) && me.publishedAt !== undefined && r.firstSeenAt < me.firstSeenAt)
      evidence.push(`This page states it was published ${day(me.publishedAt)}, before ${r.outlet} (${day(when(r))}), which you read first; only this page's stated date puts it first.`);
  }
  matches.sort((a, b) => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || b.score - a.score);

  const sources = matches.filter((m) => m.direction === 'from' && isDerived(m.verdict));
  // The original: credited first, then earliest published, then earliest seen.
  sources.sort(
    (a, b) =>
      Number(b.credited) - Number(a.credited) ||
      (a.publishedAt ?? a.firstSeenAt) - (b.publishedAt ?? b.firstSeenAt) ||
      a.firstSeenAt - b.firstSeenAt,
  );
  const original = sources[0];
  if (original) {
    const t = original.publishedAt ?? original.firstSeenAt;
    evidence.unshift(
      original.publishedAt !== undefined
        ? `${original.outlet} published it first (${day(t)}${me.publishedAt !== undefined ? `; this page ${day(me.publishedAt)}` : ''}).`
        : `${original.outlet} was read first (${day(t)}); neither page states a publication time.`,
    );
    if (original.publishedAt !== undefined && original.firstSeenAt > me.firstSeenAt)
      evidence.push(`You read this page first (${day(me.firstSeenAt)}) and ${original.outlet} later (${day(original.firstSeenAt)}); only the date ${original.outlet} states puts it first.`);
    evidence.push(original.credited ? `This page credits ${original.outlet}.` : `This page does not credit ${original.outlet}.`);
    if (sources.length > 1) evidence.push(`${sources.length - 1} later match(es) also share text; the earliest credited one is named.`);
  }
  const best = original ?? matches.find((m) => m.direction === 'from');
  return {
    verdict: original ? original.verdict : best ? best.verdict : 'unrelated',
    score: original ? original.score : best ? best.score : 0,
    ...(original ? { original } : {}),
    credited: original ? original.credited : false,
    credits: me.credits,
    matches,
    evidence,
  };
}
