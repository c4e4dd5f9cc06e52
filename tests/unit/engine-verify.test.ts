import { describe, expect, it } from 'vitest';
import { compareTexts } from '../../src/index/compare.ts';
import { hashSeq, prng } from '../../src/index/hash.ts';
import { tokenHashes } from '../../src/index/fingerprint.ts';
import { normalizeWord } from '../../src/index/tokenize.ts';
import { boilerplateShingles, lcsLength, measure, VERIFY_SIZE } from '../../src/index/verify.ts';
import { seed } from './helpers.ts';

function bruteShingles(t: Uint32Array): Set<number> {
  const s = new Set<number>();
  for (let i = 0; i + VERIFY_SIZE <= t.length; i++) s.add(hashSeq(t, i, VERIFY_SIZE, 3));
  return s;
}

function bruteLcs(a: Uint32Array, b: Uint32Array): number {
  const d = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = a[i - 1] === b[j - 1] ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
  return d[a.length][b.length];
}

describe('verification against a brute-force reference', () => {
  it('containment, coverage and Jaccard equal the set definitions', () => {
    const rnd = prng(3);
    for (let t = 0; t < 50; t++) {
      const vocab = 5 + (rnd() % 40);
      const o = Uint32Array.from({ length: 20 + (rnd() % 200) }, () => rnd() % vocab);
      const c = Uint32Array.from({ length: 10 + (rnd() % 200) }, () => rnd() % vocab);
      const f = measure(o, c);
      const so = bruteShingles(o);
      const sc = bruteShingles(c);
      const inter = [...sc].filter((h) => so.has(h)).length;
      expect(f.containment).toBeCloseTo(inter / sc.size, 12);
      expect(f.coverage).toBeCloseTo(inter / so.size, 12);
      expect(f.jaccard).toBeCloseTo(inter / (so.size + sc.size - inter), 12);
      expect(lcsLength(c, o)).toBe(bruteLcs(c, o));
    }
  });

  it('a text is a copy of itself, both ways complete', () => {
    const c = compareTexts(seed('002'), seed('002'));
    expect(c.verdict).toBe('copy');
    expect(c.containment).toBe(1);
    expect(c.coverage).toBe(1);
    expect(c.score).toBeCloseTo(1, 10);
  });
});

describe('passages', () => {
  it('point at the same words in both texts', () => {
    const orig = seed('001');
    const cand = seed('002');
    const c = compareTexts(orig, cand);
    expect(c.passages.length).toBeGreaterThan(3);
    const words = (s: string) =>
      s
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .map(normalizeWord)
        .join(' ');
    let longest = 0;
    for (const p of c.passages) {
      expect(p.candidateChars && p.originalChars).toBeTruthy();
      const a = cand.slice(p.candidateChars![0], p.candidateChars![1]);
      const b = orig.slice(p.originalChars![0], p.originalChars![1]);
      // Content words agree; function words may differ inside a passage.
      const ta = tokenHashes(a, 1).tokens;
      const tb = tokenHashes(b, 1).tokens;
      expect(Array.from(ta)).toEqual(Array.from(tb));
      longest = Math.max(longest, words(a).split(' ').length);
    }
    expect(longest).toBeGreaterThan(15);
  });
});

describe('boilerplate', () => {
  const footer = 'Sign up for our daily newsletter to get the latest headlines delivered to your inbox every morning free of charge.';
  const bodyA = seed('004');
  const others = [
    'The city council approved a new budget for road repairs and library hours after a long public hearing on Tuesday evening in the town hall.',
    'A regional football club named its new coach after a losing season, promising younger players more time on the pitch and a new training ground.',
  ];
  it('shared by unrelated pages is ignored', () => {
    const page = tokenHashes(`${bodyA}\n${footer}`, 1).tokens;
    const outs = others.map((o, i) => ({ tokens: tokenHashes(`${o}\n${footer}`, 1).tokens, outlet: `outlet${i}` }));
    const ignore = boilerplateShingles(page, outs, 'me');
    expect(ignore.size).toBeGreaterThan(5);
    const f = measure(outs[0].tokens, page, ignore);
    expect(f.containment).toBe(0);
  });
  it('is never made of real copies, however many', () => {
    const page = tokenHashes(seed('002'), 1).tokens;
    const outs = [0, 1, 2, 3].map((i) => ({ tokens: tokenHashes(seed('001'), 1).tokens, outlet: `copy${i}` }));
    expect(boilerplateShingles(page, outs, 'me').size).toBe(0);
  });
});
