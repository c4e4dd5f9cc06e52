import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { pageHandlers } from '../../src/background/page.ts';
import type { Handlers, PageSender } from '../../src/background/router.ts';
import type { Services } from '../../src/background/services.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import { withSaves } from '../../src/background/saves.ts';
import { storyUrl, viewHandlers, withHistory } from '../../src/background/views.ts';
import type { PageArticleMessage } from '../../src/protocol/messages.ts';
import { REPLY_CHECKS } from '../../src/protocol/replies.ts';
import type { HistoryView, StoryView } from '../../src/protocol/views.ts';
import { DB_VERSION, DbConnection, IdbStore, upgrade } from '../../src/storage/db.ts';
import { freshDbName, syntheticArticle, testServices } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';

const HOUR = 3_600_000;
const AXIOS = SEED_META['001'].url!;
const JNS = SEED_META['002'].url!;
const ui: { kind: 'ui' } = { kind: 'ui' };

function worker(): { s: Services; h: Handlers; opened: string[] } {
  let t = Date.UTC(2024, 3, 2);
  const { s, rec } = testServices({ now: () => (t += HOUR) });
  const h = { ...pageHandlers(s), ...uiHandlers(s), ...viewHandlers(s) } as Handlers;
  withHistory(s, h);
  withSaves(s.saves, h);
  return { s, h, opened: rec.opened };
}

async function read(h: Handlers, n: string, incognito = false) {
  const msg: PageArticleMessage = { type: 'page/article', text: seed(n), meta: { ...SEED_META[n] } };
  const from: PageSender = { kind: 'page', tabId: Number(n) + 1, url: SEED_META[n].url!, incognito };
  return h['page/article'](msg, from);
}

const history = async (h: Handlers): Promise<HistoryView> => h['view/history']({ type: 'view/history' }, ui);
const story = async (h: Handlers, ref: string): Promise<StoryView> => h['view/story']({ type: 'view/story', ref }, ui);

describe('schema step 7: the history', () => {
  it('upgrades a version 6 database to one with an empty "checks" store (by time, by match), keeping its articles, texts, settings and lists', async () => {
    const name = freshDbName();
    const old = await openDB(name, 6, {
      upgrade: (db, from, _to, tx) => upgrade(db as unknown as Parameters<typeof upgrade>[0], from, 6, tx as unknown as Parameters<typeof upgrade>[3]),
    });
    expect([...old.objectStoreNames]).not.toContain('checks');
    const arts = [syntheticArticle(3, 3000), syntheticArticle(4, 4000)];
    for (const { record } of arts) {
      const { bandKeys: _b, ...rest } = record;
      await old.put('articles', rest);
    }
    await old.put('texts', { key: 1, text: 'kept' });
    await old.put('meta', { key: 'settings', settings: { sensitivity: 'high' } });
    await old.put('lists', { id: 'u0123456789abcdef', name: 'A list' });
    old.close();

    const conn = new DbConnection(name);
    const db = await conn.get();
    expect(db.version).toBe(DB_VERSION);
    const checks = db.transaction('checks').store;
    expect([...checks.indexNames].sort()).toEqual(['checkedAt', 'matchIds']);
    expect(checks.index('matchIds').multiEntry).toBe(true);
    expect(await db.count('checks')).toBe(0);
    expect(await db.count('articles')).toBe(2);
    expect(await new IdbStore(conn).get(arts[1].record.id)).toEqual(arts[1].record);
    expect((await db.get('texts', 1))?.text).toBe('kept');
    expect(await db.get('meta', 'settings')).toEqual({ key: 'settings', settings: { sensitivity: 'high' } });
    expect(await db.count('lists')).toBe(1);
    conn.close();
  });
});

describe('view/history', () => {
  it('lists each flagged page with its original, both shares and the credit, newest first; the original itself is not listed', async () => {
    const { s, h } = worker();
    for (const n of ['001', '002', '000', '004']) await read(h, n);
    const view = await history(h);
    expect(REPLY_CHECKS['view/history'](view)).toBe(true);
    expect(view.rows.map((r) => [r.page.outlet, r.verdict, r.original.outlet])).toEqual([
      ['Arab Canada News', 'related', 'Axios'],
      ['Al Mayadeen English', 'rewrite', 'Axios'],
      ['JNS', 'partial-copy', 'Axios'],
    ]);
    const copy = view.rows[2];
    expect(copy.page.id).toBe(JNS);
    expect(copy.original.id).toBe(AXIOS);
    expect(copy.ofPage).toBeGreaterThan(0.3);
    expect(copy.ofOriginal).toBeGreaterThan(copy.ofPage);
    expect(copy.credited).toBe(true);
    expect(view.rows[0].readAt).toBeGreaterThan(view.rows[1].readAt);
    s.conn.close();
  });

  it('lists copies read before their original once the original is read, from the original’s check', async () => {
    const { s, h } = worker();
    await read(h, '002');
    expect((await history(h)).rows).toEqual([]);
    await read(h, '001');
    const rows = (await history(h)).rows;
    expect(rows.map((r) => [r.page.id, r.verdict, r.original.id])).toEqual([[JNS, 'partial-copy', AXIOS]]);
    s.conn.close();
  });

  it('keeps nothing of a private window’s page, forgets a deleted article’s rows, and is emptied by Clear', async () => {
    const { s, h } = worker();
    await read(h, '001');
    await read(h, '002', true);
    expect((await history(h)).rows).toEqual([]);
    await read(h, '002');
    await read(h, '000');
    expect((await history(h)).rows).toHaveLength(2);
    await s.writer.deleteArticle(JNS);
    expect((await history(h)).rows.map((r) => r.page.outlet)).toEqual(['Al Mayadeen English']);
    await h['ui/clear']({ type: 'ui/clear' }, ui);
    expect(await (await s.conn.get()).count('checks')).toBe(0);
    expect((await history(h)).rows).toEqual([]);
    s.conn.close();
  });
});

describe('view/story', () => {
  it('gathers the story of a copy: every outlet of it earliest first, Axios its original, each link with its verdict and credit', async () => {
    const { s, h } = worker();
    for (const n of ['001', '002', '000', '003', '004']) await read(h, n);
    const view = await story(h, JNS);
    expect(REPLY_CHECKS['view/story'](view)).toBe(true);
    expect(view.focus).toBe(JNS);
    expect(view.original).toBe(AXIOS);
    expect(view.articles.map((a) => a.outlet)).toEqual(['Axios', 'JNS', 'Al Mayadeen English', 'Middle East Wire', 'Arab Canada News']);
    const jnsToAxios = view.links.find((l) => l.from === JNS && l.to === AXIOS);
    expect(jnsToAxios).toMatchObject({ verdict: 'partial-copy', credited: true });
    expect(view.links.every((l) => l.from !== AXIOS)).toBe(true);
    s.conn.close();
  });

  it('finds an article by the address it was read at, refuses one not in the index, and opens the story page in a tab', async () => {
    const { s, h, opened } = worker();
    await read(h, '001');
    await read(h, '002');
    expect((await story(h, `${AXIOS}#comments`)).focus).toBe(AXIOS);
    await expect(story(h, 'https://nowhere.example/x')).rejects.toThrow(/not in your index/);
    await h['view/open-story']({ type: 'view/open-story', ref: JNS }, ui);
    expect(opened).toEqual([storyUrl(s, JNS)]);
    expect(new URL(opened[0]).searchParams.get('id')).toBe(JNS);
    s.conn.close();
  });
});
