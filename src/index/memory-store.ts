// The in-memory Store of the CLI, tests and benchmarks, laid out for a million articles: the
// hashes of every record in pools of large typed arrays (memory-tables.ts), its other fields as
// one small object, band postings in one open-addressing table per band. A record is made anew,
// as it was put, each time it is read.
import { BandTable, ensure, Pool } from './memory-tables.ts';
import { sketchBandKeys, sketchTopicKeys } from './sketch.ts';
import type { CandidateHit, Store, StoreRef, StoreStats } from './store.ts';
import { isTopicKey, MAX_TOPIC_POSTINGS, spreadKey, TOPIC_BAND_BASE, TOPIC_KEYS, topicHash } from './topic.ts';
import type { ArticleRecord, ListSketch } from './types.ts';

const TWO_32 = 0x1_0000_0000;

/** A record's fields but its id and hashes. */
type Meta = Omit<ArticleRecord, 'id' | 'signature' | 'tokens' | 'bandKeys' | 'sketch'>;

/** The keys a record is posted under: its band keys and its topic keys. */
export function indexKeys(record: ArticleRecord): number[] {
  if (record.sketch) return [...sketchBandKeys(record.sketch), ...sketchTopicKeys(record.sketch)];
  return [...record.bandKeys, ...topicKeysOf(record.tokens)];
}

let scratch = new Uint32Array(4096);

/** topicKeys (topic.ts), the same keys in the same order, in a typed array's numeric sort: it
 * takes most of the time of putting a record otherwise. */
export function topicKeysOf(tokens: Uint32Array): number[] {
  if (!(tokens instanceof Uint32Array) || tokens.length === 0) return [];
  if (scratch.length < tokens.length) scratch = new Uint32Array(tokens.length * 2);
  const hashes = scratch.subarray(0, tokens.length);
  for (let i = 0; i < tokens.length; i++) hashes[i] = topicHash(tokens[i]);
  hashes.sort();
  const out: number[] = [];
  for (let i = 0; i < hashes.length && out.length < TOPIC_KEYS; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) out.push(spreadKey(hashes[i]));
  return out;
}

/** Other keys (topic keys, mostly) are held in Maps split in shards: one JavaScript Map holds at
 * most 2^24 entries. */
const SHARDS = 64;

/** The spacing of a record's band keys when key i is band i x spacing's (0 when not so): such
 * keys are kept as their hashes alone and posted in the band tables. */
function bandSpacing(keys: readonly number[]): number {
  if (!Array.isArray(keys)) return 0;
  const spacing = keys.length > 1 ? Math.floor(keys[1] / TWO_32) : 1;
  if (!(spacing >= 1 && spacing < 0x1_0000)) return 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || Math.floor(k / TWO_32) !== i * spacing || i * spacing >= TOPIC_BAND_BASE) return 0;
  }
  return spacing;
}

/** In-memory Store: the CLI, tests and benchmarks. */
export class MemoryStore implements Store {
  /** Article numbers are given in the order records are put, never reused. */
  private next = 0;
  private readonly byId = new Map<string, number>();
  /** By article number: the id (undefined once deleted), and the record's other fields (their url
   * the id's string when they are equal: most ids are the url). */
  private readonly ids: (string | undefined)[] = [];
  private readonly metas: (Meta | undefined)[] = [];
  private readonly tokens = new Pool();
  private readonly signatures = new Pool();
  /** The band hashes of each record: key i is band i x spacing's. */
  private readonly bandHashes = new Pool();
  private cols = {
    tokens: new Float64Array(1024),
    tokenCount: new Uint32Array(1024),
    signature: new Float64Array(1024),
    signatureLength: new Uint32Array(1024),
    bands: new Float64Array(1024),
    bandCount: new Uint32Array(1024),
    spacing: new Uint16Array(1024),
    firstSeenAt: new Float64Array(1024),
  };
  private readonly sketches = new Map<number, ListSketch>();
  /** Records of a shape the columns do not hold (hashes not in typed arrays, band keys of other
   * layouts), kept as they were put; all their keys are in `keyed`. */
  private readonly whole = new Map<number, ArticleRecord>();
  private readonly tables: BandTable[] = [];
  /** Keys not in the band tables (topic keys) -> the article holding it, or those that do. */
  private readonly keyed: Map<number, number | number[]>[] = Array.from({ length: SHARDS }, () => new Map());

  /** Inserts or replaces the record with the same id. */
  async put(record: ArticleRecord): Promise<void> {
    this.putSync(record);
  }

  putSync(record: ArticleRecord): void {
    this.deleteSync(record.id);
    const a = this.next++;
    this.grow(a + 1);
    const spacing = bandSpacing(record.bandKeys);
    const { id, signature, tokens, bandKeys, sketch, ...rest } = record;
    if (!spacing || !(signature instanceof Uint32Array) || !(tokens instanceof Uint32Array)) {
      this.whole.set(a, record);
      this.metas[a] = undefined;
    } else {
      const c = this.cols;
      c.tokens[a] = this.tokens.add(tokens);
      c.tokenCount[a] = tokens.length;
      c.signature[a] = this.signatures.add(signature);
      c.signatureLength[a] = signature.length;
      c.bands[a] = this.bandHashes.add(bandKeys.map((k) => k % TWO_32));
      c.bandCount[a] = bandKeys.length;
      c.spacing[a] = spacing;
      if (rest.url === id) rest.url = id;
      this.metas[a] = rest;
      if (sketch) this.sketches.set(a, sketch);
    }
    this.ids[a] = id;
    this.cols.firstSeenAt[a] = record.firstSeenAt;
    this.byId.set(id, a);
    this.post(a, record, true);
  }

  private grow(n: number): void {
    const c = this.cols;
    this.cols = {
      tokens: ensure(c.tokens, n),
      tokenCount: ensure(c.tokenCount, n),
      signature: ensure(c.signature, n),
      signatureLength: ensure(c.signatureLength, n),
      bands: ensure(c.bands, n),
      bandCount: ensure(c.bandCount, n),
      spacing: ensure(c.spacing, n),
      firstSeenAt: ensure(c.firstSeenAt, n),
    };
  }

  /** Posts article `a` under its keys (or removes those postings): a band key the record's band
   * hashes hold goes to its band's table, any other key to `keyed`. */
  private post(a: number, record: ArticleRecord, add: boolean): void {
    const inTables = !this.whole.has(a);
    const spacing = this.cols.spacing[a];
    const count = this.cols.bandCount[a];
    if (inTables && !record.sketch) {
      // indexKeys without the work of telling where each goes: the band keys are one per band,
      // all held by the band hashes, and the topic keys all differ (from each other and from them).
      for (let i = 0; i < count; i++) {
        const table = (this.tables[i * spacing] ??= new BandTable());
        if (add) table.add(record.bandKeys[i] % TWO_32, a);
        else table.remove(record.bandKeys[i] % TWO_32, a);
      }
      for (const key of topicKeysOf(record.tokens)) {
        if (add) this.postKey(key, a);
        else this.unpostKey(key, a);
      }
      return;
    }
    for (const key of new Set(indexKeys(record))) {
      const band = Math.floor(key / TWO_32);
      const i = band / spacing;
      const h = key % TWO_32;
      if (inTables && Number.isInteger(i) && i < count && this.bandHashes.at(this.cols.bands[a], i) === h) {
        const table = (this.tables[band] ??= new BandTable());
        if (add) table.add(h, a);
        else table.remove(h, a);
      } else if (add) this.postKey(key, a);
      else this.unpostKey(key, a);
    }
  }

  private postKey(key: number, a: number): void {
    const shard = this.keyed[key % SHARDS];
    const held = shard.get(key);
    if (held === undefined) shard.set(key, a);
    else if (typeof held === 'number') {
      if (held !== a) shard.set(key, [held, a]);
    } else if (held.length <= MAX_TOPIC_POSTINGS || !isTopicKey(key)) held.push(a);
    // A topic key held by more articles than checks read is a common word: its list stops growing.
  }

  private unpostKey(key: number, a: number): void {
    const shard = this.keyed[key % SHARDS];
    const held = shard.get(key);
    if (held === undefined) return;
    if (typeof held === 'number') {
      if (held === a) shard.delete(key);
      return;
    }
    const at = held.indexOf(a);
    if (at >= 0) held.splice(at, 1);
    if (held.length === 1) shard.set(key, held[0]);
  }

  /** The record of article `a`, as it was put. */
  private record(a: number): ArticleRecord {
    const kept = this.whole.get(a);
    if (kept) return kept;
    const c = this.cols;
    const id = this.ids[a]!;
    const rest = this.metas[a]!;
    const bandKeys = new Array<number>(c.bandCount[a]);
    const hashes = this.bandHashes.view(c.bands[a], c.bandCount[a]);
    const spacing = c.spacing[a];
    for (let i = 0; i < hashes.length; i++) bandKeys[i] = i * spacing * TWO_32 + hashes[i];
    const sketch = this.sketches.get(a);
    return {
      id,
      ...rest,
      signature: this.signatures.view(c.signature[a], c.signatureLength[a]),
      bandKeys,
      tokens: this.tokens.view(c.tokens[a], c.tokenCount[a]),
      ...(sketch ? { sketch } : {}),
    };
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    const a = this.byId.get(id);
    return a === undefined ? undefined : this.record(a);
  }

  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    const out: ArticleRecord[] = [];
    for (const ref of refs) {
      const a = this.byId.get(String(ref));
      if (a !== undefined) out.push(this.record(a));
    }
    return out;
  }

  async delete(id: string): Promise<boolean> {
    return this.deleteSync(id);
  }

  private deleteSync(id: string): boolean {
    const a = this.byId.get(id);
    if (a === undefined) return false;
    this.post(a, this.record(a), false);
    const c = this.cols;
    this.tokens.release(c.tokens[a]);
    this.signatures.release(c.signature[a]);
    this.bandHashes.release(c.bands[a]);
    this.whole.delete(a);
    this.sketches.delete(a);
    this.ids[a] = undefined;
    this.metas[a] = undefined;
    this.byId.delete(id);
    return true;
  }

  async candidates(keys: readonly number[], maxPerKey = Infinity): Promise<CandidateHit[]> {
    return this.candidatesSync(keys, maxPerKey);
  }

  candidatesSync(keys: readonly number[], maxPerKey = Infinity): CandidateHit[] {
    const hits = new Map<number, number>();
    // Articles holding a band key of the page that no other article holds, and those holding one
    // that others hold too (CandidateHit.common).
    const own = new Set<number>();
    const shared = new Set<number>();
    const held: number[] = [];
    for (const key of new Set(keys)) {
      held.length = 0;
      const band = Math.floor(key / TWO_32);
      const table = band >= 0 && band < TOPIC_BAND_BASE ? this.tables[band] : undefined;
      table?.collect(key % TWO_32, held);
      const other = this.keyed[key % SHARDS].get(key);
      if (typeof other === 'number') held.push(other);
      else if (other) held.push(...other);
      // A key held by one article is always read (as it always was).
      if (held.length > 1 && held.length > maxPerKey) continue;
      for (const a of held) hits.set(a, (hits.get(a) ?? 0) + 1);
      if (!isTopicKey(key)) for (const a of held) (held.length === 1 ? own : shared).add(a);
    }
    const out: CandidateHit[] = [];
    for (const [a, n] of hits)
      out.push(shared.has(a) && !own.has(a) && this.sketches.has(a) ? { ref: this.ids[a]!, hits: n, common: true } : { ref: this.ids[a]!, hits: n });
    return out;
  }

  async *iterate(): AsyncIterable<ArticleRecord> {
    const n = this.next;
    for (let a = 0; a < n; a++) if (this.ids[a] !== undefined) yield this.record(a);
  }

  async count(): Promise<number> {
    return this.byId.size;
  }

  async stats(): Promise<StoreStats> {
    let oldest: number | undefined;
    let newest: number | undefined;
    for (const a of this.byId.values()) {
      const t = this.cols.firstSeenAt[a];
      if (oldest === undefined || t < oldest) oldest = t;
      if (newest === undefined || t > newest) newest = t;
    }
    return { articles: this.byId.size, oldestSeenAt: oldest, newestSeenAt: newest };
  }

  /** Bytes held in typed arrays outside the JavaScript heap's objects (pools, columns, band tables). */
  arrayBytes(): number {
    let n = 0;
    for (const t of this.tables) n += t?.bytes() ?? 0;
    for (const col of Object.values(this.cols)) n += col.byteLength;
    for (const pool of [this.tokens, this.signatures, this.bandHashes]) n += pool.bytes();
    return n;
  }
}
