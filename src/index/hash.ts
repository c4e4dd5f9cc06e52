// 32-bit hashing with Math.imul: bit-identical in every JavaScript engine.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3 finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * MurmurHash3 (x86, 32-bit) of a string's UTF-16 code units, two per block.
 * Defined on code units, not bytes, so no encoder is needed; fixed vectors in tests.
 */
export function murmur3(text: string, seed: number): number {
  let h = seed | 0;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) h = mixH(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  if (i < n) h ^= mixK(text.charCodeAt(i));
  h ^= n * 2;
  return fmix32(h);
}

/** Hash of a sequence of 32-bit values (a shingle of token hashes), MurmurHash3 block mixing. */
export function hashSeq(values: ArrayLike<number>, from: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < count; i++) h = mixH(h, values[from + i]);
  h ^= count * 4;
  return fmix32(h);
}

/** Deterministic integer PRNG (mulberry32) for seeded parameters. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
