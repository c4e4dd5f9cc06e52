// Runs in a plain Chromium page (bundled by bench/lists.ts): a reuse list downloaded from the
// loopback server, read as a stream (src/lists readList) and installed in IndexedDB in one
// transaction (src/storage/lists.ts installList), as the worker subscribes and updates; then the
// pages of the benchmark checked against it.
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { installList, listIdForUrl, listInfoOf, getList } from '../../src/storage/lists.ts';
import { serialOf } from '../../src/storage/list-layout.ts';
import { readList } from '../../src/lists/read.ts';
import { checkArticle } from '../../src/index/check.ts';
import { buildRecord } from '../../src/index/record.ts';
import { isDerived } from '../../src/index/verdict.ts';
import type { StoreRef } from '../../src/index/store.ts';
import type { AlongSample, CheckSample } from '../lists-samples.ts';

const conn = new DbConnection('firsthand-bench-lists');
const store = new IdbStore(conn);
/** A second database, for the same list in the other postings layout (`layouts`). */
const otherConn = new DbConnection('firsthand-bench-lists-other');
const otherStore = new IdbStore(otherConn);
/** The same index read as before lists had key filters: every bucket of the list, for every key. */
const everyBucket = new IdbStore(conn, undefined, 'every');
/** The same index read with the key filters but reading the bucket of every band key they allow
 * (as before a check took a copy's band keys as those of the listed article it found first). */
const filterOnly = new IdbStore(conn, undefined, 'filter');
/** The store as a check reads it, noting when its last key lookup and its last record read ended. */
const timed = {
  lookupEnd: 0,
  fetchEnd: 0,
  async candidates(keys: readonly number[], maxPerKey?: number, minHits?: number) {
    const hits = await store.candidates(keys, maxPerKey, minHits);
    timed.lookupEnd = performance.now();
    return hits;
  },
  async fetch(refs: readonly StoreRef[]) {
    const records = await store.fetch(refs);
    timed.fetchEnd = performance.now();
    return records;
  },
};

/** Requests a check makes for the lists' postings values and blocks, counted as it makes them. */
const reads = { postings: 0, blocks: 0 };
const get = IDBObjectStore.prototype.get;
IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
  if (this.name === 'listPostings') reads.postings++;
  else if (this.name === 'listBlocks') reads.blocks++;
  return get.call(this, key);
};

/** Keys of the list's first postings values (its first band's buckets), read by `floorRead`. */
let floorKeys: IDBValidKey[] | undefined;

/**
 * The least a check of a list kept in IndexedDB waits for: two reads, the second named by the
 * first, in one transaction over the stores a check reads (the lists and one postings value, then
 * the block of the first listed article that value holds). Every check makes at least these two
 * rounds of requests: a page's keys, then the listed articles they name. The `i`-th postings value.
 */
async function floorRead(i: number): Promise<number> {
  const db = await conn.get();
  floorKeys ??= await db.getAllKeys('listPostings', undefined, 4096);
  const t0 = performance.now();
  const tx = db.transaction(['lists', 'listPostings', 'listBlocks']);
  const [, value] = await Promise.all([
    tx.objectStore('lists').getAll(),
    tx.objectStore('listPostings').get(floorKeys[i % floorKeys.length] as [number, string]),
  ]);
  if (value && value.length >= 2) await tx.objectStore('listBlocks').get(serialOf(value[1]));
  return performance.now() - t0;
}

interface Query {
  kind: string;
  text: string;
  originalId?: string;
}

/** The pages as a reader's, each at a URL of its own (so none is taken for a listed article). */
const readerPages = (queries: Query[]) => queries.map((q) => buildRecord(q.text, { url: `https://www.reader.example/${Math.random()}` }, Date.now()));

const api = {
  /** Downloads the copy at `url` and installs it as the list subscribed at `listUrl` (a first
   * subscription, or an update of that list). */
  async install(url: string, listUrl = url): Promise<{ ms: number; readMs: number; articles: number; progress: number; error?: string }> {
    const t0 = performance.now();
    let progress = 0;
    try {
      const res = await fetch(url, { cache: 'no-store', credentials: 'omit' });
      const content = await readList(res.body!, { onProgress: () => progress++ });
      const t1 = performance.now();
      const id = listIdForUrl(listUrl);
      const previous = await getList(conn, id);
      const info = listInfoOf(id, content, { url: listUrl }, Date.now(), previous);
      await installList(conn, id, content, info, () => progress++);
      return { ms: performance.now() - t0, readMs: t1 - t0, articles: content.items.length, progress };
    } catch (err) {
      return { ms: performance.now() - t0, readMs: NaN, articles: 0, progress, error: String(err) };
    }
  },
  /** Installs the list at `url` a second time, in a database of its own, its postings written
   * with `bits` bucket bits (the layout this browser does not choose), for `layouts`. */
  async installOther(url: string, bits: number): Promise<{ ms: number; error?: string }> {
    const t0 = performance.now();
    try {
      const content = await readList((await fetch(url, { cache: 'no-store', credentials: 'omit' })).body!);
      const id = listIdForUrl(url);
      await installList(otherConn, id, content, listInfoOf(id, content, { url }, Date.now()), undefined, bits);
      return { ms: performance.now() - t0 };
    } catch (err) {
      return { ms: performance.now() - t0, error: String(err) };
    }
  },
  /** Checks of every page against the list in this browser's layout and in the other one, one
   * right after the other, `rounds` times: ms of each. */
  async layouts(queries: Query[], rounds: number): Promise<{ own: number[]; other: number[] }> {
    const built = readerPages(queries);
    for (const page of built.slice(0, 10)) await Promise.all([checkArticle(store, page), checkArticle(otherStore, page)]);
    const out = { own: [] as number[], other: [] as number[] };
    for (let r = 0; r < rounds; r++)
      for (const page of built) {
        const t0 = performance.now();
        await checkArticle(store, page);
        const t1 = performance.now();
        await checkArticle(otherStore, page);
        out.own.push(t1 - t0);
        out.other.push(performance.now() - t1);
      }
    return out;
  },
  /** Closes the page's connection to the database (the next call opens it again). */
  release(): Promise<void> {
    conn.close();
    return Promise.resolve();
  },
  async usage(): Promise<number> {
    return (await navigator.storage.estimate()).usage ?? 0;
  },
  /** Checks of every page, each after `gapMs` with nothing to do (as a reader's checks come,
   * seconds apart), rather than one right after another, each followed (after `gapMs` more) by
   * the two dependent reads of `floorRead`: ms of each. */
  async idle(queries: Query[], gapMs: number): Promise<{ check: number[]; floor: number[] }> {
    const built = readerPages(queries);
    const out = { check: [] as number[], floor: [] as number[] };
    for (const [i, page] of built.entries()) {
      await new Promise((r) => setTimeout(r, gapMs));
      const t0 = performance.now();
      await checkArticle(store, page);
      out.check.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, gapMs));
      out.floor.push(await floorRead(i));
    }
    return out;
  },
  /** Checks by a store just opened, as in a worker that has just started (a new connection to
   * the database, no lists or key filters in memory), `n` times, each after `gapMs`: ms of its
   * first check as it comes (`cold`), of its prepare() (`prepare`: the lists and filters read
   * when the worker starts), and of the first check of a store whose prepare() has ended
   * (`prepared`, as when the page's extraction takes longer than that read). */
  async cold(queries: Query[], n: number, gapMs: number): Promise<{ cold: number[]; prepare: number[]; prepared: number[] }> {
    const built = readerPages(queries);
    const out = { cold: [] as number[], prepare: [] as number[], prepared: [] as number[] };
    for (let i = 0; i < n; i++) {
      const page = built[(i * 7) % built.length];
      await new Promise((r) => setTimeout(r, gapMs));
      const c1 = new DbConnection(conn.name);
      let t0 = performance.now();
      await checkArticle(new IdbStore(c1), page);
      out.cold.push(performance.now() - t0);
      c1.close();
      await new Promise((r) => setTimeout(r, gapMs));
      const c2 = new DbConnection(conn.name);
      const s2 = new IdbStore(c2);
      t0 = performance.now();
      await s2.prepare();
      out.prepare.push(performance.now() - t0);
      t0 = performance.now();
      await checkArticle(s2, page);
      out.prepared.push(performance.now() - t0);
      c2.close();
    }
    return out;
  },
  /** The two dependent reads of `floorRead`, `n` times one after another: ms of each. */
  async floor(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await floorRead(i * 7));
    return out;
  },
  /** Checks of other pages, `rounds` times each, untimed: how many. */
  async warm(queries: Query[], rounds: number): Promise<number> {
    const built = readerPages(queries);
    for (let r = 0; r < rounds; r++) for (const page of built) await checkArticle(store, page);
    return built.length * rounds;
  },
  /** Full checks of every page, `rounds` times, one after another: ms (and of which the key
   * lookups and the record reads), and whether a planted copy named its listed original. Then
   * every page `alongRounds` times more, each check followed by the same check reading every
   * bucket of the list and by the same check reading every bucket the key filter allows, so that
   * the three are timed alike; apart from the first pass, whose checks follow no heavier ones. */
  async check(queries: Query[], rounds: number, alongRounds = rounds): Promise<{ alone: CheckSample[]; along: AlongSample[] }> {
    const built = queries.map((q) => ({ q, page: buildRecord(q.text, { url: `https://www.reader.example/${Math.random()}` }, Date.now()) }));
    for (const { page } of built.slice(0, 10)) await Promise.all([checkArticle(store, page), checkArticle(everyBucket, page), checkArticle(filterOnly, page)]);
    const alone: CheckSample[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const { q, page } of built) {
        timed.lookupEnd = timed.fetchEnd = 0;
        reads.postings = reads.blocks = 0;
        const t0 = performance.now();
        const result = await checkArticle(timed, page);
        const ms = performance.now() - t0;
        alone.push({
          kind: q.kind,
          postings: reads.postings,
          blocks: reads.blocks,
          round: r,
          ms,
          lookupMs: timed.lookupEnd - t0,
          fetchMs: timed.fetchEnd ? timed.fetchEnd - timed.lookupEnd : 0,
          named: q.originalId !== undefined && result.original?.id === q.originalId,
          flagged: isDerived(result.verdict),
        });
      }
    }
    const along: AlongSample[] = [];
    for (let r = 0; r < alongRounds; r++) {
      for (const { page } of built) {
        const t0 = performance.now();
        await checkArticle(store, page);
        const t1 = performance.now();
        await checkArticle(everyBucket, page);
        const t2 = performance.now();
        await checkArticle(filterOnly, page);
        along.push({ ms: t1 - t0, everyMs: t2 - t1, filterMs: performance.now() - t2 });
      }
    }
    return { alone, along };
  },
  count: () => store.count(),
};

(globalThis as unknown as { bench: typeof api }).bench = api;
