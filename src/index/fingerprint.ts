import { murmur3 } from './hash.ts';
import { bandKeys, shingleHashes, signature } from './minhash.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { contentWords } from './tokenize.ts';
import type { SignatureParams } from './types.ts';

/** What the engine keeps of a text: its content words as hashes, their offsets, the signature and band keys. */
export interface Fingerprint {
  tokens: Uint32Array;
  /** Two per token: [start, end) character offsets in the text. */
  offsets: Uint32Array;
  signature: Uint32Array;
  bandKeys: number[];
  /** Content words after dropping repeated paragraphs. */
  wordCount: number;
}

/** Hashes of a text's content words, in order, with their offsets. */
export function tokenHashes(text: string, seed: number): { tokens: Uint32Array; offsets: Uint32Array } {
  const cw = contentWords(text);
  const n = cw.words.length;
  const tokens = new Uint32Array(n);
  const offsets = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    tokens[i] = murmur3(cw.words[i], seed);
    offsets[2 * i] = cw.starts[i];
    offsets[2 * i + 1] = cw.ends[i];
  }
  return { tokens, offsets };
}

export function fingerprint(text: string, params: SignatureParams = DEFAULT_PARAMS): Fingerprint {
  const { tokens, offsets } = tokenHashes(text, params.seed);
  const sig = signature(shingleHashes(tokens, params.shingle.size, params.seed), params);
  return { tokens, offsets, signature: sig, bandKeys: bandKeys(sig, params), wordCount: tokens.length };
}
