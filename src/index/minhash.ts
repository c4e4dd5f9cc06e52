// MinHash signatures by one-permutation hashing with optimal densification
// (Li, Owen & Zhang 2012; Shrivastava 2017): each shingle is hashed once, its hash picks a bin
// and competes for that bin's minimum; empty bins borrow from a seeded probe sequence. One hash
// per shingle instead of one per shingle and permutation, with the same collision probability.
import { fmix32, hashSeq } from './hash.ts';
import type { SignatureParams } from './types.ts';

const EMPTY = 0xffffffff;

/** Hashes of the signature's shingles: every run of `size` consecutive token hashes (or the tokens themselves when fewer). */
export function shingleHashes(tokens: Uint32Array, size: number, seed: number): Uint32Array {
  if (tokens.length === 0) return new Uint32Array(0);
  if (tokens.length < size) return Uint32Array.of(hashSeq(tokens, 0, tokens.length, seed));
  const n = tokens.length - size + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = hashSeq(tokens, i, size, seed);
  return out;
}

/** The signature of a set of shingle hashes; all bins EMPTY for an empty set. */
export function signature(shingles: Uint32Array, params: SignatureParams): Uint32Array {
  const bins = params.numPerm;
  const sig = new Uint32Array(bins).fill(EMPTY);
  const salt = fmix32(params.seed ^ 0x9e3779b9);
  for (let i = 0; i < shingles.length; i++) {
    const h = fmix32(shingles[i] ^ salt);
    const bin = h % bins;
    const v = fmix32(h ^ 0x7f4a7c15);
    if (v < sig[bin]) sig[bin] = v;
  }
  if (shingles.length === 0) return sig;
  // Densify: each empty bin takes the value of the first non-empty bin on its own probe sequence.
  const filled = sig.slice();
  for (let b = 0; b < bins; b++) {
    if (filled[b] !== EMPTY) continue;
    let attempt = 0;
    let v = EMPTY;
    while (v === EMPTY) {
      const probe = fmix32(Math.imul(b + 1, 0x27d4eb2d) ^ Math.imul(attempt + 1, 0x165667b1) ^ salt) % bins;
      v = filled[probe];
      attempt++;
    }
    sig[b] = v;
  }
  return sig;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the two sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== EMPTY) eq++;
  return eq / a.length;
}

/**
 * LSH band keys: one per band of `rows` consecutive values, as numbers band * 2^32 + hash (exact
 * in a double up to 2^21 bands), so an index stores 8-byte keys. None for an empty signature.
 */
export function bandKeys(sig: Uint32Array, params: SignatureParams): number[] {
  const keys: number[] = [];
  if (sig.length === 0 || sig[0] === EMPTY) return keys;
  for (let b = 0; b < params.bands; b++) {
    const h = hashSeq(sig, b * params.rows, params.rows, params.seed ^ Math.imul(b + 1, 0x9e3779b1));
    keys.push(b * 0x1_0000_0000 + h);
  }
  return keys;
}

/** Probability that two sets of Jaccard similarity s share at least one band. */
export function sCurve(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}
