import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanWords } from '../../src/index/scan.ts';
import { seed } from './helpers.ts';

/** The definition the scanner implements. */
const WORD = /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['\u2019\u02bc][\p{L}\p{M}]+)*/gu;

const byRegex = (text: string) => [...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]);
function byScanner(text: string): number[][] {
  const out: number[][] = [];
  scanWords(text, (a, b) => out.push([a, b]));
  return out;
}

/** Characters where the alternatives meet: letters, marks, digits of several scripts, separators, apostrophes, surrogates. */
const TRICKY = [
  'a',
  'Z',
  'é',
  'ß',
  'U',
  'S',
  '.',
  ',',
  "'",
  '\u2019',
  '\u02bc',
  '-',
  ' ',
  '\n',
  '0',
  '9',
  '٣',
  '²',
  '½',
  'Ⅻ',
  '\u0301',
  '\u064e',
  'ـ',
  'ا',
  'ש',
  'ж',
  '東',
  'に',
  'ก',
  '\u0e31',
  '𝐀',
  '😀',
  '\ud800',
  '\udc00',
  '#',
  '\t',
];

describe('the word scanner', () => {
  it('matches the regular expression on the seed articles', () => {
    for (const n of ['000', '001', '002', '003', '004']) expect(byScanner(seed(n))).toEqual(byRegex(seed(n)));
  });

  it('matches it on abbreviations, numbers, apostrophes and mixed scripts', () => {
    for (const t of [
      'U.S. and U.N.',
      'U.S',
      'e.g.x',
      '1,000.5,',
      '3rd 4.',
      "rock'n'roll's",
      'don’t',
      "x'1",
      'F-16',
      'a.b.c.d',
      '١٢٣,٤',
      'niño\u0301s',
      '𝐀.𝐁.',
    ]) {
      expect(byScanner(t), t).toEqual(byRegex(t));
    }
  });

  it('matches it on random text over the characters where the alternatives meet', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 60 }), (chars) => {
        const t = chars.join('');
        expect(byScanner(t)).toEqual(byRegex(t));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('matches it on random Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
        const t = a + b;
        expect(byScanner(t)).toEqual(byRegex(t));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
