import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handlePageArticle, NOTES } from '../../src/background/page.ts';
import { DISMISS_MS, ribbonHandlers, SITE_OFF_NOTE, withSite } from '../../src/background/ribbon-prefs.ts';
import type { PageSender } from '../../src/background/router.ts';
import { testUiHandlers } from '../../src/background/test-handlers.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import { REPLY_CHECKS } from '../../src/protocol/replies.ts';
import { testServices } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';
import { result } from './ui-fixtures.ts';

const COPY_URL = 'https://www.jerusalemledger.example/israel-news/article-794521';
const page = (tabId: number, url = COPY_URL, incognito = false): PageSender => ({ kind: 'page', tabId, url, incognito });

function services() {
  let t = Date.UTC(2024, 3, 2);
  const env = testServices({ now: () => t });
  return { ...env, h: ribbonHandlers(env.s), advance: (ms: number) => (t += ms) };
}

describe('ribbon settings and dismissed stories', () => {
  it('answers the appearance settings, and whether a story was dismissed, for any page naming it, for at most 24 hours', async () => {
    const { s, h, advance } = services();
    const prefs = (tabId: number, originalId?: string) => h['page/ribbon-prefs']({ type: 'page/ribbon-prefs', originalId }, page(tabId));
    expect(await prefs(1, 'axios-1')).toEqual({ mode: 'auto', position: 'bottom-end', dismissed: false, siteOff: false });
    await uiHandlers(s)['ui/set-settings']({ type: 'ui/set-settings', settings: { ribbonMode: 'compact', ribbonPosition: 'top-start' } }, { kind: 'ui' });
    await h['page/dismiss-story']({ type: 'page/dismiss-story', originalId: 'axios-1' }, page(1));
    // Another tab, another copy of the same story: still dismissed; another story is not.
    expect(await prefs(2, 'axios-1')).toEqual({ mode: 'compact', position: 'top-start', dismissed: true, siteOff: false });
    expect((await prefs(2, 'cnn-7')).dismissed).toBe(false);
    advance(DISMISS_MS + 1);
    expect((await prefs(2, 'axios-1')).dismissed).toBe(false);
    s.conn.close();
  });

  it('keeps a private window’s dismissal off the disk when only storage.local is there', async () => {
    const { s, local } = testServices({ session: false });
    await ribbonHandlers(s)['page/dismiss-story']({ type: 'page/dismiss-story', originalId: 'axios-1' }, page(1, COPY_URL, true));
    expect([...local.data.keys()]).toEqual([]);
    s.conn.close();
  });
});

describe('turning a site off', () => {
  it('from the ribbon: the site is excluded, its open tabs lose result and badge and are told, and its pages are refused afterwards', async () => {
    const { s, h, rec } = services();
    s.browser.tabIds = async () => [1, 2, 3];
    await s.tabs.set(1, { url: COPY_URL, result: result('partial-copy') });
    await s.tabs.set(2, { url: 'https://news.jerusalemledger.example/other', result: result('copy') });
    await s.tabs.set(3, { url: 'https://www.axios.com/x', result: result('rewrite') });
    rec.badges.set(2, { text: '93%', color: '#c5221f' });
    await h['page/site-off']({ type: 'page/site-off' }, page(1));
    const settings = await uiHandlers(s)['ui/get-settings']({ type: 'ui/get-settings' }, { kind: 'ui' });
    expect(settings.excludedSites).toEqual(['jerusalemledger.example']);
    expect(await s.tabs.get(2)).toEqual({ url: 'https://news.jerusalemledger.example/other', note: SITE_OFF_NOTE });
    expect(rec.badges.get(2)).toBeNull();
    expect((await s.tabs.get(3))?.result?.verdict).toBe('rewrite');
    expect(rec.sent).toEqual(expect.arrayContaining([1, 2, 3].map((tabId) => ({ tabId, msg: { type: 'content/prefs-changed' } }))));
    // The worker refuses the site's pages itself, whatever a content script loaded before asks.
    const msg = { type: 'page/article' as const, text: seed('002'), meta: { ...SEED_META['002'], url: COPY_URL } };
    expect(await handlePageArticle(s, msg, page(4))).toEqual({ url: COPY_URL, note: NOTES.excluded });
    expect((await h['page/ribbon-prefs']({ type: 'page/ribbon-prefs' }, page(4))).siteOff).toBe(true);
    s.conn.close();
  });

  it('from the popup: shows the tab’s site and turns it off and back on, a parent entry included', async () => {
    const { s, h } = services();
    await s.tabs.set(5, { url: 'https://news.example.org/a', note: NOTES.notArticle });
    expect(await h['ui/site-state']({ type: 'ui/site-state', tabId: 5 }, { kind: 'ui' })).toEqual({ host: 'news.example.org', off: false });
    expect(await h['ui/site-state']({ type: 'ui/site-state', tabId: 6 }, { kind: 'ui' })).toEqual({ host: null, off: false });
    expect(await h['ui/set-site']({ type: 'ui/set-site', host: 'news.example.org', on: false }, { kind: 'ui' })).toEqual({
      host: 'news.example.org',
      off: true,
    });
    expect(await h['ui/site-state']({ type: 'ui/site-state', tabId: 5 }, { kind: 'ui' })).toEqual({ host: 'news.example.org', off: true });
    await uiHandlers(s)['ui/set-settings']({ type: 'ui/set-settings', settings: { excludedSites: ['example.org', 'other.example'] } }, { kind: 'ui' });
    expect(await h['ui/set-site']({ type: 'ui/set-site', host: 'news.example.org', on: true }, { kind: 'ui' })).toEqual({
      host: 'news.example.org',
      off: false,
    });
    expect((await uiHandlers(s)['ui/get-settings']({ type: 'ui/get-settings' }, { kind: 'ui' })).excludedSites).toEqual(['other.example']);
    expect(REPLY_CHECKS['ui/site-state']({ host: null, off: false })).toBe(true);
    s.conn.close();
  });

  it('adds a site once, www and subdomains covered, and refuses what is not a host', () => {
    expect(withSite([], 'www.Example.com', false)).toEqual(['example.com']);
    expect(withSite(['example.com'], 'news.example.com', false)).toEqual(['example.com']);
    expect(withSite(['example.com', 'b.example'], 'news.example.com', true)).toEqual(['b.example']);
    expect(() => withSite([], 'not a host', false)).toThrow(/not a site name/);
  });
});

describe('the keyboard command', () => {
  it('tells the tab to bring its ribbon up, and nothing for another command or a tab without a content script', async () => {
    const { s, rec } = services();
    const run = (command: string, tabId: number) => testUiHandlers(s)['ui/run-command']({ type: 'ui/run-command', command, tabId }, { kind: 'ui' });
    expect(await run('focus-ribbon', 3)).toBe(true);
    expect(rec.sent).toEqual([{ tabId: 3, msg: { type: 'content/focus-ribbon' } }]);
    expect(await run('something-else', 3)).toBe(false);
    s.browser.sendToTab = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    expect(await run('focus-ribbon', 4)).toBe(false);
    s.conn.close();
  });
});
