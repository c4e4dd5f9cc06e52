import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbConnection, IdbStore, readText } from '../../src/storage/db.ts';
import { unpackText } from '../../src/storage/texts.ts';
import { importPack } from '../../src/storage/import.ts';
import { STORAGE_FULL, StorageFullError } from '../../src/storage/tx.ts';
import { Writer } from '../../src/storage/writer.ts';
import { encodePack, PackError, parsePack } from '../../src/index/index.ts';
import { freshDbName, postedArticles, syntheticArticle } from './background-fixtures.ts';

const DAY = 86_400_000;

function setup() {
  const conn = new DbConnection(freshDbName());
  const writer = new Writer(conn);
  return { conn, writer, store: new IdbStore(conn) };
}

async function ids(store: IdbStore): Promise<string[]> {
  const out: string[] = [];
  for await (const r of store.iterate()) out.push(r.id);
  return out.sort();
}

afterEach(() => vi.restoreAllMocks());

/** Makes `failures` article writes fail as a full disk does, after `skip` that succeed. */
async function failWrites(conn: DbConnection, failures: number, skip = 0) {
  const db = await conn.get();
  const proto = Object.getPrototypeOf(db.transaction('articles').store) as { put: (...a: unknown[]) => unknown };
  const put = proto.put;
  let left = failures;
  let pass = skip;
  vi.spyOn(proto, 'put').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
    if (this.name === 'articles' && pass-- <= 0 && left > 0) {
      left--;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return put.apply(this, args);
  });
}

describe('writing articles', () => {
  it('stores the record and its text compressed, and a re-visit replaces rather than duplicates', async () => {
    const { conn, writer, store } = setup();
    const a = syntheticArticle(1, 1000);
    await writer.putArticle(a.record, a.text, a.meta);
    await writer.putArticle({ ...a.record, title: 'Updated', firstSeenAt: 9000 }, a.text, a.meta);
    expect(await store.count()).toBe(1);
    expect((await store.get(a.record.id))?.title).toBe('Updated');
    // The re-visit keeps when the article was first seen.
    expect((await store.get(a.record.id))?.firstSeenAt).toBe(1000);
    const stored = await readText(conn, a.record.id);
    expect(stored?.gzip).toBeInstanceOf(Uint8Array);
    expect(stored!.gzip!.length).toBeLessThan(a.text.length);
    expect(await unpackText(stored!)).toBe(a.text);
    expect(stored?.meta?.url).toBe(a.meta.url);
    conn.close();
  });

  it('deletes an article with its text, and clears everything but the settings', async () => {
    const { conn, writer, store } = setup();
    const a = syntheticArticle(1, 1000);
    const b = syntheticArticle(2, 2000);
    await writer.putArticle(a.record, a.text);
    await writer.putArticle(b.record, b.text);
    await writer.saveSettings({
      sensitivity: 'high',
      excludedSites: [],
      maxArticles: 500,
      maxAgeDays: 0,
      indexPrivate: false,
      paused: true,
      ribbonMode: 'auto',
      ribbonPosition: 'bottom-end',
    });
    expect(await writer.deleteArticle(a.record.id)).toBe(true);
    expect(await readText(conn, a.record.id)).toBeUndefined();
    expect((await postedArticles(conn)).size).toBe(1);
    await writer.clear();
    expect(await store.count()).toBe(0);
    expect(await (await conn.get()).count('postings')).toBe(0);
    expect(await (await conn.get()).count('texts')).toBe(0);
    expect((await (await conn.get()).get('meta', 'settings'))?.key).toBe('settings');
    conn.close();
  });
});

describe('retention', () => {
  it('evicts the oldest first seen beyond the article limit, with their texts', async () => {
    const { conn, writer, store } = setup();
    // Written out of time order, so eviction must follow firstSeenAt, not insertion.
    const seenAt = [5, 1, 4, 2, 3];
    const arts = seenAt.map((t, i) => syntheticArticle(i, t * 1000));
    for (const a of arts) await writer.putArticle(a.record, a.text);
    expect(await writer.enforceRetention({ maxArticles: 3, maxAgeDays: 0 })).toBe(2);
    const kept = arts
      .filter((_, i) => seenAt[i] >= 3)
      .map((a) => a.record.id)
      .sort();
    expect(await ids(store)).toEqual(kept);
    const texts = await Promise.all(arts.map(async (a) => ((await readText(conn, a.record.id)) ? a.record.id : '')));
    expect(texts.filter(Boolean).sort()).toEqual(kept);
    expect(await (await conn.get()).count('texts')).toBe(3);
    expect((await postedArticles(conn)).size).toBe(3);
    expect(await writer.enforceRetention({ maxArticles: 3, maxAgeDays: 0 })).toBe(0);
    conn.close();
  });

  it('evicts articles first seen longer ago than the age limit; 0 keeps them forever', async () => {
    const { conn, writer, store } = setup();
    const now = 100 * DAY;
    const old = syntheticArticle(1, now - 40 * DAY);
    const recent = syntheticArticle(2, now - 10 * DAY);
    await writer.putArticle(old.record, old.text);
    await writer.putArticle(recent.record, recent.text);
    expect(await writer.enforceRetention({ maxArticles: 1000, maxAgeDays: 0 }, now)).toBe(0);
    expect(await writer.enforceRetention({ maxArticles: 1000, maxAgeDays: 30 }, now)).toBe(1);
    expect(await ids(store)).toEqual([recent.record.id]);
    conn.close();
  });
});

describe('storage full', () => {
  it('evicts the oldest 10% and retries once', async () => {
    const { conn, writer, store } = setup();
    const arts = Array.from({ length: 20 }, (_, i) => syntheticArticle(i, 1000 + i));
    for (const a of arts) await writer.putArticle(a.record, a.text);
    await failWrites(conn, 1);
    const next = syntheticArticle(99, 9999);
    await writer.putArticle(next.record, next.text);
    const left = await ids(store);
    expect(left).toHaveLength(19);
    expect(left).not.toContain(arts[0].record.id);
    expect(left).not.toContain(arts[1].record.id);
    expect(left).toContain(next.record.id);
    expect(conn.problem).toBeUndefined();
    conn.close();
  });

  it('tells the reader when the retry fails too', async () => {
    const { conn, writer, store } = setup();
    const arts = Array.from({ length: 10 }, (_, i) => syntheticArticle(i, 1000 + i));
    for (const a of arts) await writer.putArticle(a.record, a.text);
    await failWrites(conn, 2);
    const next = syntheticArticle(99, 9999);
    await expect(writer.putArticle(next.record, next.text)).rejects.toBeInstanceOf(StorageFullError);
    expect(conn.problem).toBe(STORAGE_FULL);
    expect(await store.get(next.record.id)).toBeUndefined();
    conn.close();
  });
});

describe('import', () => {
  it('merges a pack: new articles added, known ones keep the earliest first-seen time and gain texts', async () => {
    const { conn, writer, store } = setup();
    const a = syntheticArticle(1, 5000);
    const b = syntheticArticle(2, 1000);
    await writer.putArticle(a.record); // known, no text yet, seen later here than in the pack
    await writer.putArticle(b.record, b.text); // known, seen earlier here than in the pack
    const c = syntheticArticle(3, 3000);
    const pack = encodePack([
      { record: { ...a.record, firstSeenAt: 2000 }, text: a.text },
      { record: { ...b.record, firstSeenAt: 4000 } },
      { record: c.record, text: c.text },
    ]);
    expect(await importPack(conn, pack)).toEqual({ added: 1, updated: 2, evicted: 0 });
    expect((await store.get(a.record.id))?.firstSeenAt).toBe(2000);
    expect((await store.get(b.record.id))?.firstSeenAt).toBe(1000);
    expect((await store.get(c.record.id))?.firstSeenAt).toBe(3000);
    expect(await unpackText((await readText(conn, a.record.id))!)).toBe(a.text);
    expect(await unpackText((await readText(conn, b.record.id))!)).toBe(b.text);
    // Importing the same pack again adds nothing.
    expect(await importPack(conn, pack)).toEqual({ added: 0, updated: 3, evicted: 0 });
    expect(await store.count()).toBe(3);
    conn.close();
  });

  it('is all or nothing: a pack with one bad article changes nothing', async () => {
    const { conn, writer, store } = setup();
    const known = syntheticArticle(1, 1000);
    await writer.putArticle(known.record, known.text);
    const good = Array.from({ length: 5 }, (_, i) => syntheticArticle(10 + i, 2000 + i));
    const doc = JSON.parse(encodePack([{ record: { ...known.record, firstSeenAt: 1 } }, ...good.map((g) => ({ record: g.record, text: g.text }))]));
    doc.articles[4].signature = doc.articles[4].signature.slice(0, 10);
    await expect(importPack(conn, JSON.stringify(doc))).rejects.toBeInstanceOf(PackError);
    expect(await ids(store)).toEqual([known.record.id]);
    expect((await store.get(known.record.id))?.firstSeenAt).toBe(1000);
    expect(await (await conn.get()).count('texts')).toBe(1);
    conn.close();
  });

  it('undoes an import whose writes fail part-way', async () => {
    const { conn, writer, store } = setup();
    const known = syntheticArticle(1, 1000);
    await writer.putArticle(known.record, known.text);
    const arts = Array.from({ length: 6 }, (_, i) => syntheticArticle(10 + i, 2000 + i));
    const pack = encodePack([{ record: { ...known.record, firstSeenAt: 5 } }, ...arts.map((a) => ({ record: a.record, text: a.text }))]);
    await failWrites(conn, 1, 3);
    await expect(importPack(conn, pack)).rejects.toThrow(/Storage is full: nothing was imported/);
    expect(await ids(store)).toEqual([known.record.id]);
    expect((await store.get(known.record.id))?.firstSeenAt).toBe(1000);
    expect(await (await conn.get()).count('texts')).toBe(1);
    conn.close();
  });

  it('refuses a pack made with other signature parameters', async () => {
    const { conn, store } = setup();
    const doc = JSON.parse(encodePack([{ record: syntheticArticle(1, 1).record }]));
    doc.params.seed = 7;
    await expect(importPack(conn, JSON.stringify(doc))).rejects.toThrow(/other signature parameters/);
    expect(await store.count()).toBe(0);
    conn.close();
  });

  it('applies retention after merging', async () => {
    const { conn, writer, store } = setup();
    const arts = Array.from({ length: 6 }, (_, i) => syntheticArticle(i, 1000 * (i + 1)));
    const pack = encodePack(arts.map((a) => ({ record: a.record })));
    expect(await writer.importItems(parsePack(pack).items, { maxArticles: 4, maxAgeDays: 0 })).toEqual({ added: 6, updated: 0, evicted: 2 });
    expect(await ids(store)).toEqual(
      arts
        .slice(2)
        .map((a) => a.record.id)
        .sort(),
    );
    conn.close();
  });
});
