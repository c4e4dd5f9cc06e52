// The writes of the reader's index one page or one setting at a time, and the door to the bulk
// ones (import.ts, retention.ts). The MV3 worker can be stopped at any moment, so every change is
// a single IndexedDB transaction: it happens whole or not at all.
import { indexKeys, type ArticleRecord, type PackItem, type PageMeta } from '../index/index.ts';
import type { ImportResult, Settings } from '../protocol/messages.ts';
import { firstSeen, toStored, type DbConnection, type FirsthandIDB, type TextBody } from './db.ts';
import { importItems, type ImportProgress } from './import.ts';
import { PostingsChanges, applyChanges, storedKeys } from './postings.ts';
import { enforceRetention, evictOldest, ownCount, type RetentionLimits } from './retention.ts';
import { clearOwn } from './lists.ts';
import { packText } from './texts.ts';
import { isQuotaError, runTx, STORAGE_FULL, StorageFullError } from './tx.ts';

/** Share of the index evicted (oldest first) when the browser reports the storage full. */
const QUOTA_EVICT_SHARE = 0.1;

export class Writer {
  constructor(private readonly conn: DbConnection) {}

  /**
   * Stores an article and, when given, its text. A re-visit replaces the record with the same id
   * and keeps its number and the earlier of the two first-seen times.
   */
  async putArticle(record: ArticleRecord, text?: string, meta?: PageMeta): Promise<void> {
    const body = text === undefined ? undefined : await packText(text, meta);
    await this.withQuotaRetry((db) => putIn(db, record, body));
  }

  async deleteArticle(id: string): Promise<boolean> {
    const db = await this.conn.get();
    const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
    return runTx(tx, async () => {
      const old = await tx.objectStore('articles').index('id').get(id);
      if (old?.key === undefined) return false;
      const changes = new PostingsChanges();
      changes.remove(old.key, storedKeys(old));
      await Promise.all([
        tx.objectStore('articles').delete(old.key),
        tx.objectStore('texts').delete(old.key),
        applyChanges(tx.objectStore('postings'), changes),
      ]);
      return true;
    });
  }

  /** Forgets every article the reader read or imported; settings, subscribed lists and their
   * articles stay (see clearOwn in lists.ts). */
  async clear(): Promise<void> {
    await clearOwn(this.conn);
    this.conn.problem = undefined;
  }

  /** Records which signature parameters every article in the index was made with (see reindex.ts). */
  async markParams(params: string): Promise<void> {
    const db = await this.conn.get();
    await db.put('meta', { key: 'params', params });
  }

  async saveSettings(settings: Settings): Promise<void> {
    const db = await this.conn.get();
    await db.put('meta', { key: 'settings', settings });
  }

  /** Merges items already parsed and validated (a pack's text or file goes through importPack). */
  importItems(items: readonly PackItem[], limits?: RetentionLimits, now = Date.now(), onProgress?: ImportProgress): Promise<ImportResult> {
    return importItems(this.conn, items, limits, now, onProgress);
  }

  enforceRetention(limits: RetentionLimits, now = Date.now()): Promise<number> {
    return enforceRetention(this.conn, limits, now);
  }

  /** Runs a write; when the browser reports the storage full, evicts the oldest 10% and tries once more. */
  private async withQuotaRetry(write: (db: FirsthandIDB) => Promise<void>): Promise<void> {
    try {
      await write(await this.conn.get());
      this.conn.problem = undefined;
      return;
    } catch (err) {
      if (!isQuotaError(err)) throw err;
    }
    const count = await ownCount(this.conn);
    await evictOldest(this.conn, Math.max(1, Math.ceil(count * QUOTA_EVICT_SHARE)));
    try {
      await write(await this.conn.get());
      this.conn.problem = undefined;
    } catch (err) {
      if (!isQuotaError(err)) throw err;
      this.conn.problem = STORAGE_FULL;
      throw new StorageFullError(STORAGE_FULL);
    }
  }
}

/** One article's write: a re-visit keeps the article's number (its old band keys leave the
 * postings) and its first sighting; a new article is given the next number. */
async function putIn(db: FirsthandIDB, record: ArticleRecord, body: TextBody | undefined): Promise<void> {
  const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
  await runTx(tx, async () => {
    const articles = tx.objectStore('articles');
    const old = await articles.index('id').get(record.id);
    // A listed article's page is the reader's own record: the list's entry stays apart (list-layout.ts).
    const { lists: _lists, ...own } = record;
    const key = await articles.put(toStored({ ...own, firstSeenAt: firstSeen(record, old) }, old?.key));
    const changes = new PostingsChanges();
    if (old) changes.remove(key, storedKeys(old));
    changes.add(key, indexKeys(record));
    const requests: Promise<unknown>[] = [applyChanges(tx.objectStore('postings'), changes)];
    if (body) requests.push(tx.objectStore('texts').put({ ...body, key }));
    await Promise.all(requests);
  });
}
