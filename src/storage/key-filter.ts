// Which keys a reuse list's postings hold, as a Bloom filter kept beside the list (schema v9,
// "listFilters"): a check reads a bucket of a list's postings only when the filter says the list
// may hold one of the page's keys there. A page shares none of its ~176 keys with nearly all of a
// large list's buckets (with 8 bucket bits, a band bucket of a 100k-article list holds ~390 of
// the 2^24 hashes it covers), so without the filter nearly every read of a check finds nothing.
// Beside it, a filter of the band keys two or more of the list's articles hold: a key it does not
// take, found among the band keys of a listed article the check already read, is that article's
// alone, and its bucket need not be read (list-lookup.ts lookupKeys).
//
// Written by hand rather than taken from a Bloom filter package: the keys are hashes already
// (MinHash band hashes, salted word hashes, id hashes), so the filter needs no hashing of its own
// beyond mixing two numbers; the packages on npm hash strings or buffers, and would turn each of
// a list's millions of keys into one.
import { fmix32 } from '../index/hash.ts';
import { MAX_TOPIC_POSTINGS } from '../index/topic.ts';
import { ID_BAND, isListTopicBucket, LEGACY_LIST_BITS, listBandOf } from './list-layout.ts';

/** Bits per key and probes per key: about 0.3% of keys a list does not hold are taken as held.
 * At 8 bits and 6 probes (2.2%), a check against a 100k-article list read 2.1 to 3.6 buckets that
 * held none of its ~176 keys, a quarter of its postings reads; 12 bits cost 4 more bytes per key
 * (about 32 bytes per listed article). */
export const BITS_PER_KEY = 12;
export const PROBES = 8;
const TWO_32 = 0x1_0000_0000;

export interface KeyFilter {
  bits: Uint32Array;
  probes: number;
}

/** The two hashes a key's probes are made of (double hashing); the second is odd. */
function hashes(band: number, hash: number): [number, number] {
  const a = fmix32((hash ^ Math.imul(band + 1, 0x9e3779b1)) >>> 0);
  const b = fmix32((a ^ 0x5bd1e995 ^ band) >>> 0) | 1;
  return [a, b];
}

/** The bit of the i-th probe, among `m` bits: (a + i * b) taken from 32 bits to [0, m) by multiplication. */
function bitOf(a: number, b: number, i: number, m: number): number {
  return Math.floor((((a + Math.imul(i, b)) >>> 0) * m) / TWO_32);
}

function add(f: KeyFilter, band: number, hash: number): void {
  const m = f.bits.length * 32;
  const [a, b] = hashes(band, hash);
  for (let i = 0; i < f.probes; i++) {
    const bit = bitOf(a, b, i, m);
    f.bits[bit >>> 5] |= 1 << (bit & 31);
  }
}

/** False when the list holds no posting under `key` (band * 2^32 + hash); true when it may. */
export function mayHold(f: KeyFilter, key: number): boolean {
  const band = Math.floor(key / TWO_32);
  const m = f.bits.length * 32;
  if (m === 0) return false;
  const [a, b] = hashes(band, key - band * TWO_32);
  for (let i = 0; i < f.probes; i++) {
    const bit = bitOf(a, b, i, m);
    if (!(f.bits[bit >>> 5] & (1 << (bit & 31)))) return false;
  }
  return true;
}

/** A filter's stored form is checked before use: a damaged one is not used (every bucket is read). */
export function isKeyFilter(v: unknown): v is KeyFilter {
  const f = v as KeyFilter | undefined;
  return !!f && f.bits instanceof Uint32Array && Number.isInteger(f.probes) && f.probes >= 1 && f.probes <= 32;
}

/** A list's filters: the keys it holds, and among its band keys those two or more of its articles
 * hold (same probes). The second lets a check take a band key of a page as that of a listed
 * article it already knows, without reading the key's bucket: when the key is among that
 * article's band keys and the second filter says no other article holds it (list-lookup.ts lookupKeys). */
export type ListKeyFilter = KeyFilter & { shared: Uint32Array };

/**
 * The filters of a list's postings (bucket -> pairs of hash and reference, as list-layout.ts
 * builds them with `bits` bucket bits). The first takes every key the list holds, except topic
 * keys held by more than MAX_TOPIC_POSTINGS of its articles, which a check skips (common words)
 * and so never needs to read; the second, the band keys held more than once. Each is sized to the
 * keys it takes, counted first.
 */
export function filterOfPostings(postings: ReadonlyMap<number, Uint32Array>, bits: number = LEGACY_LIST_BITS): ListKeyFilter {
  let scratch = new Uint32Array(1024);
  /** Calls `take` once per key of the bucket that the filter takes, with its holders. */
  const keysOf = (bucket: number, value: Uint32Array, take: (hash: number, holders: number) => void) => {
    const n = value.length >>> 1;
    if (scratch.length < n) scratch = new Uint32Array(n * 2);
    const sorted = scratch.subarray(0, n);
    for (let i = 0; i < n; i++) sorted[i] = value[2 * i];
    sorted.sort();
    const capped = isListTopicBucket(bucket, bits);
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && sorted[j] === sorted[i]) j++;
      if (!capped || j - i <= MAX_TOPIC_POSTINGS) take(sorted[i], j - i);
      i = j;
    }
  };
  /** Band keys: those a check may take as a known article's (not topic keys, not id keys). */
  const isBandBucket = (bucket: number) => !isListTopicBucket(bucket, bits) && listBandOf(bucket, bits) !== ID_BAND;
  let keys = 0;
  let shared = 0;
  for (const [bucket, value] of postings) {
    const band = isBandBucket(bucket);
    keysOf(bucket, value, (_, holders) => {
      keys++;
      if (band && holders > 1) shared++;
    });
  }
  const sized = (n: number) => new Uint32Array(Math.max(2, Math.ceil((n * BITS_PER_KEY) / 32)));
  const f: KeyFilter = { bits: sized(keys), probes: PROBES };
  const s: KeyFilter = { bits: sized(shared), probes: PROBES };
  for (const [bucket, value] of postings) {
    const band = listBandOf(bucket, bits);
    const inBand = isBandBucket(bucket);
    keysOf(bucket, value, (hash, holders) => {
      add(f, band, hash);
      if (inBand && holders > 1) add(s, band, hash);
    });
  }
  return { ...f, shared: s.bits };
}
