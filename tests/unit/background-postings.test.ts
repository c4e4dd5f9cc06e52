import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { BUCKET_BITS, PostingsChanges, bandLayoutOf, bucketOf, hashOf, storedBandKeys } from '../../src/storage/postings.ts';
import { importPack } from '../../src/storage/import.ts';
import { Writer } from '../../src/storage/writer.ts';
import { DEFAULT_PARAMS, encodePack, indexKeys, paramsId } from '../../src/index/index.ts';
import { candidateIds, freshDbName, postedArticles, syntheticArticle } from './background-fixtures.ts';

function setup() {
  const conn = new DbConnection(freshDbName());
  const writer = new Writer(conn);
  return { conn, writer, store: new IdbStore(conn) };
}

const numberOf = async (conn: DbConnection, id: string) => (await (await conn.get()).getKeyFromIndex('articles', 'id', id))!;

describe('band postings: buckets', () => {
  it("puts a band key in its band's bucket range and keeps its whole hash", () => {
    for (const key of syntheticArticle(1, 1).record.bandKeys) {
      const band = Math.floor(key / 2 ** 32);
      expect(Math.floor(bucketOf(key) / 2 ** BUCKET_BITS)).toBe(band);
      expect(band * 2 ** 32 + hashOf(key)).toBe(key);
    }
  });

  it('merges additions and removals into a bucket, dropping it when nothing is left', () => {
    const key = 5 * 2 ** 32 + 0xdeadbeef;
    const bucket = bucketOf(key);
    const changes = new PostingsChanges();
    changes.add(7, [key]);
    changes.remove(3, [key]);
    const old = Uint32Array.from([0xdeadbeef, 3, 0x12345678, 4]);
    expect([...changes.merge(bucket, old)!]).toEqual([0x12345678, 4, 0xdeadbeef, 7]);
    const emptying = new PostingsChanges();
    emptying.remove(3, [key]);
    expect(emptying.merge(bucket, Uint32Array.from([0xdeadbeef, 3]))).toBeUndefined();
  });

  it('reads the band layout back from a stored parameters id, so older records can be unindexed', () => {
    expect(bandLayoutOf(paramsId(DEFAULT_PARAMS))).toEqual({ seed: DEFAULT_PARAMS.seed, numPerm: 256, bands: 128, rows: 2 });
    expect(bandLayoutOf('something else')).toBeUndefined();
    const { record } = syntheticArticle(2, 1);
    expect(storedBandKeys(record)).toEqual(record.bandKeys);
    expect(storedBandKeys({ ...record, params: 'murmur3-32/s1/p256/content-word2/b64x4/t1' })).toHaveLength(64);
  });
});

describe('band postings: kept in step with the articles', () => {
  it("a re-visit with new text replaces the article's band keys instead of adding to them", async () => {
    const { conn, writer, store } = setup();
    const a = syntheticArticle(1, 1000);
    const b = syntheticArticle(2, 2000);
    await writer.putArticle(a.record, a.text);
    const key = await numberOf(conn, a.record.id);
    expect((await postedArticles(conn)).get(key)).toBe(new Set(indexKeys(a.record)).size);
    // The same URL now carries another text.
    const changed = { ...b.record, id: a.record.id, url: a.record.url };
    await writer.putArticle(changed, b.text);
    expect(await numberOf(conn, a.record.id)).toBe(key);
    expect((await postedArticles(conn)).get(key)).toBe(new Set(indexKeys(changed)).size);
    expect((await candidateIds(store, a.record.bandKeys)).map((h) => h.id)).not.toContain(a.record.id);
    expect((await candidateIds(store, changed.bandKeys)).find((h) => h.id === a.record.id)?.hits).toBe(new Set(changed.bandKeys).size);
    conn.close();
  });

  it('deleting, evicting and clearing take articles out of the postings', async () => {
    const { conn, writer } = setup();
    const arts = [1, 2, 3, 4].map((n) => syntheticArticle(n, n * 1000));
    for (const a of arts) await writer.putArticle(a.record, a.text);
    expect((await postedArticles(conn)).size).toBe(4);
    await writer.deleteArticle(arts[3].record.id);
    expect((await postedArticles(conn)).size).toBe(3);
    await writer.enforceRetention({ maxArticles: 1, maxAgeDays: 0 });
    const left = await postedArticles(conn);
    expect([...left.keys()]).toEqual([await numberOf(conn, arts[2].record.id)]);
    await writer.clear();
    expect(await (await conn.get()).count('postings')).toBe(0);
    conn.close();
  });

  it('an import over existing articles keeps one set of band keys per article, under its number', async () => {
    const { conn, writer, store } = setup();
    const arts = [1, 2, 3].map((n) => syntheticArticle(n, n * 1000));
    await writer.putArticle(arts[0].record, arts[0].text);
    const first = await numberOf(conn, arts[0].record.id);
    // The pack brings article 1 again with another text, and two new ones.
    const other = syntheticArticle(9, 9000);
    const replaced = { ...other.record, id: arts[0].record.id, url: arts[0].record.url };
    await importPack(conn, encodePack([{ record: replaced, text: other.text }, { record: arts[1].record }, { record: arts[2].record }]));
    const posted = await postedArticles(conn);
    expect(posted.size).toBe(3);
    expect(posted.get(first)).toBe(new Set(indexKeys(replaced)).size);
    for (const r of [replaced, arts[1].record, arts[2].record])
      expect((await candidateIds(store, r.bandKeys)).find((h) => h.id === r.id)?.hits).toBe(new Set(r.bandKeys).size);
    conn.close();
  });
});
