// How a reuse list's articles are laid out in the index database (schema v8), apart from the
// reader's own: pure functions, shared by the install (lists-install.ts), the reads
// (lists-read.ts) and the schema step that moved the first layout's listed articles here.
//
// - "listBlocks": a list's articles BLOCK_SIZE at a time, one value per block under a serial
//   number: the list's id, each article's metadata (ListEntry), and their packed sketches one
//   after another in one array. An install writes a few hundred values instead of one per article.
// - A listed article's reference (what postings hold) is LISTED_BASE + serial * SLOTS + slot:
//   never below 2^31, where the reader's own articles (numbered from 1 by "articles") never reach.
// - "listPostings": a list's postings under [bucket, list id], written whole by an install (no
//   read-merge), laid out as the own "postings" (postings.ts); a check reads every list's value of
//   a bucket with one range read. Besides band and topic keys, each article is posted under a hash
//   of its id (ID_BAND), so it is found by id.
// - "listManifests": per list, what an update or a removal must know of the installed copy: its
//   blocks, its postings buckets, and when each article was first listed (by a 64-bit hash of its
//   id), so an update keeps the earlier time.
import { hashSeq, murmur3 } from '../index/hash.ts';
import { DEFAULT_PARAMS, paramsId } from '../index/params.ts';
import { LIST_BAND_STRIDE, LIST_TOPIC_POSTED, sketchBandKeys, sketchTopicKeys } from '../index/sketch.ts';
import type { ArticleRecord, ListSketch } from '../index/types.ts';
import { MAX_TOPIC_POSTINGS, spreadKey, TOPIC_BAND_BASE } from '../index/topic.ts';
import { BUCKET_BITS } from './postings.ts';
import { packSketch, unpackSketch } from './sketch-pack.ts';
import type { StoredListed } from './stored.ts';

/** Articles per block (about 900 bytes each): a check that wants one entry reads its whole block,
 * an install writes one value per block. 16 keeps the first small (14 KB) and the second few
 * (6,250 values for 100,000 articles). */
export const BLOCK_SIZE = 16;
/** References per serial number (BLOCK_SIZE at most). */
export const SLOTS = 256;
/** The first listed article's reference: own articles' numbers stay below it. */
export const LISTED_BASE = 0x8000_0000;
/** Serial numbers available: references stay below 2^32. */
export const MAX_SERIALS = (0x1_0000_0000 - LISTED_BASE) / SLOTS;
/** The "band" of id hashes in listPostings, beyond band and topic keys' bands. */
export const ID_BAND = 2048;
const TWO_32 = 0x1_0000_0000;

/** True for the reference of a listed article. */
export const isListedRef = (ref: number): boolean => ref >= LISTED_BASE;
export const refOf = (serial: number, slot: number): number => LISTED_BASE + serial * SLOTS + slot;
export const serialOf = (ref: number): number => Math.floor((ref - LISTED_BASE) / SLOTS);
export const slotOf = (ref: number): number => (ref - LISTED_BASE) % SLOTS;

/** A listed article as a block holds it: only what cannot be derived (as the first layout's
 * compact form): no signature or word hashes, no URL when it is the id, the canonical URL as
 * `true` when it is the URL, no parameters when they are the default ones, no credits when there
 * are none. Its sketch is in the block's `sketches`, unless its figures do not fit that form. */
export type ListEntry = Omit<StoredListed, 'key' | 'lists' | 'firstSeenAt' | 'sketch'> & {
  /** The sketch whole, only when it cannot be packed. */
  sketch?: ListSketch;
};

export interface ListBlock {
  list: string;
  entries: ListEntry[];
  /** The packed sketches (sketch-pack.ts) of the entries without `sketch`, in entry order. */
  sketches: Uint32Array;
}

export interface ListManifest {
  id: string;
  /** Serial numbers of the list's blocks, in entry order. */
  blocks: number[];
  /** Every bucket the list has a postings value in. */
  buckets: Uint32Array;
  /** Two 32-bit hashes of each article's id (idHashes), in entry order. */
  ids: Uint32Array;
  /** When each article was first listed, in entry order. */
  listedAt: Float64Array;
  /** Two 32-bit hashes of each block's content (blockHash), in block order: an update leaves a
   * block it would write again as it is. */
  blockHashes?: Uint32Array;
}

/** The parameters every list is made with today: an entry made with them does not store them. */
const LISTED_PARAMS = paramsId(DEFAULT_PARAMS);

/** Two independent 32-bit hashes of an article's id: the first is posted in ID_BAND. */
export function idHashes(id: string): [number, number] {
  return [murmur3(id, 0x6c697374) >>> 0, murmur3(id, 0x1d5e3a7b) >>> 0];
}

/** The key an article is posted under in ID_BAND. */
export function idKey(id: string): number {
  return ID_BAND * 0x1_0000_0000 + idHashes(id)[0];
}

/** The entry of a listed record, and its packed sketch (undefined when it is kept in the entry). */
export function toEntry(r: ArticleRecord, listedAt: number): { entry: ListEntry; packed?: Uint32Array } {
  const entry: ListEntry = { id: r.id, listedAt, title: r.title, outlet: r.outlet, outletKey: r.outletKey, host: r.host, wordCount: r.wordCount };
  if (r.url !== r.id) entry.url = r.url;
  if (r.canonicalUrl !== undefined) entry.canonicalUrl = r.canonicalUrl === r.url ? true : r.canonicalUrl;
  if (r.publishedAt !== undefined) entry.publishedAt = r.publishedAt;
  if (r.lang !== undefined) entry.lang = r.lang;
  if (r.params !== LISTED_PARAMS) entry.params = r.params;
  if (r.credits.length) entry.credits = r.credits;
  const packed = packSketch(r.sketch!);
  if (!packed) entry.sketch = r.sketch;
  return packed ? { entry, packed } : { entry };
}

/** The record of an entry, with its sketch (listed by `lists`). */
export function fromEntry(e: ListEntry, sketch: ListSketch, lists: string[]): ArticleRecord {
  const url = e.url ?? e.id;
  const r: ArticleRecord = {
    id: e.id,
    url,
    title: e.title,
    outlet: e.outlet,
    outletKey: e.outletKey,
    host: e.host,
    firstSeenAt: e.listedAt,
    wordCount: e.wordCount,
    params: e.params ?? LISTED_PARAMS,
    signature: new Uint32Array(0),
    bandKeys: sketchBandKeys(sketch),
    tokens: new Uint32Array(0),
    credits: e.credits ?? [],
    sketch,
  };
  if (e.canonicalUrl !== undefined) r.canonicalUrl = e.canonicalUrl === true ? url : e.canonicalUrl;
  if (e.publishedAt !== undefined) r.publishedAt = e.publishedAt;
  if (e.lang !== undefined) r.lang = e.lang;
  r.lists = lists;
  return r;
}

/** The sketch of a block's entry at `slot`: its own, or its packed one found by walking the
 * packed sketches before it (each says its length). */
export function sketchAt(block: ListBlock, slot: number): ListSketch {
  const own = block.entries[slot].sketch;
  if (own) return own;
  let at = 0;
  for (let i = 0; i < slot; i++) if (!block.entries[i].sketch) at += packedLength(block.sketches, at);
  const sketch = unpackSketch(block.sketches.subarray(at, at + packedLength(block.sketches, at)));
  if (!sketch) throw new Error('A stored sketch is damaged');
  return sketch;
}

function packedLength(p: Uint32Array, at: number): number {
  return 9 + p[at] + p[at + 1] + p[at + 2] + p[at + 3];
}

/** A list's copy cut in blocks (entries in the records' order) with their entry-order id hashes
 * and times. */
export function buildBlocks(
  list: string,
  records: readonly ArticleRecord[],
  listedAt: (r: ArticleRecord, i: number) => number,
): { blocks: ListBlock[]; ids: Uint32Array; times: Float64Array; hashes: Uint32Array } {
  const blocks: ListBlock[] = [];
  const ids = new Uint32Array(records.length * 2);
  const times = new Float64Array(records.length);
  for (let start = 0; start < records.length; start += BLOCK_SIZE) {
    const entries: ListEntry[] = [];
    const packed: Uint32Array[] = [];
    let length = 0;
    for (let i = start; i < Math.min(records.length, start + BLOCK_SIZE); i++) {
      const r = records[i];
      times[i] = listedAt(r, i);
      const [h1, h2] = idHashes(r.id);
      ids[2 * i] = h1;
      ids[2 * i + 1] = h2;
      const { entry, packed: p } = toEntry(r, times[i]);
      entries.push(entry);
      if (p) {
        packed.push(p);
        length += p.length;
      }
    }
    const sketches = new Uint32Array(length);
    let at = 0;
    for (const p of packed) {
      sketches.set(p, at);
      at += p.length;
    }
    blocks.push({ list, entries, sketches });
  }
  const hashes = new Uint32Array(blocks.length * 2);
  blocks.forEach((b, i) => hashes.set(blockHash(b), 2 * i));
  return { blocks, ids, times, hashes };
}

/** Two independent 32-bit hashes of a block's content (its entries, times included, and sketches). */
export function blockHash(b: ListBlock): [number, number] {
  const text = JSON.stringify(b.entries);
  return [
    (murmur3(text, 0x0b10c4a1) ^ hashSeq(b.sketches, 0, b.sketches.length, 0x5eed0001)) >>> 0,
    (murmur3(text, 0x0b10c4a2) ^ hashSeq(b.sketches, 0, b.sketches.length, 0x5eed0002)) >>> 0,
  ];
}

/** A list postings value's size aimed at where IndexedDB is kept in SQLite (Firefox): SQLite
 * keeps a value of 2-4 KB alone in a 4 KB page and leaves the rest of the page empty, while one of
 * ~12 KB fills its three pages. */
export const LIST_VALUE_BYTES = 12_288;
/** The bucket bits of a list's band and topic postings when its installed copy does not say (a
 * list installed before key filters): the own postings' BUCKET_BITS. */
export const LEGACY_LIST_BITS = BUCKET_BITS;

/**
 * The bucket bits of a list's band and topic postings. Where IndexedDB is kept in SQLite's pages
 * (`pages`: Firefox), from the list's size: a kept band holds one pair (8 bytes) per article,
 * spread over 2^bits buckets, so that a value holds about LIST_VALUE_BYTES; never more than
 * BUCKET_BITS (a list's buckets then stay below its id keys'), never fewer than 2. Elsewhere
 * (Chromium's LevelDB, which stores values back to back), BUCKET_BITS: smaller values, which a
 * check read faster while it read a bucket per band key of a copy (against a 100k list in
 * Chromium, checks alternated, 8 bits p50 5.4 / p95 12.3 ms, 6 bits 5.9 / 16.3); since a copy
 * reads only a few, the two measure alike there (p95 12.5 and 11.9 ms; BENCHMARKS.md, row L6).
 * A list's id keys are always bucketed by BUCKET_BITS (lists-read.ts reads them across lists).
 */
export function listBucketBits(articles: number, pages: boolean): number {
  if (!pages) return BUCKET_BITS;
  const bits = Math.round(Math.log2(Math.max(1, (articles * 8) / LIST_VALUE_BYTES)));
  return Math.min(BUCKET_BITS, Math.max(2, bits));
}

/** The bucket of a key in a list's postings of `bits` bucket bits (an id key's: BUCKET_BITS). */
export function listBucketOf(key: number, bits: number): number {
  const band = Math.floor(key / TWO_32);
  return bucketIn(band, key - band * TWO_32, bits);
}

function bucketIn(band: number, hash: number, bits: number): number {
  const b = band === ID_BAND ? BUCKET_BITS : bits;
  return band * 2 ** b + Math.floor(hash / 2 ** (32 - b));
}

/** The band of a bucket of a list's postings of `bits` bucket bits. */
export function listBandOf(bucket: number, bits: number): number {
  return bucket >= ID_BAND * 2 ** BUCKET_BITS ? ID_BAND : Math.floor(bucket / 2 ** bits);
}

/** True for a bucket of topic keys in a list's postings of `bits` bucket bits. */
export function isListTopicBucket(bucket: number, bits: number): boolean {
  const band = listBandOf(bucket, bits);
  return band >= TOPIC_BAND_BASE && band !== ID_BAND;
}

/** Every key a listed record is posted under: its sketch's band and topic keys, and its id's. */
export function listedKeys(r: ArticleRecord): number[] {
  return [...sketchBandKeys(r.sketch!), ...sketchTopicKeys(r.sketch!), idKey(r.id)];
}

/**
 * A copy's postings, whole, its band and topic keys bucketed by `bits` bucket bits
 * (listBucketBits): per bucket, the pairs (hash, local reference) as one Uint32Array,
 * where the local reference of the i-th record is its block's index * SLOTS + its slot (turned
 * into the stored reference by `localToRef` once the blocks have serial numbers). A topic key
 * keeps at most MAX_TOPIC_POSTINGS + 1 holders, as the own postings do (postings.ts merge).
 */
export function buildPostings(records: readonly ArticleRecord[], bits: number = LEGACY_LIST_BITS): Map<number, Uint32Array> {
  if (!Number.isInteger(bits) || bits < 1 || bits > BUCKET_BITS) throw new Error('buildPostings: bucket bits out of range');
  // Counting sort by bucket, over every bucket number a listed article can be posted in (they
  // stop at ID_BAND's): each key's bucket and hash computed once into flat arrays, buckets
  // counted, then each pair put in its bucket's array.
  let total = 0;
  for (const r of records) total += r.sketch!.bands.length + Math.min(LIST_TOPIC_POSTED, r.sketch!.topic.length) + 1;
  const bucketAt = new Uint32Array(total);
  const hashAt = new Uint32Array(total);
  const localAt = new Uint32Array(total);
  const counts = new Uint32Array((ID_BAND + 1) << BUCKET_BITS);
  let n = 0;
  // A key is band * 2^32 + hash; its bucket is band * 2^bits + the hash's top bits.
  const put = (band: number, hash: number, local: number) => {
    const bucket = bucketIn(band, hash, bits);
    if (!(bucket < counts.length)) throw new Error('A listed article has a key out of range');
    counts[bucket]++;
    bucketAt[n] = bucket;
    hashAt[n] = hash;
    localAt[n++] = local;
  };
  const putKey = (key: number, local: number) => {
    const band = Math.floor(key / TWO_32);
    put(band, key - band * TWO_32, local);
  };
  records.forEach((r, i) => {
    const local = Math.floor(i / BLOCK_SIZE) * SLOTS + (i % BLOCK_SIZE);
    const s = r.sketch!;
    for (let b = 0; b < s.bands.length; b++) put(b * LIST_BAND_STRIDE, s.bands[b], local);
    for (let t = 0; t < Math.min(LIST_TOPIC_POSTED, s.topic.length); t++) putKey(spreadKey(s.topic[t]), local);
    put(ID_BAND, idHashes(r.id)[0], local);
  });
  // One array per bucket used, in a dense list: `slot` maps a bucket to its place in it.
  const slot = new Int32Array(counts.length).fill(-1);
  const arrays: Uint32Array[] = [];
  const used: number[] = [];
  counts.forEach((c, bucket) => {
    if (!c) return;
    slot[bucket] = arrays.length;
    arrays.push(new Uint32Array(c * 2));
    used.push(bucket);
  });
  const fill = new Uint32Array(arrays.length);
  for (let i = 0; i < n; i++) {
    const j = slot[bucketAt[i]];
    const at = fill[j];
    arrays[j][at] = hashAt[i];
    arrays[j][at + 1] = localAt[i];
    fill[j] = at + 2;
  }
  const out = new Map<number, Uint32Array>();
  used.forEach((bucket, j) => out.set(bucket, isListTopicBucket(bucket, bits) ? capTopic(arrays[j]) : arrays[j]));
  return out;
}

/** A topic bucket's pairs with at most MAX_TOPIC_POSTINGS + 1 holders per key (the first ones). */
function capTopic(value: Uint32Array): Uint32Array {
  const held = new Map<number, number>();
  let j = 0;
  for (let i = 0; i + 1 < value.length; i += 2) {
    const n = held.get(value[i]) ?? 0;
    if (n > MAX_TOPIC_POSTINGS) continue;
    held.set(value[i], n + 1);
    value[j++] = value[i];
    value[j++] = value[i + 1];
  }
  return j === value.length ? value : value.slice(0, j);
}

/** A bucket's value with its local references made stored ones, given the blocks' serials. */
export function localToRef(value: Uint32Array, serials: readonly number[]): Uint32Array {
  const out = new Uint32Array(value.length);
  for (let i = 0; i + 1 < value.length; i += 2) {
    out[i] = value[i];
    const local = value[i + 1];
    out[i + 1] = refOf(serials[Math.floor(local / SLOTS)], local % SLOTS);
  }
  return out;
}

/** `n` serial numbers not in `used`, lowest first. */
export function freeSerials(used: readonly number[], n: number): number[] {
  const taken = new Set(used);
  const out: number[] = [];
  for (let s = 0; out.length < n; s++) {
    if (s >= MAX_SERIALS) throw new Error('The index holds too many list blocks');
    if (!taken.has(s)) out.push(s);
  }
  return out;
}
