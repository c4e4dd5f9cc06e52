// Reuse lists in the index database: the subscribed lists (the "lists" store), what the reader
// is shown of them, and adding one from a file. Their articles live apart from the reader's own
// (list-layout.ts): installed and removed by lists-install.ts, read beside the own ones by
// lists-read.ts. Clearing the reader's index leaves them alone.
import { sha256 } from '@noble/hashes/sha2.js';
import type { ListedBy, PackItem } from '../index/index.ts';
import type { ListInfo } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import type { DbConnection, StoredList } from './db.ts';
import { installList } from './lists-install.ts';
import { runTx, StorageFullError } from './tx.ts';

export { installList, removeList } from './lists-install.ts';

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
  const { etag: _etag, lastModified: _lastModified, bucketBits: _bucketBits, ...info } = stored;
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

/**
 * Forgets what the reader read or imported: their articles, texts and postings. Subscribed lists
 * and their articles are in stores of their own and stay as they are; an article the reader read
 * that a list carries is then known by the list's entry again.
 */
export async function clearOwn(conn: DbConnection): Promise<void> {
  const db = await conn.get();
  const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
  await runTx(tx, () => Promise.all([tx.objectStore('articles').clear(), tx.objectStore('postings').clear(), tx.objectStore('texts').clear()]));
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
