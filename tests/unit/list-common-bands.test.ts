// A listed article that shares with a page only band keys other articles hold too is marked
// `common` by both stores alike (src/index/memory-store.ts, src/storage/list-lookup.ts), and a
// check does not read one that shares a single such key (src/index/check.ts MAX_COMMON_BANDS):
// one phrase several articles share says nothing of where the page came from.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { checkArticle, MAX_COMMON_BANDS } from '../../src/index/check.ts';
import { buildRecord } from '../../src/index/record.ts';
import { sketchBandKeys, sketchTopicKeys } from '../../src/index/sketch.ts';
import { MAX_TOPIC_POSTINGS } from '../../src/index/topic.ts';
import { MemoryStore, type CandidateHit, type CandidateSource, type StoreRef } from '../../src/index/store.ts';
import type { ArticleRecord } from '../../src/index/types.ts';
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { freshDbName, syntheticArticle } from './background-fixtures.ts';
import { halfTwin, install, listed, twin } from './list-fixtures.ts';

/** Per article id: its hits and whether the store marks it common. */
async function byId(store: IdbStore | MemoryStore, keys: readonly number[]): Promise<Record<string, { hits: number; common: boolean }>> {
  const hits = await store.candidates(keys);
  const records = await Promise.all(hits.map(async (h) => (await store.fetch([h.ref]))[0]));
  return Object.fromEntries(hits.map((h, i) => [records[i]!.id, { hits: h.hits, common: h.common === true }]));
}

describe('listed articles sharing only band keys other articles hold', () => {
  const records = [listed(1), twin(1), listed(2), halfTwin(3), listed(3)];
  const one = sketchBandKeys(records[0].sketch!);
  const two = sketchBandKeys(records[2].sketch!);
  const three = sketchBandKeys(records[4].sketch!);
  // The keys listed(3) shares with halfTwin(3) (its first half) and those it holds alone.
  const half = new Set(sketchBandKeys(records[3].sketch!));
  const threeShared = three.filter((k) => half.has(k));
  const threeAlone = three.filter((k) => !half.has(k));

  async function stores(): Promise<{ idb: IdbStore; memory: MemoryStore; close: () => void }> {
    const conn = new DbConnection(freshDbName());
    await install(conn, records, 'c1');
    const memory = new MemoryStore();
    for (const r of records) await memory.put(r);
    return { idb: new IdbStore(conn), memory, close: () => conn.close() };
  }

  it('are marked common by IndexedDB and the memory store alike; an article holding one key of the page alone is not', async () => {
    expect(threeShared.length).toBeGreaterThan(0);
    expect(threeAlone.length).toBeGreaterThan(0);
    const s = await stores();
    const pages: [string, number[]][] = [
      ['a key two articles hold', [one[0]]],
      ['every key of an article its twin holds too', one],
      ['a key one article holds alone', [two[0]]],
      ['keys one article holds alone and others it shares', [threeShared[0], threeAlone[0]]],
      ['keys an article shares with another', threeShared.slice(0, 3)],
    ];
    const got: Record<string, unknown> = {};
    for (const [name, keys] of pages) {
      const idb = await byId(s.idb, keys);
      expect(idb, name).toEqual(await byId(s.memory, keys));
      got[name] = Object.fromEntries(Object.entries(idb).map(([id, h]) => [id, h.common]));
    }
    expect(got).toEqual({
      'a key two articles hold': { [records[0].id]: true, [records[1].id]: true },
      'every key of an article its twin holds too': { [records[0].id]: true, [records[1].id]: true },
      'a key one article holds alone': { [records[2].id]: false },
      'keys one article holds alone and others it shares': { [records[4].id]: false, [records[3].id]: true },
      'keys an article shares with another': { [records[4].id]: true, [records[3].id]: true },
    });
    s.close();
  });

  it('are not marked when the page shares topic keys with them only (the mark is of band keys)', async () => {
    const s = await stores();
    // listed(1) and its twin have the same words: every topic key held by both.
    const keys = sketchTopicKeys(records[0].sketch!);
    for (const store of [s.idb, s.memory]) {
      const hits = await store.candidates(keys, MAX_TOPIC_POSTINGS);
      expect(hits.length).toBeGreaterThanOrEqual(2);
      expect(hits.filter((h) => h.common)).toEqual([]);
    }
    s.close();
  });
});

describe('a check against listed articles', () => {
  /** A source whose band lookups give `bandHits` (topic lookups nothing), noting what is fetched. */
  function source(bandHits: CandidateHit[], records: Map<StoreRef, ArticleRecord>): CandidateSource & { fetched: StoreRef[] } {
    const fetched: StoreRef[] = [];
    return {
      fetched,
      candidates: (_keys, maxPerKey) => Promise.resolve(maxPerKey === undefined ? bandHits : []),
      fetch: (refs) => {
        fetched.push(...refs);
        return Promise.resolve(refs.map((r) => records.get(r)).filter((r): r is ArticleRecord => !!r));
      },
    };
  }

  it(`does not read one that shares no more than ${MAX_COMMON_BANDS} band key with the page when others hold it too, and reads the rest`, async () => {
    const page = buildRecord(syntheticArticle(40, 5000).text, { url: 'https://reader.example/page' }, 5000);
    const records = new Map<StoreRef, ArticleRecord>([
      ['common-one', listed(41)],
      ['alone-one', listed(42)],
      ['common-two', listed(43)],
    ]);
    const s = source(
      [
        { ref: 'common-one', hits: 1, common: true },
        { ref: 'alone-one', hits: 1 },
        { ref: 'common-two', hits: 2, common: true },
      ],
      records,
    );
    await checkArticle(s, page);
    expect([...new Set(s.fetched)].sort()).toEqual(['alone-one', 'common-two']);
  });
});
