// Reuse lists in the index database: installing a copy, replacing it, removing a list, and how
// listed articles live beside the reader's own (read merged, retention, Clear, export, stats).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexKeys, listedRecord, type ArticleRecord } from '../../src/index/index.ts';
import { sketchBandKeys } from '../../src/index/sketch.ts';
import { DbConnection, IdbStore, readText, type StoredList } from '../../src/storage/db.ts';
import { buildBlocks, isListedRef, sketchAt, fromEntry, BLOCK_SIZE } from '../../src/storage/list-layout.ts';
import { addListFromFile, clearOwn, installList, listIdForFile, listInfoOf, readLists, removeList, type ListContentLike } from '../../src/storage/lists.ts';
import { exportParts } from '../../src/storage/pack-io.ts';
import { enforceRetention } from '../../src/storage/retention.ts';
import { Writer } from '../../src/storage/writer.ts';
import { candidateIds, freshDbName, listedIds, postedRefs, postingsConsistent, syntheticArticle } from './background-fixtures.ts';

const NOW = 1_750_000_000_000;
const LIST_A = 'u00000000000000aa';
const LIST_B = 'u00000000000000bb';

/** The listed form of synthetic article n (its sketch instead of its hashes). */
const listed = (n: number, firstSeenAt = 1000): ArticleRecord => listedRecord(syntheticArticle(n, firstSeenAt).record);

function content(records: ArticleRecord[], digest = 'ab'.repeat(32), name = 'Wire originals'): ListContentLike {
  return {
    header: { list: { name, publisher: 'Media Watch', description: 'Wire stories', expiresHours: 12 } },
    items: records.map((record) => ({ record })),
    digest: `sha256:${digest}`,
    bytes: 4321,
  };
}

async function install(conn: DbConnection, id: string, records: ArticleRecord[], digest?: string): Promise<StoredList> {
  const c = content(records, digest);
  return installList(conn, id, c, listInfoOf(id, c, { url: `https://lists.example/${id}.jsonl.gz` }, NOW));
}

function setup() {
  const conn = new DbConnection(freshDbName());
  return { conn, store: new IdbStore(conn), writer: new Writer(conn) };
}

/** Ids of the articles found by every one of an article's keys (as a check of an exact copy would
 * look them up); synthetic articles share words, so others may be found by some of them. */
async function foundBy(store: IdbStore, record: ArticleRecord): Promise<string[]> {
  const keys = new Set(indexKeys(record));
  return (await candidateIds(store, [...keys])).filter((h) => h.hits === keys.size).map((h) => h.id);
}

describe('installing a list', () => {
  it('stores each article text-free with its sketch and list, findable by its keys, and the list with its header', async () => {
    const { conn, store } = setup();
    const records = [listed(1), listed(2), listed(3)];
    const info = await install(conn, LIST_A, records);
    expect(info).toMatchObject({ id: LIST_A, name: 'Wire originals', publisher: 'Media Watch', articles: 3, bytes: 4321, digest: 'ab'.repeat(32) });
    expect(info.nextUpdate).toBe(NOW + 12 * 3_600_000);
    expect(await readLists(conn)).toEqual([info]);
    const db = await conn.get();
    // Apart from the reader's own: one block of the list, no article record, no own postings.
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('postings')).toBe(0);
    expect((await db.getAll('listBlocks')).map((b) => [b.list, b.entries.length])).toEqual([[LIST_A, 3]]);
    for (const r of records) {
      const back = (await store.get(r.id))!;
      expect(back).toEqual({ ...r, lists: [LIST_A] });
      expect(back.firstSeenAt).toBe(1000);
      expect(await readText(conn, r.id)).toBeUndefined();
      expect(await foundBy(store, r)).toEqual([r.id]);
      // Its reference is a listed one.
      expect((await store.candidates(indexKeys(r))).every((h) => isListedRef(h.ref as number))).toBe(true);
    }
    expect(await postingsConsistent(conn)).toBe(true);
    expect(await store.stats()).toMatchObject({ articles: 0, listed: 3 });
    conn.close();
  });

  it("replaces the list's previous copy whole: articles only in the old copy go with their postings", async () => {
    const { conn, store } = setup();
    await install(conn, LIST_A, [listed(1), listed(2), listed(3)]);
    const db = await conn.get();
    const info = await install(conn, LIST_A, [listed(2), listed(3), listed(4)], 'cd'.repeat(32));
    expect(info.digest).toBe('cd'.repeat(32));
    expect(await store.get(listed(1).id)).toBeUndefined();
    expect(await foundBy(store, listed(1))).toEqual([]);
    for (const r of [listed(2), listed(3), listed(4)]) expect(await foundBy(store, r)).toEqual([r.id]);
    expect(await listedIds(conn, LIST_A)).toEqual([listed(2).id, listed(3).id, listed(4).id].sort());
    expect(await db.count('listBlocks')).toBe(1);
    expect(await postingsConsistent(conn)).toBe(true);
    expect((await db.get('listManifests', LIST_A))?.blocks).toHaveLength(1);
    expect(await store.stats()).toMatchObject({ articles: 0, listed: 3 });
    conn.close();
  });

  it('stores a listed article compactly in its block and gives back exactly the record the engine expects', () => {
    const base = listed(21, 1234);
    const variants: ArticleRecord[] = [
      base,
      {
        ...base,
        url: `${base.id}?utm=1`,
        canonicalUrl: base.id,
        lang: 'en',
        publishedAt: 99,
        credits: [{ outlet: 'AP', key: 'ap', kind: 'dateline', evidence: 'AP' }],
      },
      { ...base, canonicalUrl: base.url },
      { ...base, params: 'other/s1/p128/w5/b64x2/tv1' },
      { ...base, sketch: { ...base.sketch!, threshold: 0x1_0000_0000 } },
      // Figures the packed form cannot hold: the sketch is kept whole in the entry.
      { ...base, sketch: { ...base.sketch!, threshold: 2 ** 40 } },
    ];
    // More than a block, so that entries are found past the first one.
    const records = Array.from({ length: BLOCK_SIZE + 3 }, (_, i) => ({ ...variants[i % variants.length], id: `${base.id}/${i}` }));
    const { blocks, times } = buildBlocks(LIST_A, records, (r) => r.firstSeenAt);
    expect(blocks.map((b) => b.entries.length)).toEqual([BLOCK_SIZE, 3]);
    expect([...times]).toEqual(records.map(() => 1234));
    const stored = structuredClone(blocks);
    records.forEach((r, i) => {
      const block = stored[Math.floor(i / BLOCK_SIZE)];
      const entry = block.entries[i % BLOCK_SIZE];
      for (const k of ['signature', 'tokens', 'firstSeenAt', 'lists', ...(r.url === r.id ? ['url'] : []), ...(r.credits.length ? [] : ['credits'])])
        expect(k in entry, k).toBe(false);
      const back = fromEntry(entry, sketchAt(block, i % BLOCK_SIZE), [LIST_A]);
      expect(back).toEqual({ ...r, lists: [LIST_A] });
      expect(back.signature).toEqual(new Uint32Array(0));
      expect(back.bandKeys).toEqual(sketchBandKeys(r.sketch!));
    });
  });

  it('an update writes the new copy whole and keeps when each article was first listed', async () => {
    const { conn, store } = setup();
    await install(conn, LIST_A, [listed(1), listed(2), listed(3)]);
    const renamed = { ...listed(3), title: 'A new title' };
    await install(conn, LIST_A, [listed(1), listed(2), renamed, listed(4)], 'cd'.repeat(32));
    expect((await store.get(listed(3).id))?.title).toBe('A new title');
    for (const r of [listed(1), listed(2), renamed, listed(4)]) expect(await foundBy(store, r)).toEqual([r.id]);
    expect(await postingsConsistent(conn)).toBe(true);
    // Listed earlier by an older copy: the earlier time stays.
    await install(conn, LIST_A, [listed(1, 5000)], 'ef'.repeat(32));
    expect((await store.get(listed(1).id))?.firstSeenAt).toBe(1000);
    expect(await store.stats()).toMatchObject({ articles: 0, listed: 1 });
    expect(await postingsConsistent(conn)).toBe(true);
    conn.close();
  });

  it("never replaces the reader's own article: read back, it is the full record and text, with the list", async () => {
    const { conn, store, writer } = setup();
    const own = syntheticArticle(5, 2000);
    await writer.putArticle(own.record, own.text, own.meta);
    const ownBefore = await (await conn.get()).getAll('articles');
    await install(conn, LIST_A, [listed(5), listed(6)]);
    // Nothing of the reader's was written.
    expect(await (await conn.get()).getAll('articles')).toEqual(ownBefore);
    const kept = (await store.get(own.record.id))!;
    expect(kept.sketch).toBeUndefined();
    expect(kept.signature).toEqual(own.record.signature);
    expect(kept.lists).toEqual([LIST_A]);
    expect(kept.firstSeenAt).toBe(2000);
    expect(await readText(conn, own.record.id)).toBeDefined();
    expect(await foundBy(store, own.record)).toContain(own.record.id);
    // Found by its own number and by the list's reference: both read as the one own record.
    const hits = await store.candidates(indexKeys(listed(5)));
    const refs = hits.filter((h) => h.hits === new Set(indexKeys(listed(5))).size).map((h) => h.ref);
    expect(refs.some((r) => isListedRef(r as number))).toBe(true);
    const read = await store.fetch(refs);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ id: own.record.id, lists: [LIST_A] });
    expect(read[0].sketch).toBeUndefined();
    // The lists carry two articles, one of which the reader read too.
    expect(await store.stats()).toMatchObject({ articles: 1, listed: 2 });
    conn.close();
  });

  it("a reader's save of a listed article's page replaces the sketch by the full record and keeps its lists", async () => {
    const { conn, store, writer } = setup();
    await install(conn, LIST_A, [listed(7), listed(8)]);
    const read = syntheticArticle(7, NOW);
    await writer.putArticle(read.record, read.text, read.meta);
    const now = (await store.get(read.record.id))!;
    expect(now.sketch).toBeUndefined();
    expect(now.lists).toEqual([LIST_A]);
    // Seen by the reader now, not when it was listed.
    expect(now.firstSeenAt).toBe(NOW);
    expect(await foundBy(store, read.record)).toEqual([read.record.id]);
    // Found by the list's keys too, it reads as the reader's record.
    expect([...new Set((await candidateIds(store, indexKeys(listed(7)))).map((h) => h.id))]).toContain(read.record.id);
    expect((await store.fetch([read.record.id]))[0].sketch).toBeUndefined();
    conn.close();
  });

  it('refuses a record without a sketch before touching anything', async () => {
    const { conn, store } = setup();
    await expect(install(conn, LIST_A, [listed(1), syntheticArticle(2, 0).record])).rejects.toThrow(/has no sketch/);
    expect(await store.count()).toBe(0);
    expect(await readLists(conn)).toEqual([]);
    conn.close();
  });

  it('fails whole: a copy that cannot be written part-way leaves the previous copy, its postings and its ListInfo as they were', async () => {
    const { conn, store } = setup();
    const before = await install(conn, LIST_A, [listed(1), listed(2)]);
    const db = await conn.get();
    const [blocksBefore, postingsBefore, manifestBefore] = [await db.getAll('listBlocks'), await db.getAll('listPostings'), await db.getAll('listManifests')];
    // A record the database cannot store (a function is not cloneable), in the middle of the copy.
    const broken = { ...listed(11), title: (() => 'x') as unknown as string };
    await expect(install(conn, LIST_A, [listed(3), broken, listed(4)], 'ef'.repeat(32))).rejects.toThrow();
    expect(await readLists(conn)).toEqual([before]);
    expect(await listedIds(conn, LIST_A)).toEqual([listed(1).id, listed(2).id].sort());
    expect(await db.getAll('listBlocks')).toEqual(blocksBefore);
    expect(await db.getAll('listPostings')).toEqual(postingsBefore);
    expect(await db.getAll('listManifests')).toEqual(manifestBefore);
    expect(await foundBy(store, listed(3))).toEqual([]);
    conn.close();
  });
});

describe('removing a list', () => {
  it("takes its articles away, except the reader's own and those another list carries", async () => {
    const { conn, store, writer } = setup();
    const imported = syntheticArticle(21, 3000);
    await writer.importItems([{ record: imported.record }]);
    await install(conn, LIST_A, [listed(20), listed(21), listed(22), listed(23)]);
    await install(conn, LIST_B, [listed(23)], 'cd'.repeat(32));
    const read = syntheticArticle(22, NOW);
    await writer.putArticle(read.record, read.text, read.meta);

    expect(await removeList(conn, LIST_A)).toBe(true);
    expect((await readLists(conn)).map((l) => l.id)).toEqual([LIST_B]);
    expect(await store.get(listed(20).id)).toBeUndefined();
    expect(await foundBy(store, listed(20))).toEqual([]);
    // Imported and read: full records, no longer listed.
    for (const own of [imported.record, read.record]) {
      const kept = (await store.get(own.id))!;
      expect(kept.sketch).toBeUndefined();
      expect(kept.lists).toBeUndefined();
      expect(await foundBy(store, own)).toContain(own.id);
    }
    // Carried by the other list too: it stays, listed by that one only.
    expect((await store.get(listed(23).id))?.lists).toEqual([LIST_B]);
    expect(await foundBy(store, listed(23))).toEqual([listed(23).id]);
    expect(await store.stats()).toMatchObject({ articles: 2, listed: 1 });
    // Nothing of list A is left: no block, no postings, no manifest.
    const db = await conn.get();
    expect(await listedIds(conn, LIST_A)).toEqual([]);
    expect((await postedRefs(conn)).filter((p) => p.list === LIST_A)).toEqual([]);
    expect(await db.get('listManifests', LIST_A)).toBeUndefined();
    expect(await postingsConsistent(conn)).toBe(true);
    expect(await removeList(conn, 'u-none')).toBe(false);
    conn.close();
  });
});

describe('listed articles beside the reader’s own', () => {
  it('an article two lists carry is one record, listed by both in the order they were added, first seen when first listed', async () => {
    const { conn, store } = setup();
    await install(conn, LIST_A, [listed(90, 3000), listed(91)]);
    const c = content([listed(90, 2000)], 'cd'.repeat(32), 'Second');
    await installList(conn, LIST_B, c, listInfoOf(LIST_B, c, { url: 'https://lists.example/b' }, NOW + 1));
    const both = (await store.get(listed(90).id))!;
    expect(both.lists).toEqual([LIST_A, LIST_B]);
    expect(both.firstSeenAt).toBe(2000);
    // Found by two references, it is read once.
    const hits = (await store.candidates(indexKeys(listed(90)))).filter((h) => h.hits === new Set(indexKeys(listed(90))).size);
    expect(hits).toHaveLength(2);
    expect((await store.fetch(hits.map((h) => h.ref))).map((r) => r.id)).toEqual([listed(90).id]);
    expect(await store.stats()).toMatchObject({ listed: 2 });
    expect(await removeList(conn, LIST_A)).toBe(true);
    expect((await store.get(listed(90).id))?.lists).toEqual([LIST_B]);
    expect(await store.get(listed(91).id)).toBeUndefined();
    conn.close();
  });

  it('finds a listed article by its id (as the compare page asks), and by id among references', async () => {
    const { conn, store, writer } = setup();
    const many = Array.from({ length: 600 }, (_, i) => ({ ...listed(100), id: `https://wire.example/${i}`, url: `https://wire.example/${i}` }));
    await install(conn, LIST_A, many);
    const own = syntheticArticle(101, 5);
    await writer.putArticle(own.record, own.text);
    for (const i of [0, 255, 256, 599]) expect((await store.get(`https://wire.example/${i}`))?.url).toBe(`https://wire.example/${i}`);
    expect(await store.get('https://wire.example/600')).toBeUndefined();
    const read = await store.fetch(['https://wire.example/300', own.record.id, 'https://nowhere.example/']);
    expect(read.map((r) => [r.id, r.lists ?? null, !!r.sketch])).toEqual([
      ['https://wire.example/300', [LIST_A], true],
      [own.record.id, null, false],
    ]);
    conn.close();
  });

  it('retention never evicts a listed article, and counts only the reader’s own', async () => {
    const { conn, store, writer } = setup();
    // Listed long ago (older than any age limit), and many of them.
    await install(conn, LIST_A, [listed(30, 1), listed(31, 1), listed(32, 1), listed(33, 1)]);
    const readListed = syntheticArticle(33, 5);
    await writer.putArticle(readListed.record, readListed.text);
    for (let n = 40; n < 44; n++) await writer.putArticle(syntheticArticle(n, 10 + n).record);
    // Own: 4 plus the listed one read (the oldest); keep at most 2, none older than a day.
    const evicted = await enforceRetention(conn, { maxArticles: 2, maxAgeDays: 0 }, NOW);
    expect(evicted).toBe(3);
    const own = (await (await conn.get()).getAll('articles')).map((a) => a.id);
    expect(own.sort()).toEqual([syntheticArticle(42, 0).record.id, syntheticArticle(43, 0).record.id].sort());
    // The listed one the reader read is known by the list's entry again; the list keeps every article.
    expect((await store.get(readListed.record.id))?.sketch).toEqual(listed(33).sketch);
    expect(await listedIds(conn, LIST_A)).toEqual([30, 31, 32, 33].map((n) => listed(n).id).sort());
    expect(await enforceRetention(conn, { maxArticles: 100, maxAgeDays: 1 }, NOW)).toBe(2);
    expect(await store.stats()).toMatchObject({ articles: 0, listed: 4 });
    for (const n of [30, 31, 32, 33]) expect(await foundBy(store, listed(n))).toEqual([listed(n).id]);
    conn.close();
  });

  it('Clear forgets the reading: own articles and texts go, lists and their articles stay, a read listed article goes back to its sketch', async () => {
    const { conn, store, writer } = setup();
    await install(conn, LIST_A, [listed(50), listed(51)]);
    const read = syntheticArticle(51, NOW);
    await writer.putArticle(read.record, read.text, read.meta);
    const own = syntheticArticle(52, NOW);
    await writer.putArticle(own.record, own.text, own.meta);
    const db = await conn.get();
    const listStores = ['listBlocks', 'listPostings', 'listManifests', 'lists'] as const;
    const before = await Promise.all(listStores.map((name) => db.getAll(name)));

    await writer.clear();
    // The lists' stores are not touched.
    expect(await Promise.all(listStores.map((name) => db.getAll(name)))).toEqual(before);
    expect(await db.count('texts')).toBe(0);
    expect(await db.countFromIndex('articles', 'firstSeenAt')).toBe(0);
    expect(await store.get(own.record.id)).toBeUndefined();
    expect(await foundBy(store, own.record)).toEqual([]);
    const back = (await store.get(read.record.id))!;
    expect(back.sketch).toEqual(listed(51).sketch);
    expect(back.tokens).toHaveLength(0);
    expect(back.lists).toEqual([LIST_A]);
    expect(back.firstSeenAt).toBe(1000); // when the list says it was first seen, not when it was read
    expect(await foundBy(store, listed(51))).toEqual([read.record.id]);
    expect(await foundBy(store, listed(50))).toEqual([listed(50).id]);
    expect((await readLists(conn)).map((l) => l.id)).toEqual([LIST_A]);
    expect(await store.stats()).toMatchObject({ articles: 0, listed: 2 });
    conn.close();
  });

  it('Clear with no list empties every store of articles', async () => {
    const { conn } = setup();
    const w = new Writer(conn);
    const a = syntheticArticle(60, 1);
    await w.putArticle(a.record, a.text);
    await clearOwn(conn);
    const db = await conn.get();
    expect([await db.count('articles'), await db.count('postings'), await db.count('texts')]).toEqual([0, 0, 0]);
    conn.close();
  });

  it("the reader's export leaves out articles known only from lists", async () => {
    const { conn, writer } = setup();
    await install(conn, LIST_A, [listed(70), listed(71)]);
    const own = syntheticArticle(71, NOW);
    await writer.putArticle(own.record, own.text);
    const { parts, articles } = await exportParts(conn);
    expect(articles).toBe(1);
    const pack = JSON.parse(parts.join('')) as { articles: { id: string; lists?: unknown }[] };
    expect(pack.articles.map((a) => a.id)).toEqual([own.record.id]);
    expect(pack.articles[0].lists).toBeUndefined();
    conn.close();
  });
});

describe('a list added from a file', () => {
  it('is read with the given reader and installed under an id from its digest, its file named as its source', async () => {
    const { conn, store } = setup();
    const c = content([listed(80), listed(81)], '12'.repeat(32));
    let given: unknown;
    const read = async (source: unknown) => {
      given = source;
      return c;
    };
    const bytes = (async function* () {
      yield new Uint8Array([1, 2, 3]);
    })();
    const info = await addListFromFile(conn, bytes, 'wire.list.gz', { read, now: NOW });
    expect(given).toBe(bytes);
    expect(info).toMatchObject({ id: listIdForFile('12'.repeat(32)), source: { file: 'wire.list.gz' }, articles: 2 });
    expect(info.nextUpdate).toBeUndefined();
    expect(await store.stats()).toMatchObject({ listed: 2 });
    // A new copy of the same file replaces it.
    const again = await addListFromFile(conn, bytes, 'wire.list.gz', { read: async () => content([listed(82)], '34'.repeat(32)), now: NOW + 1 });
    expect(again.id).toBe(info.id);
    expect(again.addedAt).toBe(NOW);
    expect((await readLists(conn)).length).toBe(1);
    expect(await store.stats()).toMatchObject({ listed: 1 });
    conn.close();
  });
});
