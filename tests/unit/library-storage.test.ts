// The library's storage: browsing the index a page at a time with a cursor, searching it,
// deleting one article whole, and Clear with its undo.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { libraryHandlers } from '../../src/background/library.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import { listedRecord } from '../../src/index/index.ts';
import { browse, deleteArticle, LIBRARY_PAGE, LIBRARY_SCAN } from '../../src/storage/browse.ts';
import { addCorrection, readCorrections } from '../../src/storage/corrections.ts';
import { readText } from '../../src/storage/db.ts';
import { installList, listInfoOf } from '../../src/storage/lists.ts';
import { UNDO_HOURS } from '../../src/storage/undo.ts';
import { postedArticles, syntheticArticle, testServices } from './background-fixtures.ts';

const NOW = 1_750_000_000_000;
const ui = { kind: 'ui' } as const;
const LIST = 'u00000000000000aa';

/** A worker whose index holds synthetic articles 1..n, read (with their page metadata) in order. */
async function withArticles(n: number, now = () => NOW) {
  const t = testServices({ now });
  for (let i = 1; i <= n; i++) {
    const a = syntheticArticle(i, NOW - (n - i) * 1000);
    await t.s.writer.putArticle(a.record, a.text, a.meta);
  }
  return t.s;
}

describe('browsing the library', () => {
  it('reads newest first, a page at a time, continuing where the last page stopped, to the end', async () => {
    const s = await withArticles(LIBRARY_PAGE + 12);
    const first = await browse(s.conn, '');
    expect(first.total).toBe(LIBRARY_PAGE + 12);
    expect(first.items).toHaveLength(LIBRARY_PAGE);
    expect(first.items[0]).toMatchObject({ title: `Story ${LIBRARY_PAGE + 12}`, source: 'read', outlet: expect.any(String) });
    expect(first.next).toBeDefined();
    const second = await browse(s.conn, '', first.next);
    expect(second.items.map((i) => i.title)).toEqual(Array.from({ length: 12 }, (_, i) => `Story ${12 - i}`));
    expect(second.next).toBeUndefined();
    s.conn.close();
  });

  it('finds articles by every word of a search in their title, outlet or address, case aside', async () => {
    const s = await withArticles(30);
    expect((await browse(s.conn, 'STORY 21')).items.map((i) => i.title)).toEqual(['Story 21']);
    expect((await browse(s.conn, 'outlet 1 story/7')).items.map((i) => i.url)).toEqual(['https://news1.example/story/7']);
    expect((await browse(s.conn, 'NEWS1.example')).items).toHaveLength(10);
    expect((await browse(s.conn, 'nothing like this')).items).toEqual([]);
    s.conn.close();
  });

  it('stops a search after a bounded number of articles and says where to go on', async () => {
    const { s } = testServices({ now: () => NOW });
    // The oldest article (the first imported) is the only needle: the search must walk the whole index.
    const records = Array.from({ length: LIBRARY_SCAN + 5 }, (_, i) => syntheticArticle(i + 1, NOW).record);
    records[0] = { ...records[0], title: 'A needle in the index' };
    await s.writer.importItems(records.map((record) => ({ record })));
    const page = await browse(s.conn, 'NEEDLE');
    expect(page).toMatchObject({ items: [], scanned: LIBRARY_SCAN, total: LIBRARY_SCAN + 5 });
    expect(page.next).toBeDefined();
    const rest = await browse(s.conn, 'needle', page.next);
    expect(rest.scanned).toBe(5);
    expect(rest.items.map((i) => i.title)).toEqual(['A needle in the index']);
    expect(rest.next).toBeUndefined();
    s.conn.close();
  }, 60_000);

  it("tells read, imported and listed-only articles apart, the reader's own first", async () => {
    const s = await withArticles(1);
    await s.writer.importItems([{ record: syntheticArticle(2, NOW).record, text: 'imported text' }]);
    const l = listedRecord(syntheticArticle(3, NOW).record);
    const content = { header: { list: { name: 'Wire originals', publisher: 'Media Watch' } }, items: [{ record: l }], digest: 'ab'.repeat(32), bytes: 10 };
    await installList(s.conn, LIST, content, listInfoOf(LIST, content, { file: 'w.fhlist' }, NOW));
    const { items } = await browse(s.conn, '');
    // The reader's own articles first, newest first; then those known from lists only.
    expect(items.map((i) => [i.title, i.source, i.lists])).toEqual([
      ['Story 2', 'imported', undefined],
      ['Story 1', 'read', undefined],
      ['Story 3', 'listed', ['Wire originals']],
    ]);
    await expect(deleteArticle(s.conn, l.id)).rejects.toThrow(/known only from “Wire originals”.*remove the list/);
    expect((await browse(s.conn, '')).total).toBe(3);
    s.conn.close();
  });
});

describe('the library beside the reuse lists', () => {
  it("continues from the reader's articles into the lists' own, and deleting the reader's copy of a listed article leaves the list's", async () => {
    const s = await withArticles(2);
    const one = syntheticArticle(1, 0).record;
    const three = listedRecord(syntheticArticle(3, NOW).record);
    const content = {
      header: { list: { name: 'Wire originals', publisher: 'Media Watch' } },
      items: [{ record: listedRecord(one) }, { record: three }],
      digest: 'cd'.repeat(32),
      bytes: 10,
    };
    await installList(s.conn, LIST, content, listInfoOf(LIST, content, { file: 'w.fhlist' }, NOW));
    const all = await browse(s.conn, '');
    // Story 1 is the reader's and listed: shown once, as the reader's.
    expect(all.items.map((i) => [i.title, i.source === 'listed'])).toEqual([
      ['Story 2', false],
      ['Story 1', false],
      ['Story 3', true],
    ]);
    // From below the reader's last article, the page goes on with the lists' articles.
    const rest = await browse(s.conn, '', all.items[1].key);
    expect(rest.items.map((i) => i.title)).toEqual(['Story 3']);
    expect(await deleteArticle(s.conn, one.id)).toEqual({ listed: true });
    expect((await browse(s.conn, '')).items.map((i) => [i.title, i.source === 'listed'])).toEqual([
      ['Story 2', false],
      ['Story 3', true],
      ['Story 1', true],
    ]);
    await expect(deleteArticle(s.conn, one.id)).rejects.toThrow(/known only from “Wire originals”/);
    s.conn.close();
  });
});

describe('deleting one article', () => {
  it('removes its record, text, postings and the corrections naming it, and nothing else', async () => {
    const s = await withArticles(3);
    const [one, two, three] = [1, 2, 3].map((i) => syntheticArticle(i, 0).record.id);
    await addCorrection(s.conn, two, one, NOW);
    await addCorrection(s.conn, three, one, NOW);
    await addCorrection(s.conn, three, two, NOW);
    const key = (await (await s.conn.get()).getKeyFromIndex('articles', 'id', two))!;
    expect(await libraryHandlers(s)['library/delete']({ type: 'library/delete', id: two }, ui)).toEqual({ listed: false });
    expect(await s.store.get(two)).toBeUndefined();
    expect(await readText(s.conn, two)).toBeUndefined();
    expect((await postedArticles(s.conn)).has(key)).toBe(false);
    expect((await readCorrections(s.conn)).map((c) => [c.page, c.original])).toEqual([[three, one]]);
    expect(await s.store.count()).toBe(2);
    await expect(deleteArticle(s.conn, two)).rejects.toThrow(/no longer in your index/);
    s.conn.close();
  });
});

describe('Clear and its undo', () => {
  it('Clear keeps a copy for 24 hours that Undo restores whole, corrections included, then forgets', async () => {
    let now = NOW;
    const s = await withArticles(3, () => now);
    const [one, two] = [1, 2].map((i) => syntheticArticle(i, 0).record.id);
    await addCorrection(s.conn, two, one, NOW);
    const h = libraryHandlers(s);
    expect((await uiHandlers(s)['ui/clear']({ type: 'ui/clear' }, ui)).articles).toBe(0);
    expect(await readCorrections(s.conn)).toEqual([]);
    expect(await h['undo/status']({ type: 'undo/status' }, ui)).toEqual({
      kept: true,
      clearedAt: NOW,
      expiresAt: NOW + UNDO_HOURS * 3_600_000,
      articles: 3,
      corrections: 1,
    });
    now += 3_600_000;
    expect(await h['undo/restore']({ type: 'undo/restore' }, ui)).toMatchObject({ added: 3 });
    expect(await s.store.count()).toBe(3);
    expect(await readText(s.conn, one)).toBeDefined();
    expect((await readCorrections(s.conn)).map((c) => [c.page, c.original])).toEqual([[two, one]]);
    expect(await h['undo/status']({ type: 'undo/status' }, ui)).toEqual({ kept: false });
    await expect(h['undo/restore']({ type: 'undo/restore' }, ui)).rejects.toThrow(/nothing to undo/);
    s.conn.close();
  });

  it('the copy is gone after 24 hours, at once when forgotten, and "Clear and forget now" keeps none', async () => {
    let now = NOW;
    const s = await withArticles(2, () => now);
    const h = libraryHandlers(s);
    const meta = async () => (await s.conn.get()).getAllKeys('meta');
    await uiHandlers(s)['ui/clear']({ type: 'ui/clear' }, ui);
    now += UNDO_HOURS * 3_600_000;
    expect(await h['undo/status']({ type: 'undo/status' }, ui)).toEqual({ kept: false });
    expect(await meta()).not.toContain('undo-clear');

    const a = syntheticArticle(5, now);
    await s.writer.putArticle(a.record, a.text, a.meta);
    await uiHandlers(s)['ui/clear']({ type: 'ui/clear' }, ui);
    expect((await h['undo/status']({ type: 'undo/status' }, ui)).kept).toBe(true);
    expect(await h['undo/forget']({ type: 'undo/forget' }, ui)).toEqual({ kept: false });
    expect(await meta()).not.toContain('undo-clear');

    await s.writer.putArticle(a.record, a.text, a.meta);
    await uiHandlers(s)['ui/clear']({ type: 'ui/clear' }, ui);
    expect((await h['library/clear-forget']({ type: 'library/clear-forget' }, ui)).articles).toBe(0);
    expect(await h['undo/status']({ type: 'undo/status' }, ui)).toEqual({ kept: false });
    expect(await meta()).not.toContain('undo-clear');
    expect(await (await s.conn.get()).count('texts')).toBe(0);
    s.conn.close();
  });
});
