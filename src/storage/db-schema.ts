// The index database's schema, as numbered steps applied in order (`if (oldVersion < N)`); a new
// change is a new step appended at the end, never an edit to an old one, and each step has a test
// that builds a database as the older release left it and upgrades it.
import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction } from 'idb';
import { bandKeys } from '../index/minhash.ts';
import { listedRecord } from '../index/sketch.ts';
import { PostingsChanges, applyChanges, storedKeys, type PostingsStore } from './postings.ts';
import { topicKeys } from '../index/topic.ts';
import type { ArticleRecord, SignatureParams } from '../index/types.ts';
import { buildBlocks, buildPostings, localToRef, type ListManifest } from './list-layout.ts';
import { fromStored, type StoredArticle } from './stored.ts';

export const DB_NAME = 'firsthand';
// Version 7 adds the store of checks (the history); version 8 moves listed articles apart;
// version 9 keeps a filter of each list's keys.
export const DB_VERSION = 9;

// The schema is typed in db.ts (the current version); old steps speak of stores as they were.
type AnyDB = IDBPDatabase<unknown>;
type AnyTx = IDBPTransaction<unknown, string[], 'versionchange'>;
type AnyStore = IDBPObjectStore<unknown, string[], string, 'versionchange'>;

/**
 * Brings a database from oldVersion up to newVersion. Exported so tests can build a database
 * exactly as an older release left it and then upgrade it.
 */
export function upgradeSteps(db: AnyDB, oldVersion: number, newVersion: number, tx: AnyTx, params: SignatureParams): void {
  // Steps that copy data run after the synchronous ones, in order, inside the upgrade transaction:
  // the upgrade happens whole or not at all.
  const copies: (() => Promise<void>)[] = [];
  if (oldVersion < 1 && newVersion >= 1) {
    // Step 1: what indexing and checking need. bandKeys is multiEntry so one lookup per LSH band
    // key finds every article sharing it; firstSeenAt orders retention (oldest evicted first).
    const articles = db.createObjectStore('articles', { keyPath: 'id' });
    articles.createIndex('bandKeys', 'bandKeys', { multiEntry: true });
    articles.createIndex('firstSeenAt', 'firstSeenAt');
    db.createObjectStore('texts', { keyPath: 'id' });
    db.createObjectStore('meta', { keyPath: 'key' });
  }
  if (oldVersion < 2 && newVersion >= 2) {
    // Step 2: articles by outlet, for per-outlet counts and for finding an outlet's own reports.
    tx.objectStore('articles').createIndex('outletKey', 'outletKey');
  }
  if (oldVersion < 3 && newVersion >= 3) {
    // Step 3: every article gets a small number (autoIncrement) as its key, and its URL (`id`)
    // becomes a unique index. The 128 LSH band keys move to a store of their own ("bands"),
    // keyed by that number, as numbers band * 2^32 + hash: each of their 128 index entries per
    // article then carries an 8-byte number instead of the URL. Records no longer hold band keys
    // (they are recomputed from the signature). Texts are keyed by the article's number too.
    const oldArticles = tx.objectStore('articles') as unknown as AnyStore;
    const oldTexts = tx.objectStore('texts') as unknown as AnyStore;
    oldArticles.name = 'articles-v2';
    oldTexts.name = 'texts-v2';
    const articles = db.createObjectStore('articles', { keyPath: 'key', autoIncrement: true });
    articles.createIndex('id', 'id', { unique: true });
    articles.createIndex('firstSeenAt', 'firstSeenAt');
    articles.createIndex('outletKey', 'outletKey');
    const bands = db.createObjectStore('bands', { keyPath: 'key' });
    bands.createIndex('bandKeys', 'bandKeys', { multiEntry: true });
    db.createObjectStore('texts', { keyPath: 'key' });
    copies.push(() => migrateToV3(db, tx, params));
  }
  if (oldVersion < 4 && newVersion >= 4) {
    // Step 4: the band keys leave the multiEntry index of "bands" (about 40 bytes per key and
    // per article) for bucketed inverted lists in "postings" (8 bytes per key; see postings.ts).
    db.createObjectStore('postings');
    copies.push(() => migrateToV4(db, tx));
  }
  if (oldVersion < 5 && newVersion >= 5) {
    // Step 5: every article is posted under its topic keys too (topic.ts), from its stored
    // content-word hashes, so the same story is found by its vocabulary as well as its phrasing.
    copies.push(() => migrateToV5(tx));
  }
  if (oldVersion < 6 && newVersion >= 6) {
    // Step 6: reuse lists. "lists" holds each subscribed list (ListInfo, with its ETag and
    // Last-Modified), keyed by its id. A listed article lives in "articles" with its sketch and
    // the ids of the lists carrying it (`lists`): the multiEntry "lists" index finds a list's
    // articles. A listed-only article has no `firstSeenAt` (it keeps `listedAt` instead), so the
    // firstSeenAt index, which retention walks, holds the reader's own articles only. No article
    // of an older database is listed: nothing is copied.
    db.createObjectStore('lists', { keyPath: 'id' });
    tx.objectStore('articles').createIndex('lists', 'lists', { multiEntry: true });
  }
  if (oldVersion < 7 && newVersion >= 7) {
    // Step 7: the history. "checks" keeps the last check of each page the reader read that found
    // related articles (storage/history.ts), keyed by the page's id: when it was made, the page,
    // its verdict and its matches. "checkedAt" orders the history; the multiEntry "matchIds" finds
    // the checks that name an article, to gather its story. Nothing older is changed or copied.
    const checks = db.createObjectStore('checks', { keyPath: 'id' });
    checks.createIndex('checkedAt', 'checkedAt');
    checks.createIndex('matchIds', 'matchIds', { multiEntry: true });
  }
  if (oldVersion < 8 && newVersion >= 8) {
    // Step 8: listed articles move out of "articles" to stores of their own (list-layout.ts):
    // "listBlocks" (a list's articles a few hundred per value, under a serial number),
    // "listPostings" (a list's postings under [bucket, list id], written whole by an install) and
    // "listManifests" (what an update or removal must know of a list's copy, by list id). The
    // reader's own articles lose their `lists`, and "articles" its "lists" index. Every list keeps
    // its articles: those listed only are moved (their postings leave "postings"), and one the
    // reader had read is listed again by the sketch of the reader's record, listed since the list
    // was added (as Clear did in version 6).
    db.createObjectStore('listBlocks');
    db.createObjectStore('listPostings');
    db.createObjectStore('listManifests', { keyPath: 'id' });
    tx.objectStore('articles').deleteIndex('lists');
    if (oldVersion >= 6) copies.push(() => migrateToV8(tx, params));
  }
  if (oldVersion < 9 && newVersion >= 9) {
    // Step 9: "listFilters", a Bloom filter of the keys each list's postings hold (key-filter.ts),
    // under the list's id, written by each install of a copy. A list installed before has none
    // until its next update: a check then reads its postings for every key, as before. Nothing
    // is copied.
    db.createObjectStore('listFilters');
  }
  if (copies.length)
    void (async () => {
      for (const copy of copies) await copy();
    })().catch((err: unknown) => {
      console.error('Firsthand: the index could not be upgraded', err);
      try {
        tx.abort();
      } catch {
        // Already finished.
      }
    });
}

/** Band entries read per request while moving them to the postings. */
const MIGRATE_STEP = 2000;

/** Every value of a store keyed by number, read MIGRATE_STEP at a time, in key order. */
async function eachInSteps<T extends { key: number }>(
  store: { getAll(range?: IDBKeyRange, count?: number): Promise<unknown[]> },
  visit: (value: T) => void,
): Promise<void> {
  let after: number | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const entries = (await store.getAll(range, MIGRATE_STEP)) as T[];
    entries.forEach(visit);
    if (entries.length < MIGRATE_STEP) return;
    after = entries[entries.length - 1].key;
  }
}

async function migrateToV5(tx: AnyTx): Promise<void> {
  const changes = new PostingsChanges();
  await eachInSteps<{ key: number; tokens?: unknown }>(tx.objectStore('articles'), (e) => {
    if (e.tokens instanceof Uint32Array) changes.add(e.key, topicKeys(e.tokens));
  });
  await applyChanges(tx.objectStore('postings') as unknown as PostingsStore, changes);
}

async function migrateToV4(db: AnyDB, tx: AnyTx): Promise<void> {
  const changes = new PostingsChanges();
  await eachInSteps<{ key: number; bandKeys?: unknown }>(tx.objectStore('bands'), (e) => {
    if (Array.isArray(e.bandKeys))
      changes.add(
        e.key,
        e.bandKeys.filter((k): k is number => typeof k === 'number'),
      );
  });
  await applyChanges(tx.objectStore('postings') as unknown as PostingsStore, changes, { empty: true });
  db.deleteObjectStore('bands');
}

async function migrateToV3(db: AnyDB, tx: AnyTx, params: SignatureParams): Promise<void> {
  const articles = tx.objectStore('articles');
  const bands = tx.objectStore('bands');
  const texts = tx.objectStore('texts');
  const keyOf = new Map<string, number>();
  let next = 1;
  let cursor = await tx.objectStore('articles-v2').openCursor();
  while (cursor) {
    const old = cursor.value as Record<string, unknown> & { id: string };
    const { bandKeys: _old, key: _key, ...record } = old;
    const key = next++;
    keyOf.set(old.id, key);
    articles.put({ ...record, key }).catch(ignore);
    bands.put({ key, id: old.id, bandKeys: bandKeysOf(record.signature, params) }).catch(ignore);
    cursor = await cursor.continue();
  }
  let textCursor = await tx.objectStore('texts-v2').openCursor();
  while (textCursor) {
    const { id, key: _key, ...stored } = textCursor.value as Record<string, unknown> & { id: string };
    const key = keyOf.get(id);
    // A text whose article is gone can no longer be reached: it is not carried over.
    if (key !== undefined) texts.put({ ...stored, key }).catch(ignore);
    textCursor = await textCursor.continue();
  }
  db.deleteObjectStore('articles-v2');
  db.deleteObjectStore('texts-v2');
}

async function migrateToV8(tx: AnyTx, params: SignatureParams): Promise<void> {
  const lists = (await tx.objectStore('lists').getAll()) as { id: string; addedAt: number }[];
  const addedAt = new Map(lists.map((l) => [l.id, l.addedAt]));
  const perList = new Map<string, ArticleRecord[]>(lists.map((l) => [l.id, []]));
  const articles = tx.objectStore('articles');
  const changes = new PostingsChanges();
  await eachInSteps<StoredArticle & { key: number }>(articles, (stored) => {
    if (!stored.lists?.length) return;
    const listed = (stored.lists ?? []).filter((l) => perList.has(l));
    if (stored.sketch) {
      // Known from lists only: it moves.
      const record = fromStored(stored, params);
      for (const l of listed) perList.get(l)!.push(record);
      changes.remove(stored.key, storedKeys(stored));
      articles.delete(stored.key).catch(ignore);
      return;
    }
    // The reader's own: it stays, without its lists; they list the sketch of its record.
    const own = fromStored(stored, params);
    const { lists: _lists, ...rest } = stored;
    articles.put(rest).catch(ignore);
    if (own.signature.length !== params.numPerm || !listed.length) return;
    const since = Math.min(...listed.map((l) => addedAt.get(l)!));
    const record = { ...listedRecord(own, params), firstSeenAt: since };
    for (const l of listed) perList.get(l)!.push(record);
  });
  await applyChanges(tx.objectStore('postings') as unknown as PostingsStore, changes);
  let serial = 0;
  for (const [id, records] of perList) {
    const { blocks, ids, times, hashes } = buildBlocks(id, records, (r) => r.firstSeenAt);
    const serials = blocks.map(() => serial++);
    blocks.forEach((b, i) => {
      tx.objectStore('listBlocks').put(b, serials[i]).catch(ignore);
    });
    const postings = buildPostings(records);
    for (const [bucket, value] of postings) tx.objectStore('listPostings').put(localToRef(value, serials), [bucket, id]).catch(ignore);
    const manifest: ListManifest = { id, blocks: serials, buckets: Uint32Array.from(postings.keys()), ids, listedAt: times, blockHashes: hashes };
    await tx.objectStore('listManifests').put(manifest);
  }
}

/** A failed write aborts the upgrade transaction, which is what reports it. */
const ignore = () => {};

/** Band keys of a stored signature; none when it is not one (such a record is found again after re-indexing). */
function bandKeysOf(signature: unknown, params: SignatureParams): number[] {
  return signature instanceof Uint32Array && signature.length === params.numPerm ? bandKeys(signature, params) : [];
}
