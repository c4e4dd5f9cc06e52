// The library page's view of the index: articles read a page at a time with a cursor, newest
// first (never all at once), searched by title, outlet and address; and the deletion of one
// article with its text, postings and corrections, in one transaction.
import { DEFAULT_PARAMS, indexKeys, listedRecord, type SignatureParams } from '../index/index.ts';
import type { LibraryItem, LibraryPage } from '../protocol/messages.ts';
import { fromStored, isCompactListed, toStored, type DbConnection, type StoredArticle, type StoredText } from './db.ts';
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

function itemOf(stored: StoredArticle, text: StoredText | undefined, names: Map<string, string>): LibraryItem {
  const listed = stored.sketch !== undefined;
  const item: LibraryItem = {
    key: stored.key!,
    id: stored.id,
    url: stored.url ?? stored.id,
    title: stored.title,
    outlet: stored.outlet,
    host: stored.host,
    seenAt: stored.firstSeenAt ?? stored.listedAt ?? 0,
    // A page the reader read keeps the page's metadata with its text; an imported one does not.
    source: listed ? 'listed' : text?.meta ? 'read' : 'imported',
  };
  if (stored.publishedAt !== undefined) item.publishedAt = stored.publishedAt;
  const lists = (stored.lists ?? []).map((l) => names.get(l) ?? l);
  if (lists.length) item.lists = lists;
  return item;
}

/** One page of the library, newest first, from below article number `after` when given. */
export async function browse(conn: DbConnection, query: string, after?: number): Promise<LibraryPage> {
  const words = searchWords(query);
  const db = await conn.get();
  const tx = db.transaction(['articles', 'texts', 'lists']);
  const articles = tx.objectStore('articles');
  const [total, lists] = await Promise.all([articles.count(), tx.objectStore('lists').getAll()]);
  const names = new Map(lists.map((l) => [l.id, l.name]));
  const found: StoredArticle[] = [];
  let scanned = 0;
  let last: number | undefined;
  let cursor = await articles.openCursor(after === undefined ? null : IDBKeyRange.upperBound(after, true), 'prev');
  while (cursor && found.length < LIBRARY_PAGE && scanned < LIBRARY_SCAN) {
    scanned++;
    last = cursor.primaryKey;
    if (matches(cursor.value, words)) found.push(cursor.value);
    cursor = await cursor.continue();
  }
  const texts = await Promise.all(found.map((f) => (f.sketch ? Promise.resolve(undefined) : tx.objectStore('texts').get(f.key!))));
  const page: LibraryPage = { items: found.map((f, i) => itemOf(f, texts[i], names)), scanned, total };
  if (cursor && last !== undefined) page.next = last;
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
  const tx = db.transaction(['articles', 'postings', 'texts', 'lists', 'meta'], 'readwrite');
  const articles = tx.objectStore('articles');
  return runTx(tx, async () => {
    const old = await articles.index('id').get(id);
    if (old?.key === undefined) throw new Error('This article is no longer in your index.');
    if (old.sketch) {
      const lists = await Promise.all((old.lists ?? []).map((l) => tx.objectStore('lists').get(l)));
      throw new Error(
        listedRefusal(
          old.title,
          lists.flatMap((l) => (l ? [l.name] : [])),
        ),
      );
    }
    const changes = new PostingsChanges();
    changes.remove(old.key, storedKeys(old));
    const listed = !!old.lists?.length && !isCompactListed(old) && old.signature.length === params.numPerm;
    const writes: Promise<unknown>[] = [tx.objectStore('texts').delete(old.key), dropCorrectionsOfIn(tx.objectStore('meta'), new Set([id]))];
    if (listed) {
      const record = listedRecord(fromStored(old, params), params);
      changes.add(old.key, indexKeys(record));
      writes.push(articles.put(toStored({ ...record, firstSeenAt: old.firstSeenAt ?? 0 }, old.key)));
    } else writes.push(articles.delete(old.key));
    await Promise.all(writes);
    await applyChanges(tx.objectStore('postings'), changes);
    return { listed };
  });
}
