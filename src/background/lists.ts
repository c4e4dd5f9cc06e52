// Reuse lists, the worker's side: subscribing by URL, updating (by alarm or when the reader asks),
// removing, and naming the lists that carry a check's matches. A list is fetched with no cookies,
// no referrer and no HTTP cache, conditionally (If-None-Match / If-Modified-Since) once it is
// installed; its bytes stream into the list reader (src/lists), bounded; any failure keeps the
// previous copy whole and says why in the list's lastError. These GETs of the lists' own URLs are
// the only requests Firsthand makes, and only when the reader has subscribed to a list.
import type { CheckResult, ListedBy, MatchSummary } from '../index/types.ts';
import type { ListInfo, ListProgressMessage } from '../protocol/messages.ts';
import { listUrlProblem, normalizeListUrl } from '../protocol/validate.ts';
import { errorText } from '../shared/errors.ts';
import type { StoredList } from '../storage/db.ts';
import {
  getList,
  installList,
  listIdForUrl,
  listInfoOf,
  listNames,
  MIN_UPDATE_MS,
  nextUpdateAfter,
  publicInfo,
  readLists,
  removeList,
  saveListState,
  type ListSource,
} from '../storage/lists.ts';
import { StorageFullError } from '../storage/tx.ts';
import type { Services } from './services.ts';

/** The alarm of the update sweep: every SWEEP_MINUTES, the lists due are updated. */
export const LIST_ALARM = 'firsthand-lists';
export const SWEEP_MINUTES = 15;
/** The most bytes a list download may bring (as served, compressed or not). */
export const MAX_LIST_DOWNLOAD = 600_000_000;
/** Progress is told to the extension's pages at most this often. */
const PROGRESS_MS = 200;

/** The request of every list download: GET, nothing of the reader sent along, nothing cached. */
export function listRequestInit(stored?: Pick<StoredList, 'etag' | 'lastModified'>): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/gzip, application/x-ndjson, application/json;q=0.9, */*;q=0.5' };
  if (stored?.etag) headers['If-None-Match'] = stored.etag;
  if (stored?.lastModified) headers['If-Modified-Since'] = stored.lastModified;
  return { method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'follow', headers };
}

/** A download's outcome: unchanged since the copy installed, or a body to read. */
type Download = { unchanged: true } | { unchanged: false; body: ListSource; etag?: string; lastModified?: string };

/** Why a list could not be fetched, in words a reader can act on. */
export class ListFetchError extends Error {
  override name = 'ListFetchError';
}

function originOf(url: string): string {
  return new URL(url).origin;
}

/** Counts the bytes of a body as they arrive and stops the download past `max`. */
function bounded(body: ReadableStream<Uint8Array>, max: number, onBytes: (n: number) => void): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) {
          controller.error(new ListFetchError(`The list is larger than ${Math.round(max / 1e6)} MB, more than Firsthand accepts; it was not downloaded.`));
          return;
        }
        onBytes(seen);
        controller.enqueue(chunk);
      },
    }),
  );
}

async function download(s: Services, url: string, stored: StoredList | undefined, onBytes: (n: number) => void): Promise<Download> {
  let response: Response;
  try {
    response = await s.fetch(url, listRequestInit(stored));
  } catch (err) {
    const origin = originOf(url);
    const allowed = await s.browser.hasOrigin(origin).catch(() => undefined);
    if (allowed === false) {
      throw new ListFetchError(
        `Firsthand may not read ${origin} (access was refused or not asked) and the server does not allow it otherwise. Use "Update now" and allow access to ${origin} when asked.`,
        { cause: err },
      );
    }
    throw new ListFetchError(`${origin} could not be reached (${errorText(err)}). Check the address and your connection; Firsthand will try again later.`, {
      cause: err,
    });
  }
  if (response.status === 304 && stored) return { unchanged: true };
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const hint = response.status === 404 || response.status === 410 ? ' The list may have moved: check its address with its publisher.' : '';
    throw new ListFetchError(`The server answered ${status} instead of the list.${hint}`);
  }
  // A redirect must not leave https (plain http only to this machine).
  if (response.url && listUrlProblem(response.url))
    throw new ListFetchError(`The list's address redirected to ${response.url.slice(0, 200)}, which is not https: refused.`);
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > MAX_LIST_DOWNLOAD) {
    await response.body?.cancel().catch(() => {});
    throw new ListFetchError(
      `The list is ${Math.round(length / 1e6)} MB, more than the ${Math.round(MAX_LIST_DOWNLOAD / 1e6)} MB Firsthand accepts; it was not downloaded.`,
    );
  }
  if (!response.body) throw new ListFetchError('The server sent no list.');
  const out: Download = { unchanged: false, body: bounded(response.body, MAX_LIST_DOWNLOAD, onBytes) };
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) out.etag = etag;
  if (lastModified) out.lastModified = lastModified;
  return out;
}

/** What the reader is told when a list could not be subscribed to or updated. */
export function listFailureText(err: unknown): string {
  if (err instanceof ListFetchError || err instanceof StorageFullError) return err.message;
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'ListError') return (err as Error).message;
  if (name === 'QuotaExceededError') return 'Storage is full: free disk space and try again.';
  return `The list could not be read: ${errorText(err)}`;
}

/** Tells the extension's pages how far a download and install has come (throttled). */
function progressTeller(s: Services, id: string, url: string): (p: Omit<ListProgressMessage, 'type' | 'id' | 'url'>, force?: boolean) => void {
  let last = 0;
  return (p, force = false) => {
    const now = Date.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    s.browser.broadcast({ type: 'lists/progress', id, url, ...p }).catch(() => {
      // No page is listening.
    });
  };
}

/** Downloads, checks and installs a list; throws, changing nothing, when any step fails. */
async function fetchAndInstall(s: Services, id: string, url: string, stored: StoredList | undefined): Promise<StoredList | 'unchanged'> {
  const tell = progressTeller(s, id, url);
  const got = await download(s, url, stored, (bytes) => tell({ phase: 'downloading', done: bytes, total: 0 }));
  if (got.unchanged) return 'unchanged';
  const content = await s.readList(got.body, {
    pinnedKey: stored?.publicKey,
    onProgress: (p) => tell({ phase: 'reading', done: p.articles, total: p.count }),
  });
  const now = s.now();
  const info = listInfoOf(id, content, { url }, now, stored);
  if (got.etag) info.etag = got.etag;
  if (got.lastModified) info.lastModified = got.lastModified;
  const installed = await installList(s.conn, id, content, info, (p) => tell(p));
  tell({ phase: 'done', done: installed.articles, total: installed.articles }, true);
  return installed;
}

/** One run per list at a time: an alarm and "Update now" share it. */
const running = new WeakMap<Services, Map<string, Promise<ListInfo>>>();

function once(s: Services, id: string, run: () => Promise<ListInfo>): Promise<ListInfo> {
  let mine = running.get(s);
  if (!mine) running.set(s, (mine = new Map()));
  const pending = mine.get(id);
  if (pending) return pending;
  const p = run().finally(() => mine.delete(id));
  mine.set(id, p);
  return p;
}

/** ui/list-subscribe: downloads and installs the list at `url`; a list already subscribed is updated. */
export async function subscribeList(s: Services, rawUrl: string): Promise<ListInfo> {
  const problem = listUrlProblem(rawUrl);
  if (problem) throw new Error(`This list address cannot be used: ${problem}.`);
  const url = normalizeListUrl(rawUrl);
  const id = listIdForUrl(url);
  if (await getList(s.conn, id)) return updateList(s, id);
  return once(s, id, async () => {
    let installed: StoredList | 'unchanged';
    try {
      installed = await fetchAndInstall(s, id, url, undefined);
    } catch (err) {
      throw new Error(`The list was not added: ${listFailureText(err)}`, { cause: err });
    }
    if (installed === 'unchanged') throw new Error('The list was not added: the server sent no list.');
    return publicInfo(installed);
  });
}

/**
 * ui/list-update and the alarm: a conditional download of the list. Unchanged (304): only when it
 * was checked and is next due change. A failure keeps the previous copy whole and is recorded as
 * lastError (and the next try is in an hour); the reply is the list as it now stands.
 */
export function updateList(s: Services, id: string): Promise<ListInfo> {
  return once(s, id, async () => {
    const stored = await getList(s.conn, id);
    if (!stored) throw new Error('This list is no longer subscribed.');
    if (!('url' in stored.source)) throw new Error('A list added from a file is not updated: add the file again to replace it.');
    const url = stored.source.url;
    try {
      const installed = await fetchAndInstall(s, id, url, stored);
      if (installed !== 'unchanged') return publicInfo(installed);
      const now = s.now();
      const kept = await saveListState(s.conn, id, { checkedAt: now, nextUpdate: nextUpdateAfter(now, stored.expiresHours), lastError: undefined });
      if (!kept) throw new Error('This list is no longer subscribed.');
      return publicInfo(kept);
    } catch (err) {
      const now = s.now();
      const lastError = `Update failed, the previous copy is kept: ${listFailureText(err)}`;
      const kept = await saveListState(s.conn, id, { checkedAt: now, nextUpdate: now + MIN_UPDATE_MS, lastError });
      if (!kept) throw new Error('This list is no longer subscribed.', { cause: err });
      return publicInfo(kept);
    }
  });
}

/** ui/list-remove: the list and its articles go (except those the reader read or imported); the lists that remain. */
export async function unsubscribeList(s: Services, id: string): Promise<ListInfo[]> {
  await removeList(s.conn, id);
  return listsOf(s);
}

/** ui/lists. */
export async function listsOf(s: Services): Promise<ListInfo[]> {
  return (await readLists(s.conn)).map(publicInfo);
}

/** The alarm's sweep: every list subscribed by URL that is due (or every one, with `all`), one after another. */
export async function sweepLists(s: Services, all = false): Promise<ListInfo[]> {
  const now = s.now();
  for (const l of await readLists(s.conn)) {
    if (!('url' in l.source)) continue;
    if (!all && (l.nextUpdate ?? 0) > now) continue;
    await updateList(s, l.id).catch((err: unknown) => console.warn('Firsthand: list not updated:', errorText(err)));
  }
  return listsOf(s);
}

/** What the check learned of the records it fetched: the lists of each, and which are text-free. */
export interface ListedRecords {
  lists: Map<string, readonly string[]>;
  textFree: Set<string>;
}

/** A check's result with each listed match's lists named (MatchSummary.listed) and text-free ones marked. */
export function withListed(result: CheckResult, seen: ListedRecords, names: ReadonlyMap<string, ListedBy>): CheckResult {
  const mark = (m: MatchSummary): MatchSummary => {
    const ids = seen.lists.get(m.id) ?? [];
    const listed = ids.map((id) => names.get(id)).filter((l): l is ListedBy => l !== undefined);
    if (listed.length === 0 && !seen.textFree.has(m.id)) return m;
    const out: MatchSummary = { ...m };
    if (listed.length) out.listed = listed;
    if (seen.textFree.has(m.id)) out.textFree = true;
    return out;
  };
  if (seen.lists.size === 0 && seen.textFree.size === 0) return result;
  return {
    ...result,
    ...(result.original ? { original: mark(result.original) } : {}),
    ...(result.closest ? { closest: mark(result.closest) } : {}),
    matches: result.matches.map(mark),
  };
}

/** withListed with the lists' names read from the database (only when a match is listed). */
export async function nameListed(s: Services, result: CheckResult, seen: ListedRecords): Promise<CheckResult> {
  if (seen.lists.size === 0 && seen.textFree.size === 0) return result;
  return withListed(result, seen, await listNames(s.conn));
}
