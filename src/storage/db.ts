// The reader's index in IndexedDB, through idb with a typed schema (the steps that build it are
// in db-schema.ts). Articles are keyed by a small number; their URL (`id`) is a unique index.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DEFAULT_PARAMS } from '../index/params.ts';
import type { ArticleRecord, PageMeta, SignatureParams } from '../index/types.ts';
import type { Correction } from '../index/pack-corrections.ts';
import type { CandidateHit, Store, StoreRef, StoreStats } from '../index/store.ts';
import type { ListInfo, Settings } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import { DB_NAME, DB_VERSION, upgradeSteps } from './db-schema.ts';
import type { ListBlock, ListManifest } from './list-layout.ts';
import { fetchMerged, getMerged, listedCount } from './lists-read.ts';
import { isKeyFilter, mayHold, type KeyFilter } from './key-filter.ts';
import { LEGACY_LIST_BITS, listBucketOf } from './list-layout.ts';
import { BUCKET_BITS, bucketOf, countHits } from './postings.ts';
import { fromStored, type StoredArticle } from './stored.ts';

export { DB_NAME, DB_VERSION };
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
export type StoredKeyFilter = KeyFilter & { digest: string };

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

/** How a check reads a list's postings: the list's copy (digest), its key filter (none: every
 * bucket is read) and the bucket bits of its band and topic postings. */
interface ListReading {
  digest: string;
  filter?: KeyFilter;
  bits: number;
}

/**
 * The reading of a list: the bucket bits its copy was installed with (those of a list installed
 * before key filters when it says none), and its stored filter, unless that is of another copy
 * or of no usable form.
 */
function readingOf(list: StoredList, stored: StoredKeyFilter | undefined, useFilter: boolean): ListReading {
  const b = list.bucketBits;
  const bits = typeof b === 'number' && Number.isInteger(b) && b >= 1 && b <= BUCKET_BITS ? b : LEGACY_LIST_BITS;
  const usable = useFilter && stored?.digest === list.digest && isKeyFilter(stored);
  return usable ? { digest: list.digest, filter: { bits: stored.bits, probes: stored.probes }, bits } : { digest: list.digest, bits };
}

/** The engine's Store on IndexedDB, read side only: the writer (writer.ts) makes every change. */
export class IdbStore implements Store {
  constructor(
    private readonly conn: DbConnection,
    private readonly params: SignatureParams = DEFAULT_PARAMS,
    /** False: every bucket of every list is read, as for lists installed before filters were
     * kept (the bench measures both). */
    private readonly keyFilters = true,
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
   * The own postings are not read when they are empty, nor a list's bucket when its key filter
   * says it holds none of the keys there. */
  async candidates(keys: readonly number[], maxPerKey?: number): Promise<CandidateHit[]> {
    const db = await this.conn.get();
    const tx = db.transaction(['postings', 'listPostings', 'lists', 'listFilters']);
    const postings = tx.objectStore('postings');
    const [lists, ownKey] = await Promise.all([tx.objectStore('lists').getAll(), postings.getKey(IDBKeyRange.lowerBound(0))]);
    const own = ownKey !== undefined;
    const listed = tx.objectStore('listPostings');
    const readings = await this.readingsOf(tx.objectStore('listFilters'), lists);
    const distinct = [...new Set(keys)];
    const buckets = [...new Set(distinct.map(bucketOf))];
    // Each list's bucket of each key it may hold (every key of a list without a filter), named
    // "bucket list-id": what is read, and where each key's holders are looked for.
    const listReads = new Map<string, [number, string]>();
    const readsOf = new Map<number, string[]>();
    for (const key of distinct) {
      const at: string[] = [];
      readings.forEach((l, i) => {
        if (l.filter && !mayHold(l.filter, key)) return;
        const bucket = listBucketOf(key, l.bits);
        const name = `${bucket} ${lists[i].id}`;
        listReads.set(name, [bucket, lists[i].id]);
        at.push(name);
      });
      readsOf.set(key, at);
    }
    const [mine, theirs] = await Promise.all([
      own ? Promise.all(buckets.map((b) => postings.get(b))) : [],
      Promise.all([...listReads.values()].map((k) => listed.get(k))),
    ]);
    const ownValues = new Map(buckets.map((b, i) => [b, mine[i]]));
    const listValues = new Map([...listReads.keys()].map((k, i) => [k, theirs[i]]));
    const hits = countHits(
      distinct,
      (key) => [ownValues.get(bucketOf(key)), ...readsOf.get(key)!.map((name) => listValues.get(name))].filter((v): v is Uint32Array => v !== undefined),
      maxPerKey,
    );
    return [...hits].map(([ref, n]) => ({ ref, hits: n }));
  }

  /** How each list's postings are read: its key filter (none: every bucket is read) and its
   * bucket bits, read from the store when the list's copy changed since they were last read. */
  private async readingsOf(store: { get(id: string): Promise<StoredKeyFilter | undefined> }, lists: readonly StoredList[]): Promise<ListReading[]> {
    for (const id of this.filters.keys()) if (!lists.some((l) => l.id === id)) this.filters.delete(id);
    return Promise.all(
      lists.map(async (l) => {
        const known = this.filters.get(l.id);
        if (known?.digest === l.digest) return known;
        const reading = readingOf(l, await store.get(l.id), this.keyFilters);
        this.filters.set(l.id, reading);
        return reading;
      }),
    );
  }

  /** Records by reference (or id), all in one transaction, one per article (lists-read.ts). */
  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    if (refs.length === 0) return [];
    const db = await this.conn.get();
    return fetchMerged(db.transaction(['articles', 'listBlocks', 'listPostings', 'lists']), refs, this.params);
  }

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
