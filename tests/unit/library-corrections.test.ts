// "This is not a copy": the pack's corrections section (read, refused, merged), checks that skip
// a corrected original, and the worker's corrections messages.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handlePageArticle } from '../../src/background/page.ts';
import { libraryHandlers } from '../../src/background/library.ts';
import type { PageSender } from '../../src/background/router.ts';
import type { Services } from '../../src/background/services.ts';
import { withSaves } from '../../src/background/saves.ts';
import { encodePack, excludedFor, parsePack, parsePackChunks, PackError, type Correction } from '../../src/index/index.ts';
import { exportParts } from '../../src/storage/pack-io.ts';
import { readCorrections } from '../../src/storage/corrections.ts';
import { validateMessage } from '../../src/protocol/validate.ts';
import { REPLY_CHECKS } from '../../src/protocol/replies.ts';
import { testOf, testServices, syntheticArticle } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';

const HOUR = 3_600_000;
const AXIOS = SEED_META['001'].url!;
const COPY = SEED_META['002'].url!;
const tabOf: Record<string, number> = { '001': 1, '002': 2, '000': 3, '003': 4, '004': 5 };
const ui = { kind: 'ui' } as const;

/** The library's requests as the worker wires them: each waits for the saves pending (saves.ts). */
function libraryOf(s: Services): ReturnType<typeof libraryHandlers> {
  const h = libraryHandlers(s);
  withSaves(s.saves, h);
  return h;
}

function clock(start = Date.UTC(2024, 3, 2)) {
  let t = start;
  return () => (t += HOUR);
}

function visit(s: Services, n: string) {
  const from: PageSender = { kind: 'page', tabId: tabOf[n], url: SEED_META[n].url!, incognito: false };
  return handlePageArticle(s, { type: 'page/article', text: seed(n), meta: { ...SEED_META[n] } }, from);
}

/** A pack of one synthetic article with this corrections section put in its frame as given. */
function packWith(corrections: unknown): string {
  const doc = JSON.parse(encodePack([{ record: syntheticArticle(1, 1000).record }])) as Record<string, unknown>;
  return JSON.stringify({ ...doc, corrections });
}

async function* inPieces(text: string, size = 97): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('the pack corrections section', () => {
  const pair: Correction = { page: COPY, original: AXIOS, at: 1_700_000_000_000 };

  it('is written when there are corrections and read back whole, from a string or in pieces', async () => {
    const text = encodePack([{ record: syntheticArticle(1, 1000).record }], undefined, [pair]);
    expect(parsePack(text).corrections).toEqual([pair]);
    expect((await parsePackChunks(inPieces(text))).corrections).toEqual([pair]);
  });

  it('is absent from a pack without corrections, which imports as before', () => {
    const text = encodePack([{ record: syntheticArticle(1, 1000).record }]);
    expect(text).not.toContain('corrections');
    const parsed = parsePack(text);
    expect(parsed.corrections).toBeUndefined();
    expect(parsed.items).toHaveLength(1);
  });

  it.each([
    ['not a list', { a: 1 }, /"corrections" must be a list/],
    ['an entry that is not an object', ['x'], /corrections: entry 1 is not an object/],
    ['a missing original', [{ page: COPY, at: 1 }], /corrections: entry 1: original is missing/],
    ['a page that is not text', [{ page: 7, original: AXIOS, at: 1 }], /corrections: entry 1: page must be text/],
    ['a page that is its own original', [{ page: COPY, original: COPY, at: 1 }], /entry 1: page and original are the same article/],
    ['a time that is not one', [{ page: COPY, original: AXIOS, at: -5 }], /entry 1: at must be a time/],
    ['an over-long id', [{ page: 'x'.repeat(5000), original: AXIOS, at: 1 }], /entry 1: page is 5000 characters long/],
    [
      'too many entries',
      Array.from({ length: 10_001 }, (_, i) => ({ page: `https://a.example/${i}`, original: AXIOS, at: 1 })),
      /holds 10001 entries, at most 10000/,
    ],
  ])('refuses %s with a message naming it, from a string and in pieces', async (_what, corrections, message) => {
    const text = packWith(corrections);
    expect(() => parsePack(text)).toThrow(PackError);
    expect(() => parsePack(text)).toThrow(message);
    await expect(parsePackChunks(inPieces(text, 1000))).rejects.toThrow(message);
  });

  it('keeps one entry per pair, whichever way round, the earliest mark first', () => {
    const text = packWith([pair, { page: AXIOS, original: COPY, at: 5 }]);
    expect(parsePack(text).corrections).toEqual([{ page: AXIOS, original: COPY, at: 5 }]);
    expect([...excludedFor([pair], AXIOS)]).toEqual([COPY]);
    expect([...excludedFor([pair], COPY)]).toEqual([AXIOS]);
  });
});

describe('checks with a "not a copy" correction', () => {
  it('the seed copy marked not a copy of Axios is no longer flagged against it; undoing the mark flags it again', async () => {
    const { s } = testServices({ now: clock() });
    const h = libraryOf(s);
    await visit(s, '001');
    expect((await visit(s, '002')).result?.original?.id).toBe(AXIOS);
    const marked = await h['corrections/add']({ type: 'corrections/add', pageId: COPY, originalId: AXIOS }, ui);
    expect(marked).toEqual([expect.objectContaining({ page: COPY, original: AXIOS, pageOutlet: 'JNS', originalOutlet: 'Axios' })]);
    const again = await visit(s, '002');
    expect(again.result?.original).toBeUndefined();
    expect(again.result?.matches.map((m) => m.id)).not.toContain(AXIOS);
    expect(again.result?.verdict).toBe('unrelated');
    // Either side of the pair: the Axios report, checked again, does not list the copy either.
    expect((await visit(s, '001')).result?.matches.map((m) => m.id)).not.toContain(COPY);
    expect(await h['corrections/remove']({ type: 'corrections/remove', pageId: AXIOS, originalId: COPY }, ui)).toEqual([]);
    expect((await visit(s, '002')).result?.original?.id).toBe(AXIOS);
    s.conn.close();
  });

  it('names the next-best original when the one named is marked not a copy', async () => {
    const { s } = testServices({ now: clock() });
    const { text, meta } = syntheticArticle(3, 0);
    const read = (url: string, site: string, tabId: number) =>
      handlePageArticle(s, { type: 'page/article', text, meta: { ...meta, url, siteName: site } }, { kind: 'page', tabId, url, incognito: false });
    await read('https://first.example/a', 'First', 1);
    await read('https://second.example/a', 'Second', 2);
    expect((await read('https://third.example/a', 'Third', 3)).result?.original?.id).toBe('https://first.example/a');
    await libraryOf(s)['corrections/add']({ type: 'corrections/add', pageId: 'https://third.example/a', originalId: 'https://first.example/a' }, ui);
    expect((await read('https://third.example/a', 'Third', 3)).result?.original?.id).toBe('https://second.example/a');
    s.conn.close();
  });

  it('refuses a pair whose articles are not both in the index, and the ribbon message for a match the tab does not have', async () => {
    const { s } = testServices({ now: clock() });
    const h = libraryOf(s);
    await visit(s, '001');
    await expect(h['corrections/add']({ type: 'corrections/add', pageId: COPY, originalId: AXIOS }, ui)).rejects.toThrow(/Both articles must be in your index/);
    await visit(s, '002');
    const from: PageSender = { kind: 'page', tabId: 2, url: COPY, incognito: false };
    await expect(h['page/not-a-copy']({ type: 'page/not-a-copy', originalId: 'https://elsewhere.example/x' }, from)).rejects.toThrow(
      /not among this page's matches/,
    );
    expect(await h['page/not-a-copy']({ type: 'page/not-a-copy', originalId: AXIOS }, from)).toBeNull();
    expect(await readCorrections(s.conn)).toEqual([expect.objectContaining({ page: COPY, original: AXIOS })]);
    s.conn.close();
  });

  it('travel in exports, merge on import, and a pack with a hostile section imports nothing', async () => {
    const { s } = testServices({ now: clock() });
    const h = libraryOf(s);
    await visit(s, '001');
    await visit(s, '002');
    await h['corrections/add']({ type: 'corrections/add', pageId: COPY, originalId: AXIOS }, ui);
    const pack = (await exportParts(s.conn)).parts.join('');
    expect(parsePack(pack).corrections).toEqual([expect.objectContaining({ page: COPY, original: AXIOS })]);

    const other = testServices({ now: clock() }).s;
    const imported = await testOf(other)['ui/import']({ type: 'ui/import', text: pack }, ui);
    expect(imported).toMatchObject({ added: 2, corrections: 1 });
    expect(await readCorrections(other.conn)).toEqual(await readCorrections(s.conn));

    const hostile = JSON.stringify({ ...(JSON.parse(pack) as object), corrections: [{ page: COPY }] });
    const third = testServices({ now: clock() }).s;
    await expect(testOf(third)['ui/import']({ type: 'ui/import', text: hostile }, ui)).rejects.toThrow(
      /This file cannot be imported: corrections: entry 1: original is missing/,
    );
    expect(await third.store.count()).toBe(0);
    expect(await readCorrections(third.conn)).toEqual([]);
    for (const x of [s, other, third]) x.conn.close();
  });
});

describe('the library and corrections messages', () => {
  it('accept well-formed requests and refuse malformed ones with the field named', () => {
    expect(validateMessage({ type: 'corrections/add', pageId: COPY, originalId: AXIOS }).ok).toBe(true);
    expect(validateMessage({ type: 'library/browse', query: 'axios', after: 12 }).ok).toBe(true);
    expect(validateMessage({ type: 'library/browse', query: 'axios' }).ok).toBe(true);
    expect(validateMessage({ type: 'corrections/add', pageId: '', originalId: AXIOS })).toEqual({ ok: false, error: 'corrections/add: pageId: empty' });
    expect(validateMessage({ type: 'library/browse', query: 'x', after: -1 })).toEqual({ ok: false, error: 'library/browse: after: not an article number' });
    expect(validateMessage({ type: 'library/browse', query: 'x'.repeat(201) })).toEqual({
      ok: false,
      error: 'library/browse: query: longer than 200 characters',
    });
    expect(validateMessage({ type: 'undo/restore', extra: 1 })).toEqual({ ok: false, error: 'undo/restore: unexpected field "extra"' });
  });

  it('replies are checked before a page reads them', () => {
    expect(REPLY_CHECKS['undo/status']({ kept: true, clearedAt: 1, expiresAt: 2, articles: 3, corrections: 0 })).toBe(true);
    expect(REPLY_CHECKS['undo/status']({ kept: 'yes' })).toBe(false);
    expect(
      REPLY_CHECKS['library/browse']({
        items: [{ key: 1, id: 'a', url: 'a', title: 't', outlet: 'o', host: 'h', seenAt: 0, source: 'read' }],
        scanned: 1,
        total: 1,
      }),
    ).toBe(true);
    expect(
      REPLY_CHECKS['library/browse']({
        items: [{ key: 1, id: 'a', url: 'a', title: 't', outlet: 'o', host: 'h', seenAt: 0, source: 'stolen' }],
        scanned: 1,
        total: 1,
      }),
    ).toBe(false);
    expect(REPLY_CHECKS['corrections/list']([{ page: 'p', original: 'o', at: 1, pageTitle: 7 }])).toBe(false);
  });
});
