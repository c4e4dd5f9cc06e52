// The one module that writes the reader's index. The MV3 worker can be stopped at any moment,
// so every change is a single IndexedDB transaction: it happens whole or not at all.
import { DEFAULT_PARAMS, PackError, parsePack, type ArticleRecord, type PackItem, type PageMeta, type SignatureParams } from '../index/index.ts';
import type { ImportResult, Settings } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import { DbConnection, toStored, type ArticleWrites, type FirsthandIDB, type TextBody } from './db.ts';
import { PostingsChanges, applyChanges, storedBandKeys } from './postings.ts';
import { packText } from './texts.ts';

export interface RetentionLimits {
  maxArticles: number;
  /** 0: keep forever. */
  maxAgeDays: number;
}

const DAY_MS = 86_400_000;
/** Articles compressed, then written, per step of an import (one transaction for all of them). */
const IMPORT_BATCH = 2000;

/** How far an import has come: texts compressed, articles written, then band keys indexed. */
export type ImportProgress = (p: { phase: 'compressing' | 'writing' | 'indexing'; done: number; total: number }) => void;
/** Share of the index evicted (oldest first) when the browser reports the storage full. */
const QUOTA_EVICT_SHARE = 0.1;

export const STORAGE_FULL =
  'Storage is full: Firsthand removed its oldest 10% of articles and still could not save this one. Free disk space, or lower "Keep at most" in the options.';

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export class Writer implements ArticleWrites {
  constructor(
    private readonly conn: DbConnection,
    private readonly params: SignatureParams = DEFAULT_PARAMS,
  ) {}

  /** Stores an article and, when given, its text: a re-visit replaces the record with the same id. */
  async putArticle(record: ArticleRecord, text?: string, meta?: PageMeta): Promise<void> {
    const body = text === undefined ? undefined : await packText(text, meta);
    const write = async (db: FirsthandIDB) => {
      const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
      await run(tx, async () => {
        const articles = tx.objectStore('articles');
        // A re-visit keeps the article's number (its old band keys leave the postings); a new
        // article is given the next one.
        const old = await articles.index('id').get(record.id);
        const key = await articles.put(toStored(record, old?.key));
        const changes = new PostingsChanges();
        if (old) changes.remove(key, storedBandKeys(old));
        changes.add(key, record.bandKeys);
        const requests: Promise<unknown>[] = [applyChanges(tx.objectStore('postings'), changes)];
        if (body) requests.push(tx.objectStore('texts').put({ ...body, key }));
        await Promise.all(requests);
      });
    };
    await this.withQuotaRetry(write);
  }

  async deleteArticle(id: string): Promise<boolean> {
    const db = await this.conn.get();
    const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
    return run(tx, async () => {
      const old = await tx.objectStore('articles').index('id').get(id);
      if (old?.key === undefined) return false;
      const changes = new PostingsChanges();
      changes.remove(old.key, storedBandKeys(old));
      await Promise.all([tx.objectStore('articles').delete(old.key), tx.objectStore('texts').delete(old.key), applyChanges(tx.objectStore('postings'), changes)]);
      return true;
    });
  }

  /** Forgets every article; settings stay. */
  async clear(): Promise<void> {
    const db = await this.conn.get();
    const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
    await commit(tx, (add) => {
      add(tx.objectStore('articles').clear());
      add(tx.objectStore('postings').clear());
      add(tx.objectStore('texts').clear());
    });
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

  /**
   * Merges a pack into the index, all or nothing: the whole file is validated first (parsePack
   * throws PackError naming what is wrong and where), texts are compressed, and only then one
   * transaction writes everything, in batches whose progress `onProgress` hears. A record
   * already present keeps its number, the earliest first-seen time and its stored text unless
   * the pack brings one.
   */
  async importPack(json: string, limits?: RetentionLimits, now = Date.now(), onProgress?: ImportProgress): Promise<ImportResult> {
    return this.importItems(parsePack(json, this.params).items, limits, now, onProgress);
  }

  /** importPack for items already parsed and validated. */
  async importItems(items: readonly PackItem[], limits?: RetentionLimits, now = Date.now(), onProgress?: ImportProgress): Promise<ImportResult> {
    const merged = new Map<string, { record: ArticleRecord; text?: string; body?: TextBody }>();
    for (const item of items) {
      const seen = merged.get(item.record.id);
      if (!seen) merged.set(item.record.id, { record: { ...item.record }, text: item.text });
      else {
        seen.record = { ...item.record, firstSeenAt: Math.min(seen.record.firstSeenAt, item.record.firstSeenAt) };
        seen.text = item.text ?? seen.text;
      }
    }
    const entries = [...merged.values()];
    // Compressed before the transaction opens: it would commit while waiting on anything else.
    const withTexts = entries.some((e) => e.text !== undefined);
    for (let i = 0; withTexts && i < entries.length; i += IMPORT_BATCH) {
      const batch = entries.slice(i, i + IMPORT_BATCH);
      await Promise.all(
        batch.map(async (e) => {
          if (e.text === undefined) return;
          e.body = await packText(e.text);
          // Only the compressed text is kept from here on: a large import holds less in memory.
          e.text = undefined;
        }),
      );
      onProgress?.({ phase: 'compressing', done: Math.min(i + IMPORT_BATCH, entries.length), total: entries.length });
    }

    const db = await this.conn.get();
    const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
    let added = 0;
    let updated = 0;
    try {
      await run(tx, async () => {
        const articles = tx.objectStore('articles');
        const texts = tx.objectStore('texts');
        const byId = articles.index('id');
        const empty = (await articles.count()) === 0;
        // Band keys are gathered for the whole import, then each touched bucket is written once.
        const changes = new PostingsChanges();
        for (let i = 0; i < entries.length; i += IMPORT_BATCH) {
          const batch = entries.slice(i, i + IMPORT_BATCH);
          const existing = empty ? [] : await Promise.all(batch.map((e) => byId.get(e.record.id)));
          const requests: Promise<unknown>[] = [];
          const keys: Promise<number>[] = [];
          try {
            batch.forEach(({ record, body }, j) => {
              const old = existing[j];
              if (old) {
                updated++;
                record.firstSeenAt = Math.min(old.firstSeenAt, record.firstSeenAt);
                if (old.key !== undefined) changes.remove(old.key, storedBandKeys(old));
              } else added++;
              // A new article is numbered by the store; a number is never given out twice.
              const put = articles.put(toStored(record, old?.key));
              keys.push(put);
              if (body) requests.push(put.then((key) => texts.put({ ...body, key })));
            });
          } catch (err) {
            // A request that cannot even be issued aborts the transaction: those already issued
            // then fail with AbortError, for which the transaction's own error stands.
            for (const r of [...requests, ...keys]) r.catch(() => {});
            throw err;
          }
          const numbers = await Promise.all(keys);
          batch.forEach(({ record }, j) => changes.add(numbers[j], record.bandKeys));
          await Promise.all(requests);
          onProgress?.({ phase: 'writing', done: Math.min(i + IMPORT_BATCH, entries.length), total: entries.length });
        }
        await applyChanges(tx.objectStore('postings'), changes, {
          empty,
          onProgress: (done, total) => onProgress?.({ phase: 'indexing', done, total }),
        });
      });
    } catch (err) {
      if (isQuotaError(err)) throw new StorageFullError('Storage is full: nothing was imported. Free disk space and try again.');
      throw err;
    }
    const evicted = limits ? await this.enforceRetention(limits, now) : 0;
    return { added, updated, evicted };
  }

  /** Evicts, oldest first by firstSeenAt, what is older than maxAgeDays and what is beyond maxArticles. */
  async enforceRetention(limits: RetentionLimits, now = Date.now()): Promise<number> {
    let evicted = 0;
    if (limits.maxAgeDays > 0) {
      evicted += await this.evictWhere(IDBKeyRange.upperBound(now - limits.maxAgeDays * DAY_MS, true), Infinity);
    }
    const db = await this.conn.get();
    const over = (await db.count('articles')) - limits.maxArticles;
    if (over > 0) evicted += await this.evictOldest(over);
    return evicted;
  }

  /** Removes the n articles first seen longest ago, with their texts. */
  evictOldest(n: number): Promise<number> {
    return this.evictWhere(null, n);
  }

  private async evictWhere(range: IDBKeyRange | null, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    const db = await this.conn.get();
    const tx = db.transaction(['articles', 'postings', 'texts'], 'readwrite');
    const texts = tx.objectStore('texts');
    const doomed: number[] = [];
    const changes = new PostingsChanges();
    let cursor = await tx.objectStore('articles').index('firstSeenAt').openCursor(range, 'next');
    while (cursor && doomed.length < limit) {
      doomed.push(cursor.primaryKey);
      changes.remove(cursor.primaryKey, storedBandKeys(cursor.value));
      cursor = await cursor.continue();
    }
    const articles = tx.objectStore('articles');
    await run(tx, async () => {
      const requests: Promise<unknown>[] = [applyChanges(tx.objectStore('postings'), changes)];
      for (const key of doomed) requests.push(articles.delete(key), texts.delete(key));
      await Promise.all(requests);
    });
    return doomed.length;
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
    const db = await this.conn.get();
    const count = await db.count('articles');
    await this.evictOldest(Math.max(1, Math.ceil(count * QUOTA_EVICT_SHARE)));
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

/**
 * Issues a transaction's requests, waits for them, then for the transaction itself. If issuing
 * throws part-way (a value that cannot be stored), the transaction is aborted so the requests
 * already made are undone. When it aborted, the transaction's error (QuotaExceededError,
 * ConstraintError...) is what is thrown, not the AbortError its pending requests report first.
 */
async function commit(tx: { done: Promise<void>; abort(): void }, issue: (add: (request: Promise<unknown>) => void) => void): Promise<void> {
  const requests: Promise<unknown>[] = [];
  try {
    issue((request) => requests.push(request));
  } catch (err) {
    for (const r of requests) r.catch(() => {});
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    await tx.done.catch(() => {});
    throw err;
  }
  const results = await Promise.allSettled(requests);
  await tx.done;
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Runs a transaction's work, whose requests it awaits, then waits for the transaction. When the
 * work fails, the transaction is aborted (nothing of it is kept) and the transaction's own error
 * (QuotaExceededError...) is thrown rather than the AbortError its requests report.
 */
async function run<T>(tx: { done: Promise<void>; abort(): void; error: DOMException | null }, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    const txError = await tx.done.then(() => undefined, (e: unknown) => e);
    throw (err as { name?: string } | null)?.name === 'AbortError' && txError ? txError : err;
  }
  await tx.done;
  return result;
}

/** A reader-facing message for a failed import. */
export function importErrorText(err: unknown): string {
  if (err instanceof PackError) return `This file cannot be imported: ${err.message}`;
  if (err instanceof StorageFullError) return err.message;
  return `Import failed, nothing was changed: ${errorText(err)}`;
}
