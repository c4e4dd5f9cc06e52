import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { refreshOriginals, sourcesOf } from '../../src/background/originals.ts';
import { checkStored, handlePageArticle, pageAddress, pageHandlers } from '../../src/background/page.ts';
import type { PageSender } from '../../src/background/router.ts';
import type { Services } from '../../src/background/services.ts';
import { indexCleared, INDEX_CLEARED, publish, tabLoading } from '../../src/background/tab-sync.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import type { TabState } from '../../src/protocol/messages.ts';
import { testServices, uiOf } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';
import { result } from './ui-fixtures.ts';

const PAGE = 'https://news.example/story';
const copyState: TabState = { url: PAGE, pageId: PAGE, result: result('partial-copy') };
const from = (tabId: number, url = PAGE): PageSender => ({ kind: 'page', tabId, url, incognito: false });

/** Holds the next storage read of the tab states until released: one interleaving, chosen by the test. */
function gateNextGet(s: Services): () => void {
  const area = (s.tabs as unknown as { session: { get: (k: unknown) => Promise<Record<string, unknown>> } }).session;
  const real = area.get.bind(area);
  let release = () => undefined as void;
  const held = new Promise<void>((r) => (release = r));
  area.get = async (k) => {
    area.get = real;
    const value = await real(k);
    await held;
    return value;
  };
  return release;
}

describe('a tab loading while its new page reports (the badge race)', () => {
  it('keeps the verdict when the loading event is handled first and the report lands while it reads', async () => {
    const { s, rec, session } = testServices();
    await publish(s, from(1, 'https://news.example/before'), { url: 'https://news.example/before', result: result('copy') });
    const release = gateNextGet(s);
    // The loading event reads the old state; the new page's report arrives during that read.
    const loading = tabLoading(s, 1, PAGE);
    const report = publish(s, from(1), copyState);
    release();
    await Promise.all([loading, report]);
    expect(session.data.get('tab:1')).toEqual(copyState);
    expect(rec.badges.get(1)?.text).toMatch(/^\d+%$/);
    s.conn.close();
  });

  it('keeps the verdict when the report is saved first and the loading event of the same page lands after it', async () => {
    const { s, rec, session } = testServices();
    await publish(s, from(1), copyState);
    await tabLoading(s, 1, PAGE);
    await tabLoading(s, 1, `${PAGE}#comments`);
    expect(session.data.get('tab:1')).toEqual(copyState);
    expect(rec.badges.get(1)?.text).toMatch(/^\d+%$/);
    s.conn.close();
  });

  it('asks the tab which page it shows when the browser does not say, and keeps the verdict of the page still shown', async () => {
    const { s, rec, session } = testServices();
    await publish(s, from(1), copyState);
    rec.showing.set(1, `${PAGE}#top`);
    await tabLoading(s, 1, undefined);
    expect(session.data.get('tab:1')).toEqual(copyState);
    expect(rec.badges.get(1)?.text).toMatch(/^\d+%$/);
    rec.showing.set(1, 'https://news.example/next');
    await tabLoading(s, 1, undefined);
    expect(session.data.has('tab:1')).toBe(false);
    expect(rec.badges.get(1)).toBeNull();
    s.conn.close();
  });

  it('records a page moved by pushState at its own address, never at another origin', () => {
    expect(pageAddress('https://app.example/first', 'https://app.example/next?x=1')).toBe('https://app.example/next?x=1');
    expect(pageAddress('https://app.example/first', 'https://evil.example/next')).toBe('https://app.example/first');
    expect(pageAddress('https://app.example/first', 'javascript:alert(1)')).toBe('https://app.example/first');
    expect(pageAddress('https://app.example/first', undefined)).toBe('https://app.example/first');
  });

  it("removes another document's state and blanks the badge, also when neither the browser nor the tab says the URL", async () => {
    const { s, rec, session } = testServices();
    await publish(s, from(1), copyState);
    await tabLoading(s, 1, 'https://news.example/next');
    expect(session.data.has('tab:1')).toBe(false);
    expect(rec.badges.get(1)).toBeNull();
    await publish(s, from(2), copyState);
    await tabLoading(s, 2, undefined);
    expect(session.data.has('tab:2')).toBe(false);
    expect(rec.badges.get(2)).toBeNull();
    s.conn.close();
  });
});

describe('Clear under open tabs', () => {
  it('forgets every tab, blanks every badge, and tells each content script and the extension pages', async () => {
    const { s, rec, session } = testServices();
    await publish(s, from(1), copyState);
    await publish(s, from(4, 'https://news.example/other'), { url: 'https://news.example/other', result: result('rewrite') });
    await uiHandlers(s)['ui/clear']({ type: 'ui/clear' }, { kind: 'ui' });
    expect([...session.data.keys()].filter((k) => k.startsWith('tab:'))).toEqual([]);
    expect(rec.badges.get(1)).toBeNull();
    expect(rec.badges.get(4)).toBeNull();
    expect(rec.sent.sort((a, b) => a.tabId - b.tabId)).toEqual([
      { tabId: 1, msg: INDEX_CLEARED },
      { tabId: 4, msg: INDEX_CLEARED },
    ]);
    expect(rec.told).toEqual([{ type: 'index/changed', reason: 'cleared' }]);
    s.conn.close();
  });

  it('tells the extension pages even when no tab had a result, and survives nobody listening', async () => {
    const { s, rec } = testServices();
    s.browser.sendToTab = async () => {
      throw new Error('Could not establish connection');
    };
    await indexCleared(s);
    expect(rec.told).toEqual([INDEX_CLEARED]);
    s.conn.close();
  });

  it('checks a page again after Clear without adding it back to the index', async () => {
    const { s } = testServices();
    await handlePageArticle(s, { type: 'page/article', text: seed('001'), meta: { ...SEED_META['001'] } }, from(1, SEED_META['001'].url));
    // Wired as the worker wires it: Clear runs in the save queue, after the page's save.
    await uiOf(s)['ui/clear']({ type: 'ui/clear' }, { kind: 'ui' });
    const again = await pageHandlers(s)['page/recheck'](
      { type: 'page/recheck', text: seed('002'), meta: { ...SEED_META['002'] } },
      from(2, SEED_META['002'].url),
    );
    expect(again.result?.verdict).toBe('unrelated');
    expect(again.pageId).toBeUndefined();
    expect(again.note).toMatch(/index was cleared/);
    expect(await s.store.count()).toBe(0);
    s.conn.close();
  });
});

describe("the original's tab when its copies are read", () => {
  const visit = (s: Services, key: string, tabId: number) =>
    handlePageArticle(s, { type: 'page/article', text: seed(key), meta: { ...SEED_META[key] } }, from(tabId, SEED_META[key].url));

  it("lists the copies read since in the original's result, each with what Compare needs", async () => {
    const { s, session } = testServices();
    const original = await visit(s, '001', 1);
    expect(original.result?.matches).toEqual([]);
    const copy = await visit(s, '002', 2);
    expect([...sourcesOf(copy)]).toEqual([SEED_META['001'].url]);
    expect(await refreshOriginals(s, 2, copy, (id, url) => checkStored(s, id, url))).toEqual([1]);
    const now = session.data.get('tab:1') as TabState;
    expect(now.pageId).toBe(SEED_META['001'].url);
    const copies = now.result!.matches.filter((m) => m.direction === 'to');
    expect(copies.map((m) => m.id)).toEqual([SEED_META['002'].url]);
    // The fields a copy's own match entry carries for its Compare: id, URL, title, outlet, shares, passages.
    const forCompare = copy.result!.original!;
    expect(Object.keys(copies[0]).sort()).toEqual(expect.arrayContaining(['id', 'url', 'title', 'outlet', 'containment', 'coverage', 'passages'].sort()));
    expect(Object.keys(copies[0]).filter((k) => !(k in forCompare))).toEqual([]);
    s.conn.close();
  });

  it('brings the original tab up to date on its own after a copy is checked', async () => {
    const { s, session } = testServices();
    await visit(s, '001', 1);
    await visit(s, '002', 2);
    await expect.poll(() => (session.data.get('tab:1') as TabState).result?.matches.length).toBe(1);
    s.conn.close();
  });

  it('leaves a tab that moved on to another page as it is', async () => {
    const { s, session } = testServices();
    await visit(s, '001', 1);
    const copy = await visit(s, '002', 2);
    const moved: TabState = { url: 'https://elsewhere.example/', note: 'This page does not look like an article.' };
    const refreshed = refreshOriginals(s, 2, copy, async (id, url) => {
      await publish(s, from(1, moved.url), moved);
      return checkStored(s, id, url);
    });
    expect(await refreshed).toEqual([]);
    expect(session.data.get('tab:1')).toEqual(moved);
    s.conn.close();
  });
});
