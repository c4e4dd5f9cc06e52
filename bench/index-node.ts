// Targets 2 and 3 in Node: check latency (p50/p95) and recall of candidate retrieval as the
// in-memory index grows, with planted copies, partial copies and rewrites among distractors.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
  /** Of buildSeconds, the time spent putting the records in the store (the rest makes them). */
  putSeconds: number;
  /** Seconds from an empty store to this size. */
  totalBuildSeconds: number;
  heapMiB: number;
  /** Growth of the JavaScript heap (after a full collection) and of the typed arrays' memory
   * since the store was empty, per article. */
  heapPerArticle: number;
  arrayBytesPerArticle: number;
}

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap and typed-array bytes in use after a full garbage collection. */
function memoryAfterGc(): { heap: number; arrays: number } {
  collect();
  collect();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrays: m.arrayBuffers };
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

type Build = Pick<SizeResult, 'buildSeconds' | 'putSeconds' | 'totalBuildSeconds' | 'heapPerArticle' | 'arrayBytesPerArticle'>;

export async function measureSize(store: MemoryStore, queries: Query[], articles: number, rounds: number, build: Build): Promise<SizeResult> {
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
    ...build,
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
  const empty = memoryAfterGc();
  const store = new MemoryStore();
  for (const r of originals) store.putSync(r);
  const out: SizeResult[] = [];
  let n = originals.length;
  let total = 0;
  for (const size of sizes) {
    const started = now();
    let put = 0;
    while (n < size) {
      const record = gen.record(gen.words(gen.length(ARTICLE_WORDS)), t0 + n++);
      const t = now();
      store.putSync(record);
      put += now() - t;
    }
    const buildSeconds = (now() - started) / 1000;
    total += buildSeconds;
    const used = memoryAfterGc();
    const build: Build = {
      buildSeconds,
      putSeconds: put / 1000,
      totalBuildSeconds: total,
      heapPerArticle: (used.heap - empty.heap) / size,
      arrayBytesPerArticle: (used.arrays - empty.arrays) / size,
    };
    opts.log(
      `  node index: ${size} articles (built in ${buildSeconds.toFixed(1)} s, ${build.putSeconds.toFixed(1)} s of it putting; heap ${(build.heapPerArticle / 1024).toFixed(2)} KB + typed arrays ${(build.arrayBytesPerArticle / 1024).toFixed(2)} KB per article), checking...`,
    );
    const result = await measureSize(store, queries, size, opts.rounds, build);
    const matched = (['copy', 'partial', 'rewrite'] as const).map((k) => `${Math.round(result.recall[k].matched * 100)}%`).join(' / ');
    opts.log(`    check p50 ${result.check.p50.toFixed(3)} ms, p95 ${result.check.p95.toFixed(3)} ms; flagged ${matched}`);
    out.push(result);
  }
  return out;
}
