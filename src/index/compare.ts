import { tokenHashes } from './fingerprint.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { scanWords } from './scan.ts';
import { normalizeWord } from './tokenize.ts';
import type { Comparison, Passage, PassageKind, PassagePart } from './types.ts';
import { score, verdictOf, type Sensitivity } from './verdict.ts';
import { measureSketch } from './sketch.ts';
import type { ListSketch } from './types.ts';
import { measure } from './verify.ts';

/** A literal stretch of fewer content words than this, inside a passage with near gaps, is shown as part of the gap. */
export const MIN_LITERAL_WORDS = 2;

/** Token ranges of passages turned into character ranges, where the offsets are known; with both
 * texts at hand, each passage is also told literal or near (see `passageKind`). */
export function withChars(
  passages: Passage[],
  candOffsets?: Uint32Array,
  origOffsets?: Uint32Array,
  texts?: { candidate: string; original: string },
): Passage[] {
  const chars = (off: Uint32Array | undefined, r: [number, number]): [number, number] | undefined =>
    off && r[1] > r[0] && 2 * r[1] <= off.length ? [off[2 * r[0]], off[2 * r[1] - 1]] : undefined;
  return passages.map((p) => {
    const c = chars(candOffsets, p.candidateTokens);
    const o = chars(origOffsets, p.originalTokens);
    const placed: Passage = { ...p, ...(c ? { candidateChars: c } : {}), ...(o ? { originalChars: o } : {}) };
    return texts && candOffsets && origOffsets && c && o
      ? { ...placed, ...passageKind(placed, { text: texts.candidate, offsets: candOffsets }, { text: texts.original, offsets: origOffsets }) }
      : placed;
  });
}

/** A text with the character offsets of its content words (two per word, as tokenHashes gives them). */
interface Side {
  text: string;
  offsets: Uint32Array;
}

/** A word as literal matching reads it: case, compatibility forms, apostrophes and the dots and commas
 * of abbreviations and numbers aside ("U.S." reads as "US", "Netanyahu’s" as "Netanyahu's"). */
function literalWord(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2019\u02bc.,]/g, '');
}

/** The words of text[start, end) in literal form, and where the first of them begins (`end` when none). */
function wordsIn(text: string, start: number, end: number): { key: string; first: number } {
  const slice = text.slice(start, end);
  const words: string[] = [];
  let first = -1;
  scanWords(slice, (a, b) => {
    if (first < 0) first = a;
    words.push(literalWord(slice.slice(a, b)));
  });
  return { key: words.join(' '), first: first < 0 ? end : start + first };
}

/**
 * Whether a placed passage is word for word in both texts, and, when it is not but has literal
 * stretches, its parts. The passage's content words pair up one to one; content word i owns the
 * words since content word i-1 (the function words before it, and itself), and that unit is
 * literal when both texts spell it with the same words. Runs of literal units shorter than
 * MIN_LITERAL_WORDS join the near gaps beside them. A passage whose content words do not pair up
 * (a run merged across a repeat) is told by its whole wording, without parts.
 */
export function passageKind(p: Passage, cand: Side, orig: Side): { kind: PassageKind; parts?: PassagePart[] } {
  const [c0, c1] = p.candidateTokens;
  const [o0, o1] = p.originalTokens;
  const cc = p.candidateChars ?? [cand.offsets[2 * c0], cand.offsets[2 * c1 - 1]];
  const oc = p.originalChars ?? [orig.offsets[2 * o0], orig.offsets[2 * o1 - 1]];
  const word = (s: Side, i: number) => normalizeWord(s.text.slice(s.offsets[2 * i], s.offsets[2 * i + 1]));
  const n = c1 - c0;
  let paired = n > 0 && n === o1 - o0;
  for (let i = 0; paired && i < n; i++) paired = word(cand, c0 + i) === word(orig, o0 + i);
  if (!paired) return { kind: wordsIn(cand.text, cc[0], cc[1]).key === wordsIn(orig.text, oc[0], oc[1]).key ? 'literal' : 'near' };

  // Unit i of each side: [end of content word i-1, end of content word i); the first starts at the passage.
  const unit = (s: Side, t0: number, start: number, i: number) => wordsIn(s.text, i === 0 ? start : s.offsets[2 * (t0 + i) - 1], s.offsets[2 * (t0 + i) + 1]);
  const literal: boolean[] = [];
  const firsts: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = unit(cand, c0, cc[0], i);
    const b = unit(orig, o0, oc[0], i);
    literal.push(a.key === b.key);
    firsts.push([a.first, b.first]);
  }
  // Runs of units of one kind; short literal runs become near when any unit is near.
  const runs: { kind: PassageKind; from: number }[] = [];
  const push = (kind: PassageKind, from: number) => {
    if (runs.length && runs[runs.length - 1].kind === kind) return;
    runs.push({ kind, from });
  };
  const anyNear = literal.includes(false);
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && literal[j] === literal[i]) j++;
    push(literal[i] && (!anyNear || j - i >= MIN_LITERAL_WORDS) ? 'literal' : 'near', i);
    i = j;
  }
  if (runs.length === 1) return { kind: runs[0].kind };
  // Each part starts at its first word (the passage's start for the first part) and ends where the next starts.
  const starts = runs.map((r, k) => (k === 0 ? [cc[0], oc[0]] : firsts[r.from]));
  const parts = runs.map((r, k): PassagePart => {
    const next = k + 1 < runs.length ? starts[k + 1] : [cc[1], oc[1]];
    return { kind: r.kind, candidateChars: [starts[k][0], next[0]], originalChars: [starts[k][1], next[1]] };
  });
  return { kind: 'near', parts };
}

/** Compares two texts: how much of the candidate derives from the original. */
export function compareTexts(originalText: string, candidateText: string, opts: { sensitivity?: Sensitivity; credited?: boolean } = {}): Comparison {
  const o = tokenHashes(originalText, DEFAULT_PARAMS.seed);
  const c = tokenHashes(candidateText, DEFAULT_PARAMS.seed);
  const f = measure(o.tokens, c.tokens);
  return {
    verdict: verdictOf(f, opts.sensitivity, opts.credited),
    score: score(f),
    containment: f.containment,
    coverage: f.coverage,
    jaccard: f.jaccard,
    ordered: f.ordered,
    vocabulary: f.vocabulary,
    passages: withChars(f.passages, c.offsets, o.offsets, { candidate: candidateText, original: originalText }),
  };
}

/**
 * The comparison of a page's text with a listed article known only by its sketch (no text): the
 * figures are the sketch's estimates, and the passages have the page's side alone (character
 * ranges in `candidateText`; the original's side is empty), so nothing of the original is shown.
 */
export function compareWithSketch(sketch: ListSketch, candidateText: string, opts: { sensitivity?: Sensitivity; credited?: boolean } = {}): Comparison {
  const c = tokenHashes(candidateText, DEFAULT_PARAMS.seed);
  const f = measureSketch(sketch, c.tokens, 'candidate');
  return {
    verdict: verdictOf(f, opts.sensitivity, opts.credited),
    score: score(f),
    containment: f.containment,
    coverage: f.coverage,
    jaccard: f.jaccard,
    ordered: f.ordered,
    vocabulary: f.vocabulary,
    passages: withChars(f.passages, c.offsets),
  };
}
