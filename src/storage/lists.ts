// Reuse lists in the index database: the subscribed lists (the "lists" store) and their articles
// (in "articles", with a sketch instead of signature, word hashes and text, and the ids of the
// lists carrying them in `lists`). Installing a list's copy and removing a list are each one
// transaction: the list's previous articles are replaced whole, or nothing changes.
//
// The rules, kept by every write here and by the writer and the import:
// - an article the reader read or imported (a full record: no `sketch`) is never replaced by a
//   listed one; it only gains the list's id, and loses it when the list goes;
// - a reader's save or import of a listed article replaces its sketch record by the full one and
//   keeps its `lists` (withLists);
// - a listed-only article goes when no list carries it any more.
import { sha256 } from '@noble/hashes/sha2.js';
import { unwrap } from 'idb';
import { DEFAULT_PARAMS, indexKeys, listedRecord, type ArticleRecord, type ListedBy, type PackItem, type SignatureParams } from '../index/index.ts';
import type { ListInfo } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import { fromStored, isCompactListed, toStored, type DbConnection, type StoredArticle, type StoredList } from './db.ts';
import { PostingsChanges, applyChanges, storedKeys } from './postings.ts';
import { isQuotaError, runTx, StorageFullError } from './tx.ts';

/** The publisher's description of a list, as its header states it (src/lists ListMeta). */
export interface ListMetaLike {
  name: string;
  publisher: string;
  description?: string;
  homepage?: string;
  expiresHours?: number;
}

/** A list read and checked whole (src/lists readList's ListContent): what an install needs of it. */
export interface ListContentLike {
  header: { list: ListMetaLike };
  /** Listed records, each with its sketch. */
  items: readonly PackItem[];
  /** "sha256:<hex>" (or the bare hex) of the list's content. */
  digest: string;
  publicKey?: string;
  bytes: number;
}

export type ListSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** How a list is read and checked (src/lists readList): it throws ListError for a refused list. */
export type ListReader = (
  source: ListSource,
  opts?: { pinnedKey?: string; onProgress?(p: { articles: number; count: number; bytes: number }): void },
) => Promise<ListContentLike>;

/** How far an install has come: articles written of the total, then the postings indexed. */
export type InstallProgress = (p: { phase: 'writing' | 'indexing'; done: number; total: number }) => void;

/** Articles read and written per step of an install (all in one transaction). */
const INSTALL_BATCH = 4000;

/** Update interval bounds and default, whatever a list's header hints. */
export const MIN_UPDATE_MS = 3_600_000;
export const MAX_UPDATE_MS = 7 * 24 * 3_600_000;
export const DEFAULT_UPDATE_HOURS = 24;

/** When a URL list is next due: its expiry hint (default 24 h), bounded to 1 hour .. 7 days. */
export function nextUpdateAfter(now: number, expiresHours: number | undefined): number {
  const hours = expiresHours !== undefined && Number.isFinite(expiresHours) && expiresHours > 0 ? expiresHours : DEFAULT_UPDATE_HOURS;
  return now + Math.min(MAX_UPDATE_MS, Math.max(MIN_UPDATE_MS, hours * 3_600_000));
}

const hexOf = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The id of a list subscribed to by URL: stable for the URL. */
export function listIdForUrl(url: string): string {
  return `u${hexOf(sha256(new TextEncoder().encode(url))).slice(0, 16)}`;
}

/** The id of a list added from a file: from its content's digest, so the same file added twice is one list. */
export function listIdForFile(digest: string): string {
  return `f${bareDigest(digest).slice(0, 16)}`;
}

function bareDigest(digest: string): string {
  return digest.replace(/^sha256:/i, '').toLowerCase();
}

/** The ListInfo of a freshly read copy; `previous` (an update) keeps when it was added. */
export function listInfoOf(id: string, content: ListContentLike, source: ListInfo['source'], now: number, previous?: StoredList): StoredList {
  const meta = content.header.list;
  const info: StoredList = {
    id,
    name: meta.name,
    publisher: meta.publisher,
    source,
    articles: new Set(content.items.map((i) => i.record.id)).size,
    bytes: content.bytes,
    digest: bareDigest(content.digest),
    addedAt: previous?.addedAt ?? now,
    updatedAt: now,
    checkedAt: now,
  };
  if (meta.description !== undefined) info.description = meta.description;
  if (meta.homepage !== undefined) info.homepage = meta.homepage;
  if (meta.expiresHours !== undefined) info.expiresHours = meta.expiresHours;
  if (content.publicKey !== undefined) info.publicKey = content.publicKey;
  if ('url' in source) info.nextUpdate = nextUpdateAfter(now, meta.expiresHours);
  return info;
}

/** What the options page is shown of a stored list: its ListInfo without the HTTP validators. */
export function publicInfo(stored: StoredList): ListInfo {
  const { etag: _etag, lastModified: _lastModified, ...info } = stored;
  return info;
}

/** Every subscribed list, oldest first. */
export async function readLists(conn: DbConnection): Promise<StoredList[]> {
  const db = await conn.get();
  const all = await db.getAll('lists');
  return all.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id));
}

export async function getList(conn: DbConnection, id: string): Promise<StoredList | undefined> {
  return (await conn.get()).get('lists', id);
}

/**
 * Records an attempt that changed no article (a 304, a failed update): only the list's state
 * fields are written, and only while the list is still subscribed (a list removed meanwhile
 * stays removed). Returns the list as stored, or undefined when it is gone.
 */
export async function saveListState(
  conn: DbConnection,
  id: string,
  patch: Pick<StoredList, 'checkedAt' | 'nextUpdate' | 'lastError'>,
): Promise<StoredList | undefined> {
  const db = await conn.get();
  const tx = db.transaction('lists', 'readwrite');
  return runTx(tx, async () => {
    const stored = await tx.store.get(id);
    if (!stored) return undefined;
    const next: StoredList = { ...stored, ...patch };
    if (patch.lastError === undefined) delete next.lastError;
    await tx.store.put(next);
    return next;
  });
}

/** A record with the list ids of the stored article it replaces (a reader's save or import of a listed article). */
export function withLists(record: ArticleRecord, lists: readonly string[] | undefined): ArticleRecord {
  if (!lists?.length) return record;
  return { ...record, lists: [...new Set([...(record.lists ?? []), ...lists])] };
}

/** One entry per article id: the last one the list gives. */
function byId(items: readonly PackItem[]): ArticleRecord[] {
  const out = new Map<string, ArticleRecord>();
  for (const { record } of items) out.set(record.id, record);
  return [...out.values()];
}

/** Drops list `id` from a stored article; deletes it when it was listed only and no list keeps it. */
function dropList(
  stored: StoredArticle,
  id: string,
  changes: PostingsChanges,
  articles: { put(v: StoredArticle): Promise<unknown>; delete(k: number): Promise<unknown> },
): Promise<unknown> {
  const key = stored.key!;
  const lists = (stored.lists ?? []).filter((l) => l !== id);
  if (lists.length > 0) return articles.put({ ...stored, lists });
  if (stored.sketch) {
    changes.remove(key, storedKeys(stored));
    return articles.delete(key);
  }
  // The reader's own article: it stays, no longer listed.
  const { lists: _gone, ...own } = stored;
  return articles.put(own);
}

/** The part of the articles store (idb's wrapper) a read of stored articles by number needs. */
interface ArticlesStoreOf {
  get(key: number): Promise<StoredArticle | undefined>;
  getAll(range: IDBKeyRange, count?: number): Promise<StoredArticle[]>;
}

/**
 * The stored articles of these numbers (ascending), read a range of numbers at a time: a list's
 * articles were numbered together, so a range holds few others. Those a range read leaves out
 * (a range crowded with others) are read one by one.
 */
async function readByKeys(articles: ArticlesStoreOf, keys: readonly number[], visit: (stored: StoredArticle) => void): Promise<void> {
  for (let i = 0; i < keys.length; i += INSTALL_BATCH) {
    const slice = keys.slice(i, i + INSTALL_BATCH);
    const wanted = new Set(slice);
    const values = await articles.getAll(IDBKeyRange.bound(slice[0], slice[slice.length - 1]), slice.length * 2);
    for (const v of values) if (wanted.delete(v.key!)) visit(v);
    if (wanted.size === 0) continue;
    const rest = await Promise.all([...wanted].map((k) => articles.get(k)));
    for (const v of rest) if (v) visit(v);
  }
}

/** True when two stored values are the same: plain values, arrays, typed arrays and plain objects. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Uint32Array && b instanceof Uint32Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka)
    if (!Object.prototype.hasOwnProperty.call(b, k) || !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** The numbers of the stored articles among these ids, `others` being how many stored articles
 * they could be (`total` in all): found by the 'id' index, in one key-only scan of it when the
 * store holds fewer articles than there are ids to find, else one look-up per id. */
async function findOthers(
  idIndex: {
    getKey(id: string): Promise<number | undefined>;
    openKeyCursor(): Promise<{ key: string; primaryKey: number; continue(): Promise<unknown> } | null>;
  },
  ids: readonly string[],
  others: number,
  total: number,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (others <= 0 || ids.length === 0) return found;
  if (total <= ids.length) {
    const wanted = new Set(ids);
    let cursor = await idIndex.openKeyCursor();
    while (cursor) {
      if (wanted.has(cursor.key)) found.set(cursor.key, cursor.primaryKey);
      cursor = (await cursor.continue()) as typeof cursor;
    }
    return found;
  }
  for (let i = 0; i < ids.length; i += INSTALL_BATCH) {
    const slice = ids.slice(i, i + INSTALL_BATCH);
    const keys = await Promise.all(slice.map((rid) => idIndex.getKey(rid)));
    slice.forEach((rid, j) => {
      if (keys[j] !== undefined) found.set(rid, keys[j]!);
    });
  }
  return found;
}

/**
 * Puts every value, as plain IndexedDB requests (no promise per request: a list writes many
 * thousands), and gives their keys. A value that cannot be stored throws at once; a request that
 * fails rejects, and its error aborts the transaction.
 */
function putMany(store: IDBObjectStore, values: readonly StoredArticle[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const keys = new Array<number>(values.length);
    let left = values.length;
    if (left === 0) return resolve(keys);
    values.forEach((value, j) => {
      const request = store.put(value);
      request.onsuccess = () => {
        keys[j] = request.result as number;
        if (--left === 0) resolve(keys);
      };
      request.onerror = () => reject(request.error ?? new Error('A list article could not be written'));
    });
  });
}

/**
 * Installs a list's copy in one transaction: the list's articles become exactly the copy's (those
 * only in the previous copy lose this list, and go when nothing else keeps them), their postings
 * follow, and `info` is written. All or nothing: on any failure the previous copy stays whole.
 * An article the previous copy already holds as this one gives it is not written again.
 */
export async function installList(
  conn: DbConnection,
  id: string,
  content: ListContentLike,
  info: StoredList,
  onProgress?: InstallProgress,
): Promise<StoredList> {
  if (info.id !== id) throw new Error('installList: the ListInfo is of another list');
  const records = byId(content.items);
  for (const r of records) if (!r.sketch) throw new Error(`installList: "${r.id.slice(0, 80)}" has no sketch (a list is text-free)`);
  const db = await conn.get();
  const tx = db.transaction(['articles', 'postings', 'lists'], 'readwrite');
  const articles = tx.objectStore('articles');
  try {
    await runTx(tx, async () => {
      // The previous copy, read whole by ranges of numbers.
      const [previousKeys, total, postingsCount] = await Promise.all([
        articles.index('lists').getAllKeys(id),
        articles.count(),
        tx.objectStore('postings').count(),
      ]);
      const previous = new Map<string, StoredArticle>();
      await readByKeys(
        articles,
        previousKeys.sort((a, b) => a - b),
        (v) => previous.set(v.id, v),
      );
      // Articles of the copy stored but not in the previous copy: the reader's own, or another list's.
      const unknown = records.filter((r) => !previous.has(r.id)).map((r) => r.id);
      const otherKeys = await findOthers(articles.index('id'), unknown, total - previous.size, total);
      const others = new Map<string, StoredArticle>();
      const otherList = [...otherKeys.values()].sort((a, b) => a - b);
      for (let i = 0; i < otherList.length; i += INSTALL_BATCH) {
        const values = await Promise.all(otherList.slice(i, i + INSTALL_BATCH).map((k) => articles.get(k)));
        for (const v of values) if (v) others.set(v.id, v);
      }
      const changes = new PostingsChanges();
      const raw = unwrap(articles);
      for (let i = 0; i < records.length; i += INSTALL_BATCH) {
        const batch = records.slice(i, i + INSTALL_BATCH);
        const writes: StoredArticle[] = [];
        const added: { record: ArticleRecord; stored: StoredArticle }[] = [];
        for (const record of batch) {
          const old = previous.get(record.id) ?? others.get(record.id);
          previous.delete(record.id);
          const lists = old?.lists?.includes(id) ? old.lists : [...(old?.lists ?? []), id];
          if (old && !old.sketch) {
            // The reader's own article: it keeps its full record and gains the list.
            if (lists !== old.lists) writes.push({ ...old, lists });
            continue;
          }
          const listedAt = old?.listedAt !== undefined ? Math.min(old.listedAt, record.firstSeenAt) : record.firstSeenAt;
          const stored = toStored({ ...record, firstSeenAt: listedAt, lists }, old?.key);
          if (old?.key === undefined) {
            added.push({ record, stored });
            continue;
          }
          // Already stored as this copy gives it: nothing to write.
          if (same(stored, old)) continue;
          if (!same(stored.sketch, old.sketch)) {
            changes.remove(old.key, storedKeys(old));
            changes.add(old.key, indexKeys(record));
          }
          writes.push(stored);
        }
        // A value the database cannot store throws here and aborts the transaction (runTx).
        const [keys] = await Promise.all([
          putMany(
            raw,
            added.map((a) => a.stored),
          ),
          putMany(raw, writes),
        ]);
        added.forEach((a, j) => changes.add(keys[j], indexKeys(a.record)));
        onProgress?.({ phase: 'writing', done: Math.min(i + INSTALL_BATCH, records.length), total: records.length });
      }
      // Articles of the previous copy that this one no longer carries.
      const gone = [...previous.values()];
      for (let i = 0; i < gone.length; i += INSTALL_BATCH) await Promise.all(gone.slice(i, i + INSTALL_BATCH).map((o) => dropList(o, id, changes, articles)));
      await applyChanges(tx.objectStore('postings'), changes, {
        empty: postingsCount === 0,
        onProgress: (done, total) => onProgress?.({ phase: 'indexing', done, total }),
      });
      await tx.objectStore('lists').put(info);
    });
  } catch (err) {
    if (isQuotaError(err))
      throw new StorageFullError('Storage is full: the list was not installed (any previous copy is kept). Free disk space and try again.');
    throw err;
  }
  conn.problem = undefined;
  return info;
}

/** Removes a list: its articles go, except those the reader read or imported and those another list carries. */
export async function removeList(conn: DbConnection, id: string): Promise<boolean> {
  const db = await conn.get();
  const tx = db.transaction(['articles', 'postings', 'lists'], 'readwrite');
  const articles = tx.objectStore('articles');
  return runTx(tx, async () => {
    const known = await tx.objectStore('lists').getKey(id);
    const keys = (await articles.index('lists').getAllKeys(id)).sort((a, b) => a - b);
    const changes = new PostingsChanges();
    const olds: StoredArticle[] = [];
    await readByKeys(articles, keys, (v) => olds.push(v));
    for (let i = 0; i < olds.length; i += INSTALL_BATCH) await Promise.all(olds.slice(i, i + INSTALL_BATCH).map((o) => dropList(o, id, changes, articles)));
    await applyChanges(tx.objectStore('postings'), changes);
    await tx.objectStore('lists').delete(id);
    return known !== undefined || keys.length > 0;
  });
}

/**
 * Forgets what the reader read or imported: their articles, texts and postings. Subscribed lists
 * and their articles stay; an article the reader read that a list also carries goes back to its
 * listed form (its sketch, made again from its record), with no trace of the reading.
 */
export async function clearOwn(conn: DbConnection, params: SignatureParams = DEFAULT_PARAMS): Promise<void> {
  const db = await conn.get();
  const tx = db.transaction(['articles', 'postings', 'texts', 'lists'], 'readwrite');
  await runTx(tx, async () => {
    const lists = await tx.objectStore('lists').getAll();
    if (lists.length === 0 && (await tx.objectStore('articles').index('lists').count()) === 0) {
      await Promise.all([tx.objectStore('articles').clear(), tx.objectStore('postings').clear(), tx.objectStore('texts').clear()]);
      return;
    }
    const addedAt = new Map(lists.map((l) => [l.id, l.addedAt]));
    const articles = tx.objectStore('articles');
    const changes = new PostingsChanges();
    const writes: Promise<unknown>[] = [];
    // The reader's own articles are those in the firstSeenAt index.
    let cursor = await articles.index('firstSeenAt').openCursor();
    while (cursor) {
      const old = cursor.value;
      const key = cursor.primaryKey;
      changes.remove(key, storedKeys(old));
      if (old.lists?.length && !isCompactListed(old) && old.signature.length === params.numPerm) {
        const listed = listedRecord(fromStored(old, params), params);
        const since = Math.min(...old.lists.map((l) => addedAt.get(l) ?? old.firstSeenAt ?? 0));
        changes.add(key, indexKeys(listed));
        writes.push(articles.put(toStored({ ...listed, firstSeenAt: since }, key)));
      } else writes.push(articles.delete(key));
      cursor = await cursor.continue();
    }
    writes.push(tx.objectStore('texts').clear());
    await Promise.all(writes);
    await applyChanges(tx.objectStore('postings'), changes);
  });
}

/** How each list is named to the reader, by id. */
export async function listNames(conn: DbConnection): Promise<Map<string, ListedBy>> {
  const names = new Map<string, ListedBy>();
  for (const l of await readLists(conn)) {
    names.set(l.id, { list: l.name, publisher: l.publisher, source: 'url' in l.source ? l.source.url : l.source.file });
  }
  return names;
}

/** Longest file name kept for a list added from a file. */
const MAX_FILE_NAME = 256;

/**
 * "Add list from file" (the options page reads the file itself and calls this, like the popup's
 * pack import): reads and checks the list, then installs it under an id from its digest. A file
 * list is never updated; adding it again (or a new copy with the same name) replaces the copy.
 */
export async function addListFromFile(
  conn: DbConnection,
  source: ListSource,
  fileName: string,
  opts: { read: ListReader; now?: number; onProgress?: InstallProgress; onRead?(p: { articles: number; count: number; bytes: number }): void },
): Promise<ListInfo> {
  const content = await opts.read(source, { onProgress: opts.onRead });
  const now = opts.now ?? Date.now();
  const file = fileName.slice(0, MAX_FILE_NAME) || 'list';
  const all = await readLists(conn);
  // The same file added again keeps its id; an older copy of a file of this name is replaced.
  const previous = all.find((l) => 'file' in l.source && l.source.file === file) ?? all.find((l) => l.id === listIdForFile(content.digest));
  const id = previous?.id ?? listIdForFile(content.digest);
  const info = listInfoOf(id, content, { file }, now, previous);
  return publicInfo(await installList(conn, id, content, info, opts.onProgress));
}

/** A reader-facing message for a list that could not be added or updated. */
export function listErrorText(err: unknown): string {
  if (err instanceof StorageFullError) return err.message;
  if ((err as { name?: unknown } | null)?.name === 'ListError') return (err as Error).message;
  return `The list could not be installed: ${errorText(err)}`;
}
