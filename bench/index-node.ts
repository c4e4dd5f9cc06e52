// Targets 2 and 3 in Node: check latency (p50/p95) and recall of candidate retrieval as the
// in-memory index grows, with planted copies, partial copies and rewrites among distractors.
import { checkArticle, MAX_VERIFIED } from '../src/index/check.ts';
import { buildRecord } from '../src/index/record.ts';
import { MemoryStore } from '../src/index/store.ts';
import type { ArticleRecord } from '../src/index/types.ts';
import { Generator, type Plant } from './corpus.ts';
import { ARTICLE_WORDS, KINDS, makeQueries, type Query, type QueryKind } from './queries.ts';
import { now, summarize, type Summary } from './stats.ts';

export interface SizeResult {
  articles: number;
  check: Summary;
  checkByKind: Record<QueryKind, Summary>;
  /** Share of planted originals among the candidates / among the verdict's matches, per kind. */
  recall: Record<Plant, { candidates: number; matched: number }>;
  /** Records fetched and verified per check that were not the planted original (mean, p95). */
  falseVerified: { mean: number; p95: number };
  buildSeconds: number;
  heapMiB: number;
}

/** Checks that the fast path makes the very records buildRecord would make of the same texts. */
export function sameAsBuildRecord(originals: ArticleRecord[], texts: string[]): void {
  for (let i = 0; i < Math.min(20, originals.length); i++) {
    const { record } = buildRecord(texts[i], { url: originals[i].url }, 0);
    const a = originals[i];
    if (record.tokens.join() !== a.tokens.join() || record.bandKeys.join() !== a.bandKeys.join())
      throw new Error(`generated record ${i} differs from buildRecord's: the vocabulary does not round-trip`);
  }
}

export async function measureSize(store: MemoryStore, queries: Query[], articles: number, rounds: number, buildSeconds: number): Promise<SizeResult> {
  const built = queries.map((q) => ({ q, page: buildRecord(q.text, { url: `https://www.reader.example/${Math.random()}` }, Date.now()) }));
  const all: number[] = [];
  const byKind = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<QueryKind, number[]>;
  const recall = { copy: { candidates: 0, matched: 0 }, partial: { candidates: 0, matched: 0 }, rewrite: { candidates: 0, matched: 0 } };
  const falses: number[] = [];
  for (const { page } of built) await checkArticle(store, page); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const { q, page } of built) {
      const t0 = now();
      const result = await checkArticle(store, page);
      const dt = now() - t0;
      all.push(dt);
      byKind[q.kind].push(dt);
      if (r > 0) continue;
      const hits = store.candidatesSync(page.record.bandKeys);
      const verified = Math.min(hits.length, MAX_VERIFIED);
      const planted = q.originalId !== undefined && hits.some((h) => h.ref === q.originalId);
      falses.push(verified - (planted ? 1 : 0));
      if (q.kind !== 'unrelated') {
        if (planted) recall[q.kind].candidates++;
        if (result.matches.some((m) => m.id === q.originalId)) recall[q.kind].matched++;
      }
    }
  }
  const perKind = built.length / KINDS.length;
  for (const k of Object.keys(recall) as Plant[]) {
    recall[k].candidates /= perKind;
    recall[k].matched /= perKind;
  }
  const f = summarize(falses);
  return {
    articles,
    check: summarize(all),
    checkByKind: Object.fromEntries(KINDS.map((k) => [k, summarize(byKind[k])])) as Record<QueryKind, Summary>,
    recall,
    falseVerified: { mean: falses.reduce((a, b) => a + b, 0) / falses.length, p95: f.p95 },
    buildSeconds,
    heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

/** Grows one index through the sizes (planted originals first, then distractors) and measures at each. */
export async function benchIndexNode(
  gen: Generator,
  sizes: number[],
  opts: { perKind: number; rounds: number; log: (s: string) => void },
): Promise<SizeResult[]> {
  const t0 = Date.UTC(2026, 0, 1);
  const { originals, queries, originalTexts } = makeQueries(gen, opts.perKind, t0);
  sameAsBuildRecord(originals, originalTexts);
  const store = new MemoryStore();
  for (const r of originals) store.putSync(r);
  const out: SizeResult[] = [];
  let n = originals.length;
  for (const size of sizes) {
    const started = now();
    while (n < size) store.putSync(gen.record(gen.words(gen.length(ARTICLE_WORDS)), t0 + n++));
    const buildSeconds = (now() - started) / 1000;
    opts.log(`  node index: ${size} articles (built in ${buildSeconds.toFixed(1)} s), checking...`);
    out.push(await measureSize(store, queries, size, opts.rounds, buildSeconds));
  }
  return out;
}
