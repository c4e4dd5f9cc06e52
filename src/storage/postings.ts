// The LSH band index in IndexedDB as bucketed inverted lists. Each value of the "postings" store
// holds, for one band and one range of band hashes (a bucket), the pairs (band hash, article
// number) as one Uint32Array. A check reads one value per band key; an article adds one pair
// (8 bytes) to 128 values. A multiEntry index (the layout before schema v4) kept one LevelDB
// entry of about 40 bytes per band key and per article instead, and an import wrote 128 of them
// per article; here an import writes each touched bucket once.
import { bandKeys } from '../index/minhash.ts';
import { MAX_TOPIC_POSTINGS, TOPIC_BAND_BASE, topicKeys } from '../index/topic.ts';
import { sketchBandKeys, sketchTopicKeys } from '../index/sketch.ts';
import type { ListSketch, SignatureParams } from '../index/types.ts';
import { storedSketch } from './sketch-pack.ts';

/** Bits of the band hash that pick the bucket within a band: 256 buckets per band, 32,768 in all. */
export const BUCKET_BITS = 8;
const TWO_32 = 0x1_0000_0000;

/** The bucket of a band key (band * 2^32 + hash). */
export function bucketOf(bandKey: number): number {
  const band = Math.floor(bandKey / TWO_32);
  return band * (1 << BUCKET_BITS) + ((bandKey % TWO_32) >>> (32 - BUCKET_BITS));
}

/** The band hash of a band key, as stored in its bucket. */
export function hashOf(bandKey: number): number {
  return (bandKey % TWO_32) >>> 0;
}

/** bands x rows and signature length of a stored record's parameters (read from paramsId), so the
 * band keys of a record made with older parameters can still be found and removed. */
export function bandLayoutOf(paramsId: string): Pick<SignatureParams, 'numPerm' | 'bands' | 'rows' | 'seed'> | undefined {
  const m = /\/s(\d+)\/p(\d+)\/.*\/b(\d+)x(\d+)\//.exec(paramsId);
  if (!m) return undefined;
  const [seed, numPerm, bands, rows] = m.slice(1).map(Number);
  return bands * rows === numPerm ? { seed, numPerm, bands, rows } : undefined;
}

/** The band keys a stored record was indexed under; none when its parameters cannot be read. */
export function storedBandKeys(record: { params: string; signature: Uint32Array }): number[] {
  const layout = bandLayoutOf(record.params);
  if (!layout || !(record.signature instanceof Uint32Array) || record.signature.length !== layout.numPerm) return [];
  return bandKeys(record.signature, layout as SignatureParams);
}

/** Every key a stored record is posted under: its band keys and its topic keys (topic.ts); a
 * listed-only article's, from its sketch (as indexKeys gives them), packed or whole. */
export function storedKeys(record: { params?: string; signature?: Uint32Array; tokens?: Uint32Array; sketch?: ListSketch | Uint32Array }): number[] {
  if (record.sketch) {
    const sketch = storedSketch(record.sketch);
    return [...sketchBandKeys(sketch), ...sketchTopicKeys(sketch)];
  }
  if (record.params === undefined || !record.signature || !record.tokens) return [];
  return [...storedBandKeys({ params: record.params, signature: record.signature }), ...topicKeys(record.tokens)];
}

/** Pending changes to the postings, grouped by bucket: pairs to add, article numbers to remove. */
export class PostingsChanges {
  readonly adds = new Map<number, number[]>();
  readonly removes = new Map<number, Set<number>>();

  add(article: number, keys: readonly number[]): void {
    for (const key of keys) {
      const bucket = bucketOf(key);
      let list = this.adds.get(bucket);
      if (!list) this.adds.set(bucket, (list = []));
      list.push(hashOf(key), article);
    }
  }

  remove(article: number, keys: readonly number[]): void {
    for (const key of keys) {
      const bucket = bucketOf(key);
      let set = this.removes.get(bucket);
      if (!set) this.removes.set(bucket, (set = new Set()));
      set.add(article);
    }
  }

  /** Every bucket that changes. */
  buckets(): number[] {
    const all = new Set(this.adds.keys());
    for (const b of this.removes.keys()) all.add(b);
    return [...all];
  }

  /** The new value of a bucket from its old one; undefined when it ends up empty. */
  merge(bucket: number, old: Uint32Array | undefined): Uint32Array | undefined {
    const gone = this.removes.get(bucket);
    const added = this.adds.get(bucket) ?? [];
    let kept = 0;
    if (old) for (let i = 1; i < old.length; i += 2) if (!gone?.has(old[i])) kept++;
    const length = kept * 2 + added.length;
    if (length === 0) return undefined;
    const out = new Uint32Array(length);
    let j = 0;
    if (old)
      for (let i = 0; i + 1 < old.length; i += 2) {
        if (gone?.has(old[i + 1])) continue;
        out[j++] = old[i];
        out[j++] = old[i + 1];
      }
    if (!isTopicBucket(bucket)) {
      out.set(added, j);
      return out;
    }
    // A topic key held by more than MAX_TOPIC_POSTINGS articles is a common word, which checks
    // skip: it takes one more holder to say so, and no more, so its list stays short.
    const held = new Map<number, number>();
    for (let i = 0; i < j; i += 2) held.set(out[i], (held.get(out[i]) ?? 0) + 1);
    for (let i = 0; i + 1 < added.length; i += 2) {
      const n = held.get(added[i]) ?? 0;
      if (n > MAX_TOPIC_POSTINGS) continue;
      held.set(added[i], n + 1);
      out[j++] = added[i];
      out[j++] = added[i + 1];
    }
    return j === 0 ? undefined : out.slice(0, j);
  }
}

/** True for a bucket of topic keys (their bands start at TOPIC_BAND_BASE). */
export function isTopicBucket(bucket: number): boolean {
  return bucket >= TOPIC_BAND_BASE * (1 << BUCKET_BITS);
}

/** The part of IndexedDB's object store the postings need (idb's wrapper, in a readwrite transaction). */
export interface PostingsStore {
  get(bucket: number): Promise<Uint32Array | undefined>;
  put(value: Uint32Array, bucket: number): Promise<unknown>;
  delete(bucket: number): Promise<unknown>;
}

/** Buckets read and written per step, so a large import does not hold every request at once. */
const APPLY_STEP = 4096;

/**
 * Writes pending changes: each touched bucket is read (unless the store is known to be empty),
 * merged and written once. Runs inside the caller's transaction, whose atomicity covers it.
 */
export async function applyChanges(
  store: PostingsStore,
  changes: PostingsChanges,
  opts: { empty?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const buckets = changes.buckets();
  for (let i = 0; i < buckets.length; i += APPLY_STEP) {
    const step = buckets.slice(i, i + APPLY_STEP);
    const olds = opts.empty ? [] : await Promise.all(step.map((b) => store.get(b)));
    const writes: Promise<unknown>[] = [];
    step.forEach((bucket, j) => {
      const value = changes.merge(bucket, olds[j]);
      if (value) writes.push(store.put(value, bucket));
      else if (olds[j]) writes.push(store.delete(bucket));
    });
    await Promise.all(writes);
    opts.onProgress?.(Math.min(i + APPLY_STEP, buckets.length), buckets.length);
  }
}

/** Article numbers sharing each of the keys, counted per article, from the values read for each
 * key (the own postings' bucket and each reuse list's: their pairs count together). A key held by
 * more than `maxPerKey` articles is left out (a common word among topic keys). */
export function countHits(keys: readonly number[], valuesOf: (key: number) => readonly Uint32Array[], maxPerKey = Infinity): Map<number, number> {
  const hits = new Map<number, number>();
  const holders: number[] = [];
  for (const key of new Set(keys)) {
    const h = hashOf(key);
    holders.length = 0;
    for (const list of valuesOf(key)) for (let j = 0; j + 1 < list.length; j += 2) if (list[j] === h) holders.push(list[j + 1]);
    if (holders.length > maxPerKey) continue;
    for (const a of holders) hits.set(a, (hits.get(a) ?? 0) + 1);
  }
  return hits;
}
