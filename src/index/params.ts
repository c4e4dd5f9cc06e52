import type { SignatureParams } from './types.ts';

/** Version of the tokenizer and normaliser (tokenize.ts). */
export const TOKENIZER_VERSION = 1;

/**
 * Default parameters. 256 one-permutation-hashing bins over content-word 2-shingles,
 * 128 bands of 2 rows: the S-curve 1-(1-s^2)^128 gives a 72% retrieval chance at
 * Jaccard 0.10 and 94% at 0.15, low enough to find rewrites and short copies inside long
 * originals, while unrelated articles (s ~ 0.003) collide 0.1% of the time (README, "How it decides").
 */
export const DEFAULT_PARAMS: SignatureParams = Object.freeze({
  hash: 'murmur3-32',
  seed: 0x5eed1,
  numPerm: 256,
  shingle: Object.freeze({ kind: 'content-word', size: 2 }),
  bands: 128,
  rows: 2,
  tokenizer: TOKENIZER_VERSION,
}) as SignatureParams;

/** A compact, stable id for a parameter set, stored with every record. */
export function paramsId(p: SignatureParams): string {
  return `${p.hash}/s${p.seed >>> 0}/p${p.numPerm}/${p.shingle.kind}${p.shingle.size}/b${p.bands}x${p.rows}/t${p.tokenizer}`;
}

/** Lists the fields that differ, in words; empty when the two sets are interchangeable. */
export function paramsDiff(a: SignatureParams, b: SignatureParams): string[] {
  const out: string[] = [];
  if (a.hash !== b.hash) out.push(`hash family ${a.hash} vs ${b.hash}`);
  if (a.seed >>> 0 !== b.seed >>> 0) out.push(`seed ${a.seed} vs ${b.seed}`);
  if (a.numPerm !== b.numPerm) out.push(`${a.numPerm} vs ${b.numPerm} permutations`);
  if (a.shingle?.kind !== b.shingle?.kind || a.shingle?.size !== b.shingle?.size)
    out.push(`shingles ${a.shingle?.kind}-${a.shingle?.size} vs ${b.shingle?.kind}-${b.shingle?.size}`);
  if (a.bands !== b.bands || a.rows !== b.rows) out.push(`bands ${a.bands}x${a.rows} vs ${b.bands}x${b.rows}`);
  if (a.tokenizer !== b.tokenizer) out.push(`tokenizer v${a.tokenizer} vs v${b.tokenizer}`);
  return out;
}
