// How a check reads the reuse lists' postings (and the reader's own) for a page's keys, in the
// transaction IdbStore opens for it (db.ts): each list's key filters, read once per copy of the
// list, say which of its buckets may hold the page's keys, and a list that may hold many of the
// page's band keys is read in two steps (lookupKeys).
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { CandidateHit } from '../index/store.ts';
import { sketchBandKeys } from '../index/sketch.ts';
import { isTopicKey } from '../index/topic.ts';
import type { FirsthandDB, StoredKeyFilter, StoredList } from './db.ts';
import { isKeyFilter, mayHold, type KeyFilter } from './key-filter.ts';
import { isListedRef, LEGACY_LIST_BITS, listBucketOf, serialOf, sketchAt, slotOf } from './list-layout.ts';
import { readBlock, type BlockReads } from './lists-read.ts';
import { BUCKET_BITS, bucketOf, countHits, hashOf } from './postings.ts';

/** What the lookups of one transaction share (lookupKeys). */
export interface LookupAt {
  postings: IDBPObjectStore<FirsthandDB, StoreNames<FirsthandDB>[], 'postings'>;
  listed: IDBPObjectStore<FirsthandDB, StoreNames<FirsthandDB>[], 'listPostings'>;
  blocks: IDBPObjectStore<FirsthandDB, StoreNames<FirsthandDB>[], 'listBlocks'>;
  /** The blocks read in the lookups' transaction, which a fetch joining it finds. */
  blockReads: BlockReads;
  lists: StoredList[];
  readings: ListReading[];
  own: boolean;
}

/** A list that may hold more of a page's band keys than this is read in two steps (lookupKeys). */
const EXPLAIN_ABOVE = 8;
/** Band keys whose buckets the first step reads. */
const FIRST_READS = 4;
/** Listed articles the first step's reads name that are read to explain the other keys, at most. */
const MAX_EXPLAINERS = 8;

/** `n` of `items`, spread evenly over them (all of them when they are as few). */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

/**
 * How a store reads the lists' postings. "explain", the product's: only the buckets a list's key
 * filter says may hold one of the page's keys, and of those not the buckets of band keys that a
 * listed article found first holds alone, nor those of a list that may hold fewer of the keys
 * than a lookup's `minHits` (lookupKeys). "filter": every bucket the key filter allows.
 * "every": every bucket of the page's keys, as for a list installed before key filters.
 */
export type ListReads = 'explain' | 'filter' | 'every';

/** How a check reads a list's postings: the list's copy (digest), its key filter (none: every
 * bucket is read) and the bucket bits of its band and topic postings. */
export interface ListReading {
  digest: string;
  filter?: KeyFilter;
  /** Its band keys held by more than one of its articles (none: every key's bucket is read). */
  shared?: KeyFilter;
  bits: number;
}

/**
 * The reading of a list: the bucket bits its copy was installed with (those of a list installed
 * before key filters when it says none), and its stored filter, unless that is of another copy
 * or of no usable form.
 */
export function readingOf(list: StoredList, stored: StoredKeyFilter | undefined, reads: ListReads): ListReading {
  const b = list.bucketBits;
  const bits = typeof b === 'number' && Number.isInteger(b) && b >= 1 && b <= BUCKET_BITS ? b : LEGACY_LIST_BITS;
  const usable = reads !== 'every' && stored?.digest === list.digest && isKeyFilter(stored);
  if (!usable) return { digest: list.digest, bits };
  const reading: ListReading = { digest: list.digest, filter: { bits: stored.bits, probes: stored.probes }, bits };
  // A filter stored before it had its shared keys (or with them damaged) still says what is held.
  if (reads === 'explain' && stored.shared instanceof Uint32Array && stored.shared.length > 0) reading.shared = { bits: stored.shared, probes: stored.probes };
  return reading;
}

/**
 * The hits of the page's `keys`: own article numbers and listed references with the count of keys
 * each holds. With `minHits`, a list that may hold fewer of the keys than that (by its key filter)
 * is not read for them: none of its articles could share that many (a listed article is one
 * list's), and the caller leaves out hits below it (the check's topic candidates).
 */
export async function lookupKeys(at: LookupAt, keys: readonly number[], maxPerKey: number | undefined, minHits = 1): Promise<CandidateHit[]> {
  const { postings, listed, lists, readings, own } = at;
  const distinct = [...new Set(keys)];
  const buckets = [...new Set(distinct.map(bucketOf))];
  // Each list's bucket of each key it may hold (every key of a list without a filter), named
  // "bucket list-id": what is read, and where each key's holders are looked for.
  const listReads = new Map<string, [number, string]>();
  const readsOf = new Map<number, string[]>();
  /** Per list, the band keys it may hold, in the page's order, when it can tell those held once. */
  const bandKeys: number[][] = lists.map(() => []);
  const nameOf = (key: number, i: number) => `${listBucketOf(key, readings[i].bits)} ${lists[i].id}`;
  const countsAll = maxPerKey === undefined || !Number.isFinite(maxPerKey);
  const held = (l: ListReading, key: number) => !l.filter || mayHold(l.filter, key);
  // A list that may hold fewer of the keys than `minHits` is not read for them.
  const read = readings.map((l) => minHits <= 1 || distinct.filter((key) => held(l, key)).length >= minHits);
  for (const key of distinct) {
    const at: string[] = [];
    readings.forEach((l, i) => {
      if (!read[i] || !held(l, key)) return;
      const name = nameOf(key, i);
      listReads.set(name, [listBucketOf(key, l.bits), lists[i].id]);
      at.push(name);
      if (countsAll && l.shared && !isTopicKey(key)) bandKeys[i].push(key);
    });
    readsOf.set(key, at);
  }
  // A list that may hold many of the page's band keys (a copy of one of its articles) is read in
  // two steps: first the buckets of a few of those keys, then, once the listed articles these
  // name are known by their sketches, only the buckets of keys none of them explains.
  const deferred = new Set<string>();
  // Of those, the buckets of keys that two or more of the list's articles may hold: read whatever
  // the first reads name, with the blocks of the articles those name.
  const sure = new Set<string>();
  bandKeys.forEach((held, i) => {
    if (held.length <= EXPLAIN_ABOVE) return;
    const first = new Set(spread(held, FIRST_READS).map((k) => nameOf(k, i)));
    for (const k of held) {
      const name = nameOf(k, i);
      if (first.has(name)) continue;
      deferred.add(name);
      if (mayHold(readings[i].shared!, k)) sure.add(name);
    }
  });
  const values = new Map<string, Uint32Array | undefined>();
  const readNames = (names: readonly string[]) => Promise.all(names.map(async (name) => values.set(name, await listed.get(listReads.get(name)!))));
  const [mine] = await Promise.all([
    own ? Promise.all(buckets.map((b) => postings.get(b))) : [],
    readNames([...listReads.keys()].filter((n) => !deferred.has(n))),
  ]);
  const explained = new Map<number, number>();
  /** The listed articles each band key was taken as held by, its bucket not read. */
  const explainedBy = new Map<number, number[]>();
  if (deferred.size) {
    const [known] = await Promise.all([explainers(at, bandKeys, values, nameOf), readNames([...sure])]);
    bandKeys.forEach((held, i) => {
      for (const k of held) {
        const name = nameOf(k, i);
        if (!deferred.has(name)) continue;
        const holder = known[i].get(k);
        if (holder === undefined || mayHold(readings[i].shared!, k)) continue;
        // The key is this article's alone: a hit for it, and its bucket is not read for this key.
        explained.set(holder, (explained.get(holder) ?? 0) + 1);
        explainedBy.set(k, [...(explainedBy.get(k) ?? []), holder]);
        readsOf.set(
          k,
          readsOf.get(k)!.filter((n) => n !== name),
        );
      }
    });
    const wanted = new Set<string>();
    for (const k of distinct) for (const n of readsOf.get(k)!) if (!values.has(n)) wanted.add(n);
    await readNames([...wanted]);
  }
  const ownValues = new Map(buckets.map((b, i) => [b, mine[i]]));
  const valuesOf = (key: number) =>
    [ownValues.get(bucketOf(key)), ...readsOf.get(key)!.map((name) => values.get(name))].filter((v): v is Uint32Array => v !== undefined);
  const hits = countHits(distinct, valuesOf, maxPerKey);
  for (const [ref, n] of explained) hits.set(ref, (hits.get(ref) ?? 0) + n);
  const common = commonHolders(distinct, valuesOf, explainedBy, maxPerKey);
  return [...hits].map(([ref, n]) => (common.has(ref) ? { ref, hits: n, common: true } : { ref, hits: n }));
}

/**
 * The listed articles whose every band key among `keys` another article holds too
 * (CandidateHit.common), from the values read for each key and the holders of the keys taken as
 * a listed article's without reading their buckets: a key of those is that article's alone in
 * its list, and the values read for it (the reader's own postings, other lists) hold the rest.
 */
function commonHolders(
  keys: readonly number[],
  valuesOf: (key: number) => Uint32Array[],
  explainedBy: ReadonlyMap<number, number[]>,
  maxPerKey = Infinity,
): Set<number> {
  const alone = new Set<number>();
  const shared = new Set<number>();
  const held: number[] = [];
  for (const key of keys) {
    if (isTopicKey(key)) continue;
    held.length = 0;
    held.push(...(explainedBy.get(key) ?? []));
    const h = hashOf(key);
    for (const v of valuesOf(key)) for (let j = 0; j + 1 < v.length; j += 2) if (v[j] === h) held.push(v[j + 1]);
    if (held.length > maxPerKey) continue;
    for (const a of held) (held.length === 1 ? alone : shared).add(a);
  }
  for (const a of alone) shared.delete(a);
  for (const a of shared) if (!isListedRef(a)) shared.delete(a);
  return shared;
}

/**
 * Per list, which of the page's band keys each listed article found so far holds: the articles
 * the buckets read hold under the page's keys (at most MAX_EXPLAINERS per list), each known by
 * the band keys of its sketch, read from its block.
 */
async function explainers(
  at: LookupAt,
  bandKeys: readonly number[][],
  values: ReadonlyMap<string, Uint32Array | undefined>,
  nameOf: (key: number, list: number) => string,
): Promise<Map<number, number>[]> {
  const blockOf = (serial: number) => readBlock(at.blocks, at.blockReads, serial);
  return Promise.all(
    bandKeys.map(async (held, i) => {
      const holders = new Set<number>();
      for (const k of held) {
        const v = values.get(nameOf(k, i));
        if (!v) continue;
        const h = hashOf(k);
        for (let j = 0; j + 1 < v.length && holders.size < MAX_EXPLAINERS; j += 2) if (v[j] === h) holders.add(v[j + 1]);
      }
      const page = new Set(held);
      const byKey = new Map<number, number>();
      await Promise.all(
        [...holders].map(async (ref) => {
          const block = await blockOf(serialOf(ref));
          if (!block?.entries[slotOf(ref)]) return;
          for (const k of sketchBandKeys(sketchAt(block, slotOf(ref)))) if (page.has(k)) byKey.set(k, ref);
        }),
      );
      return byKey;
    }),
  );
}
