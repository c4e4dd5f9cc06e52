import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../src/cli/auc.ts';

/** Reference: count pairs directly, ties one half. */
function pairwise(pos: number[], neg: number[]): number {
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

describe('rocAuc', () => {
  it('is 1 for perfect separation and 0 for perfectly reversed scores', () => {
    expect(rocAuc([0.9, 0.8, 0.7], [0.1, 0.2])).toBe(1);
    expect(rocAuc([0.1, 0.2], [0.9, 0.8, 0.7])).toBe(0);
  });

  it('counts ties as one half', () => {
    expect(rocAuc([0.5], [0.5])).toBe(0.5);
    expect(rocAuc([0.5, 0.5], [0.5, 0.5, 0.5])).toBe(0.5);
    // 1 (0.9 > all) + 0.5*... : pos {0.9, 0.5}, neg {0.5, 0.1}: pairs 1, 1, 0.5, 1 -> 3.5/4
    expect(rocAuc([0.9, 0.5], [0.5, 0.1])).toBe(0.875);
  });

  it('matches direct pair counting on random scores with many ties', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let t = 0; t < 20; t++) {
      const pos = Array.from({ length: 5 + Math.floor(rnd() * 40) }, () => Math.round(rnd() * 10) / 10);
      const neg = Array.from({ length: 5 + Math.floor(rnd() * 40) }, () => Math.round(rnd() * 8) / 10);
      expect(rocAuc(pos, neg)).toBeCloseTo(pairwise(pos, neg), 12);
    }
  });

  it('does not depend on input order', () => {
    expect(rocAuc([0.3, 0.9, 0.6], [0.6, 0.2, 0.4, 0.6])).toBe(rocAuc([0.9, 0.6, 0.3], [0.2, 0.6, 0.6, 0.4]));
  });

  it('is NaN when a side is empty or a score is NaN', () => {
    expect(rocAuc([], [0.1])).toBeNaN();
    expect(rocAuc([0.1], [])).toBeNaN();
    expect(rocAuc([Number.NaN], [0.1])).toBeNaN();
  });
});
