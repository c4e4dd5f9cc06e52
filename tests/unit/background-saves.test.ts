import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageHandlers } from '../../src/background/page.ts';
import type { Handlers, PageSender } from '../../src/background/router.ts';
import { KEEP_ALIVE_MS, Saves, withSaves } from '../../src/background/saves.ts';
import type { Services } from '../../src/background/services.ts';
import { viewHandlers, withHistory } from '../../src/background/views.ts';
import { libraryHandlers } from '../../src/background/library.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import type { PageArticleMessage, TabState } from '../../src/protocol/messages.ts';
import { recentChecks } from '../../src/storage/history.ts';
import { Writer } from '../../src/storage/writer.ts';
import { postedArticles, testOf, testServices } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';

const HOUR = 3_600_000;
const AXIOS = SEED_META['001'].url!;
const JNS = SEED_META['002'].url!;
const ui: { kind: 'ui' } = { kind: 'ui' };

/** The worker's handlers wired as main.ts wires them. */
function worker() {
  let t = Date.UTC(2024, 3, 2);
  const { s, rec, session } = testServices({ now: () => (t += HOUR) });
  const h = { ...pageHandlers(s), ...uiHandlers(s), ...viewHandlers(s), ...libraryHandlers(s) } as Handlers;
  withHistory(s, h);
  withSaves(s.saves, h);
  return { s, h, rec, session };
}

function read(h: Handlers, n: string, tabId = Number(n) + 1): Promise<TabState> {
  const msg: PageArticleMessage = { type: 'page/article', text: seed(n), meta: { ...SEED_META[n] } };
  const from: PageSender = { kind: 'page', tabId, url: SEED_META[n].url!, incognito: false };
  return h['page/article'](msg, from);
}

/** Holds every article write until released (or fails them with `fail`): the save is pending meanwhile. */
function holdSaves(s: Services, fail?: Error): () => void {
  const real = Writer.prototype.putArticle.bind(s.writer);
  let release = () => undefined as void;
  const held = new Promise<void>((r) => (release = r));
  vi.spyOn(s.writer, 'putArticle').mockImplementation(async (...args) => {
    await held;
    if (fail) throw fail;
    return real(...args);
  });
  return release;
}

/** Whether a promise has settled by the time the worker has had a while to run. */
async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 50));
  return done;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the verdict before the save', () => {
  it('answers the content script while the page is still being saved, then saves it and keeps its check', async () => {
    const { s, h } = worker();
    const release = holdSaves(s);
    const state = await read(h, '001');
    expect(state.pageId).toBe(AXIOS);
    expect(state.note).toBeUndefined();
    expect(s.saves.size).toBeGreaterThan(0);
    expect(await s.store.get(AXIOS)).toBeUndefined();
    release();
    await s.saves.settled();
    expect(s.saves.size).toBe(0);
    expect((await s.store.get(AXIOS))?.id).toBe(AXIOS);
    // The history keeps flagged pages: a copy's check, once the copy is saved.
    await read(h, '002');
    await s.saves.settled();
    expect((await recentChecks(s.conn, 10)).map((c) => c.id)).toEqual([JNS]);
    s.conn.close();
  });

  it('checks a page read right after another against it: the check waits for the save', async () => {
    const { s, h } = worker();
    const release = holdSaves(s);
    await read(h, '001');
    const copy = read(h, '002');
    expect(await settledYet(copy)).toBe(false);
    release();
    expect((await copy).result?.original?.id).toBe(AXIOS);
    await s.saves.settled();
    expect(await s.store.count()).toBe(2);
    s.conn.close();
  });

  it('shows the popup the verdict the ribbon shows, with the page saved, even when opened during the save', async () => {
    const { s, h } = worker();
    await read(h, '001');
    const release = holdSaves(s);
    const copy = await read(h, '002');
    const popup = h['ui/tab-state']({ type: 'ui/tab-state', tabId: 3 }, ui);
    const stats = h['ui/stats']({ type: 'ui/stats' }, ui);
    expect(await settledYet(popup)).toBe(false);
    release();
    expect(await popup).toEqual(copy);
    expect((await stats).articles).toBe(2);
    // The test build's "saves settled" answers once the page is in the index.
    const release2 = holdSaves(s);
    await read(h, '004');
    const settled = testOf(s)['ui/saves-settled']({ type: 'ui/saves-settled' }, ui);
    expect(await settledYet(settled)).toBe(false);
    release2();
    expect(await settled).toBeNull();
    expect(await s.store.get(SEED_META['004'].url!)).toBeDefined();
    s.conn.close();
  });
});

describe('a save that fails', () => {
  it('is noted in the tab state the popup shows, with the badge kept, and the next page is still checked and saved', async () => {
    const { s, h, rec } = worker();
    await read(h, '001');
    const release = holdSaves(s, new Error('the disk went away'));
    const copy = await read(h, '002');
    expect(copy.note).toBeUndefined();
    const badge = rec.badges.get(3);
    expect(badge?.text).toMatch(/%$/);
    release();
    const shown = await h['ui/tab-state']({ type: 'ui/tab-state', tabId: 3 }, ui);
    expect(shown).toEqual({ ...copy, note: 'This page was checked but not saved: the disk went away' });
    expect(rec.badges.get(3)).toEqual(badge);
    expect(await s.store.get(JNS)).toBeUndefined();
    vi.restoreAllMocks();
    await read(h, '004');
    await s.saves.settled();
    expect(await s.store.get(SEED_META['004'].url!)).toBeDefined();
    s.conn.close();
  });

  it('leaves a tab that moved on to another page as it is', async () => {
    const { s, h, session } = worker();
    const release = holdSaves(s, new Error('the disk went away'));
    await read(h, '001', 7);
    // The tab shows another page before the save fails.
    const moved = await h['page/not-article'](
      { type: 'page/not-article', url: 'https://elsewhere.example/' },
      { kind: 'page', tabId: 7, url: 'https://elsewhere.example/', incognito: false },
    );
    release();
    await s.saves.settled();
    expect(session.data.get('tab:7')).toEqual(moved);
    s.conn.close();
  });
});

describe('Clear while a page is being saved', () => {
  it('runs after the save: the index, the texts, the postings and the history are all empty, and the tab is forgotten', async () => {
    const { s, h } = worker();
    await read(h, '001');
    const release = holdSaves(s);
    await read(h, '002');
    const cleared = h['ui/clear']({ type: 'ui/clear' }, ui);
    expect(await settledYet(cleared)).toBe(false);
    release();
    expect((await cleared).articles).toBe(0);
    await s.saves.settled();
    const db = await s.conn.get();
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('texts')).toBe(0);
    expect((await postedArticles(s.conn)).size).toBe(0);
    expect(await recentChecks(s.conn, 10)).toEqual([]);
    expect(await s.tabs.get(3)).toBeNull();
    s.conn.close();
  });
});

describe('the save queue', () => {
  it('runs tasks in order, goes on after a failure, and is settled at once when nothing is pending', async () => {
    const saves = new Saves();
    const order: string[] = [];
    const a = saves.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('a');
    });
    const b = saves.run(async () => {
      order.push('b');
      throw new Error('b failed');
    });
    const c = saves.run(async () => order.push('c'));
    const settled = saves.settled().then(() => order.push('settled'));
    await expect(b).rejects.toThrow('b failed');
    await Promise.all([a, c, settled]);
    expect(order).toEqual(['a', 'b', 'c', 'settled']);
    expect(saves.size).toBe(0);
    expect(await settledYet(saves.settled())).toBe(true);
  });

  it('shows the browser it is busy while a save is pending, and stops when none is', async () => {
    vi.useFakeTimers();
    const keepAlive = vi.fn(async () => undefined);
    const saves = new Saves(keepAlive);
    let release = () => undefined as void;
    const pending = saves.run(() => new Promise<void>((r) => (release = r)));
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 2 + 1);
    expect(keepAlive).toHaveBeenCalledTimes(2);
    release();
    await pending;
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
    expect(keepAlive).toHaveBeenCalledTimes(2);
  });
});
