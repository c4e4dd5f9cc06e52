// Installing a reuse list's copy and removing a list (the layout is list-layout.ts's). Each is one
// transaction: a copy replaces the previous one whole (its blocks, postings and manifest), or
// nothing changes. Nothing here touches the reader's own articles: an article the reader read that
// a list carries is one record only when read (lists-read.ts).
import { unwrap } from 'idb';
import type { ArticleRecord, PackItem } from '../index/index.ts';
import type { DbConnection, StoredKeyFilter, StoredList } from './db.ts';
import { filterOfPostings } from './key-filter.ts';
import { buildBlocks, buildPostings, freeSerials, idHashes, listBucketBits, localToRef, type ListManifest } from './list-layout.ts';
import type { InstallProgress, ListContentLike } from './lists.ts';
import { isQuotaError, runTx, StorageFullError } from './tx.ts';

/** Values written per step of an install, between progress reports: blocks (a few hundred
 * kilobytes each), then postings buckets. */
const BLOCK_STEP = 16;
const POSTINGS_STEP = 2048;

/** True where IndexedDB is kept in SQLite's pages: Firefox (its user agent says so; the layout
 * chosen is recorded with the list, so a wrong guess costs space, never an article). */
function inSqlitePages(): boolean {
  return /\bFirefox\//.test(globalThis.navigator?.userAgent ?? '');
}

/** One entry per article id: the last one the list gives, in the order first given. */
function byId(items: readonly PackItem[]): ArticleRecord[] {
  const out = new Map<string, ArticleRecord>();
  for (const { record } of items) out.set(record.id, record);
  return [...out.values()];
}

/** An id's two hashes as one number of 53 bits (as listedCount counts them). */
const idNumber = (h1: number, h2: number): number => h1 * 0x20_0000 + (h2 & 0x1f_ffff);

/** When each article of the installed copy was first listed, by id. */
function earlierTimes(old: ListManifest | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (!old) return out;
  for (let i = 0; i < old.listedAt.length; i++) out.set(idNumber(old.ids[2 * i], old.ids[2 * i + 1]), old.listedAt[i]);
  return out;
}

/**
 * Issues every write as a plain IndexedDB request (no promise per request: a list writes many
 * thousands) and resolves when all succeeded. A value that cannot be stored throws at once; a
 * request that fails rejects, and its error aborts the transaction.
 */
function writeAll(requests: (() => IDBRequest)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let left = requests.length;
    if (left === 0) return resolve();
    for (const issue of requests) {
      const request = issue();
      request.onsuccess = () => {
        if (--left === 0) resolve();
      };
      request.onerror = () => reject(request.error ?? new Error('A list could not be written'));
    }
  });
}

/** Runs the writes `step` at a time, telling how far they came. */
async function inSteps(requests: (() => IDBRequest)[], step: number, onStep: (done: number, total: number) => void): Promise<void> {
  for (let i = 0; i < requests.length; i += step) {
    await writeAll(requests.slice(i, i + step));
    onStep(Math.min(i + step, requests.length), requests.length);
  }
}

/**
 * Installs a list's copy in one transaction: the list's articles become exactly the copy's (its
 * blocks and postings are written whole, the previous copy's dropped), an article already listed
 * keeps the earlier time it was listed, and `info` is written. All or nothing: on any failure the
 * previous copy stays whole.
 */
export async function installList(
  conn: DbConnection,
  id: string,
  content: ListContentLike,
  info: StoredList,
  onProgress?: InstallProgress,
  /** The bucket bits to write the copy's postings with; by default, the browser's (listBucketBits). */
  bucketBits?: number,
): Promise<StoredList> {
  if (info.id !== id) throw new Error('installList: the ListInfo is of another list');
  const records = byId(content.items);
  for (const r of records) if (!r.sketch) throw new Error(`installList: "${r.id.slice(0, 80)}" has no sketch (a list is text-free)`);
  // The postings, with references local to the copy, before the transaction (it needs nothing stored).
  const bits = bucketBits ?? listBucketBits(records.length, inSqlitePages());
  const local = buildPostings(records, bits);
  const filter: StoredKeyFilter = { digest: info.digest, ...filterOfPostings(local, bits) };
  const stored: StoredList = { ...info, bucketBits: bits };
  const db = await conn.get();
  const tx = db.transaction(['listBlocks', 'listPostings', 'listManifests', 'listFilters', 'lists'], 'readwrite');
  try {
    await runTx(tx, async () => {
      const [old, used] = await Promise.all([tx.objectStore('listManifests').get(id), tx.objectStore('listBlocks').getAllKeys()]);
      const earlier = earlierTimes(old);
      const { blocks, ids, times, hashes } = buildBlocks(id, records, (r) => {
        const [h1, h2] = idHashes(r.id);
        const before = earlier.get(idNumber(h1, h2));
        return before === undefined ? r.firstSeenAt : Math.min(before, r.firstSeenAt);
      });
      // A block the previous copy holds as it is, at the same place, keeps its serial and is not
      // written again; the others take the lowest serials free (the previous copy's included:
      // its blocks are overwritten or deleted here).
      const oldBlocks = old?.blocks ?? [];
      const same = blocks.map(
        (_, i) => i < oldBlocks.length && old?.blockHashes?.[2 * i] === hashes[2 * i] && old.blockHashes[2 * i + 1] === hashes[2 * i + 1],
      );
      const reused = new Set(oldBlocks.filter((_, i) => same[i]));
      const mine = new Set(oldBlocks);
      const fresh = freeSerials(
        used.filter((s) => !mine.has(s) || reused.has(s)),
        same.filter((x) => !x).length,
      );
      let next = 0;
      const serials = blocks.map((_, i) => (same[i] ? oldBlocks[i] : fresh[next++]));
      const kept = new Set(serials);
      const blockStore = unwrap(tx.objectStore('listBlocks'));
      const postingsStore = unwrap(tx.objectStore('listPostings'));
      const blockWrites: (() => IDBRequest)[] = [
        ...[...mine].filter((s) => !kept.has(s)).map((s) => () => blockStore.delete(s)),
        ...blocks.flatMap((b, i) => (same[i] ? [] : [() => blockStore.put(b, serials[i])])),
      ];
      await inSteps(blockWrites, BLOCK_STEP, (done, total) => onProgress?.({ phase: 'writing', done, total }));
      const buckets = [...local.keys()];
      const written = new Set(buckets);
      const postingWrites: (() => IDBRequest)[] = [
        ...[...(old?.buckets ?? [])].filter((b) => !written.has(b)).map((b) => () => postingsStore.delete([b, id])),
        ...buckets.map((b) => () => postingsStore.put(localToRef(local.get(b)!, serials), [b, id])),
      ];
      await inSteps(postingWrites, POSTINGS_STEP, (done, total) => onProgress?.({ phase: 'indexing', done, total }));
      const manifest: ListManifest = { id, blocks: serials, buckets: Uint32Array.from(buckets), ids, listedAt: times, blockHashes: hashes };
      await Promise.all([tx.objectStore('listManifests').put(manifest), tx.objectStore('listFilters').put(filter, id), tx.objectStore('lists').put(stored)]);
    });
  } catch (err) {
    if (isQuotaError(err))
      throw new StorageFullError('Storage is full: the list was not installed (any previous copy is kept). Free disk space and try again.');
    throw err;
  }
  conn.problem = undefined;
  return stored;
}

/** Removes a list: its blocks, postings, manifest and key filter, and the list. The reader's own articles stay as they are. */
export async function removeList(conn: DbConnection, id: string): Promise<boolean> {
  const db = await conn.get();
  const tx = db.transaction(['listBlocks', 'listPostings', 'listManifests', 'listFilters', 'lists'], 'readwrite');
  return runTx(tx, async () => {
    const [known, manifest] = await Promise.all([tx.objectStore('lists').getKey(id), tx.objectStore('listManifests').get(id)]);
    const blocks = unwrap(tx.objectStore('listBlocks'));
    const postings = unwrap(tx.objectStore('listPostings'));
    await writeAll([
      ...(manifest?.blocks ?? []).map((s) => () => blocks.delete(s)),
      ...[...(manifest?.buckets ?? [])].map((b) => () => postings.delete([b, id])),
    ]);
    await Promise.all([tx.objectStore('listManifests').delete(id), tx.objectStore('listFilters').delete(id), tx.objectStore('lists').delete(id)]);
    return known !== undefined || manifest !== undefined;
  });
}
