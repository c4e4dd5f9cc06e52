import { tokenHashes } from './fingerprint.ts';
import { DEFAULT_PARAMS } from './params.ts';
import type { Comparison, Passage } from './types.ts';
import { score, verdictOf, type Sensitivity } from './verdict.ts';
import { measure } from './verify.ts';

/** Token ranges of passages turned into character ranges, where the offsets are known. */
export function withChars(passages: Passage[], candOffsets?: Uint32Array, origOffsets?: Uint32Array): Passage[] {
  const chars = (off: Uint32Array | undefined, r: [number, number]): [number, number] | undefined =>
    off && r[1] > r[0] && 2 * r[1] <= off.length ? [off[2 * r[0]], off[2 * r[1] - 1]] : undefined;
  return passages.map((p) => {
    const c = chars(candOffsets, p.candidateTokens);
    const o = chars(origOffsets, p.originalTokens);
    return { ...p, ...(c ? { candidateChars: c } : {}), ...(o ? { originalChars: o } : {}) };
  });
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
    passages: withChars(f.passages, c.offsets, o.offsets),
  };
}
