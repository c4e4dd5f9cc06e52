// The rounds of requests a check's lookups make. A check starts reading the lists' postings with
// the lists the store's last check found, in the same round as the lists' own read, and goes on
// from those reads only when the lists read are the same copies: whatever changed in between, it
// finds what a new store finds; a store prepared when the worker starts has them already. A
// copy's keys that two listed articles hold are read in the round of the blocks of the listed
// articles the first reads name.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { indexKeys, type ArticleRecord } from '../../src/index/index.ts';
import { checkArticle } from '../../src/index/check.ts';
import { buildRecord } from '../../src/index/record.ts';
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { removeList } from '../../src/storage/lists.ts';
import { Writer } from '../../src/storage/writer.ts';
import { candidateIds, freshDbName, syntheticArticle } from './background-fixtures.ts';
import { halfTwin, install, LIST, listed } from './list-fixtures.ts';

const OTHER = 'u00000000000000bb';

/** The order in which a run's requests were made and the lists' read and the blocks' came back. */
async function timeline(run: () => Promise<unknown>): Promise<string[]> {
  const events: string[] = [];
  const getAll = IDBObjectStore.prototype.getAll;
  vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
    const req = getAll.apply(this, args);
    if (this.name === 'lists') {
      events.push('lists asked');
      req.addEventListener('success', () => events.push('lists read'));
    }
    return req;
  });
  const get = IDBObjectStore.prototype.get;
  vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    const req = get.call(this, key);
    if (this.name === 'listPostings') events.push('postings asked');
    if (this.name === 'listBlocks') {
      events.push('block asked');
      req.addEventListener('success', () => events.push('block read'));
    }
    return req;
  });
  try {
    await run();
    return events;
  } finally {
    vi.restoreAllMocks();
  }
}

/** Whether the store finds the article among the candidates of its own keys, with every key a hit. */
async function finds(store: IdbStore, r: ArticleRecord): Promise<boolean> {
  return (await candidateIds(store, indexKeys(r))).some((h) => h.id === r.id && h.hits === new Set(indexKeys(r)).size);
}

describe('a check reading with the lists the last check found', () => {
  afterEach(() => vi.restoreAllMocks());

  it("asks for the lists' postings before the lists are read, once a check has found them; the first check reads the lists first", async () => {
    const conn = new DbConnection(freshDbName());
    await install(conn, [listed(1), listed(2), listed(3)], 'ab'.repeat(32));
    const store = new IdbStore(conn);
    const page = buildRecord(syntheticArticle(2, 5000).text, { url: 'https://reader.example/copy' }, 5000);
    const first = await timeline(() => checkArticle(store, page));
    expect(first.indexOf('lists read')).toBeGreaterThanOrEqual(0);
    expect(first.indexOf('postings asked')).toBeGreaterThan(first.indexOf('lists read'));
    let result: Awaited<ReturnType<typeof checkArticle>> | undefined;
    const next = await timeline(async () => (result = await checkArticle(store, page)));
    expect(next.indexOf('postings asked')).toBeGreaterThanOrEqual(0);
    expect(next.indexOf('postings asked')).toBeLessThan(next.indexOf('lists read'));
    expect(result?.original?.id).toBe(listed(2).id);
    conn.close();
  });

  it("a store prepared as the worker starts asks for the lists' postings before the lists are read on its first check, and a check made while it prepares reads the key filters no second time", async () => {
    const conn = new DbConnection(freshDbName());
    await install(conn, [listed(1), listed(2), listed(3)], 'ab'.repeat(32));
    const page = buildRecord(syntheticArticle(2, 5000).text, { url: 'https://reader.example/copy' }, 5000);
    const prepared = new IdbStore(conn);
    await prepared.prepare();
    let result: Awaited<ReturnType<typeof checkArticle>> | undefined;
    const first = await timeline(async () => (result = await checkArticle(prepared, page)));
    expect(first.indexOf('postings asked')).toBeGreaterThanOrEqual(0);
    expect(first.indexOf('postings asked')).toBeLessThan(first.indexOf('lists read'));
    expect(result?.original?.id).toBe(listed(2).id);
    // A check started while the store prepares: the filters are read once, by prepare().
    const filterReads = vi.spyOn(IDBObjectStore.prototype, 'get');
    const store = new IdbStore(conn);
    const [, together] = await Promise.all([store.prepare(), checkArticle(store, page)]);
    expect(filterReads.mock.contexts.filter((c) => (c as IDBObjectStore).name === 'listFilters')).toHaveLength(1);
    expect(together.original?.id).toBe(listed(2).id);
    conn.close();
  });

  it('finds what a new store finds after a list is updated, added or removed between two checks', async () => {
    const conn = new DbConnection(freshDbName());
    const store = new IdbStore(conn);
    await install(conn, [listed(1), listed(2)], 'ab'.repeat(32));
    expect(await finds(store, listed(1))).toBe(true);
    // A new copy of the list: its articles, not the old copy's.
    await install(conn, [listed(3)], 'cd'.repeat(32));
    expect(await finds(store, listed(1))).toBe(false);
    expect(await finds(store, listed(3))).toBe(true);
    // A second list, then the first removed.
    await install(conn, [listed(4)], 'ef'.repeat(32), OTHER);
    expect(await finds(store, listed(4))).toBe(true);
    expect(await finds(store, listed(3))).toBe(true);
    expect(await removeList(conn, LIST)).toBe(true);
    expect(await finds(store, listed(3))).toBe(false);
    expect(await finds(store, listed(4))).toBe(true);
    for (const r of [listed(1), listed(3), listed(4)]) expect(await finds(store, r)).toBe(await finds(new IdbStore(conn), r));
    conn.close();
  });

  it('reads no bucket of the own postings while the reader has no article of their own, and reads them once the reader has one, though the last check found none', async () => {
    const conn = new DbConnection(freshDbName());
    const store = new IdbStore(conn);
    await install(conn, [listed(1)], 'ab'.repeat(32));
    const mine = syntheticArticle(30, 2000);
    const page = buildRecord(mine.text, { url: 'https://reader.example/copy-of-30' }, 5000);
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    expect((await checkArticle(store, page)).matches.map((m) => m.id)).not.toContain(mine.record.id);
    expect(gets.mock.contexts.filter((s) => (s as IDBObjectStore).name === 'postings')).toEqual([]);
    vi.restoreAllMocks();
    await new Writer(conn).putArticle(mine.record, mine.text, mine.meta);
    const result = await checkArticle(store, page);
    expect(result.original?.id).toBe(mine.record.id);
    conn.close();
  });
});

describe("a copy's lookups in rounds", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads the buckets of a copy's keys that two listed articles hold in the round of the listed articles' blocks, and none after", async () => {
    const conn = new DbConnection(freshDbName());
    await install(conn, [...Array.from({ length: 30 }, (_, i) => listed(i + 1)), halfTwin(9)], 'ab'.repeat(32));
    const store = new IdbStore(conn);
    const keys = syntheticArticle(9, 5000).record.bandKeys;
    let hits: Awaited<ReturnType<typeof candidateIds>> = [];
    const events = await timeline(async () => (hits = await candidateIds(store, keys)));
    const firstBlockAsked = events.indexOf('block asked');
    const firstBlockRead = events.indexOf('block read');
    expect(firstBlockAsked).toBeGreaterThan(0);
    const withBlocks = events.slice(firstBlockAsked, firstBlockRead).filter((e) => e === 'postings asked');
    expect(withBlocks.length).toBeGreaterThan(0);
    expect(events.slice(firstBlockRead).filter((e) => e === 'postings asked')).toEqual([]);
    expect(hits.find((h) => h.id === listed(9).id)?.hits).toBe(listed(9).sketch!.bands.length);
    expect(hits.find((h) => h.id === halfTwin(9).id)?.hits).toBeGreaterThan(0);
    conn.close();
  });
});
