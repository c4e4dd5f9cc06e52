// The library page's view of the index: articles read a page at a time with a cursor, newest
// first (never all at once), searched by title, outlet and address; and the deletion of one
// article with its text, postings and corrections, in one transaction.
import { DEFAULT_PARAMS, type SignatureParams } from '../index/index.ts';
import type { LibraryItem, LibraryPage } from '../protocol/messages.ts';
import type { DbConnection, StoredArticle, StoredText } from './db.ts';
import { isListedRef, refOf, serialOf, type ListBlock, type ListEntry } from './list-layout.ts';
import { getMerged, listedCount } from './lists-read.ts';
import { dropCorrectionsOfIn } from './corrections.ts';
import { PostingsChanges, applyChanges, storedKeys } from './postings.ts';
import { runTx } from './tx.ts';

/** Articles shown per page. */
export const LIBRARY_PAGE = 50;
/** Articles a search looks at per request at most; the page asks again from where it stopped. */
export const LIBRARY_SCAN = 2000;

/** Whether an article matches a search: every word of it in its title, outlet or address. */
export function matches(stored: Pick<StoredArticle, 'title' | 'outlet' | 'host' | 'id' | 'url'>, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = `${stored.title}\n${stored.outlet}\n${stored.host}\n${stored.url ?? stored.id}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The words of a search, lower case. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function itemOf(stored: StoredArticle, text: StoredText | undefined): LibraryItem {
  const item: LibraryItem = {
    key: stored.key!,
    id: stored.id,
    url: stored.url ?? stored.id,
    title: stored.title,
    outlet: stored.outlet,
    host: stored.host,
    seenAt: stored.firstSeenAt ?? 0,
    // A page the reader read keeps the page's metadata with its text; an imported one does not.
    source: text?.meta ? 'read' : 'imported',
  };
  if (stored.publishedAt !== undefined) item.publishedAt = stored.publishedAt;
  return item;
}

function listedItemOf(ref: number, e: ListEntry, list: string): LibraryItem {
  const item: LibraryItem = {
    key: ref,
    id: e.id,
    url: e.url ?? e.id,
    title: e.title,
    outlet: e.outlet,
    host: e.host,
    seenAt: e.listedAt,
    source: 'listed',
    lists: [list],
  };
  if (e.publishedAt !== undefined) item.publishedAt = e.publishedAt;
  return item;
}

/**
 * One page of the library from below position `after` when given: the reader's own articles
 * newest first (article numbers), then the articles known from lists only (listed references,
 * each list's blocks newest first). An article the reader has that a list also carries is listed
 * once, as the reader's.
 */
export async function browse(conn: DbConnection, query: string, after?: number): Promise<LibraryPage> {
  const words = searchWords(query);
  const db = await conn.get();
  const tx = db.transaction(['articles', 'texts', 'lists', 'listBlocks', 'listManifests']);
  const articles = tx.objectStore('articles');
  const [own, lists, listed] = await Promise.all([
    articles.count(),
    tx.objectStore('lists').getAll(),
    listedCount(tx.objectStore('lists'), tx.objectStore('listManifests')),
  ]);
  const names = new Map(lists.map((l) => [l.id, l.name]));
  const items: LibraryItem[] = [];
  let scanned = 0;
  let last: number | undefined;
  const full = () => items.length >= LIBRARY_PAGE || scanned >= LIBRARY_SCAN;
  if (after === undefined || !isListedRef(after)) {
    const found: StoredArticle[] = [];
    let cursor = await articles.openCursor(after === undefined ? null : IDBKeyRange.upperBound(after, true), 'prev');
    while (cursor && !full()) {
      scanned++;
      last = cursor.primaryKey;
      if (matches(cursor.value, words)) {
        found.push(cursor.value);
        items.push(itemOf(cursor.value, undefined));
      }
      cursor = await cursor.continue();
    }
    const texts = await Promise.all(found.map((f) => tx.objectStore('texts').get(f.key!)));
    found.forEach((f, i) => (items[i] = itemOf(f, texts[i])));
    if (cursor && last !== undefined) return { items, next: last, scanned, total: own + listed };
  }
  // Then the lists' own articles, block by block from the newest.
  const from = after !== undefined && isListedRef(after) ? after : undefined;
  let blocks = await tx.objectStore('listBlocks').openCursor(from === undefined ? null : IDBKeyRange.upperBound(serialOf(from)), 'prev');
  let stopped = false;
  while (blocks && !stopped) {
    const block = blocks.value as ListBlock;
    const serial = blocks.primaryKey as number;
    for (let slot = block.entries.length - 1; slot >= 0; slot--) {
      const ref = refOf(serial, slot);
      if (from !== undefined && ref >= from) continue;
      if (full()) {
        stopped = true;
        break;
      }
      scanned++;
      last = ref;
      const e = block.entries[slot];
      if (!matches(e, words)) continue;
      if ((await articles.index('id').getKey(e.id)) !== undefined) continue;
      items.push(listedItemOf(ref, e, names.get(block.list) ?? block.list));
    }
    if (!stopped) blocks = await blocks.continue();
  }
  const page: LibraryPage = { items, scanned, total: own + listed };
  if (stopped && last !== undefined) page.next = last;
  return page;
}

/** Why a listed-only article cannot be deleted from the library, naming the lists carrying it. */
export function listedRefusal(title: string, lists: readonly string[]): string {
  const named = lists.length ? lists.map((l) => `“${l}”`).join(', ') : 'a list';
  return `“${title}” is known only from ${named}, not from your reading: it leaves your index when you remove the list (Options → Lists); deleting it here would be undone by the list's next update.`;
}

/**
 * Deletes one article the reader read or imported: its record, text, postings and the "not a
 * copy" corrections naming it, in one transaction. An article a subscribed list also carries
 * goes back to its listed form (as Clear leaves it). A listed-only article is refused with the
 * reason. Returns whether the article stays as a listed one.
 */
export async function deleteArticle(conn: DbConnection, id: string, params: SignatureParams = DEFAULT_PARAMS): Promise<{ listed: boolean }> {
  const db = await conn.get();
  // What the lists carry of it: they keep their entry whatever the reader deletes.
  const known = await getMerged(db.transaction(['articles', 'listBlocks', 'listPostings', 'lists']), id, params);
  const listNames = async () => {
    const all = await db.getAll('lists');
    return (known?.lists ?? []).map((l) => all.find((x) => x.id === l)?.name ?? l);
  };
  const tx = db.transaction(['articles', 'postings', 'texts', 'meta'], 'readwrite');
  const articles = tx.objectStore('articles');
  const old = await articles.index('id').get(id);
  if (old?.key === undefined) {
    if (known) throw new Error(listedRefusal(known.title, await listNames()));
    throw new Error('This article is no longer in your index.');
  }
  return runTx(tx, async () => {
    const changes = new PostingsChanges();
    changes.remove(old.key!, storedKeys(old));
    await Promise.all([tx.objectStore('texts').delete(old.key!), dropCorrectionsOfIn(tx.objectStore('meta'), new Set([id])), articles.delete(old.key!)]);
    await applyChanges(tx.objectStore('postings'), changes);
    return { listed: !!known?.lists?.length };
  });
}
