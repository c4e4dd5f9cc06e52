import { describe, expect, it } from 'vitest';
import { contentWords, normalizeWord, tokenize } from '../../src/index/tokenize.ts';
import { seed } from './helpers.ts';

describe('tokenize', () => {
  it('folds case, curly quotes, diacritics and number separators', () => {
    expect(tokenize('“Résumé” — NAÏVE café 32,000 Netanyahu’s').words).toEqual(['resume', 'naive', 'cafe', '32000', 'netanyahu']);
  });

  it('joins dotted abbreviations so U.S. and US match', () => {
    expect(tokenize('U.S. officials').words).toEqual(tokenize('US officials').words);
  });

  it('handles Cyrillic, Arabic, Urdu and CJK', () => {
    expect(tokenize('Москва ёлка').words).toEqual(['москва', 'елка']);
    expect(tokenize('الْعَرَبِيَّة').words).toEqual(['العربيه']);
    expect(tokenize('اردو کی').words).toEqual(['اردو', 'كي']);
    expect(tokenize('東京都に行く').words).toEqual(['東', '京', '都', 'に', '行', 'く']);
  });

  it('keeps character offsets into the original text', () => {
    const text = 'Hello, “World” 東京';
    const t = tokenize(text);
    expect(t.words.map((_, i) => text.slice(t.starts[i], t.ends[i]))).toEqual(['Hello', 'World', '東', '京']);
  });

  it('is idempotent on normalised words', () => {
    for (const w of ['Résumé', 'OFFICIALS', 'Gaza’s', '1,000']) expect(normalizeWord(normalizeWord(w))).toBe(normalizeWord(w));
  });
});

describe('contentWords', () => {
  it('drops function words', () => {
    expect(contentWords('The meeting will take place on a secure video call').words).toEqual(['meeting', 'take', 'place', 'secure', 'video', 'call']);
  });

  it('counts a page that repeats its body once (seed 001 prints it three times)', () => {
    const text = seed('001');
    const once = [...text.split('\n').slice(0, 10), 'comments'].join('\n');
    expect(contentWords(text).words).toEqual(contentWords(once).words);
  });
});
