import { describe, expect, it } from 'vitest';
import { buildRecord, checkArticle, listedRecord, MemoryStore, tokenHashes, type ArticleRecord, type CheckResult } from '../../src/index/index.ts';
import { prng } from '../../src/index/hash.ts';
import { containedInSketch, measureSketch, sketchOf } from '../../src/index/sketch.ts';
import { measure, VerifyCache, type Features } from '../../src/index/verify.ts';
import { SEED_META, seed, wordsFrom } from './helpers.ts';

const AXIOS_SEEN = Date.UTC(2024, 3, 1);
const record = (n: string, seen = AXIOS_SEEN + 1000): ReturnType<typeof buildRecord> => buildRecord(seed(n), SEED_META[n], seen);
const axios = record('001', AXIOS_SEEN).record;
const DERIVED = ['copy', 'partial-copy', 'rewrite'];

/** Checks seed `n` against a store holding the given records. */
async function checkAgainst(n: string, stored: ArticleRecord[]): Promise<CheckResult> {
  const store = new MemoryStore();
  for (const r of stored) store.putSync(r);
  return checkArticle(store, record(n));
}

const FIGURES = ['containment', 'coverage', 'vocabulary', 'originalVocabulary', 'ordered'] as const;
function maxError(exact: Features, estimate: Features): Record<string, number> {
  return Object.fromEntries(FIGURES.map((k) => [k, Math.abs(exact[k] - estimate[k])]));
}

describe("a listed article's figures, estimated from its sketch", () => {
  it.each(['000', '002', '003', '004'])('seed %s against the Axios sketch is within 0.1 of the exact figures (page after the listed article)', (n) => {
    const page = record(n).record;
    const exact = measure(axios.tokens, page.tokens);
    const est = measureSketch(sketchOf(axios.tokens, axios.bandKeys), page.tokens, 'candidate');
    for (const [k, err] of Object.entries(maxError(exact, est))) expect(err, k).toBeLessThanOrEqual(0.1);
    expect(est.candidateTokens).toBe(exact.candidateTokens);
    expect(est.originalTokens).toBe(exact.originalTokens);
  });

  it.each(['000', '002', '003', '004'])('seed %s listed, Axios read, is within 0.16 of the exact figures (page before the listed article)', (n) => {
    const listed = record(n).record;
    const exact = measure(axios.tokens, listed.tokens);
    const est = measureSketch(sketchOf(listed.tokens, listed.bandKeys), axios.tokens, 'original');
    for (const [k, err] of Object.entries(maxError(exact, est))) expect(err, k).toBeLessThanOrEqual(0.16);
    expect(est.candidateTokens).toBe(listed.tokens.length);
  });

  it('a text against its own sketch is a whole copy, and shares nothing with an unrelated sketch', () => {
    const self = measureSketch(sketchOf(axios.tokens, axios.bandKeys), axios.tokens, 'candidate');
    expect(self.containment).toBe(1);
    expect(self.coverage).toBe(1);
    expect(self.vocabulary).toBeGreaterThan(0.95);
    const rnd = prng(7);
    const noise = Array.from({ length: 300 }, () => `x${rnd() % 100000}`).join(' ');
    const other = measureSketch(sketchOf(axios.tokens, axios.bandKeys), tokenHashes(noise, 0x5eed1).tokens, 'candidate');
    expect(other.containment).toBe(0);
    expect(other.vocabulary).toBe(0);
    expect(other.passages).toEqual([]);
  });

  it('estimates the share of a copy in its source either way round, one of them or both listed', () => {
    const jns = record('002').record;
    const cache = new VerifyCache();
    const exact = measure(axios.tokens, jns.tokens).containment;
    const one = containedInSketch(jns, listedRecord(axios), new Set(), cache);
    const other = containedInSketch(listedRecord(jns), axios, new Set(), cache);
    const both = containedInSketch(listedRecord(jns), listedRecord(axios), new Set(), cache);
    expect(Math.abs(one - exact)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(other - exact)).toBeLessThanOrEqual(0.16);
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThanOrEqual(1);
  });
});

describe('checking a page against a listed original', () => {
  it.each(['002', '000', '003', '004'])('seed %s gets the same verdict against listed Axios as against the read Axios', async (n) => {
    const full = await checkAgainst(n, [axios]);
    const listed = await checkAgainst(n, [listedRecord(axios)]);
    expect(listed.verdict).toBe(full.verdict);
    expect(listed.original?.id).toBe(full.original?.id);
  });

  it('names the listed original, says it is text-free, and places passages on the page only', async () => {
    const page = record('002');
    const store = new MemoryStore();
    store.putSync(listedRecord(axios));
    const r = await checkArticle(store, page);
    expect(r.verdict).toBe('partial-copy');
    expect(r.original?.id).toBe(axios.id);
    expect(r.original?.outlet).toBe('Axios');
    expect(r.original?.textFree).toBe(true);
    expect(r.original?.listed).toBeUndefined();
    expect(r.original?.direction).toBe('from');
    const passages = r.original!.passages;
    expect(passages.length).toBeGreaterThan(0);
    const axiosWords = [...axios.tokens].join(' ');
    for (const p of passages) {
      expect(p.originalTokens).toEqual([0, 0]);
      expect(p.originalChars).toBeUndefined();
      expect(p.candidateChars).toBeDefined();
      // Every run the page is said to share is word for word in the listed article.
      const run = [...page.record.tokens.subarray(p.candidateTokens[0], p.candidateTokens[1])].join(' ');
      expect(axiosWords).toContain(run);
    }
  });

  it('works the other way round: a listed copy of the page read first is a match derived from it', async () => {
    const jns = record('002', AXIOS_SEEN + 5000).record;
    const store = new MemoryStore();
    store.putSync(listedRecord(jns));
    const r = await checkArticle(store, { record: axios, fp: record('001', AXIOS_SEEN).fp });
    expect(r.verdict).toBe('unrelated');
    const m = r.matches.find((x) => x.id === jns.id);
    expect(m?.direction).toBe('to');
    expect(m?.verdict).toBe('partial-copy');
    expect(m?.textFree).toBe(true);
    for (const p of m!.passages) {
      expect(p.candidateTokens).toEqual([0, 0]);
      expect(p.originalChars).toBeDefined();
    }
  });

  it('names the listed original when a read copy of it is in the index too', async () => {
    const jns = record('002', AXIOS_SEEN + 500).record;
    const r = await checkAgainst('000', [listedRecord(axios), jns]);
    expect(DERIVED).toContain(r.verdict);
    expect(r.original?.id).toBe(axios.id);
    expect(r.original?.textFree).toBe(true);
    expect(r.matches.find((m) => m.id === jns.id)?.textFree).toBeUndefined();
  });

  it('flags no unrelated text against listed articles', async () => {
    const store = new MemoryStore();
    for (const n of ['001', '002', '000', '003']) store.putSync(listedRecord(record(n).record));
    const rnd = prng(11);
    const words = wordsFrom(['000', '001', '002', '003', '004'].map(seed).join(' '));
    for (let t = 0; t < 20; t++) {
      // Seed-like: the seeds' own vocabulary, in an order no seed has.
      const text = Array.from({ length: 250 }, () => words[rnd() % words.length]).join(' ');
      const { record: page, fp } = buildRecord(text, { url: `https://unrelated.example/${t}`, siteName: 'Unrelated' }, AXIOS_SEEN + 10_000);
      const r = await checkArticle(store, { record: page, fp });
      expect(DERIVED).not.toContain(r.verdict);
      expect(r.original).toBeUndefined();
    }
  });
});

describe('placing passages once the other text is at hand', () => {
  it('leaves a text-free match as it is: there is no listed text to place its passages in', async () => {
    const { withPassageKinds } = await import('../../src/index/page-passages.ts');
    const page = record('002');
    const store = new MemoryStore();
    store.putSync(listedRecord(axios));
    const m = (await checkArticle(store, page)).original!;
    expect(withPassageKinds(m, { text: seed('002'), offsets: page.fp.offsets }, seed('001'))).toBe(m);
  });
});
