// The archive's store on a Redis Cluster: the same Store the engine checks against (as the
// embedded LMDB store in store.ts), for archives larger than one machine and for ingest workers on
// many machines at once (src/corpus/queue.ts). The client is ioredis, which knows the cluster's
// slots, follows a resharding or a failover, and with auto-pipelining sends what is bound for
// one node together.
//
// Keys, under a prefix (the URL's path; "firsthand" by default):
//   P:{P}:meta      hash: the signature parameters; each input's resume point (JSON)
//   P:r:{B}         hash, B = article number mod 1024: article number -> the record (msgpack)
//   P:k:KEY         set: the numbers of the articles holding band or topic key KEY. Each key is a
//                   slot of its own, so the postings spread over every master.
// An article's number is taken from its id (articleNumber in store.ts), not handed out by a counter:
// two workers that store the same article, or a job retried after a failover, write the same
// keys with the same values, so nothing is stored twice and no write needs a lock. A write is
// idempotent (SADD, HSETNX) and the postings go before the record, so an article is counted
// (iterate, count) only once all its postings are in.
import { Cluster } from 'ioredis';
import { pack, unpack } from 'msgpackr';
import { DEFAULT_PARAMS, paramsId } from '../index/params.ts';
import type { CandidateHit, StoreRef, StoreStats } from '../index/store.ts';
import { indexKeys } from '../index/store.ts';
import type { ArticleRecord, SignatureParams } from '../index/types.ts';
import { articleNumber, CorpusStoreError, fromStored, statsOf, toStored, type ArchiveStore, type ResumePoint, type StoredRecord } from './store.ts';

/** Record hashes: enough that each holds about a thousand records at 1M articles, and that they spread over every slot range. */
const BUCKETS = 1024;

/** What `--store redis://HOST:PORT[,HOST:PORT…][/PREFIX]` names: the cluster's seed nodes and the key prefix. */
export interface RedisTarget {
  nodes: { host: string; port: number }[];
  prefix: string;
}

/** Reads a redis:// store address; a message that says what is wrong when it is not one. */
export function parseRedisUrl(url: string): RedisTarget {
  const m = /^redis:\/\/([^/]+)(?:\/([A-Za-z0-9_.-]*))?\/?$/.exec(url);
  if (!m) throw new CorpusStoreError(`${url}: a Redis store is written redis://HOST:PORT[,HOST:PORT...][/PREFIX]`);
  const nodes = m[1].split(',').map((hp) => {
    const n = /^([^:@\s]+):(\d{1,5})$/.exec(hp);
    const port = n ? Number(n[2]) : NaN;
    if (!n || port < 1 || port > 65535) throw new CorpusStoreError(`${url}: "${hp}" is not HOST:PORT`);
    return { host: n[1], port };
  });
  return { nodes, prefix: m[2] || 'firsthand' };
}

/** A cluster client that waits out a failover instead of failing at once. */
export function clusterClient(target: RedisTarget, opts: { blocking?: boolean } = {}): Cluster {
  return new Cluster(target.nodes, {
    enableAutoPipelining: true,
    retryDelayOnFailover: 300,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 300,
    maxRedirections: 64,
    slotsRefreshTimeout: 2000,
    // The slot map is read again every 2 s: after a failover, a dead master leaves the client soon.
    slotsRefreshInterval: 2000,
    clusterRetryStrategy: (times) => (times > 20 ? null : Math.min(100 * times, 2000)),
    // A worker's blocking connection (BullMQ) must wait as long as it takes.
    redisOptions: { maxRetriesPerRequest: opts.blocking ? null : 20, connectTimeout: 5000 },
  });
}

export class RedisCorpusStore implements ArchiveStore {
  private constructor(
    readonly url: string,
    readonly redis: Cluster,
    readonly prefix: string,
    private readonly params: SignatureParams,
  ) {}

  /** Connects to the cluster and checks the store's signature parameters. */
  static async open(url: string, params: SignatureParams = DEFAULT_PARAMS): Promise<RedisCorpusStore> {
    const target = parseRedisUrl(url);
    const redis = clusterClient(target);
    // ioredis retries a cluster it cannot reach for a long while; a store that does not answer at first is an error.
    const ready = new Promise<void>((resolve, reject) => {
      redis.once('ready', () => resolve());
      redis.once('error', (e: Error) => reject(e));
      redis.once('end', () => reject(new Error('the connection ended')));
    });
    try {
      await ready;
    } catch (e) {
      redis.disconnect();
      throw new CorpusStoreError(`${url}: no Redis Cluster answered: ${e instanceof Error ? e.message : String(e)}`);
    }
    const store = new RedisCorpusStore(url, redis, target.prefix, params);
    const stored = await redis.hget(store.metaKey, 'params');
    if (stored !== null && stored !== paramsId(params)) {
      redis.disconnect();
      throw new CorpusStoreError(`${url}: this store was built with other signature parameters (${stored}); ingest into a new store`);
    }
    return store;
  }

  /** The hash of the store's own facts; its hash tag keeps it (and the job queue's keys) on one slot. */
  get metaKey(): string {
    return `${this.prefix}:{${this.prefix}}:meta`;
  }

  private recordKey(n: number): string {
    return `${this.prefix}:r:{${n % BUCKETS}}`;
  }

  private postingKey(key: number): string {
    return `${this.prefix}:k:${key}`;
  }

  async has(id: string): Promise<boolean> {
    return (await this.redis.hexists(this.recordKey(articleNumber(id)), String(articleNumber(id)))) === 1;
  }

  async resumePoint(input: string): Promise<ResumePoint | undefined> {
    const v = await this.redis.hget(this.metaKey, `input:${input}`);
    return v ? (JSON.parse(v) as ResumePoint) : undefined;
  }

  async setResumePoint(input: string, point: ResumePoint): Promise<void> {
    await this.redis.hset(this.metaKey, `input:${input}`, JSON.stringify(point));
    await this.durable();
  }

  /**
   * Stores the records not stored yet and their postings; returns how many were new. Safe to run
   * again with the same records (a retried job): every write is idempotent.
   */
  async addBatch(records: readonly ArticleRecord[], input?: { key: string; point: ResumePoint }): Promise<number> {
    const id = paramsId(this.params);
    await this.redis.hsetnx(this.metaKey, 'params', id);
    const fresh = new Map<number, ArticleRecord>();
    for (const r of records) {
      if (r.params !== id) throw new CorpusStoreError(`${r.id}: made with other signature parameters`);
      fresh.set(articleNumber(r.id), r);
    }
    const numbers = [...fresh.keys()];
    const present = await Promise.all(numbers.map((n) => this.redis.hexists(this.recordKey(n), String(n))));
    const todo = numbers.filter((_, i) => present[i] === 0);
    // The postings first, all at once (auto-pipelining groups them by node) ...
    const byKey = new Map<number, number[]>();
    for (const n of todo) {
      for (const key of new Set(indexKeys(fresh.get(n)!))) {
        const holders = byKey.get(key);
        if (holders) holders.push(n);
        else byKey.set(key, [n]);
      }
    }
    await Promise.all([...byKey].map(([key, ns]) => this.redis.sadd(this.postingKey(key), ...ns.map(String))));
    // ... then the records: an article is counted once all its postings are in.
    let added = 0;
    const results = await Promise.all(todo.map((n) => this.redis.hsetnx(this.recordKey(n), String(n), pack(toStored(fresh.get(n)!)))));
    for (const r of results) added += r;
    if (input) await this.redis.hset(this.metaKey, `input:${input.key}`, JSON.stringify(input.point));
    await this.durable();
    return added;
  }

  /**
   * Waits until every master's replicas have the writes sent so far: a write a master acknowledged
   * but had not passed on when it died would otherwise be lost in the failover. A master with no
   * replica left (its replica took over from a dead master) has nothing to wait for.
   */
  async durable(timeoutMs = 5000): Promise<void> {
    await Promise.all(
      this.redis.nodes('master').map(async (node) => {
        // A master that died fails this (its connection is closed): the caller runs the writes again
        // once the cluster has failed over and the slot map names the new master.
        const info = await node.info('replication');
        const replicas = Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
        if (replicas === 0) return;
        const acked = Number(await node.call('WAIT', replicas, timeoutMs));
        if (acked < replicas) throw new CorpusStoreError(`${node.options.host}:${node.options.port}: ${acked} of ${replicas} replicas confirmed the writes`);
      }),
    );
  }

  private decode(b: Buffer | null): ArticleRecord | undefined {
    return b ? fromStored(unpack(b) as StoredRecord, this.params) : undefined;
  }

  async candidates(keys: readonly number[], maxPerKey = Infinity): Promise<CandidateHit[]> {
    let unique = [...new Set(keys)];
    if (Number.isFinite(maxPerKey)) {
      // A common topic key is skipped on its count alone, without reading its holders.
      const held = await Promise.all(unique.map((k) => this.redis.scard(this.postingKey(k))));
      unique = unique.filter((_, i) => held[i] > 0 && (held[i] === 1 || held[i] <= maxPerKey));
    }
    const members = await Promise.all(unique.map((k) => this.redis.smembers(this.postingKey(k))));
    const hits = new Map<number, number>();
    for (const list of members) for (const m of list) hits.set(Number(m), (hits.get(Number(m)) ?? 0) + 1);
    return [...hits].map(([ref, n]) => ({ ref, hits: n }));
  }

  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    const numbers = refs.map((r) => (typeof r === 'number' ? r : articleNumber(r)));
    const raw = await Promise.all(numbers.map((n) => this.redis.hgetBuffer(this.recordKey(n), String(n))));
    return raw.map((b) => this.decode(b)).filter((r): r is ArticleRecord => r !== undefined);
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    const [r] = await this.fetch([id]);
    return r?.id === id ? r : undefined;
  }

  /** Every record, bucket by bucket (the graph does not depend on the order). */
  async *iterate(): AsyncIterable<ArticleRecord> {
    for (let b = 0; b < BUCKETS; b++) {
      let cursor = '0';
      do {
        const [next, flat] = await this.redis.hscanBuffer(`${this.prefix}:r:{${b}}`, cursor, 'COUNT', 256);
        cursor = String(next);
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const r = this.decode(flat[i + 1]);
          if (r) yield r;
        }
      } while (cursor !== '0');
    }
  }

  async count(): Promise<number> {
    const sizes = await Promise.all(Array.from({ length: BUCKETS }, (_, b) => this.redis.hlen(`${this.prefix}:r:{${b}}`)));
    return sizes.reduce((a, b) => a + b, 0);
  }

  async stats(): Promise<StoreStats> {
    return statsOf(this.iterate());
  }

  async close(): Promise<void> {
    // Every write was awaited; a goodbye to a node that died would wait for ever.
    this.redis.disconnect();
  }
}
