// Updating a reuse list's copy: a block the new copy gives as the old one held it, at the same
// place, is left as it is; everything else is the new copy's.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { listedRecord, type ArticleRecord } from '../../src/index/index.ts';
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { BLOCK_SIZE } from '../../src/storage/list-layout.ts';
import { installList, listInfoOf, type ListContentLike } from '../../src/storage/lists.ts';
import { candidateIds, freshDbName, listedIds, postingsConsistent, syntheticArticle } from './background-fixtures.ts';

const LIST = 'u00000000000000aa';

const listed = (n: number, id = n): ArticleRecord => {
  const r = listedRecord(syntheticArticle(n % 50, 1000).record);
  return { ...r, id: `https://wire.example/${id}`, url: `https://wire.example/${id}` };
};

async function install(conn: DbConnection, records: ArticleRecord[], digest: string): Promise<void> {
  const c: ListContentLike = { header: { list: { name: 'Wire', publisher: 'Media Watch' } }, items: records.map((record) => ({ record })), digest, bytes: 1 };
  await installList(conn, LIST, c, listInfoOf(LIST, c, { url: 'https://lists.example/a' }, 5000));
}

describe('updating a list', () => {
  it('leaves the blocks it would write again as they are, writes the others, and every article is found as the new copy gives it', async () => {
    const conn = new DbConnection(freshDbName());
    const store = new IdbStore(conn);
    const first = Array.from({ length: BLOCK_SIZE * 3 }, (_, i) => listed(i));
    await install(conn, first, 'ab'.repeat(32));
    const db = await conn.get();
    const before = await db.get('listManifests', LIST);
    const blocksBefore = await Promise.all(before!.blocks.map((s) => db.get('listBlocks', s)));
    // The second block changes (a title), the third is replaced, a fourth is added.
    const second = [...first];
    second[BLOCK_SIZE + 1] = { ...second[BLOCK_SIZE + 1], title: 'A new title' };
    for (let i = 2 * BLOCK_SIZE; i < 3 * BLOCK_SIZE; i++) second[i] = listed(i, 1000 + i);
    second.push(...Array.from({ length: 3 }, (_, i) => listed(i, 2000 + i)));
    await install(conn, second, 'cd'.repeat(32));
    const after = (await db.get('listManifests', LIST))!;
    expect(after.blocks).toHaveLength(4);
    expect(after.blocks[0]).toBe(before!.blocks[0]);
    expect(await db.get('listBlocks', after.blocks[0])).toEqual(blocksBefore[0]);
    expect((await db.get('listBlocks', after.blocks[1]))?.entries[1].title).toBe('A new title');
    expect(await db.count('listBlocks')).toBe(4);
    expect(await listedIds(conn, LIST)).toEqual(second.map((r) => r.id).sort());
    expect(await postingsConsistent(conn)).toBe(true);
    for (const r of [second[0], second[BLOCK_SIZE + 1], second[2 * BLOCK_SIZE], second[second.length - 1]]) {
      expect((await store.get(r.id))?.title).toBe(r.title);
      // By its band keys (topic keys this many look-alike articles share are held by too many to be posted for all).
      const keys = new Set(r.bandKeys);
      expect((await candidateIds(store, [...keys])).filter((h) => h.hits === keys.size).map((h) => h.id)).toContain(r.id);
    }
    expect(await store.get(first[2 * BLOCK_SIZE].id)).toBeUndefined();
    conn.close();
  });
});
