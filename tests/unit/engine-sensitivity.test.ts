// The sensitivity levels change verdicts, and in order: what Low flags Normal flags, what Normal
// flags High flags. On the seed pages (the reader's founding case) and on any measured features.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRecord, checkArticle, compareTexts, isDerived, MemoryStore, verdictOf, type Sensitivity, type Verdict } from '../../src/index/index.ts';
import type { Features } from '../../src/index/verify.ts';
import { SEED_META, seed } from './helpers.ts';

const LEVELS: Sensitivity[] = ['low', 'normal', 'high'];

/** Each seed read after the Axios report, as the reader meets them: its verdict at each level. */
async function seedVerdicts(level: Sensitivity): Promise<Record<string, Verdict>> {
  const store = new MemoryStore();
  const axios = buildRecord(seed('001'), SEED_META['001'], Date.UTC(2024, 3, 2));
  await store.put(axios.record);
  const out: Record<string, Verdict> = {};
  for (const n of ['002', '000', '003', '004'])
    out[n] = (await checkArticle(store, buildRecord(seed(n), SEED_META[n], Date.UTC(2024, 3, 3)), { sensitivity: level })).verdict;
  return out;
}

describe('sensitivity on the seed pages', () => {
  it('Low leaves the 11%-verbatim credited rewrite unflagged; Normal and High call it a rewrite', async () => {
    const [low, normal, high] = await Promise.all(LEVELS.map(seedVerdicts));
    // Normal is what ../shared/seeds/README.md asks for (engine-seeds.test.ts holds it too).
    expect(normal).toMatchObject({ '002': 'partial-copy', '000': 'rewrite', '003': 'rewrite' });
    expect(low).toMatchObject({ '002': 'partial-copy', '000': 'rewrite', '003': 'related' });
    expect(high['003']).toBe('rewrite');
    // The follow-up crediting CNN is never flagged, at any level.
    for (const r of [low, normal, high]) expect(isDerived(r['004'])).toBe(false);
  });

  it('orders the levels: what High flags includes what Normal flags, which includes what Low flags', async () => {
    const [low, normal, high] = await Promise.all(LEVELS.map(seedVerdicts));
    const flagged = (r: Record<string, Verdict>): string[] => Object.keys(r).filter((n) => isDerived(r[n]));
    for (const n of flagged(low)) expect(flagged(normal)).toContain(n);
    for (const n of flagged(normal)) expect(flagged(high)).toContain(n);
    expect(flagged(low).length).toBeLessThan(flagged(normal).length);
  });

  it('compared directly, credited or not, the levels keep the same order', () => {
    const axios = seed('001');
    for (const credited of [false, true])
      for (const n of ['002', '000', '003', '004']) {
        const flags = LEVELS.map((sensitivity) => isDerived(compareTexts(axios, seed(n), { sensitivity, credited }).verdict));
        // [low, normal, high]: once flagged, flagged at every level above.
        expect(flags, `${n}${credited ? ' credited' : ''}`).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
      }
    expect(compareTexts(axios, seed('003'), { sensitivity: 'low', credited: true }).verdict).toBe('related');
    expect(compareTexts(axios, seed('003'), { sensitivity: 'normal', credited: true }).verdict).toBe('rewrite');
  });
});

describe('sensitivity on any measured pair', () => {
  const share = fc.double({ min: 0, max: 1, noNaN: true });
  const features: fc.Arbitrary<Features> = fc
    .record({
      containment: share,
      coverage: share,
      jaccard: share,
      ordered: share,
      vocabulary: share,
      originalVocabulary: share,
      candidateTokens: fc.integer({ min: 0, max: 2000 }),
      originalTokens: fc.integer({ min: 0, max: 2000 }),
      candidateNumbers: fc.integer({ min: 0, max: 20 }),
      originalNumbers: fc.integer({ min: 0, max: 20 }),
      sharedNumbers: fc.integer({ min: 0, max: 20 }),
    })
    .map((f) => ({ ...f, sharedTokens: 0, sharedNumbers: Math.min(f.sharedNumbers, f.candidateNumbers, f.originalNumbers), passages: [] }));

  it('never flags at a lower level what a higher level leaves unflagged', () => {
    fc.assert(
      fc.property(features, fc.boolean(), (f, credited) => {
        const [low, normal, high] = LEVELS.map((s) => isDerived(verdictOf(f, s, credited)));
        expect(!low || normal).toBe(true);
        expect(!normal || high).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('lets a credit lower the bar at Normal and High, not at Low', () => {
    // The 11%-verbatim seed rewrite's measures, rounded.
    const f: Features = {
      containment: 0.11,
      coverage: 0.23,
      jaccard: 0.08,
      ordered: 0.31,
      vocabulary: 0.36,
      originalVocabulary: 0.74,
      sharedTokens: 45,
      candidateTokens: 311,
      originalTokens: 157,
      candidateNumbers: 3,
      originalNumbers: 1,
      sharedNumbers: 0,
      passages: [],
    };
    expect(verdictOf(f, 'low', true)).toBe('related');
    expect(verdictOf({ ...f, containment: 0.05, ordered: 0.19 }, 'normal', false)).toBe('related');
    expect(verdictOf({ ...f, containment: 0.05, ordered: 0.19 }, 'normal', true)).toBe('rewrite');
    expect(verdictOf({ ...f, containment: 0.035, ordered: 0.2 }, 'high', true)).toBe('rewrite');
  });
});
