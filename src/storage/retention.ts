// The reader's limits on the index (at most so many articles, none older than so many days),
// applied by evicting the articles first seen longest ago, with their texts and band keys.
// Listed articles are never evicted: they live apart from the reader's own (list-layout.ts) and
// go when their lists do; an article the reader read that a list also carries is the reader's
// own like any other, and once evicted is known by the list's entry again. The limits count the
// reader's own articles only.
import type { DbConnection } from './db.ts';
import { PostingsChanges, applyChanges, storedKeys } from './postings.ts';
import { runTx } from './tx.ts';

export interface RetentionLimits {
  maxArticles: number;
  /** 0: keep forever. */
  maxAgeDays: number;
}

const DAY_MS = 86_400_000;

/** Evicts, oldest first by firstSeenAt, what is older than maxAgeDays and what is beyond maxArticles. */
export async function enforceRetention(conn: DbConnection, limits: RetentionLimits, now = Date.now()): Promise<number> {
  let evicted = 0;
  if (limits.maxAgeDays > 0) {
    evicted += await evictWhere(conn, IDBKeyRange.upperBound(now - limits.maxAgeDays * DAY_MS, true), Infinity);
  }
  const over = (await ownCount(conn)) - limits.maxArticles;
  if (over > 0) evicted += await evictOldest(conn, over);
  return evicted;
}

/** Articles the reader read or imported: those in the firstSeenAt index. */
export async function ownCount(conn: DbConnection): Promise<number> {
  const db = await conn.get();
  return db.countFromIndex('articles', 'firstSeenAt');
}

/** Removes the n articles first seen longest ago, with their texts. */
export function evictOldest(conn: DbConnection, n: number): Promise<number> {
  return evictWhere(conn, null, n);
}

/** Removes, oldest first, at most `limit` articles whose first-seen time is in `range`. */
async function evictWhere(conn: DbConnection, range: IDBKeyRange | null, limit: number): Promise<number> {
  if (limit <= 0) return 0;
  const db = await conn.get();
  const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
  const articles = tx.objectStore('articles');
  const texts = tx.objectStore('texts');
  return runTx(tx, async () => {
    const doomed: number[] = [];
    const changes = new PostingsChanges();
    let cursor = await articles.index('firstSeenAt').openCursor(range, 'next');
    while (cursor && doomed.length < limit) {
      doomed.push(cursor.primaryKey);
      changes.remove(cursor.primaryKey, storedKeys(cursor.value));
      cursor = await cursor.continue();
    }
    const requests: Promise<unknown>[] = [applyChanges(tx.objectStore('postings'), changes)];
    for (const key of doomed) requests.push(articles.delete(key), texts.delete(key));
    await Promise.all(requests);
    return doomed.length;
  });
}
