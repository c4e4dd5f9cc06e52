import { describe, expect, it } from 'vitest';
import { prng } from '../../src/index/hash.ts';
import { bandKeys, estimateJaccard, sCurve, signature } from '../../src/index/minhash.ts';
import { DEFAULT_PARAMS } from '../../src/index/params.ts';

/** Two sets of 32-bit values with an exact Jaccard similarity s. */
function pairWithJaccard(s: number, union: number, rnd: () => number): [Uint32Array, Uint32Array] {
  const shared = Math.round(s * union);
  const rest = union - shared;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < shared; i++) {
    const v = rnd();
    a.push(v);
    b.push(v);
  }
  for (let i = 0; i < rest; i++) (i % 2 ? a : b).push(rnd());
  return [Uint32Array.from(a), Uint32Array.from(b)];
}

function shareBand(a: Uint32Array, b: Uint32Array): boolean {
  const kb = new Set(bandKeys(signature(b, DEFAULT_PARAMS), DEFAULT_PARAMS));
  return bandKeys(signature(a, DEFAULT_PARAMS), DEFAULT_PARAMS).some((k) => kb.has(k));
}

describe('LSH band layout (128 bands x 2 rows)', () => {
  it('retrieves pairs at the rate the S-curve predicts', () => {
    const rnd = prng(7);
    const trials = 300;
    for (const s of [0.03, 0.08, 0.15, 0.25, 0.5]) {
      let found = 0;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pairWithJaccard(s, 600, rnd);
        if (shareBand(a, b)) found++;
      }
      const measured = found / trials;
      const predicted = sCurve(s, DEFAULT_PARAMS.bands, DEFAULT_PARAMS.rows);
      expect(Math.abs(measured - predicted), `s=${s}: measured ${measured}, predicted ${predicted}`).toBeLessThan(0.1);
    }
  });

  it('puts the S-curve where short rewrites inside long originals sit', () => {
    // A 150-word rewrite carrying half its bigrams from a 600-word original: Jaccard about 0.1.
    const { bands, rows } = DEFAULT_PARAMS;
    expect(sCurve(0.1, bands, rows)).toBeGreaterThan(0.7);
    expect(sCurve(0.15, bands, rows)).toBeGreaterThan(0.93);
    expect(sCurve(0.003, bands, rows)).toBeLessThan(0.002);
  });
});

describe('signatures', () => {
  it('estimate Jaccard without bias', () => {
    const rnd = prng(11);
    for (const s of [0.1, 0.3, 0.6, 0.9]) {
      let sum = 0;
      for (let t = 0; t < 40; t++) {
        const [a, b] = pairWithJaccard(s, 500, rnd);
        sum += estimateJaccard(signature(a, DEFAULT_PARAMS), signature(b, DEFAULT_PARAMS));
      }
      expect(Math.abs(sum / 40 - s)).toBeLessThan(0.04);
    }
  });

  it('fill every bin for tiny sets and give no band keys for empty ones', () => {
    const one = signature(Uint32Array.of(42), DEFAULT_PARAMS);
    expect(one.every((v) => v === one[0])).toBe(true);
    expect(bandKeys(signature(new Uint32Array(0), DEFAULT_PARAMS), DEFAULT_PARAMS)).toEqual([]);
  });

  it('identical sets share every band', () => {
    const a = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(bandKeys(signature(a, DEFAULT_PARAMS), DEFAULT_PARAMS)).toEqual(bandKeys(signature(a.slice().reverse(), DEFAULT_PARAMS), DEFAULT_PARAMS));
  });
});
