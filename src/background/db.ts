// The reader's index in IndexedDB, through idb with a typed schema.
// Schema changes are numbered steps applied in order (`if (oldVersion < N)`); a new change is a
// new step appended at the end, never an edit to an old one, and each step has a test.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ArticleRecord, PageMeta } from '../index/types.ts';
import type { CandidateHit, Store, StoreStats } from '../index/store.ts';
import type { Settings } from '../shared/messages.ts';

export const DB_NAME = 'firsthand';
export const DB_VERSION = 2;

/** An article's text, gzip-compressed where CompressionStream exists, else as plain text. */
export interface StoredText {
  id: string;
  gzip?: Uint8Array;
  text?: string;
  /** The page metadata the record was built from, so the index can be rebuilt from its texts. */
  meta?: PageMeta;
}

export type MetaEntry =
  | { key: 'settings'; settings: Settings }
  /** paramsId() of the signatures stored in `articles`. */
  | { key: 'params'; params: string };

export interface FirsthandDB extends DBSchema {
  articles: {
    key: string;
    value: ArticleRecord;
    indexes: { bandKeys: number; firstSeenAt: number; outletKey: string };
  };
  texts: { key: string; value: StoredText };
  meta: { key: MetaEntry['key']; value: MetaEntry };
}

export type FirsthandIDB = IDBPDatabase<FirsthandDB>;
type UpgradeTx = IDBPTransaction<FirsthandDB, StoreNames<FirsthandDB>[], 'versionchange'>;

/**
 * Brings a database from oldVersion up to newVersion. Exported so tests can build a database
 * exactly as an older release left it and then upgrade it.
 */
export function upgrade(db: FirsthandIDB, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
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
}

/** Why the index is unusable right now, in words for the reader; shown by the popup's stats. */
export const PROBLEMS = {
  blocked: 'The index is being upgraded but another Firsthand page still holds it open; close other Firsthand tabs.',
  terminated: 'The browser closed the index unexpectedly (storage may have been cleared or the disk is full); it will reopen on the next page.',
  open: 'The index could not be opened',
} as const;

/**
 * The one database connection of a context, opened lazily and reopened after the browser closes
 * it. The worker may be stopped at any time, so nothing here outlives it but the database itself.
 */
export class DbConnection {
  private pending: Promise<FirsthandIDB> | undefined;
  /** The last problem met, cleared once the database opens (and by the writer after a good write). */
  problem: string | undefined;

  constructor(readonly name = DB_NAME) {}

  get(): Promise<FirsthandIDB> {
    this.pending ??= this.open().catch((err: unknown) => {
      this.pending = undefined;
      this.problem = `${PROBLEMS.open}: ${errorText(err)}`;
      throw new Error(this.problem);
    });
    return this.pending;
  }

  private async open(): Promise<FirsthandIDB> {
    const db = await openDB<FirsthandDB>(this.name, DB_VERSION, {
      upgrade: (database, oldVersion, newVersion, tx) => upgrade(database, oldVersion, newVersion ?? DB_VERSION, tx),
      blocked: () => {
        this.problem = PROBLEMS.blocked;
      },
      // A newer version (an updated extension) wants the database: let it have it and reopen later.
      blocking: () => this.close(),
      terminated: () => {
        this.pending = undefined;
        this.problem = PROBLEMS.terminated;
      },
    });
    this.problem = undefined;
    return db;
  }

  close(): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.then((db) => db.close()).catch(() => {});
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}

/** The writes IdbStore delegates: the writer is the one module that changes the database. */
export interface ArticleWrites {
  putArticle(record: ArticleRecord): Promise<void>;
  deleteArticle(id: string): Promise<boolean>;
}

const ITERATE_BATCH = 256;

/** The engine's Store on IndexedDB: reads here, writes through the writer. */
export class IdbStore implements Store {
  constructor(
    private readonly conn: DbConnection,
    private readonly writes: ArticleWrites,
  ) {}

  put(record: ArticleRecord): Promise<void> {
    return this.writes.putArticle(record);
  }

  delete(id: string): Promise<boolean> {
    return this.writes.deleteArticle(id);
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    return (await this.conn.get()).get('articles', id);
  }

  /** One getAllKeys per distinct band key on the multiEntry index, all in one transaction, counted per id. */
  async candidates(bandKeys: readonly number[]): Promise<CandidateHit[]> {
    const db = await this.conn.get();
    const index = db.transaction('articles').store.index('bandKeys');
    const lists = await Promise.all([...new Set(bandKeys)].map((key) => index.getAllKeys(key)));
    const hits = new Map<string, number>();
    for (const ids of lists) for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    return [...hits].map(([id, n]) => ({ id, hits: n }));
  }

  /** All records in id order, read in batches, each in its own short transaction (a
   * transaction would auto-commit while the consumer awaits between records). */
  async *iterate(): AsyncIterable<ArticleRecord> {
    let after: string | undefined;
    for (;;) {
      const db = await this.conn.get();
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      const batch = await db.getAll('articles', range, ITERATE_BATCH);
      for (const record of batch) yield record;
      if (batch.length < ITERATE_BATCH) return;
      after = batch[batch.length - 1].id;
    }
  }

  async count(): Promise<number> {
    return (await this.conn.get()).count('articles');
  }

  async stats(): Promise<StoreStats> {
    const db = await this.conn.get();
    const tx = db.transaction('articles');
    const byTime = tx.store.index('firstSeenAt');
    const [articles, first, last] = await Promise.all([
      tx.store.count(),
      byTime.openKeyCursor(null, 'next'),
      byTime.openKeyCursor(null, 'prev'),
    ]);
    return { articles, oldestSeenAt: first?.key, newestSeenAt: last?.key };
  }
}

/** Every stored text in id order, in batches of short transactions (see IdbStore.iterate). */
export async function* iterateTexts(conn: DbConnection): AsyncIterable<StoredText> {
  let after: string | undefined;
  for (;;) {
    const db = await conn.get();
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const batch = await db.getAll('texts', range, ITERATE_BATCH);
    for (const stored of batch) yield stored;
    if (batch.length < ITERATE_BATCH) return;
    after = batch[batch.length - 1].id;
  }
}
