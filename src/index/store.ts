import { sketchBandKeys, sketchTopicKeys } from './sketch.ts';
import { isTopicKey, MAX_TOPIC_POSTINGS, topicKeys } from './topic.ts';
import type { ArticleRecord } from './types.ts';

/** How a store names a stored article for `fetch`: its id (MemoryStore) or its number (IndexedDB). */
export type StoreRef = string | number;

/** A stored article, by the store's reference, with the number of LSH bands it shares with the query. */
export interface CandidateHit {
  ref: StoreRef;
  hits: number;
}

export interface StoreStats {
  articles: number;
  oldestSeenAt?: number;
  newestSeenAt?: number;
}

/** What a check reads: the records that share band keys with a page. */
export interface CandidateSource {
  /** Records sharing at least one of the keys (band keys, topic keys) with the query, with the
   * count of shared keys. A key held by more than `maxPerKey` records is left out (topic keys:
   * the index's common words). */
  candidates(keys: readonly number[], maxPerKey?: number): Promise<CandidateHit[]>;
  /** The records of candidate references, all read at once; those gone meanwhile are left out. */
  fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]>;
}

/**
 * Where records are read from: all the engine needs. The extension implements it on IndexedDB
 * (src/storage/db.ts), whose writes go through its own writer; the CLI and tests use
 * MemoryStore, which writes itself (put, delete).
 */
export interface Store extends CandidateSource {
  get(id: string): Promise<ArticleRecord | undefined>;
  iterate(): AsyncIterable<ArticleRecord>;
  count(): Promise<number>;
  stats(): Promise<StoreStats>;
}

/** Band-key maps are split in shards: one JavaScript Map holds at most 2^24 entries, and an
 * index of 100k articles already has 12.8M band keys. */
const SHARDS = 64;

/** The band's hash is uniform, and band * 2^32 is a multiple of SHARDS. */
function shardOf(key: number): number {
  return key % SHARDS;
}

/** The keys a record is posted under: its band keys and its topic keys. */
export function indexKeys(record: ArticleRecord): number[] {
  if (record.sketch) return [...sketchBandKeys(record.sketch), ...sketchTopicKeys(record.sketch)];
  return [...record.bandKeys, ...topicKeys(record.tokens)];
}

/** In-memory Store: the CLI, tests and benchmarks. */
export class MemoryStore implements Store {
  private readonly records = new Map<string, ArticleRecord>();
  /** Band key -> the id holding it, or the set of ids when several do (most keys have one). */
  private readonly bands: Map<number, string | Set<string>>[] = Array.from({ length: SHARDS }, () => new Map());

  /** Inserts or replaces the record with the same id. */
  async put(record: ArticleRecord): Promise<void> {
    this.putSync(record);
  }

  putSync(record: ArticleRecord): void {
    this.deleteSync(record.id);
    this.records.set(record.id, record);
    for (const key of indexKeys(record)) {
      const shard = this.bands[shardOf(key)];
      const ids = shard.get(key);
      if (ids === undefined) shard.set(key, record.id);
      else if (typeof ids === 'string') {
        if (ids !== record.id) shard.set(key, new Set([ids, record.id]));
      } else if (ids.size <= MAX_TOPIC_POSTINGS || !isTopicKey(key)) ids.add(record.id);
      // A topic key held by more articles than checks read is a common word: its list stops growing.
    }
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    return this.records.get(id);
  }

  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    const out: ArticleRecord[] = [];
    for (const ref of refs) {
      const r = this.records.get(String(ref));
      if (r) out.push(r);
    }
    return out;
  }

  async delete(id: string): Promise<boolean> {
    return this.deleteSync(id);
  }

  private deleteSync(id: string): boolean {
    const old = this.records.get(id);
    if (!old) return false;
    for (const key of indexKeys(old)) {
      const shard = this.bands[shardOf(key)];
      const ids = shard.get(key);
      if (ids === undefined) continue;
      if (typeof ids === 'string') {
        if (ids === id) shard.delete(key);
        continue;
      }
      ids.delete(id);
      if (ids.size === 1) shard.set(key, ids.values().next().value as string);
    }
    this.records.delete(id);
    return true;
  }

  async candidates(keys: readonly number[], maxPerKey = Infinity): Promise<CandidateHit[]> {
    return this.candidatesSync(keys, maxPerKey);
  }

  candidatesSync(keys: readonly number[], maxPerKey = Infinity): CandidateHit[] {
    const hits = new Map<string, number>();
    for (const key of new Set(keys)) {
      const ids = this.bands[shardOf(key)].get(key);
      if (ids === undefined) continue;
      if (typeof ids === 'string') hits.set(ids, (hits.get(ids) ?? 0) + 1);
      else if (ids.size <= maxPerKey) for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    return [...hits].map(([ref, n]) => ({ ref, hits: n }));
  }

  async *iterate(): AsyncIterable<ArticleRecord> {
    for (const r of [...this.records.values()]) yield r;
  }

  async count(): Promise<number> {
    return this.records.size;
  }

  async stats(): Promise<StoreStats> {
    let oldest: number | undefined;
    let newest: number | undefined;
    for (const r of this.records.values()) {
      if (oldest === undefined || r.firstSeenAt < oldest) oldest = r.firstSeenAt;
      if (newest === undefined || r.firstSeenAt > newest) newest = r.firstSeenAt;
    }
    return { articles: this.records.size, oldestSeenAt: oldest, newestSeenAt: newest };
  }
}
