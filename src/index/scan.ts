// The word scanner of tokenize.ts: the same matches, in the same order, as the regular expression
//   (?:\p{L}\.){2,} | \p{N}+(?:[.,]\p{N}+)* | [\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}]+)*
// (leftmost match, alternatives tried in that order), written as a loop over code points with a
// table for ASCII, because the expression's Unicode classes cost most of a signature's time.
// tests/unit/engine-scan.test.ts holds the two to the same output.

const NONE = 0;
const LETTER = 1;
const MARK = 2;
const DIGIT = 3;

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ASCII[c] = LETTER;
  else if (c >= 48 && c <= 57) ASCII[c] = DIGIT;
}

const IS_L = /^\p{L}$/u;
const IS_M = /^\p{M}$/u;
const IS_N = /^\p{N}$/u;
const cache = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 128) return ASCII[cp];
  let k = cache.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = IS_L.test(ch) ? LETTER : IS_M.test(ch) ? MARK : IS_N.test(ch) ? DIGIT : NONE;
    if (cache.size < 65_536) cache.set(cp, k);
  }
  return k;
}

const width = (cp: number): number => (cp > 0xffff ? 2 : 1);
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019 || c === 0x02bc;

/** Length of (?:\p{L}\.){2,} at i, or 0. */
function abbreviation(text: string, i: number): number {
  let j = i;
  let pairs = 0;
  for (;;) {
    const cp = text.codePointAt(j);
    if (cp === undefined || classOf(cp) !== LETTER) break;
    const w = width(cp);
    if (text.charCodeAt(j + w) !== 46) break;
    j += w + 1;
    pairs++;
  }
  return pairs >= 2 ? j - i : 0;
}

/** End of a run of code points whose class is accepted, from i. */
function run(text: string, i: number, accept: (k: number) => boolean): number {
  let j = i;
  for (;;) {
    const cp = text.codePointAt(j);
    if (cp === undefined || !accept(classOf(cp))) return j;
    j += width(cp);
  }
}

const isDigit = (k: number) => k === DIGIT;
const isWordChar = (k: number) => k !== NONE;
const isLetterOrMark = (k: number) => k === LETTER || k === MARK;

/** Calls `word(start, end)` for every word of the text, in order. */
export function scanWords(text: string, word: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const k = classOf(cp);
    if (k === NONE) {
      i += width(cp);
      continue;
    }
    if (k === LETTER) {
      const a = abbreviation(text, i);
      if (a) {
        word(i, i + a);
        i += a;
        continue;
      }
    }
    if (k === DIGIT) {
      let j = run(text, i, isDigit);
      for (;;) {
        const sep = text.charCodeAt(j);
        if (sep !== 46 && sep !== 44) break;
        const next = text.codePointAt(j + 1);
        if (next === undefined || classOf(next) !== DIGIT) break;
        j = run(text, j + 1, isDigit);
      }
      word(i, j);
      i = j;
      continue;
    }
    let j = run(text, i, isWordChar);
    while (isApostrophe(text.charCodeAt(j))) {
      const next = text.codePointAt(j + 1);
      if (next === undefined || !isLetterOrMark(classOf(next))) break;
      j = run(text, j + 1, isLetterOrMark);
    }
    word(i, j);
    i = j;
  }
}
