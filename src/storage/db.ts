// The reader's index in IndexedDB, through idb with a typed schema (the steps that build it are
// in db-schema.ts). Articles are keyed by a small number; their URL (`id`) is a unique index.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DEFAULT_PARAMS } from '../index/params.ts';
import type { ArticleRecord, PageMeta, SignatureParams } from '../index/types.ts';
import type { Correction } from '../index/pack-corrections.ts';
import type { CandidateHit, Store, StoreRef, StoreStats } from '../index/store.ts';
import type { ListInfo, Settings } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import { Batch } from './batch.ts';
import { DB_NAME, DB_VERSION, upgradeSteps } from './db-schema.ts';
import type { KeyFilter } from './key-filter.ts';
import type { ListBlock, ListManifest } from './list-layout.ts';
import { lookupKeys, readingOf, type ListReading, type ListReads } from './list-lookup.ts';
import { fetchMerged, getMerged, listedCount, type BlockReads, type MergedTx } from './lists-read.ts';
import { fromStored, type StoredArticle } from './stored.ts';

export { DB_NAME, DB_VERSION };
export type { ListReads };
export { firstSeen, fromStored, isCompactListed, toStored, type StoredArticle, type StoredFull, type StoredListed } from './stored.ts';

/** An article's text, gzip-compressed where CompressionStream exists, else as plain text. */
export interface TextBody {
  gzip?: Uint8Array;
  text?: string;
  /** The page metadata the record was built from, so the index can be rebuilt from its texts. */
  meta?: PageMeta;
}

/** A text as stored, under its article's number. */
export type StoredText = TextBody & { key: number };

export type MetaEntry =
  | { key: 'settings'; settings: Settings }
  /** paramsId() of the signatures stored in `articles`. */
  | { key: 'params'; params: string }
  /** The pairs the reader marked "not a copy" (corrections.ts). */
  | { key: 'corrections'; corrections: Correction[] }
  /** What the last Clear removed, kept so it can be undone for a while (undo.ts). */
  | { key: 'undo-clear'; undo: UndoSnapshot };

/** The index as a Clear found it: a pack (texts and corrections included) in pieces, and until when it is kept. */
export interface UndoSnapshot {
  clearedAt: number;
  expiresAt: number;
  articles: number;
  corrections: number;
  /** The pack's JSON text, in pieces (pack-io.ts exportParts). */
  parts: string[];
}

/** A subscribed list as stored: what the options page is shown, and what a conditional update sends. */
export interface StoredList extends ListInfo {
  /** The ETag and Last-Modified of the copy installed, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** The bucket bits of the installed copy's band and topic postings (list-layout.ts
   * listBucketBits); absent for a copy installed before key filters, bucketed as the own postings. */
  bucketBits?: number;
}

export interface FirsthandDB extends DBSchema {
  /** The reader's own articles (read or imported). */
  articles: {
    key: number;
    value: StoredArticle;
    indexes: { id: string; firstSeenAt: number; outletKey: string };
  };
  lists: { key: string; value: StoredList };
  /** Bucketed inverted lists of band keys: (band hash, article number) pairs (postings.ts). */
  postings: { key: number; value: Uint32Array };
  /** Subscribed lists' articles, a block of them per value (list-layout.ts). */
  listBlocks: { key: number; value: ListBlock };
  /** Subscribed lists' postings, under [bucket, list id] (list-layout.ts). */
  listPostings: { key: [number, string]; value: Uint32Array };
  /** What an update or a removal of a list must know of its installed copy (list-layout.ts). */
  listManifests: { key: string; value: ListManifest };
  /** Which keys each list's postings hold, under the list's id (key-filter.ts). */
  listFilters: { key: string; value: StoredKeyFilter };
  texts: { key: number; value: StoredText };
  meta: { key: MetaEntry['key']; value: MetaEntry };
  /** The last check of each page that found related articles (history.ts). */
  checks: { key: string; value: import('./history.ts').CheckEntry; indexes: { checkedAt: number; matchIds: string } };
}

/** A list's key filter as stored: with the digest of the copy it was built from. */
export type StoredKeyFilter = KeyFilter & { digest: string; shared?: Uint32Array };

export type FirsthandIDB = IDBPDatabase<FirsthandDB>;
type UpgradeTx = IDBPTransaction<FirsthandDB, StoreNames<FirsthandDB>[], 'versionchange'>;

/**
 * Brings a database from oldVersion up to newVersion. Exported so tests can build a database
 * exactly as an older release left it and then upgrade it.
 */
export function upgrade(db: FirsthandIDB, oldVersion: number, newVersion: number, tx: UpgradeTx, params: SignatureParams = DEFAULT_PARAMS): void {
  upgradeSteps(db as unknown as Parameters<typeof upgradeSteps>[0], oldVersion, newVersion, tx as unknown as Parameters<typeof upgradeSteps>[3], params);
}

/** Why the index is unusable right now, in words for the reader; shown by the popup's stats. */
export const PROBLEMS = {
  blocked: 'The index is being upgraded but another Firsthand page still holds it open; close other Firsthand tabs.',
  terminated: 'The browser closed the index unexpectedly (storage may have been cleared or the disk is full); it will reopen on the next page.',
  open: 'The index could not be opened',
  newer: 'The index could not be opened: it was saved by a newer version of Firsthand. Update Firsthand to use it; nothing was deleted.',
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
      this.problem = err instanceof Error && err.name === 'VersionError' ? PROBLEMS.newer : `${PROBLEMS.open}: ${errorText(err)}`;
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
    // A connection that failed to open has nothing to close; get() already reported why.
    pending?.then((db) => db.close()).catch(() => {});
  }
}

const ITERATE_BATCH = 256;

/** The transaction of a store's last lookups, what it read that a fetch joining it can use. */
interface LiveLookups {
  tx: IDBPTransaction<FirsthandDB, StoreNames<FirsthandDB>[], 'readonly'>;
  blockReads: BlockReads;
  lists?: StoredList[];
  /** Whether the reader has articles of their own, as the transaction found. */
  own?: boolean;
}

/** The subscribed lists and their readings as a store's last lookups found them: the next
 * lookups start reading with these, while they read the lists again (sameLists). */
interface KnownLists {
  lists: StoredList[];
  readings: ListReading[];
  own: boolean;
}

/** True when the lists read are those known, in the same order, each the same copy. */
function sameLists(known: KnownLists, lists: readonly StoredList[], own: boolean): boolean {
  return (
    known.own === own &&
    known.lists.length === lists.length &&
    lists.every((l, i) => l.id === known.lists[i].id && l.digest === known.lists[i].digest && l.bucketBits === known.lists[i].bucketBits)
  );
}

/** The error of a request made in a transaction that is no longer active or has ended. */
function isEndedTransaction(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'TransactionInactiveError' || name === 'InvalidStateError';
}

/** The engine's Store on IndexedDB, read side only: the writer (writer.ts) makes every change. */
export class IdbStore implements Store {
  constructor(
    private readonly conn: DbConnection,
    private readonly params: SignatureParams = DEFAULT_PARAMS,
    /** How lists' postings are read; other than the default only in the bench, which compares them. */
    private readonly listReads: ListReads = 'explain',
  ) {}

  /** The article of this id: the reader's own record (with the lists that carry it), or a listed one. */
  async get(id: string): Promise<ArticleRecord | undefined> {
    const db = await this.conn.get();
    return getMerged(db.transaction(['articles', 'listBlocks', 'listPostings', 'lists']), id, this.params);
  }

  /** How each list's postings are read (its key filter and bucket bits), by list id, as last read. */
  private readonly filters = new Map<string, ListReading>();

  /** One read per bucket of the keys and per postings, all in one transaction: the own postings'
   * value and each list's; hits are own article numbers and listed references (list-layout.ts).
   * The own postings are not read while the reader has no article of their own, nor a list's
   * bucket when its key filter says it holds none of the keys there, nor (band keys, lookupKeys in
   * list-lookup.ts) when the key is a listed article's that the check already knows and no other
   * article of the list holds it, nor, read as the product reads ('explain'), the buckets of a list
   * that may hold fewer of the keys than `minHits` (a check's topic keys). */
  candidates(keys: readonly number[], maxPerKey?: number, minHits?: number): Promise<CandidateHit[]> {
    return this.lookups.add({ keys, maxPerKey, minHits });
  }

  /** Lookups started together (a check's band and topic keys) are made in one transaction. Its
   * first reads (the lists, and whether the reader has articles of their own) go with the
   * postings reads of the lists the last lookups found: when the lists read are those, the
   * lookups go on from these reads; otherwise they start again with the lists read. */
  private readonly lookups = new Batch<{ keys: readonly number[]; maxPerKey?: number; minHits?: number }, CandidateHit[]>(async (calls) => {
    // Lists being read by prepare() are waited for, not read a second time.
    if (this.preparing) await this.preparing;
    const db = await this.conn.get();
    const tx = db.transaction(['postings', 'listPostings', 'lists', 'listFilters', 'listBlocks', 'articles']);
    const blockReads: BlockReads = new Map();
    const live: LiveLookups = { tx, blockReads };
    this.live = live;
    tx.done.then(
      () => this.live === live && (this.live = undefined),
      () => this.live === live && (this.live = undefined),
    );
    const stores = {
      postings: tx.objectStore('postings'),
      listed: tx.objectStore('listPostings'),
      blocks: tx.objectStore('listBlocks'),
      blockReads,
    };
    const first = Promise.all([tx.objectStore('lists').getAll(), tx.objectStore('articles').getKey(IDBKeyRange.lowerBound(0))]);
    const known = this.known;
    const lookup = (k: KnownLists) =>
      calls.map((c) => lookupKeys({ ...stores, ...k }, c.keys, c.maxPerKey, this.listReads === 'explain' ? c.minHits : undefined));
    const early = known && lookup(known);
    // Lookups started on lists that turn out changed are left to end unheard.
    for (const p of early ?? []) p.catch(() => undefined);
    const [lists, ownKey] = await first;
    const own = ownKey !== undefined;
    live.lists = lists;
    live.own = own;
    if (early && known && sameLists(known, lists, own)) return early;
    const readings = await this.readingsOf(tx.objectStore('listFilters'), lists);
    this.known = { lists, readings, own };
    return lookup(this.known);
  });

  /** The lists the last lookups found (KnownLists). */
  private known?: KnownLists;

  /** The read of prepare(), until it ends. */
  private preparing?: Promise<void>;

  /**
   * Reads the lists and their key filters (about 9.5 MB for a 100k-article list), as a first
   * check would: a worker calls it when it starts, so that the check of the page that woke it,
   * made once the page is extracted, does not wait for them. A check started meanwhile waits for
   * this read rather than making its own. Failures are left to the checks, which read again.
   */
  prepare(): Promise<void> {
    this.preparing ??= (async () => {
      const db = await this.conn.get();
      const tx = db.transaction(['lists', 'listFilters', 'articles']);
      const [lists, ownKey] = await Promise.all([tx.objectStore('lists').getAll(), tx.objectStore('articles').getKey(IDBKeyRange.lowerBound(0))]);
      const readings = await this.readingsOf(tx.objectStore('listFilters'), lists);
      this.known ??= { lists, readings, own: ownKey !== undefined };
    })()
      .catch(() => undefined)
      .finally(() => (this.preparing = undefined));
    return this.preparing;
  }

  /** How each list's postings are read: its key filter (none: every bucket is read) and its
   * bucket bits, read from the store when the list's copy changed since they were last read. */
  private async readingsOf(store: { get(id: string): Promise<StoredKeyFilter | undefined> }, lists: readonly StoredList[]): Promise<ListReading[]> {
    for (const id of this.filters.keys()) if (!lists.some((l) => l.id === id)) this.filters.delete(id);
    return Promise.all(
      lists.map(async (l) => {
        const known = this.filters.get(l.id);
        if (known?.digest === l.digest) return known;
        const reading = readingOf(l, await store.get(l.id), this.listReads);
        this.filters.set(l.id, reading);
        return reading;
      }),
    );
  }

  /** Records by reference (or id), all in one transaction, one per article (lists-read.ts). */
  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    if (refs.length === 0) return [];
    return this.fetches.add(refs);
  }

  /** Reads started together (a check's band and topic candidates) are made in one transaction. */
  private readonly fetches = new Batch<readonly StoreRef[], ArticleRecord[]>(async (calls) => {
    const db = await this.conn.get();
    // A check fetches its candidates as soon as it has ranked them, in the same turn as its
    // lookups' last read: their transaction is still active then, and the fetch joins it (and
    // finds the blocks the lookups read). Otherwise, or once it has ended, a transaction of its own.
    const live = this.live;
    let own: MergedTx | undefined;
    const fresh = () => (own ??= db.transaction(['articles', 'listBlocks', 'listPostings', 'lists']));
    if (!live) return calls.map((refs) => fetchMerged(fresh(), refs, this.params));
    const shared = live.tx as unknown as MergedTx;
    return calls.map(async (refs) => {
      try {
        return await fetchMerged(shared, refs, this.params, live);
      } catch (e) {
        if (!isEndedTransaction(e)) throw e;
        return fetchMerged(fresh(), refs, this.params);
      }
    });
  });

  /** The transaction of the last lookups, with the blocks they read, until it ends. */
  private live?: LiveLookups;

  /** The reader's own records, in the order they were first stored. */
  async *iterate(): AsyncIterable<ArticleRecord> {
    for await (const batch of readBatches(this.conn, false)) for (const { record } of batch) yield fromStored(record, this.params);
  }

  /** The reader's own articles. */
  async count(): Promise<number> {
    return (await this.conn.get()).count('articles');
  }

  /** `articles`: the reader's own (read or imported); `listed`: the articles the subscribed lists
   * carry, each once (the reader may have read some of them too). */
  async stats(): Promise<StoreStats & { listed: number }> {
    const db = await this.conn.get();
    const tx = db.transaction(['articles', 'lists', 'listManifests']);
    const byTime = tx.objectStore('articles').index('firstSeenAt');
    const [articles, first, last, listed] = await Promise.all([
      byTime.count(),
      byTime.openKeyCursor(null, 'next'),
      byTime.openKeyCursor(null, 'prev'),
      listedCount(tx.objectStore('lists'), tx.objectStore('listManifests')),
    ]);
    return { articles, listed, oldestSeenAt: first?.key, newestSeenAt: last?.key };
  }
}

/**
 * Every stored article in key order (the order they were first stored), in batches, each read
 * in its own short transaction (a transaction would auto-commit while the consumer awaits
 * between batches); with each article's stored text when asked.
 */
export async function* readBatches(
  conn: DbConnection,
  withTexts: boolean,
  size = ITERATE_BATCH,
): AsyncIterable<{ record: StoredArticle; text?: StoredText }[]> {
  let after: number | undefined;
  for (;;) {
    const db = await conn.get();
    const tx = db.transaction(['articles', 'texts']);
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const records = await tx.objectStore('articles').getAll(range, size);
    if (records.length === 0) return;
    const last = records[records.length - 1].key!;
    const byKey = new Map<number, StoredText>();
    if (withTexts) {
      const texts = await tx.objectStore('texts').getAll(IDBKeyRange.bound(records[0].key!, last));
      for (const t of texts) byKey.set(t.key, t);
    }
    yield records.map((record) => {
      const text = byKey.get(record.key!);
      return text ? { record, text } : { record };
    });
    if (records.length < size) return;
    after = last;
  }
}

/** The stored text of the article with this id, if any. */
export async function readText(conn: DbConnection, id: string): Promise<StoredText | undefined> {
  const db = await conn.get();
  const tx = db.transaction(['articles', 'texts']);
  const key = await tx.objectStore('articles').index('id').getKey(id);
  return key === undefined ? undefined : tx.objectStore('texts').get(key);
}
