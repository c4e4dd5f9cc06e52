import { describe, expect, it } from 'vitest';
import { buildRecord, checkArticle, compareTexts, extractCredits, MemoryStore } from '../../src/index/index.ts';
import { prng } from '../../src/index/hash.ts';

/** Random text over every plane that matters: Latin, Arabic, Hebrew, Cyrillic, CJK, marks, emoji, controls. */
function randomText(rnd: () => number, len: number): string {
  const ranges = [
    [0x20, 0x7e],
    [0xc0, 0x24f],
    [0x300, 0x36f],
    [0x400, 0x4ff],
    [0x590, 0x6ff],
    [0x4e00, 0x4fff],
    [0x3040, 0x30ff],
    [0x1f600, 0x1f64f],
    [0x0, 0x1f],
    [0x2000, 0x206f],
  ];
  let s = '';
  for (let i = 0; i < len; i++) {
    const [a, b] = ranges[rnd() % ranges.length];
    s += String.fromCodePoint(a + (rnd() % (b - a + 1)));
    if (rnd() % 7 === 0) s += ' ';
    if (rnd() % 97 === 0) s += '\n';
  }
  return s;
}

describe('the engine on any input', () => {
  it('never throws, stays deterministic and keeps ratios in [0,1]', () => {
    const rnd = prng(2024);
    for (let t = 0; t < 150; t++) {
      const a = randomText(rnd, rnd() % 800);
      const b = rnd() % 3 === 0 ? a : randomText(rnd, rnd() % 800);
      const c1 = compareTexts(a, b);
      const c2 = compareTexts(a, b);
      expect(c1).toEqual(c2);
      for (const k of ['score', 'containment', 'coverage', 'jaccard', 'ordered', 'vocabulary'] as const) {
        expect(c1[k]).toBeGreaterThanOrEqual(0);
        expect(c1[k]).toBeLessThanOrEqual(1);
      }
      expect(() => extractCredits(a, { url: a, canonicalUrl: b, links: [{ href: a, text: b }] })).not.toThrow();
    }
  });

  it('the same text is always a copy of itself, even one word or one right-to-left line', () => {
    for (const text of [
      'x y z',
      'to be or not to be',
      'Rafah',
      'שלום עולם וגם עוד מילים',
      'مرحبا بالعالم في غزة اليوم',
      'Москва — столица России',
      '東京都に行きます',
    ]) {
      expect(compareTexts(text, text).verdict).toBe('copy');
    }
  });

  it('empty and enormous texts are measured, not thrown on', async () => {
    expect(compareTexts('', '').verdict).toBe('unrelated');
    expect(compareTexts('   \n\n ', 'word').verdict).toBe('unrelated');
    const big = Array.from({ length: 20000 }, (_, i) => `word${i % 5000} term${(i * 7) % 3001}`).join(' ');
    const c = compareTexts(big, big.slice(0, 50000));
    expect(c.verdict).toBe('copy');
    const store = new MemoryStore();
    const empty = buildRecord('', { url: 'https://x.example/a' }, 1);
    expect(empty.record.bandKeys).toEqual([]);
    await store.put(empty.record);
    expect((await checkArticle(store, buildRecord('', { url: 'https://x.example/b' }, 2))).verdict).toBe('unrelated');
  });
});
