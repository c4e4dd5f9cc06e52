import type { ArticleRecord } from './types.ts';

/** How a store names a stored article for `fetch`: its id (MemoryStore) or its number (IndexedDB). */
export type StoreRef = string | number;

/** A stored article, by the store's reference, with the number of LSH bands it shares with the query. */
export interface CandidateHit {
  ref: StoreRef;
  hits: number;
  /** A listed article (known by its sketch) whose every shared band key another article holds too:
   * nothing the page shares with it is its own (stores that do not tell leave it out). */
  common?: true;
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
   * the index's common words). Records sharing fewer than `minHits` of the keys may be left out
   * too (a store need not read postings that cannot add up to it). */
  candidates(keys: readonly number[], maxPerKey?: number, minHits?: number): Promise<CandidateHit[]>;
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

export { indexKeys, MemoryStore } from './memory-store.ts';
