import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { openDB, unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, DbConnection, IdbStore, PROBLEMS, readText, toStored, upgrade } from '../../src/storage/db.ts';
import { installList, listInfoOf, removeList, type ListContentLike } from '../../src/storage/lists.ts';
import { Writer } from '../../src/storage/writer.ts';
import { buildRecord, indexKeys, listedRecord, MemoryStore, topicKeys } from '../../src/index/index.ts';
import { applyChanges, PostingsChanges, type PostingsStore } from '../../src/storage/postings.ts';
import { buildBlocks, buildPostings, localToRef } from '../../src/storage/list-layout.ts';
import { candidateIds, freshDbName, listedIds, postedArticles, syntheticArticle } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';

const INDEXES = ['firstSeenAt', 'id', 'outletKey'];
const STORES = ['articles', 'checks', 'listBlocks', 'listFilters', 'listManifests', 'listPostings', 'lists', 'meta', 'postings', 'texts'];

/** Creates a database exactly as a release at `version` left it (its stores typed as they were then). */
async function createAt(name: string, version: number) {
  return openDB(name, version, {
    upgrade: (db, old, _new, tx) => upgrade(db as unknown as Parameters<typeof upgrade>[0], old, version, tx as unknown as Parameters<typeof upgrade>[3]),
  });
}

/** Opens a database an older release left, as the extension does: it is then of the current
 * version, with every store. */
async function openUpgraded(name: string) {
  const conn = new DbConnection(name);
  const store = new IdbStore(conn);
  const db = await conn.get();
  expect(db.version).toBe(DB_VERSION);
  expect([...db.objectStoreNames].sort()).toEqual(STORES);
  return { conn, store, db };
}

/** A band key as releases before version 3 stored it: band and hash as base-36 text. */
const oldBandKey = (key: number) => `${Math.floor(key / 2 ** 32).toString(36)}:${(key % 2 ** 32).toString(36)}`;

describe('schema', () => {
  it('a new database has every store and index of the current version', async () => {
    const conn = new DbConnection(freshDbName());
    const db = await conn.get();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    const tx = db.transaction(['articles', 'postings']);
    const articles = tx.objectStore('articles');
    expect([...articles.indexNames].sort()).toEqual(INDEXES);
    expect(articles.autoIncrement).toBe(true);
    expect(articles.index('id').unique).toBe(true);
    expect([...tx.objectStore('postings').indexNames]).toEqual([]);
    conn.close();
  });

  for (let from = 1; from < DB_VERSION; from++) {
    it(`upgrades a version ${from} database without losing articles or texts, every article still found by its band keys`, async () => {
      const name = freshDbName();
      const old = await createAt(name, from);
      const arts = [syntheticArticle(1, 1000), syntheticArticle(2, 500), syntheticArticle(3, 3000)];
      if (from < 3) {
        // As the old release left them: URL keys, band keys as text, texts under the URL.
        for (const { record } of arts) await old.put('articles', { ...record, bandKeys: record.bandKeys.map(oldBandKey) });
        await old.put('texts', { id: arts[0].record.id, text: 'kept' });
        await old.put('texts', { id: arts[2].record.id, text: 'kept too', meta: arts[2].meta });
        await old.put('texts', { id: 'https://gone.example/orphan', text: 'no article' });
      } else if (from >= 4) {
        // Version 4: numbered articles, their band keys (not yet their topic keys) in the postings;
        // version 5: their topic keys too.
        const changes = new PostingsChanges();
        const keys: number[] = [];
        for (const { record } of arts) {
          const { bandKeys, ...rest } = record;
          const key = Number(await old.put('articles', rest));
          changes.add(key, from === 4 ? bandKeys : [...bandKeys, ...topicKeys(record.tokens)]);
          keys.push(key);
        }
        const tx = old.transaction('postings', 'readwrite');
        await applyChanges(tx.store as unknown as PostingsStore, changes);
        await tx.done;
        await old.put('texts', { key: keys[0], text: 'kept' });
        await old.put('texts', { key: keys[2], text: 'kept too', meta: arts[2].meta });
      } else {
        // Version 3: numbered articles, their numeric band keys in the multiEntry store "bands".
        const keys: IDBValidKey[] = [];
        for (const { record } of arts) {
          const { bandKeys, ...rest } = record;
          const key = await old.put('articles', rest);
          await old.put('bands', { key, id: record.id, bandKeys });
          keys.push(key);
        }
        await old.put('texts', { key: keys[0], text: 'kept' });
        await old.put('texts', { key: keys[2], text: 'kept too', meta: arts[2].meta });
      }
      await old.put('meta', { key: 'params', params: arts[0].record.params });
      old.close();

      const { conn, store, db } = await openUpgraded(name);
      expect([...db.transaction('articles').store.indexNames].sort()).toEqual(INDEXES);
      for (const { record } of arts) {
        expect(await store.get(record.id)).toEqual(record);
        // Found by every one of its (numeric) band keys, as often as it has bands.
        expect((await candidateIds(store, record.bandKeys)).find((h) => h.id === record.id)?.hits).toBe(new Set(record.bandKeys).size);
        // ...and by every one of its topic keys.
        const topic = topicKeys(record.tokens);
        expect(topic.length).toBeGreaterThan(0);
        expect((await candidateIds(store, topic)).find((h) => h.id === record.id)?.hits).toBe(new Set(topic).size);
        expect(await db.getAllKeysFromIndex('articles', 'outletKey', record.outletKey)).toHaveLength(1);
      }
      expect(await store.count()).toBe(3);
      expect(await store.stats()).toEqual({ articles: 3, listed: 0, oldestSeenAt: 500, newestSeenAt: 3000 });
      expect(await db.count('lists')).toBe(0);
      expect((await readText(conn, arts[0].record.id))?.text).toBe('kept');
      expect(await readText(conn, arts[1].record.id)).toBeUndefined();
      expect((await readText(conn, arts[2].record.id))?.meta).toEqual(arts[2].meta);
      // The orphaned text is not carried over; the settings and marker are.
      expect(await db.count('texts')).toBe(2);
      expect((await db.get('meta', 'params'))?.key).toBe('params');
      // Keys are small numbers, and the next article gets the next one.
      expect((await db.getAllKeys('articles')).sort()).toEqual([1, 2, 3]);
      const next = syntheticArticle(4, 4000);
      await new Writer(conn).putArticle(next.record);
      expect(await db.getKeyFromIndex('articles', 'id', next.record.id)).toBe(4);
      conn.close();
    });
  }
});

describe('schema step 8: listed articles move apart', () => {
  it('upgrades a version 6 database with lists: every list keeps its articles, found and named as before; the own ones lose their lists', async () => {
    const name = freshDbName();
    const old = await createAt(name, 6);
    const A = 'u00000000000000aa';
    const B = 'u00000000000000bb';
    const list = (id: string, addedAt: number) => ({
      id,
      name: `List ${id}`,
      publisher: 'Media Watch',
      source: { url: `https://lists.example/${id}` },
      articles: 2,
      bytes: 100,
      digest: 'ab'.repeat(32),
      addedAt,
      updatedAt: addedAt,
      checkedAt: addedAt,
    });
    await old.put('lists', list(A, 7000));
    await old.put('lists', list(B, 8000));
    // As version 6 stored them: an own article, an own article list A also carries (it gained the
    // list), a listed-only article of both lists (compact form), one of list B in the first
    // release's form (its sketch whole), each posted under its keys.
    const own = syntheticArticle(1, 1000).record;
    const ownListed = syntheticArticle(2, 2000).record;
    const both = listedRecord(syntheticArticle(3, 300).record);
    const whole = listedRecord(syntheticArticle(4, 400).record);
    const { bandKeys: _b, firstSeenAt: _f, ...wholeRest } = whole;
    const values: [unknown, number[]][] = [
      [toStored(own), indexKeys(own)],
      [toStored({ ...ownListed, lists: [A] }), indexKeys(ownListed)],
      [toStored({ ...both, lists: [A, B] }), indexKeys(both)],
      [{ ...wholeRest, listedAt: 400, lists: [B] }, indexKeys(whole)],
    ];
    const changes = new PostingsChanges();
    const keys: number[] = [];
    for (const [value, k] of values) {
      const key = Number(await old.put('articles', value));
      changes.add(key, k);
      keys.push(key);
    }
    const tx = old.transaction('postings', 'readwrite');
    await applyChanges(tx.store as unknown as PostingsStore, changes);
    await tx.done;
    await old.put('texts', { key: keys[1], text: 'read' });
    old.close();

    const conn = new DbConnection(name);
    const store = new IdbStore(conn);
    const db = await conn.get();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('articles').store.indexNames].sort()).toEqual(INDEXES);
    // Only the reader's own stay in "articles", without lists, and only they in "postings".
    const ownStored = await db.getAll('articles');
    expect(ownStored.map((a) => a.id).sort()).toEqual([own.id, ownListed.id].sort());
    expect(ownStored.every((a) => a.lists === undefined && a.sketch === undefined)).toBe(true);
    expect([...(await postedArticles(conn)).keys()].sort()).toEqual([keys[0], keys[1]].sort());
    expect(await store.get(own.id)).toEqual(own);
    expect(await store.get(ownListed.id)).toEqual({ ...ownListed, lists: [A] });
    expect((await readText(conn, ownListed.id))?.text).toBe('read');
    expect(await store.get(both.id)).toEqual({ ...both, lists: [A, B] });
    expect(await store.get(whole.id)).toEqual({ ...whole, lists: [B] });
    // Each list holds its articles; the one the reader read is listed by its record's sketch.
    expect(await listedIds(conn, A)).toEqual([ownListed.id, both.id].sort());
    expect(await listedIds(conn, B)).toEqual([both.id, whole.id].sort());
    const keysOf = (r: typeof own) => new Set(indexKeys(r));
    for (const r of [both, whole, listedRecord(ownListed)]) {
      const found = (await candidateIds(store, [...keysOf(r)])).filter((h) => h.hits === keysOf(r).size).map((h) => h.id);
      expect(found).toContain(r.id);
    }
    expect(await store.stats()).toMatchObject({ articles: 2, listed: 3 });
    // The lists go on: updated, and removed.
    const c: ListContentLike = { header: { list: { name: 'List A', publisher: 'Media Watch' } }, items: [{ record: both }], digest: 'cd'.repeat(32), bytes: 1 };
    await installList(conn, A, c, listInfoOf(A, c, { url: 'https://lists.example/a' }, 9000, list(A, 7000)));
    expect(await listedIds(conn, A)).toEqual([both.id]);
    expect((await store.get(ownListed.id))?.lists).toBeUndefined();
    expect(await removeList(conn, B)).toBe(true);
    expect(await store.get(whole.id)).toBeUndefined();
    expect((await store.get(both.id))?.lists).toEqual([A]);
    conn.close();
  });
});

describe("schema step 9: a filter of each list's keys", () => {
  it('upgrades a version 8 database with a list: its articles are found without a filter, and its next copy brings one', async () => {
    const name = freshDbName();
    const old = await createAt(name, 8);
    const A = 'u00000000000000aa';
    const info = {
      id: A,
      name: 'List A',
      publisher: 'Media Watch',
      source: { url: 'https://lists.example/a' },
      articles: 2,
      bytes: 100,
      digest: 'ab'.repeat(32),
      addedAt: 7000,
      updatedAt: 7000,
    };
    // As version 8 installed a list: its blocks, postings and manifest, and no filter.
    const records = [listedRecord(syntheticArticle(1, 100).record), listedRecord(syntheticArticle(2, 200).record)];
    const { blocks, ids, times, hashes } = buildBlocks(A, records, (r) => r.firstSeenAt);
    const local = buildPostings(records);
    const tx = old.transaction(['lists', 'listBlocks', 'listPostings', 'listManifests'], 'readwrite');
    void tx.objectStore('lists').put(info);
    blocks.forEach((b, i) => void tx.objectStore('listBlocks').put(b, i));
    for (const [bucket, value] of local) void tx.objectStore('listPostings').put(localToRef(value, [0]), [bucket, A]);
    void tx.objectStore('listManifests').put({ id: A, blocks: [0], buckets: Uint32Array.from(local.keys()), ids, listedAt: times, blockHashes: hashes });
    await tx.done;
    old.close();

    const { conn, store, db } = await openUpgraded(name);
    expect(await db.count('listFilters')).toBe(0);
    for (const r of records) {
      const found = await candidateIds(store, r.bandKeys);
      expect(found.find((h) => h.id === r.id)?.hits).toBe(r.bandKeys.length);
    }
    const c: ListContentLike = {
      header: { list: { name: 'List A', publisher: 'Media Watch' } },
      items: [{ record: records[1] }],
      digest: 'cd'.repeat(32),
      bytes: 1,
    };
    await installList(conn, A, c, listInfoOf(A, c, { url: 'https://lists.example/a' }, 9000, info));
    expect((await db.get('listFilters', A))?.digest).toBe('cd'.repeat(32));
    expect((await candidateIds(store, records[1].bandKeys)).map((h) => h.id)).toEqual([records[1].id]);
    expect(await candidateIds(store, records[0].bandKeys)).toEqual([]);
    conn.close();
  });
});

describe('connection problems', () => {
  it('gives the database up to a newer version asking for it, then reports why it cannot reopen', async () => {
    const name = freshDbName();
    const conn = new DbConnection(name);
    await conn.get();
    // A newer release opens the database: this connection must not block it.
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    await expect(conn.get()).rejects.toThrow(PROBLEMS.newer);
    expect(conn.problem).toBe(PROBLEMS.newer);
    newer.close();
  });

  it('reopens after the browser closes the database', async () => {
    const name = freshDbName();
    const conn = new DbConnection(name);
    const first = await conn.get();
    // fake-indexeddb 6.2 declares the parameter as the class rather than an instance.
    forceCloseDatabase(unwrap(first) as unknown as Parameters<typeof forceCloseDatabase>[0]);
    expect(conn.problem).toBe(PROBLEMS.terminated);
    const second = await conn.get();
    expect(second).not.toBe(first);
    expect(await second.count('articles')).toBe(0);
    expect(conn.problem).toBeUndefined();
    conn.close();
  });

  it('says so while an older connection blocks an upgrade', async () => {
    const name = freshDbName();
    // An old connection that ignores versionchange (as a page of an older release might).
    const old = await createAt(name, 1);
    const conn = new DbConnection(name);
    const opening = conn.get();
    await new Promise((r) => setTimeout(r, 20));
    expect(conn.problem).toBe(PROBLEMS.blocked);
    old.close();
    await opening;
    expect(conn.problem).toBeUndefined();
    conn.close();
  });
});

describe('IdbStore', () => {
  async function filled() {
    const conn = new DbConnection(freshDbName());
    const writer = new Writer(conn);
    const idb = new IdbStore(conn);
    const mem = new MemoryStore();
    const records = [
      ...['001', '002', '000', '003', '004'].map((n, i) => buildRecord(seed(n), SEED_META[n], 1000 + i).record),
      ...Array.from({ length: 30 }, (_, i) => syntheticArticle(i, 2000 + i).record),
    ];
    for (const r of records) {
      await writer.putArticle(r);
      await mem.put(r);
    }
    return { conn, writer, idb, mem, records };
  }

  const sorted = (hits: { id: string; hits: number }[]) => [...hits].sort((a, b) => (a.id < b.id ? -1 : 1));

  it('finds the same candidates, with the same band counts, as the in-memory store', async () => {
    const { conn, idb, mem, records } = await filled();
    for (const r of records) {
      const fromIdb = sorted(await candidateIds(idb, r.bandKeys));
      expect(fromIdb).toEqual(sorted(await candidateIds(mem, r.bandKeys)));
      expect(fromIdb.find((h) => h.id === r.id)?.hits).toBe(new Set(r.bandKeys).size);
    }
    // The Axios report and its close copy share bands.
    const axios = records[0];
    expect((await candidateIds(idb, axios.bandKeys)).map((h) => h.id)).toContain(records[1].id);
    expect(await idb.candidates([127 * 2 ** 32 + 12345])).toEqual([]);
    conn.close();
  });

  it('reads records back intact, iterates all of them and counts them', async () => {
    const { conn, writer, idb, mem, records } = await filled();
    const back = await idb.get(records[0].id);
    expect(back).toEqual(records[0]);
    expect(back?.signature).toBeInstanceOf(Uint32Array);
    const seen: string[] = [];
    for await (const r of idb.iterate()) seen.push(r.id);
    expect(seen.sort()).toEqual(records.map((r) => r.id).sort());
    expect(await idb.count()).toBe(records.length);
    expect(await idb.stats()).toEqual({ ...(await mem.stats()), listed: 0 });
    expect(await writer.deleteArticle(records[0].id)).toBe(true);
    expect(await writer.deleteArticle(records[0].id)).toBe(false);
    expect(await idb.count()).toBe(records.length - 1);
    conn.close();
  });

  it('iterates across batch boundaries, in the order articles were first stored', async () => {
    const conn = new DbConnection(freshDbName());
    const writer = new Writer(conn);
    const idb = new IdbStore(conn);
    const { record } = syntheticArticle(7, 5);
    const id = (i: number) => `https://x.example/${600 - i}`;
    await writer.importItems(Array.from({ length: 600 }, (_, i) => ({ record: { ...record, id: id(i) } })));
    let n = 0;
    for await (const r of idb.iterate()) {
      expect(r.id).toBe(id(n));
      n++;
    }
    expect(n).toBe(600);
    conn.close();
  });
});
