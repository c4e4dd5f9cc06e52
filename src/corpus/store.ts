// The archive's store: one on-disk LMDB environment (the `lmdb` package ships its binary), no
// server. It holds what `firsthand corpus ingest` read and what `corpus graph` checks every article
// against, and it is the engine's Store (src/index/store.ts), so a check reads it exactly as it
// reads the extension's IndexedDB or the CLI's memory store.
//
// Databases in the environment:
//   articles  article number -> the record (msgpack; signature and tokens as bytes, no band keys:
//             they are recomputed from the signature)
//   postings  band or topic key -> article numbers (LMDB sorted duplicates: adding an article
//             adds one small entry per key, and nothing is read back and rewritten)
//   meta      the signature parameters, each input's resume point
// An article's number is taken from its id (articleNumber), as in the Redis store: an id is stored
// once, and where a check breaks a tie between candidates by their number, it breaks it the same
// way whatever order the articles came in and whichever store holds them, so the graph of one
// archive is the same on a folder and on a cluster.
// A batch of articles, their postings and the resume point of their input are written in one
// transaction (its callback writes synchronously inside it): after a crash the store holds whole
// articles only, and the resume point says exactly which documents they came from.
import { createHash } from 'node:crypto';
import { open, type Database, type RootDatabase } from 'lmdb';
import { bandKeys } from '../index/minhash.ts';
import { DEFAULT_PARAMS, paramsId } from '../index/params.ts';
import type { CandidateHit, Store, StoreRef, StoreStats } from '../index/store.ts';
import { indexKeys } from '../index/store.ts';
import type { ArticleRecord, SignatureParams } from '../index/types.ts';

/** A record as stored: the typed arrays as bytes, the band keys left out. */
export type StoredRecord = Omit<ArticleRecord, 'signature' | 'tokens' | 'bandKeys' | 'sketch'> & { signature: Uint8Array; tokens: Uint8Array };

/** A record as either store keeps it: the typed arrays as bytes, the band keys (recomputed from the signature) left out. */
export function toStored(record: ArticleRecord): StoredRecord {
  const { signature, tokens, bandKeys: _keys, sketch: _sketch, ...rest } = record;
  void _keys;
  void _sketch;
  return { ...rest, signature: bytesOf(signature), tokens: bytesOf(tokens) };
}

/** A stored record read back. */
export function fromStored(s: StoredRecord, params: SignatureParams): ArticleRecord {
  const signature = u32Of(s.signature);
  return { ...s, signature, tokens: u32Of(s.tokens), bandKeys: bandKeys(signature, params) };
}

/** Where an input stands: documents read from it so far, and whether it was read to its end. */
export interface ResumePoint {
  docs: number;
  done: boolean;
  /** The input's size and modification time when it was read: a changed input is read again from its start. */
  stamp: string;
}

type MetaValue = string | number | ResumePoint;

/** What ingest and graph need of an archive's store, on this machine (CorpusStore) or on a Redis Cluster (RedisCorpusStore). */
export interface ArchiveStore extends Store {
  has(id: string): boolean | Promise<boolean>;
  resumePoint(input: string): ResumePoint | undefined | Promise<ResumePoint | undefined>;
  addBatch(records: readonly ArticleRecord[], input?: { key: string; point: ResumePoint }): Promise<number>;
  close(): Promise<void>;
}

/** An article's number: 52 bits of the SHA-1 of its id (a collision among 1M articles has a chance of about 1 in 10,000,000). */
export function articleNumber(id: string): number {
  const h = createHash('sha1').update(id).digest();
  return h.readUIntBE(0, 6) * 16 + (h[6] >>> 4);
}

const bytesOf = (a: Uint32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The bytes as a Uint32Array of their own (a copy: the bytes LMDB returns need not be aligned). */
function u32Of(b: Uint8Array): Uint32Array {
  const out = new Uint32Array(b.byteLength >>> 2);
  new Uint8Array(out.buffer).set(b.subarray(0, out.byteLength));
  return out;
}

/** A store's article count and date range, read through all its records. */
export async function statsOf(records: AsyncIterable<Pick<ArticleRecord, 'publishedAt' | 'firstSeenAt'>>): Promise<StoreStats> {
  let articles = 0;
  let oldestSeenAt: number | undefined;
  let newestSeenAt: number | undefined;
  for await (const r of records) {
    articles++;
    const at = r.publishedAt ?? r.firstSeenAt;
    if (oldestSeenAt === undefined || at < oldestSeenAt) oldestSeenAt = at;
    if (newestSeenAt === undefined || at > newestSeenAt) newestSeenAt = at;
  }
  return { articles, ...(oldestSeenAt === undefined ? {} : { oldestSeenAt, newestSeenAt }) };
}

export class CorpusStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusStoreError';
  }
}

export class CorpusStore implements ArchiveStore {
  private readonly root: RootDatabase;
  private readonly articles: Database<StoredRecord, number>;
  private readonly postings: Database<number, number>;
  private readonly meta: Database<MetaValue, string>;

  private constructor(
    readonly path: string,
    private readonly params: SignatureParams,
  ) {
    this.root = open({ path, maxDbs: 8, mapSize: 2 ** 36 });
    this.articles = this.root.openDB<StoredRecord, number>({ name: 'articles' });
    this.postings = this.root.openDB<number, number>({ name: 'postings', dupSort: true, encoding: 'ordered-binary' });
    this.meta = this.root.openDB<MetaValue, string>({ name: 'meta' });
    const stored = this.meta.get('params');
    if (stored !== undefined && stored !== paramsId(params)) {
      void this.root.close();
      throw new CorpusStoreError(`${path}: this store was built with other signature parameters (${String(stored)}); ingest into a new store`);
    }
  }

  /** Opens the store at `path` (a folder), creating it when it does not exist. */
  static open(path: string, params: SignatureParams = DEFAULT_PARAMS): CorpusStore {
    try {
      return new CorpusStore(path, params);
    } catch (e) {
      if (e instanceof CorpusStoreError) throw e;
      throw new CorpusStoreError(`${path}: the store could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Whether an article of this id is stored. */
  has(id: string): boolean {
    return this.articles.doesExist(articleNumber(id));
  }

  /** Where an input stands (undefined: never started). */
  resumePoint(input: string): ResumePoint | undefined {
    const v = this.meta.get(`input:${input}`);
    return v && typeof v === 'object' ? v : undefined;
  }

  /**
   * Writes a batch in one transaction: the records not stored yet (an id already stored, or twice
   * in the batch, is kept once), their postings, and the input's resume point. Returns how many
   * records were added.
   */
  async addBatch(records: readonly ArticleRecord[], input?: { key: string; point: ResumePoint }): Promise<number> {
    let added = 0;
    await this.root.transaction(() => {
      if (this.meta.get('params') === undefined) this.meta.putSync('params', paramsId(this.params));
      // The postings are written in key order: a transaction then copies each B-tree page it
      // touches once, where random order would revisit them (at 20k articles, 1.1x faster than
      // unsorted in transactions of 2,048 articles; see batchSize in src/cli/corpus.ts for the size).
      const pairs: number[][] = [];
      const fresh = new Set<number>();
      for (const record of records) {
        if (record.params !== paramsId(this.params)) throw new CorpusStoreError(`${record.id}: made with other signature parameters`);
        const n = articleNumber(record.id);
        if (fresh.has(n) || this.articles.doesExist(n)) continue;
        fresh.add(n);
        this.articles.putSync(n, toStored(record));
        for (const key of new Set(indexKeys(record))) pairs.push([key, n]);
        added++;
      }
      pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const [key, n] of pairs) this.postings.putSync(key, n);
      if (input) this.meta.putSync(`input:${input.key}`, input.point);
    });
    return added;
  }

  private record(n: number): ArticleRecord | undefined {
    const s = this.articles.get(n);
    return s && fromStored(s, this.params);
  }

  /** Article numbers sharing each key, counted per article; a key held by more than `maxPerKey` articles is left out. */
  async candidates(keys: readonly number[], maxPerKey = Infinity): Promise<CandidateHit[]> {
    const hits = new Map<number, number>();
    for (const key of new Set(keys)) {
      // A common topic key is skipped on its count alone, without reading its holders.
      if (Number.isFinite(maxPerKey)) {
        const held = this.postings.getValuesCount(key);
        if (held === 0 || (held > 1 && held > maxPerKey)) continue;
      }
      for (const n of this.postings.getValues(key)) hits.set(n, (hits.get(n) ?? 0) + 1);
    }
    return [...hits].map(([ref, n]) => ({ ref, hits: n }));
  }

  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    const out: ArticleRecord[] = [];
    for (const ref of refs) {
      const r = this.record(typeof ref === 'number' ? ref : articleNumber(ref));
      if (r) out.push(r);
    }
    return out;
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    const r = this.record(articleNumber(id));
    return r?.id === id ? r : undefined;
  }

  /** Every record, by article number. */
  async *iterate(): AsyncIterable<ArticleRecord> {
    for (const { key } of this.articles.getRange({})) {
      const r = this.record(key);
      if (r) yield r;
    }
  }

  async count(): Promise<number> {
    return this.articles.getCount();
  }

  async stats(): Promise<StoreStats> {
    return statsOf(this.iterate());
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}
