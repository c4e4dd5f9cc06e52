import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DbConnection, IdbStore, readText } from '../../src/storage/db.ts';
import { importPack } from '../../src/storage/import.ts';
import { exportParts } from '../../src/storage/pack-io.ts';
import { readPieces } from '../../src/popup/toolbar/bulk.ts';
import { unpackText } from '../../src/storage/texts.ts';
import { Writer } from '../../src/storage/writer.ts';
import { encodePack, parsePack, PackError } from '../../src/index/index.ts';
import { candidateIds, freshDbName, syntheticArticle } from './background-fixtures.ts';

function setup() {
  const conn = new DbConnection(freshDbName());
  const writer = new Writer(conn);
  return { conn, writer, store: new IdbStore(conn) };
}

/** A pack's text without its creation time, which differs from one export to the next. */
const timeless = (json: string) => json.replace(/"createdAt":"[^"]*"/, '"createdAt":""');

describe('export in pieces', () => {
  it('gives exactly the pack encodePack gives, texts included, over several batches', async () => {
    const { conn, writer } = setup();
    const base = Array.from({ length: 20 }, (_, i) => syntheticArticle(i, 0));
    const arts = Array.from({ length: 1100 }, (_, i) => {
      const a = base[i % 20];
      return { ...a, record: { ...a.record, id: `https://many.example/${i}`, firstSeenAt: 1000 + i } };
    });
    await writer.importItems(arts.map((a, i) => (i % 3 ? { record: a.record, text: a.text } : { record: a.record })));
    const seen: number[] = [];
    const { parts, articles, chars } = await exportParts(conn, (n) => seen.push(n));
    expect(articles).toBe(1100);
    expect(seen).toEqual([500, 1000, 1100]);
    const json = parts.join('');
    expect(chars).toBe(json.length);
    const expected = encodePack(arts.map((a, i) => (i % 3 ? { record: a.record, text: a.text } : { record: a.record })));
    expect(timeless(json)).toBe(timeless(expected));
    expect(parsePack(json).items).toHaveLength(1100);
    conn.close();
  });

  it('an empty index exports an empty pack', async () => {
    const { conn } = setup();
    const { parts, articles } = await exportParts(conn);
    expect(articles).toBe(0);
    expect(parsePack(parts.join('')).items).toEqual([]);
    conn.close();
  });
});

describe('import from a page', () => {
  it('validates whole, writes in steps whose progress it reports, and applies the stored retention limits', async () => {
    const { conn, writer, store } = setup();
    await writer.saveSettings({
      sensitivity: 'normal',
      excludedSites: [],
      maxArticles: 2000,
      maxAgeDays: 0,
      indexPrivate: false,
      paused: false,
      ribbonMode: 'auto',
      ribbonPosition: 'bottom-end',
    });
    const base = Array.from({ length: 20 }, (_, i) => syntheticArticle(i, 0));
    const arts = Array.from({ length: 2100 }, (_, i) => ({ ...base[i % 20], record: { ...base[i % 20].record, firstSeenAt: 1000 + i } }));
    const pack = encodePack(arts.map((a, i) => ({ record: { ...a.record, id: `https://bulk.example/${i}` }, ...(i < 3 ? { text: a.text } : {}) })));
    const progress: string[] = [];
    const result = await importPack(conn, pack, { onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) });
    expect(result).toEqual({ added: 2100, updated: 0, evicted: 100 });
    // Then the band keys, bucket by bucket: the last step reports every touched bucket done.
    expect(progress.slice(0, 4)).toEqual(['compressing 2000/2100', 'compressing 2100/2100', 'writing 2000/2100', 'writing 2100/2100']);
    expect(progress.slice(4).length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatch(/^indexing (\d+)\/\1$/);
    expect(await store.count()).toBe(2000);
    // The oldest 100 went, with their texts.
    expect(await store.get('https://bulk.example/0')).toBeUndefined();
    expect(await readText(conn, 'https://bulk.example/1')).toBeUndefined();
    expect(await (await conn.get()).count('texts')).toBe(0);
    const last = await store.get('https://bulk.example/2099');
    expect(last?.bandKeys).toEqual(arts[2099].record.bandKeys);
    expect((await candidateIds(store, arts[2099].record.bandKeys)).map((h) => h.id)).toContain('https://bulk.example/2099');
    conn.close();
  });

  it('writes nothing when any article is bad', async () => {
    const { conn, writer, store } = setup();
    const a = syntheticArticle(1, 1000);
    await writer.putArticle(a.record, a.text);
    const doc = JSON.parse(encodePack([syntheticArticle(2, 5), syntheticArticle(3, 6)].map((x) => ({ record: x.record, text: x.text }))));
    doc.articles[1].tokens = 'not base64!';
    await expect(importPack(conn, JSON.stringify(doc))).rejects.toBeInstanceOf(PackError);
    expect(await store.count()).toBe(1);
    expect(await unpackText((await readText(conn, a.record.id))!)).toBe(a.text);
    conn.close();
  });

  it('imports a file read in pieces (as the popup reads files too large for one string) like the whole text', async () => {
    const arts = Array.from({ length: 30 }, (_, i) => syntheticArticle(i, 1000 + i));
    // Texts with characters of 2, 3 and 4 bytes, so pieces cut inside them.
    const items = arts.map((a, i) => ({ record: a.record, text: `${a.text} — café 東京 😀 ${i}` }));
    const pack = encodePack(items);
    const whole = setup();
    await importPack(whole.conn, pack);
    const pieces = setup();
    const read: number[] = [];
    const result = await importPack(
      pieces.conn,
      readPieces(new Blob([pack]), (n) => read.push(n), 1001),
    );
    expect(result).toEqual({ added: 30, updated: 0, evicted: 0 });
    expect(read.at(-1)).toBe(new Blob([pack]).size);
    expect(read.length).toBeGreaterThan(10);
    const a = await exportParts(whole.conn);
    const b = await exportParts(pieces.conn);
    expect(timeless(b.parts.join(''))).toBe(timeless(a.parts.join('')));
    expect(await unpackText((await readText(pieces.conn, arts[29].record.id))!)).toBe(items[29].text);
    // A file cut short is refused whole: nothing of it is written.
    const cut = setup();
    await expect(importPack(cut.conn, readPieces(new Blob([pack.slice(0, -500)]), undefined, 1001))).rejects.toThrow(PackError);
    expect(await cut.store.count()).toBe(0);
    for (const x of [whole, pieces, cut]) x.conn.close();
  });
});

describe("the popup's import of a large file", () => {
  it('reads a file above the threshold in pieces, says how far it has read, and imports it like a small one', async () => {
    const { importLocally } = await import('../../src/popup/toolbar/bulk.ts');
    const { DB_NAME } = await import('../../src/storage/db.ts');
    const arts = Array.from({ length: 12 }, (_, i) => syntheticArticle(i, 1000 + i));
    const pack = encodePack(arts.map((a) => ({ record: a.record, text: a.text })));
    const said: string[] = [];
    const result = await importLocally(Object.assign(new Blob([pack]), { name: 'shared.json' }), (t) => said.push(t), 1000);
    expect(result).toEqual({ added: 12, updated: 0, evicted: 0 });
    expect(said[0]).toMatch(/^Checking shared\.json… \d+%$/);
    expect(said).toContain('Checking shared.json… 100%');
    expect(said.at(-1)).toBe('Indexing… 100%');
    const conn = new DbConnection(DB_NAME);
    expect(await new IdbStore(conn).count()).toBe(12);
    // A large file cut short is refused whole, in the reader's words.
    await expect(importLocally(new Blob([pack.slice(0, -10)]), () => {}, 1000)).rejects.toThrow(
      /^This file cannot be imported: not a Firsthand pack: the file is not valid JSON: it ends early/,
    );
    expect(await new IdbStore(conn).count()).toBe(12);
    conn.close();
  });
});
