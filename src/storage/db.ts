// The reader's index in IndexedDB, through idb with a typed schema (the steps that build it are
// in db-schema.ts). Articles are keyed by a small number; their URL (`id`) is a unique index.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { bandKeys } from '../index/minhash.ts';
import { DEFAULT_PARAMS, paramsId } from '../index/params.ts';
import type { ArticleRecord, Credit, PageMeta, SignatureParams } from '../index/types.ts';
import type { Correction } from '../index/pack-corrections.ts';
import type { CandidateHit, Store, StoreRef, StoreStats } from '../index/store.ts';
import { sketchBandKeys } from '../index/sketch.ts';
import type { ListInfo, Settings } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import { DB_NAME, DB_VERSION, upgradeSteps } from './db-schema.ts';
import { lookup, storedBandKeys } from './postings.ts';
import { packSketch, storedSketch } from './sketch-pack.ts';

export { DB_NAME, DB_VERSION };

/** An article as stored: the record without its band keys (recomputed from the signature, or
 * from the sketch of a listed article), under its number. A listed-only article (one with a
 * `sketch`) keeps when it was listed as `listedAt` instead of `firstSeenAt`, so the firstSeenAt
 * index, which retention walks, holds the reader's own articles only; it is stored in the compact
 * form of StoredListed, or (as the first release with lists stored it, and when its figures do
 * not fit that form) whole, its sketch an object. */
export type StoredArticle = StoredFull | StoredListed;

/** The reader's own article (or a listed one stored whole): the record without its band keys. */
export type StoredFull = Omit<ArticleRecord, 'bandKeys' | 'firstSeenAt'> & { firstSeenAt?: number; listedAt?: number; key?: number };

/**
 * A listed-only article as stored: only what cannot be derived. Its signature and word hashes
 * (always empty) are not stored, nor its URL when it is its id, its canonical URL when it is its
 * URL (`true`), its parameters when they are the default ones, its credits when there are none;
 * its sketch is packed in one array (sketch-pack.ts).
 */
export interface StoredListed {
  key?: number;
  id: string;
  lists?: string[];
  listedAt: number;
  firstSeenAt?: undefined;
  url?: string;
  canonicalUrl?: string | true;
  title: string;
  outlet: string;
  outletKey: string;
  host: string;
  publishedAt?: number;
  lang?: string;
  wordCount: number;
  params?: string;
  credits?: Credit[];
  sketch: Uint32Array;
}

/** True for an article stored in the compact listed form. */
export function isCompactListed(s: StoredArticle): s is StoredListed {
  return s.sketch instanceof Uint32Array;
}

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
}

export interface FirsthandDB extends DBSchema {
  articles: {
    key: number;
    value: StoredArticle;
    /** `lists`: multiEntry, a listed article under each of its lists' ids. */
    indexes: { id: string; firstSeenAt: number; outletKey: string; lists: string };
  };
  lists: { key: string; value: StoredList };
  /** Bucketed inverted lists of band keys: (band hash, article number) pairs (postings.ts). */
  postings: { key: number; value: Uint32Array };
  texts: { key: number; value: StoredText };
  meta: { key: MetaEntry['key']; value: MetaEntry };
  /** The last check of each page that found related articles (history.ts). */
  checks: { key: string; value: import('./history.ts').CheckEntry; indexes: { checkedAt: number; matchIds: string } };
}

export type FirsthandIDB = IDBPDatabase<FirsthandDB>;
type UpgradeTx = IDBPTransaction<FirsthandDB, StoreNames<FirsthandDB>[], 'versionchange'>;

/**
 * Brings a database from oldVersion up to newVersion. Exported so tests can build a database
 * exactly as an older release left it and then upgrade it.
 */
export function upgrade(db: FirsthandIDB, oldVersion: number, newVersion: number, tx: UpgradeTx, params: SignatureParams = DEFAULT_PARAMS): void {
  upgradeSteps(db as unknown as Parameters<typeof upgradeSteps>[0], oldVersion, newVersion, tx as unknown as Parameters<typeof upgradeSteps>[3], params);
}

/** The parameters every list is made with today: a listed article made with them does not store them. */
const LISTED_PARAMS = paramsId(DEFAULT_PARAMS);

/** The stored form of a record (its number is assigned by the writer). */
export function toStored(record: ArticleRecord, key?: number): StoredArticle {
  const { bandKeys: _bands, ...rest } = record;
  if (record.sketch) {
    const compact = toStoredListed(record, key);
    if (compact) return compact;
    // A listed-only article: out of the firstSeenAt index (see StoredArticle).
    const { firstSeenAt, ...listed } = rest;
    return key === undefined ? { ...listed, listedAt: firstSeenAt } : { ...listed, listedAt: firstSeenAt, key };
  }
  return key === undefined ? rest : { ...rest, key };
}

/** The compact form of a listed-only record; undefined when it has hashes or figures that form cannot hold. */
function toStoredListed(r: ArticleRecord, key: number | undefined): StoredListed | undefined {
  const sketch = r.sketch && packSketch(r.sketch);
  if (!sketch || r.signature.length || r.tokens.length) return undefined;
  const out: StoredListed = {
    id: r.id,
    listedAt: r.firstSeenAt,
    title: r.title,
    outlet: r.outlet,
    outletKey: r.outletKey,
    host: r.host,
    wordCount: r.wordCount,
    sketch,
  };
  if (key !== undefined) out.key = key;
  if (r.lists !== undefined) out.lists = r.lists;
  if (r.url !== r.id) out.url = r.url;
  if (r.canonicalUrl !== undefined) out.canonicalUrl = r.canonicalUrl === r.url ? true : r.canonicalUrl;
  if (r.publishedAt !== undefined) out.publishedAt = r.publishedAt;
  if (r.lang !== undefined) out.lang = r.lang;
  if (r.params !== LISTED_PARAMS) out.params = r.params;
  if (r.credits.length) out.credits = r.credits;
  return out;
}

/** The record of a listed-only article stored in the compact form: exactly the record it was made from. */
function fromStoredListed(s: StoredListed): ArticleRecord {
  const sketch = storedSketch(s.sketch);
  const url = s.url ?? s.id;
  const r: ArticleRecord = {
    id: s.id,
    url,
    title: s.title,
    outlet: s.outlet,
    outletKey: s.outletKey,
    host: s.host,
    firstSeenAt: s.listedAt,
    wordCount: s.wordCount,
    params: s.params ?? LISTED_PARAMS,
    signature: new Uint32Array(0),
    bandKeys: sketchBandKeys(sketch),
    tokens: new Uint32Array(0),
    credits: s.credits ?? [],
    sketch,
  };
  if (s.canonicalUrl !== undefined) r.canonicalUrl = s.canonicalUrl === true ? url : s.canonicalUrl;
  if (s.publishedAt !== undefined) r.publishedAt = s.publishedAt;
  if (s.lang !== undefined) r.lang = s.lang;
  if (s.lists !== undefined) r.lists = s.lists;
  return r;
}

/** When an article seen again was first seen: the earlier of its two sightings. A listed-only
 * article was never seen by the reader: it does not count. */
export function firstSeen(record: { firstSeenAt: number }, stored: { firstSeenAt?: number; sketch?: unknown } | undefined): number {
  return stored && !stored.sketch && stored.firstSeenAt !== undefined ? Math.min(stored.firstSeenAt, record.firstSeenAt) : record.firstSeenAt;
}

/** The record of a stored article: band keys recomputed from its signature (with the parameters
 * it was made with, when they are older ones), or from its sketch; a listed-only article's
 * `firstSeenAt` is when it was listed. */
export function fromStored(stored: StoredArticle, params: SignatureParams): ArticleRecord {
  if (isCompactListed(stored)) return fromStoredListed(stored);
  const { key: _key, listedAt, firstSeenAt, ...rest } = stored;
  const seen = firstSeenAt ?? listedAt ?? 0;
  if (stored.sketch) return { ...rest, firstSeenAt: seen, bandKeys: sketchBandKeys(stored.sketch) };
  const keys = stored.params === paramsId(params) ? bandKeys(stored.signature, params) : storedBandKeys(stored);
  return { ...rest, firstSeenAt: seen, bandKeys: keys };
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

/** The engine's Store on IndexedDB, read side only: the writer (writer.ts) makes every change. */
export class IdbStore implements Store {
  constructor(
    private readonly conn: DbConnection,
    private readonly params: SignatureParams = DEFAULT_PARAMS,
  ) {}

  async get(id: string): Promise<ArticleRecord | undefined> {
    const db = await this.conn.get();
    const stored = await db.getFromIndex('articles', 'id', id);
    return stored && fromStored(stored, this.params);
  }

  /** One read per bucket of the keys, all in one transaction; hits are article numbers. */
  async candidates(keys: readonly number[], maxPerKey?: number): Promise<CandidateHit[]> {
    const db = await this.conn.get();
    const postings = db.transaction('postings').store;
    const hits = await lookup((bucket) => postings.get(bucket), keys, maxPerKey);
    return [...hits].map(([ref, n]) => ({ ref, hits: n }));
  }

  /** Records by article number, all in one transaction. */
  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    if (refs.length === 0) return [];
    const db = await this.conn.get();
    const articles = db.transaction('articles').store;
    const found = await Promise.all(refs.map((ref) => (typeof ref === 'number' ? articles.get(ref) : articles.index('id').get(ref))));
    return found.filter((s): s is StoredArticle => s !== undefined).map((s) => fromStored(s, this.params));
  }

  /** All records in the order they were first stored. */
  async *iterate(): AsyncIterable<ArticleRecord> {
    for await (const batch of readBatches(this.conn, false)) for (const { record } of batch) yield fromStored(record, this.params);
  }

  async count(): Promise<number> {
    return (await this.conn.get()).count('articles');
  }

  /** `articles`: the reader's own (read or imported, listed or not); `listed`: the articles known
   * from lists alone. */
  async stats(): Promise<StoreStats & { listed: number }> {
    const db = await this.conn.get();
    const tx = db.transaction('articles');
    const byTime = tx.store.index('firstSeenAt');
    const [all, articles, first, last] = await Promise.all([
      tx.store.count(),
      byTime.count(),
      byTime.openKeyCursor(null, 'next'),
      byTime.openKeyCursor(null, 'prev'),
    ]);
    return { articles, listed: all - articles, oldestSeenAt: first?.key, newestSeenAt: last?.key };
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
