// The filter of each reuse list's keys (src/storage/key-filter.ts): it never hides a key a list
// holds, it spares a check the reads of buckets no list holds a key of, and a check never uses a
// filter of another copy of the list than the one installed.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { indexKeys, listedRecord, type ArticleRecord } from '../../src/index/index.ts';
import { checkArticle } from '../../src/index/check.ts';
import { buildRecord } from '../../src/index/record.ts';
import { sketchBandKeys } from '../../src/index/sketch.ts';
import type { CandidateHit } from '../../src/index/store.ts';
import { MAX_TOPIC_POSTINGS, TOPIC_BAND_BASE, topicKeys } from '../../src/index/topic.ts';
import { DbConnection, IdbStore, type StoredKeyFilter } from '../../src/storage/db.ts';
import { filterOfPostings, isKeyFilter, mayHold } from '../../src/storage/key-filter.ts';
import { buildPostings, ID_BAND, listBandOf, listBucketBits, listBucketOf, LIST_VALUE_BYTES } from '../../src/storage/list-layout.ts';
import { publicInfo, readLists, removeList } from '../../src/storage/lists.ts';
import { bucketOf, hashOf } from '../../src/storage/postings.ts';
import { candidateIds, freshDbName, syntheticArticle } from './background-fixtures.ts';
import { halfTwin, install, LIST, listed, twin } from './list-fixtures.ts';

const TWO_32 = 0x1_0000_0000;

/** Postings holding each key once (under reference 1), grouped by bucket as an install writes them. */
function postingsOf(keys: readonly number[], holders = 1): Map<number, Uint32Array> {
  const out = new Map<number, number[]>();
  for (const key of keys) {
    const pairs = out.get(bucketOf(key)) ?? [];
    for (let h = 0; h < holders; h++) pairs.push(hashOf(key), h + 1);
    out.set(bucketOf(key), pairs);
  }
  return new Map([...out].map(([b, pairs]) => [b, Uint32Array.from(pairs)]));
}

/** A random number generator of fixed seed (xorshift32). */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

describe('the key filter', () => {
  it('holds every band, topic and id key of the postings it is built from', () => {
    const key = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 127 }), fc.nat({ max: 0xffff_ffff })).map(([band, hash]) => band * TWO_32 + hash),
      fc.tuple(fc.integer({ min: TOPIC_BAND_BASE, max: TOPIC_BAND_BASE + 15 }), fc.nat({ max: 0xffff_ffff })).map(([band, hash]) => band * TWO_32 + hash),
      fc.nat({ max: 0xffff_ffff }).map((hash) => ID_BAND * TWO_32 + hash),
    );
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 400 }), (keys) => {
        const f = filterOfPostings(postingsOf(keys));
        expect(keys.filter((k) => !mayHold(f, k))).toEqual([]);
      }),
    );
  });

  it('takes about 0.3% of keys it does not hold as held, at 12 bits per key', () => {
    const next = numbers(0x2545f491);
    const randomKey = () => (next() % 128) * TWO_32 + next();
    const held = Array.from({ length: 100_000 }, randomKey);
    const f = filterOfPostings(postingsOf(held));
    expect(f.bits.byteLength).toBe(150_000);
    const heldSet = new Set(held);
    const others = Array.from({ length: 100_000 }, randomKey).filter((k) => !heldSet.has(k));
    const rate = others.filter((k) => mayHold(f, k)).length / others.length;
    expect(rate).toBeGreaterThan(0.001);
    expect(rate).toBeLessThan(0.006);
  });

  it('leaves out a topic key held by more articles than a check reads (a common word), and no id key', () => {
    const topic = TOPIC_BAND_BASE * TWO_32 + 12345;
    const id = ID_BAND * TWO_32 + 777;
    const common = filterOfPostings(postingsOf([topic], MAX_TOPIC_POSTINGS + 1));
    expect(common.bits.every((w) => w === 0)).toBe(true);
    expect(mayHold(common, topic)).toBe(false);
    expect(mayHold(filterOfPostings(postingsOf([topic], MAX_TOPIC_POSTINGS)), topic)).toBe(true);
    expect(mayHold(filterOfPostings(postingsOf([id], MAX_TOPIC_POSTINGS + 1)), id)).toBe(true);
  });

  it('refuses a stored filter of the wrong form', () => {
    expect(isKeyFilter({ bits: new Uint32Array(4), probes: 6 })).toBe(true);
    expect(isKeyFilter({ bits: [1, 2, 3], probes: 6 })).toBe(false);
    expect(isKeyFilter({ bits: new Uint32Array(4), probes: 0 })).toBe(false);
    expect(isKeyFilter({ bits: new Uint32Array(4), probes: 1.5 })).toBe(false);
    expect(isKeyFilter(undefined)).toBe(false);
  });

  it('is built from a list the same whatever the references are (an update of the same articles writes the same filter)', () => {
    const records = [1, 2, 3].map((n) => listedRecord(syntheticArticle(n, 1000).record));
    expect(filterOfPostings(buildPostings(records))).toEqual(filterOfPostings(buildPostings([...records].reverse())));
  });
});

/** Reads of the lists' postings (one per bucket and list) made while `run` runs. */
async function listReads(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(IDBObjectStore.prototype, 'get');
  try {
    await run();
    return spy.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'listPostings').length;
  } finally {
    spy.mockRestore();
  }
}

/** The candidates of a page as a check looks them up: by band keys, and by topic keys leaving out
 * the common words. */
async function asChecked(store: IdbStore, page: ArticleRecord) {
  return { bands: await candidateIds(store, page.bandKeys), topic: await candidateIds(store, topicKeys(page.tokens), MAX_TOPIC_POSTINGS) };
}

/** The page of an article none of the list's shares phrasing with. */
function unrelatedPage(): ArticleRecord {
  return syntheticArticle(9001, 5000).record;
}

describe("a list's postings bucketed by its size", () => {
  it('takes fewer bucket bits for a smaller list where IndexedDB is kept in pages, so that a band value holds about 12 KB, between 2 and 8 bits; else 8', () => {
    const sizes = [1, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];
    expect(sizes.map((n) => listBucketBits(n, true))).toEqual([2, 2, 3, 6, 8, 8]);
    expect(sizes.map((n) => listBucketBits(n, false))).toEqual([8, 8, 8, 8, 8, 8]);
    const bytesPerValue = (n: number) => (n * 8) / 2 ** listBucketBits(n, true);
    expect(bytesPerValue(100_000) / LIST_VALUE_BYTES).toBeGreaterThan(0.7);
    expect(bytesPerValue(100_000) / LIST_VALUE_BYTES).toBeLessThan(1.42);
  });

  it('keeps band, topic and id buckets apart at every number of bits, and id keys at 8 bits', () => {
    const band = 127 * TWO_32 + 0xffff_ffff;
    const topic = (TOPIC_BAND_BASE + 15) * TWO_32 + 0xffff_ffff;
    const id = ID_BAND * TWO_32;
    for (let bits = 1; bits <= 8; bits++) {
      expect(listBucketOf(band, bits)).toBeLessThan(listBucketOf(TOPIC_BAND_BASE * TWO_32, bits));
      expect(listBucketOf(topic, bits)).toBeLessThan(listBucketOf(id, bits));
      expect(listBandOf(listBucketOf(topic, bits), bits)).toBe(TOPIC_BAND_BASE + 15);
      expect(listBandOf(listBucketOf(id + 5, bits), bits)).toBe(ID_BAND);
      expect(listBucketOf(id + 0xffff_ffff, bits)).toBe(bucketOf(id + 0xffff_ffff));
    }
  });

  it('records the bits with the list, and finds its articles by them; the options page is not told them', async () => {
    const conn = new DbConnection(freshDbName());
    const store = new IdbStore(conn);
    const records = Array.from({ length: 20 }, (_, i) => listed(i + 1));
    await install(conn, records, 'ab'.repeat(32));
    const [stored] = await readLists(conn);
    expect(stored.bucketBits).toBe(listBucketBits(20, false));
    expect(publicInfo(stored)).not.toHaveProperty('bucketBits');
    for (const r of records.slice(0, 5)) expect((await candidateIds(store, r.bandKeys)).find((h) => h.id === r.id)?.hits).toBe(r.bandKeys.length);
    conn.close();
  });
  it('in Firefox, buckets a list by its size, and an update in other bits leaves no bucket of the old copy behind', async () => {
    const conn = new DbConnection(freshDbName());
    const store = new IdbStore(conn);
    const records = Array.from({ length: 20 }, (_, i) => listed(i + 1));
    const found = async () => {
      for (const r of records.slice(0, 5)) expect((await candidateIds(store, r.bandKeys)).find((h) => h.id === r.id)?.hits).toBe(r.bandKeys.length);
    };
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' });
    try {
      await install(conn, records, 'ab'.repeat(32));
    } finally {
      vi.unstubAllGlobals();
    }
    expect((await readLists(conn))[0].bucketBits).toBe(2);
    await found();
    await install(conn, records, 'cd'.repeat(32));
    expect((await readLists(conn))[0].bucketBits).toBe(8);
    await found();
    const db = await conn.get();
    const manifest = (await db.get('listManifests', LIST))!;
    expect((await db.getAllKeys('listPostings')).map(([b]) => b).sort((a, b) => a - b)).toEqual([...manifest.buckets].sort((a, b) => a - b));
    conn.close();
  });
});

describe('a check against a list with its key filter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds exactly what it finds reading every bucket, and reads the buckets of few of the keys of a page the list shares none with', async () => {
    const conn = new DbConnection(freshDbName());
    const store = new IdbStore(conn);
    const records = Array.from({ length: 40 }, (_, i) => listed(i + 1));
    await install(conn, records, 'ab'.repeat(32));
    const pages = [4, 18, 41].map((n) => syntheticArticle(n, 1000).record).concat(unrelatedPage());
    const withFilter = [];
    for (const p of pages) withFilter.push(await asChecked(store, p));
    const keys = indexKeys(unrelatedPage());
    const filtered = await listReads(() => store.candidates(keys));

    // The same lookups with the filter gone (as a list installed before filters were kept).
    await (await conn.get()).delete('listFilters', LIST);
    const unfiltered = new IdbStore(conn);
    for (const [i, p] of pages.entries()) expect(await asChecked(unfiltered, p)).toEqual(withFilter[i]);
    const everyBucket = await listReads(() => unfiltered.candidates(keys));
    expect(withFilter[0].bands.find((h) => h.id === records[3].id)?.hits).toBe(records[3].sketch!.bands.length);
    expect(everyBucket).toBe(new Set(keys.map((k) => listBucketOf(k, listBucketBits(40, false)))).size);
    expect(filtered).toBeLessThan(everyBucket / 4);
    conn.close();
  });

  it('reads the filter of the copy installed: after an update, the new copy’s articles are found and the old one’s are not', async () => {
    const conn = new DbConnection(freshDbName());
    const store = new IdbStore(conn);
    await install(conn, [listed(1), listed(2)], 'ab'.repeat(32));
    const found = async (r: ArticleRecord) => (await candidateIds(store, indexKeys(r))).some((h) => h.id === r.id && h.hits === new Set(indexKeys(r)).size);
    expect(await found(listed(1))).toBe(true);
    expect(await found(listed(3))).toBe(false);
    await install(conn, [listed(3)], 'cd'.repeat(32));
    expect(await found(listed(3))).toBe(true);
    expect(await found(listed(1))).toBe(false);
    const db = await conn.get();
    expect((await db.get('listFilters', LIST))?.digest).toBe('cd'.repeat(32));
    expect(await removeList(conn, LIST)).toBe(true);
    expect(await db.count('listFilters')).toBe(0);
    expect(await found(listed(3))).toBe(false);
    conn.close();
  });

  it('trusts a stored filter only when it is well formed and of the installed copy; otherwise every bucket is read', async () => {
    const conn = new DbConnection(freshDbName());
    await install(conn, [listed(1), listed(2)], 'ab'.repeat(32));
    const db = await conn.get();
    const stored = (await db.get('listFilters', LIST))!;
    const keys = indexKeys(listed(2));
    for (const bad of [
      { ...stored, bits: [...stored.bits] } as unknown as StoredKeyFilter,
      { ...stored, bits: new Uint32Array(stored.bits.length) },
      { ...stored, digest: 'ef'.repeat(32), bits: new Uint32Array(stored.bits.length) },
    ]) {
      await db.put('listFilters', bad, LIST);
      const store = new IdbStore(conn);
      // An all-zero filter of the right digest hides every key: that is what is trusted.
      const trusted = bad.digest === stored.digest && bad.bits instanceof Uint32Array;
      const hits = await candidateIds(store, keys);
      expect(hits.some((h) => h.id === listed(2).id)).toBe(!trusted);
    }
    conn.close();
  });
});

describe("a check taking a copy's band keys as those of the listed article it found", () => {
  afterEach(() => vi.restoreAllMocks());

  const records = [...Array.from({ length: 30 }, (_, i) => listed(i + 1)), twin(5), halfTwin(9)];

  /** Two databases with the same list: one with the filter of keys held twice, one without it (as
   * a filter stored before it had one: every key's bucket read). */
  async function stores(): Promise<{ explaining: IdbStore; reading: IdbStore; close(): void }> {
    const a = new DbConnection(freshDbName());
    const b = new DbConnection(freshDbName());
    await install(a, records, 'ab'.repeat(32));
    await install(b, records, 'ab'.repeat(32));
    const db = await b.get();
    const stored = (await db.get('listFilters', LIST))!;
    expect(stored.shared).toBeInstanceOf(Uint32Array);
    delete stored.shared;
    await db.put('listFilters', stored, LIST);
    return { explaining: new IdbStore(a), reading: new IdbStore(b), close: () => (a.close(), b.close()) };
  }

  const sorted = (hits: CandidateHit[]) => [...hits].sort((x, y) => Number(x.ref) - Number(y.ref));

  it('counts for every listed article exactly the hits that reading every key of the page gives: pages made of parts of several, twins included', async () => {
    const s = await stores();
    const pool = records.map((r) => sketchBandKeys(r.sketch!));
    const page = fc.record({
      parts: fc.array(fc.tuple(fc.nat({ max: records.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 }),
      noise: fc.array(fc.tuple(fc.nat({ max: 63 }), fc.nat({ max: 0xffff_ffff })), { maxLength: 20 }),
    });
    await fc.assert(
      fc.asyncProperty(page, async ({ parts, noise }) => {
        const keys = [
          ...parts.flatMap(([r, share]) => pool[r].slice(0, Math.ceil(share * pool[r].length))),
          ...noise.map(([band, hash]) => band * 2 * TWO_32 + hash),
        ];
        expect(sorted(await s.explaining.candidates(keys))).toEqual(sorted(await s.reading.candidates(keys)));
      }),
      { numRuns: 60 },
    );
    s.close();
  });

  it("reads a few buckets of a copy's band keys and the listed article's block, not one bucket per key, and counts every key for it", async () => {
    const s = await stores();
    const page = syntheticArticle(12, 5000).record;
    const keys = page.bandKeys;
    const explained = await listReads(() => s.explaining.candidates(keys));
    const everyKey = await listReads(() => s.reading.candidates(keys));
    expect(everyKey).toBeGreaterThanOrEqual(records[11].sketch!.bands.length);
    expect(explained).toBeLessThanOrEqual(8);
    expect((await candidateIds(s.explaining, keys)).find((h) => h.id === records[11].id)?.hits).toBe(records[11].sketch!.bands.length);
    s.close();
  });

  it('reads the bucket of every key two listed articles hold, so that both are counted for it', async () => {
    const s = await stores();
    const keys = syntheticArticle(5, 5000).record.bandKeys;
    const hits = await candidateIds(s.explaining, keys);
    const full = records[4].sketch!.bands.length;
    expect(
      hits
        .filter((h) => h.hits === full)
        .map((h) => h.id)
        .sort(),
    ).toEqual([records[4].id, twin(5).id].sort());
    const half = await candidateIds(s.explaining, syntheticArticle(9, 5000).record.bandKeys);
    expect(half.find((h) => h.id === records[8].id)?.hits).toBe(full);
    expect(sorted(await s.explaining.candidates(keys))).toEqual(sorted(await s.reading.candidates(keys)));
    s.close();
  });
});

describe('the transactions of a check', () => {
  afterEach(() => vi.restoreAllMocks());

  async function listedStore(): Promise<{ conn: DbConnection; store: IdbStore }> {
    const conn = new DbConnection(freshDbName());
    await install(
      conn,
      Array.from({ length: 20 }, (_, i) => listed(i + 1)),
      'ab'.repeat(32),
    );
    return { conn, store: new IdbStore(conn) };
  }

  it("makes a check's band and topic lookups and its candidates' reads in one transaction, reading the block of a copy's original once", async () => {
    const { conn, store } = await listedStore();
    const twoStories = buildRecord(syntheticArticle(7, 5000).text + ' ' + syntheticArticle(8, 5000).text, { url: 'https://reader.example/two' }, 5000);
    await checkArticle(store, twoStories);
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const result = await checkArticle(store, twoStories);
    expect(result.matches.map((m) => m.id)).toEqual(expect.arrayContaining([listed(7).id, listed(8).id]));
    expect(transactions.mock.calls.map(([names]) => [names].flat().sort().join(' '))).toEqual(['articles listBlocks listFilters listPostings lists postings']);
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const copy = await checkArticle(store, buildRecord(syntheticArticle(12, 5000).text, { url: 'https://reader.example/copy' }, 5000));
    expect(copy.original?.id).toBe(listed(12).id);
    const blockReads = gets.mock.calls.filter((_, i) => (gets.mock.contexts[i] as IDBObjectStore).name === 'listBlocks').map(([serial]) => serial);
    expect(blockReads.length).toBeGreaterThan(0);
    expect(new Set(blockReads).size).toBe(blockReads.length);
    conn.close();
  });

  it("reads candidates in one transaction of their own once the lookups' has ended, with the same records", async () => {
    const { conn, store } = await listedStore();
    const keys = listed(3).bandKeys;
    const hits = await store.candidates(keys);
    const joined = await store.fetch(hits.map((h) => h.ref));
    await store.candidates(keys);
    await new Promise((r) => setTimeout(r, 20));
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    // Two fetches started together share the one.
    const [alone, again] = await Promise.all([store.fetch(hits.map((h) => h.ref)), store.fetch([listed(4).id])]);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(again.map((r) => r.id)).toEqual([listed(4).id]);
    expect(alone.map((r) => r.id)).toEqual(joined.map((r) => r.id));
    expect(alone.map((r) => r.id)).toContain(listed(3).id);
    // Started a moment after the lookups, whether their transaction is inactive, committing or
    // gone, the fetch reads the same records.
    for (const ms of [0, 0, 1, 2, 5]) {
      await store.candidates(keys);
      await new Promise((r) => setTimeout(r, ms));
      expect((await store.fetch(hits.map((h) => h.ref))).map((r) => r.id)).toEqual(joined.map((r) => r.id));
    }
    conn.close();
  });

  it("reads candidates in a transaction of their own when the lookups' is no longer active, and passes on any other error", async () => {
    const { conn, store } = await listedStore();
    const refs = (await store.candidates(listed(3).bandKeys)).map((h) => h.ref);
    const expected = (await store.fetch(refs)).map((r) => r.id);
    /** The store's last lookups, as if their transaction could take no more requests. */
    const ended = (name: string) => {
      const tx = {
        objectStore: () => {
          throw new DOMException('The transaction is not active.', name);
        },
        done: new Promise(() => {}),
      };
      (store as unknown as { live: unknown }).live = { tx, blockReads: new Map() };
    };
    ended('TransactionInactiveError');
    expect((await store.fetch(refs)).map((r) => r.id)).toEqual(expected);
    ended('InvalidStateError');
    expect((await store.fetch(refs)).map((r) => r.id)).toEqual(expected);
    ended('DataError');
    await expect(store.fetch(refs)).rejects.toThrow('The transaction is not active.');
    conn.close();
  });
});
