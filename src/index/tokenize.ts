// Normalisation and tokenisation for any script. Deterministic: plain regular expressions and
// String.prototype.normalize only (Intl.Segmenter's dictionaries differ between engines).
import { scanWords } from './scan.ts';
import { STOPWORDS } from './stopwords.ts';

/** Scripts written without spaces: every character is a token. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const UNSPACED_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}][\p{M}]*/gu;
/** Scripts whose accents are safe to fold (résumé -> resume, ё -> е). */
const FOLDABLE = /^[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{M}\p{N}'.]+$/u;
const MARKS = /\p{M}/gu;
/** Arabic short vowels, tanwin, shadda, sukun, superscript alef, tatweel. */
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u0640]/g;
const LATIN_PLURAL = /^[a-z]{3,}[^s'u]s$/;
const PLAIN_ASCII = /^[A-Za-z0-9]+$/;

/** Tokens of a text: normalised words with their [start, end) character offsets. */
export interface Tokens {
  words: string[];
  starts: number[];
  ends: number[];
}

function foldArabic(w: string): string {
  return w
    .replace(ARABIC_MARKS, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef forms
    .replace(/[\u0649\u06cc]/g, '\u064a') // alef maqsura, Farsi/Urdu yeh
    .replace(/\u06a9/g, '\u0643') // keheh
    .replace(/\u0629/g, '\u0647'); // teh marbuta
}

/** Normalises one raw word: compatibility forms, case, safe diacritics, apostrophes, separators. */
export function normalizeWord(raw: string): string {
  // Most words in most news are plain ASCII letters and digits: nothing to fold but case.
  if (PLAIN_ASCII.test(raw)) {
    const lower = raw.toLowerCase();
    return LATIN_PLURAL.test(lower) ? lower.slice(0, -1) : lower;
  }
  let w = raw.normalize('NFKC').toLowerCase();
  // eslint-disable-next-line no-control-regex -- "any character outside ASCII", NUL included in the range
  if (/[^\x00-\x7f]/.test(w)) {
    w = w.replace(/[\u2019\u02bc]/g, "'");
    if (FOLDABLE.test(w)) w = w.normalize('NFD').replace(MARKS, '').normalize('NFC');
    else if (/[\u0600-\u06ff]/.test(w)) w = foldArabic(w);
  }
  if (w.includes('.')) {
    if (/^\p{N}/u.test(w)) w = w.replace(/,/g, '');
    else w = w.replace(/\./g, ''); // U.S. -> us, U.N. -> un
  } else if (w.includes(',')) w = w.replace(/,/g, '');
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (LATIN_PLURAL.test(w)) w = w.slice(0, -1); // officials -> official
  return w;
}

/** Splits a text into normalised words; characters of unspaced scripts become one token each. */
export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  scanWords(text, (at, end) => {
    const raw = text.slice(at, end);
    if (raw.charCodeAt(0) >= 0x0e00 && UNSPACED.test(raw)) {
      // Split mixed runs: unspaced characters one by one, anything else as a word.
      let last = 0;
      for (const c of raw.matchAll(UNSPACED_CHAR)) {
        const ci = c.index ?? 0;
        if (ci > last) push(raw.slice(last, ci), at + last);
        push(c[0], at + ci);
        last = ci + c[0].length;
      }
      if (last < raw.length) push(raw.slice(last), at + last);
    } else push(raw, at);
  });
  function push(raw: string, at: number): void {
    const w = normalizeWord(raw);
    if (!w) return;
    words.push(w);
    starts.push(at);
    ends.push(at + raw.length);
  }
  return { words, starts, ends };
}

/** True for words that carry content: not a function word, not a lone Latin letter. */
export function isContentWord(w: string): boolean {
  if (STOPWORDS.has(w)) return false;
  if (w.length === 1) return !/^[a-z]$/.test(w);
  return true;
}

/**
 * Content words of a text, in order, with offsets. A paragraph (line) that repeats an earlier
 * one is skipped, so a page that prints its body twice counts it once.
 */
export function contentWords(text: string): Tokens {
  const content = collect(text, true);
  // A text of function words alone ("to be or not to be") is still compared, by all its words.
  return content.words.length > 0 ? content : collect(text, false);
}

function collect(text: string, contentOnly: boolean): Tokens {
  const out: Tokens = { words: [], starts: [], ends: [] };
  const seen = new Set<string>();
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const t = tokenize(line);
    if (t.words.length > 0) {
      const key = t.words.join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        for (let i = 0; i < t.words.length; i++) {
          if (contentOnly && !isContentWord(t.words[i])) continue;
          out.words.push(t.words[i]);
          out.starts.push(lineStart + t.starts[i]);
          out.ends.push(lineStart + t.ends[i]);
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return out;
}
