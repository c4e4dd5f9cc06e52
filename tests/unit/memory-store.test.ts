import { describe, expect, it } from 'vitest';
import { prng } from '../../src/index/hash.ts';
import { BandTable, Pool } from '../../src/index/memory-tables.ts';
import { listedRecord } from '../../src/index/sketch.ts';
import { topicKeysOf } from '../../src/index/memory-store.ts';
import { indexKeys, MemoryStore } from '../../src/index/store.ts';
import { isTopicKey, MAX_TOPIC_POSTINGS, topicKeys } from '../../src/index/topic.ts';
import type { ArticleRecord } from '../../src/index/types.ts';
import { syntheticArticle } from './background-fixtures.ts';

/** What the store must answer: a plain index of the records put and deleted, in that order. */
class Reference {
  private readonly holders = new Map<number, string[]>();
  private readonly records = new Map<string, ArticleRecord>();

  put(r: ArticleRecord): this {
    this.delete(r.id);
    this.records.set(r.id, r);
    for (const key of new Set(indexKeys(r))) {
      const held = this.holders.get(key) ?? [];
      // A topic key's list stops growing one past what a check reads.
      if (held.length <= MAX_TOPIC_POSTINGS || !isTopicKey(key)) held.push(r.id);
      this.holders.set(key, held);
    }
    return this;
  }

  delete(id: string): void {
    const r = this.records.get(id);
    if (!r) return;
    for (const key of new Set(indexKeys(r)))
      this.holders.set(
        key,
        (this.holders.get(key) ?? []).filter((h) => h !== id),
      );
    this.records.delete(id);
  }

  hits(keys: readonly number[], maxPerKey = Infinity): Map<string, number> {
    const hits = new Map<string, number>();
    for (const key of new Set(keys)) {
      const held = this.holders.get(key) ?? [];
      if (held.length > 1 && held.length > maxPerKey) continue;
      for (const id of held) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    return hits;
  }
}

function expectedHits(records: ArticleRecord[], keys: readonly number[], maxPerKey = Infinity): Map<string, number> {
  const ref = new Reference();
  for (const r of records) ref.put(r);
  return ref.hits(keys, maxPerKey);
}

const asMap = (hits: { ref: string | number; hits: number }[]) => new Map(hits.map((h) => [String(h.ref), h.hits]));

describe('MemoryStore', () => {
  const records = Array.from({ length: 40 }, (_, i) => syntheticArticle(i, 1000 + i).record);

  it('gives back every record as it was put, by id, by fetch and by iteration, in the order put', async () => {
    const store = new MemoryStore();
    for (const r of records) store.putSync(r);
    for (const r of records) {
      const back = await store.get(r.id);
      expect(back).toEqual(r);
      expect(back?.tokens).toBeInstanceOf(Uint32Array);
      expect(back?.signature).toBeInstanceOf(Uint32Array);
    }
    expect(await store.fetch([records[3].id, 'https://nowhere.example/', records[1].id])).toEqual([records[3], records[1]]);
    const seen: ArticleRecord[] = [];
    for await (const r of store.iterate()) seen.push(r);
    expect(seen).toEqual(records);
    expect(await store.count()).toBe(records.length);
    expect(await store.stats()).toEqual({ articles: records.length, oldestSeenAt: 1000, newestSeenAt: 1039 });
  });

  it('finds the candidates of any keys with the count of shared keys, as a plain index of the records would', async () => {
    const store = new MemoryStore();
    for (const r of records) store.putSync(r);
    for (const r of records.slice(0, 10)) {
      const keys = indexKeys(r);
      expect(asMap(await store.candidates(keys))).toEqual(expectedHits(records, keys));
      expect(asMap(await store.candidates(keys, 3))).toEqual(expectedHits(records, keys, 3));
      expect(asMap(await store.candidates(keys, 0))).toEqual(expectedHits(records, keys, 0));
    }
    expect(await store.candidates([5 * 2 ** 32 + 12345, 2000 * 2 ** 32 + 1])).toEqual([]);
  });

  it('replaces a record with the same id and deletes one, its postings with it', async () => {
    const store = new MemoryStore();
    for (const r of records) store.putSync(r);
    const replaced = { ...records[5], id: records[4].id, url: 'https://elsewhere.example/a', title: 'Replaced' };
    await store.put(replaced);
    expect(await store.count()).toBe(records.length);
    expect(await store.get(records[4].id)).toEqual(replaced);
    expect(await store.delete(records[7].id)).toBe(true);
    expect(await store.delete(records[7].id)).toBe(false);
    expect(await store.get(records[7].id)).toBeUndefined();
    const ref = new Reference();
    for (const r of records) ref.put(r);
    ref.put(replaced);
    ref.delete(records[7].id);
    for (const r of [records[4], records[5], records[7], records[8]]) {
      const keys = indexKeys(r);
      expect(asMap(await store.candidates(keys))).toEqual(ref.hits(keys));
    }
    const now = records.filter((_, i) => i !== 4 && i !== 7).concat(replaced);
    const ids: string[] = [];
    for await (const r of store.iterate()) ids.push(r.id);
    expect(ids).toEqual(now.map((r) => r.id));
  });

  it('keeps listed records (sketches) and records of other band layouts, found by their keys', async () => {
    const store = new MemoryStore();
    const listed = { ...listedRecord(records[0]), id: 'https://list.example/0', lists: ['l1'] };
    // Band keys not laid out one per band: the record is kept as given.
    const odd = { ...records[1], id: 'https://odd.example/1', bandKeys: [3 * 2 ** 32 + 9, 3 * 2 ** 32 + 10, 7] };
    const all = [...records.slice(0, 5), listed, odd];
    for (const r of all) store.putSync(r);
    expect(await store.get(listed.id)).toEqual(listed);
    expect(await store.get(odd.id)).toEqual(odd);
    for (const r of [records[0], listed, odd]) {
      const keys = indexKeys(r);
      expect(asMap(await store.candidates(keys))).toEqual(expectedHits(all, keys));
    }
    await store.delete(listed.id);
    await store.delete(odd.id);
    const ref = new Reference();
    for (const r of all) ref.put(r);
    ref.delete(listed.id);
    ref.delete(odd.id);
    for (const r of [records[0], listed, odd]) expect(asMap(await store.candidates(indexKeys(r)))).toEqual(ref.hits(indexKeys(r)));
  });
});

describe('memory store tables', () => {
  it("posts a record's topic keys as topicKeys gives them, in the same order", () => {
    const rand = prng(9);
    for (let n = 0; n < 200; n++) {
      const vocab = [3, 50, 5000, 2 ** 32][n % 4];
      const tokens = Uint32Array.from({ length: n * 7 }, () => (vocab === 2 ** 32 ? rand() >>> 0 : Math.imul((rand() % vocab) + 1, 0x9e3779b1) >>> 0));
      expect(topicKeysOf(tokens)).toEqual(topicKeys(tokens));
    }
    expect(topicKeysOf(new Uint32Array(10_000).fill(7))).toEqual(topicKeys(new Uint32Array(10_000).fill(7)));
  });

  it('a band table holds a hash once per article, through growth and removals', () => {
    const table = new BandTable();
    const rand = prng(3);
    const entries = Array.from({ length: 5000 }, (_, a) => ({ h: rand() % 700, a }));
    for (const e of entries) table.add(e.h, e.a);
    for (const e of entries.filter((e) => e.a % 3 === 0)) table.remove(e.h, e.a);
    for (const e of entries.slice(0, 100).filter((e) => e.a % 3 === 0)) table.add(e.h, e.a);
    for (let h = 0; h < 700; h++) {
      const out: number[] = [];
      table.collect(h, out);
      const want = entries.filter((e) => e.h === h && (e.a % 3 !== 0 || e.a < 100)).map((e) => e.a);
      expect(out.sort((x, y) => x - y)).toEqual(want);
    }
  });

  it('a pool gives back each array it was given', () => {
    const pool = new Pool();
    const arrays = Array.from({ length: 50 }, (_, i) => Uint32Array.from({ length: i * 37 }, (_, j) => (i * 1000 + j) >>> 0));
    const offsets = arrays.map((a) => pool.add(a));
    arrays.forEach((a, i) => expect(pool.view(offsets[i], a.length)).toEqual(a));
    expect(pool.at(offsets[10], 5)).toBe(arrays[10][5]);
  });
});
