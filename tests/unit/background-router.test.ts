import { describe, expect, it, vi } from 'vitest';
import { authorize, route, type Handlers, type SenderInfo, type TestHandlers } from '../../src/background/router.ts';

const SELF = { id: 'firsthand-id', baseUrl: 'chrome-extension://firsthand-id/' };
const contentScript: SenderInfo = { id: SELF.id, url: 'https://news.example/a', frameId: 0, tab: { id: 7, incognito: false } };
const popup: SenderInfo = { id: SELF.id, url: `${SELF.baseUrl}src/popup/popup.html`, origin: 'chrome-extension://firsthand-id' };
const firefoxPage: SenderInfo = { id: SELF.id, url: 'moz-extension://uuid-1/src/popup/compare.html', tab: { id: 9 } };
const FIREFOX = { id: SELF.id, baseUrl: 'moz-extension://uuid-1/' };

describe('authorize', () => {
  it('lets content scripts send page messages, with their tab', () => {
    expect(authorize('page/article', contentScript, SELF)).toEqual({ kind: 'page', tabId: 7, url: contentScript.url, incognito: false });
    expect(authorize('page/article', { ...contentScript, tab: { id: 7, incognito: true } }, SELF)).toMatchObject({ incognito: true });
  });

  it('lets extension pages send ui messages, in both browsers', () => {
    expect(authorize('ui/stats', popup, SELF)).toEqual({ kind: 'ui' });
    expect(authorize('ui/compare', firefoxPage, FIREFOX)).toEqual({ kind: 'ui', tabId: 9 });
  });

  it.each<[string, Parameters<typeof authorize>[0], SenderInfo]>([
    ['another extension', 'page/article', { ...contentScript, id: 'other' }],
    ['a page message from an extension page', 'page/article', popup],
    ['a page message with no tab', 'page/article', { ...contentScript, tab: undefined }],
    ['a page message from a subframe', 'page/article', { ...contentScript, frameId: 3 }],
    ['a page message from a file: page', 'page/article', { ...contentScript, url: 'file:///home/x.html' }],
    ['an open-compare from an extension page', 'page/open-compare', popup],
    ['a ui message from a content script', 'ui/export', contentScript],
    [
      'a ui message from a content script claiming an extension URL',
      'ui/clear',
      { ...contentScript, url: `${SELF.baseUrl}x.html`, origin: 'https://news.example' },
    ],
    ['a ui message from another extension', 'ui/clear', { ...popup, id: 'other' }],
    ['a ui message with no URL', 'ui/stats', { id: SELF.id }],
  ])('refuses %s', (_what, type, sender) => {
    expect(typeof authorize(type, sender, SELF)).toBe('string');
  });
});

describe('route', () => {
  function handlers(): Handlers {
    const fail = async () => {
      throw new Error('not expected');
    };
    return {
      'page/should-read': fail,
      'page/article': vi.fn(async (_m, from) => ({ url: from.url, note: 'handled' })),
      'page/not-article': fail,
      'page/html': fail,
      'page/open-compare': fail,
      'ui/tab-state': fail,
      'ui/stats': vi.fn(async () => ({ articles: 1, bytes: 2, params: 'p' })),
      'ui/clear': fail,
      'ui/set-paused': fail,
      'ui/get-settings': fail,
      'ui/set-settings': fail,
      'ui/compare': fail,
      'ui/open-compare': fail,
      'ui/highlight': fail,
      'ui/lists': fail,
      'ui/list-subscribe': fail,
      'ui/list-update': fail,
      'ui/list-remove': fail,
      'page/recheck': fail,
      'page/ribbon-prefs': fail,
      'page/ui-strings': fail,
      'page/dismiss-story': fail,
      'page/site-off': fail,
      'ui/site-state': fail,
      'ui/set-site': fail,
      'view/history': fail,
      'view/story': fail,
      'view/open-story': fail,
      'page/not-a-copy': fail,
      'library/browse': fail,
      'library/delete': fail,
      'library/clear-forget': fail,
      'corrections/add': fail,
      'corrections/remove': fail,
      'corrections/list': fail,
      'undo/status': fail,
      'undo/restore': fail,
      'undo/forget': fail,
    } as Handlers;
  }

  function testHandlers(): TestHandlers {
    return {
      'ui/export': vi.fn(async () => '{"format":"firsthand-pack"}'),
      'ui/import': async () => {
        throw new Error('This file cannot be imported: article 3: bad');
      },
      'ui/lists-sweep': async () => [],
      'ui/run-command': async () => false,
      'ui/saves-settled': async () => null,
    };
  }

  it('dispatches a valid message from an allowed sender and wraps the reply', async () => {
    const h = handlers();
    const warn = vi.fn();
    const msg = { type: 'page/article', text: 'x', meta: {} };
    expect(await route(msg, contentScript, { self: SELF, handlers: h, warn })).toEqual({ ok: true, value: { url: contentScript.url, note: 'handled' } });
    expect(await route({ type: 'ui/stats' }, popup, { self: SELF, handlers: h, warn })).toEqual({ ok: true, value: { articles: 1, bytes: 2, params: 'p' } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('drops and logs malformed, unknown and wrong-sender messages without calling a handler', async () => {
    const h = handlers();
    const warn = vi.fn();
    const opts = { self: SELF, handlers: h, warn };
    const cases: [unknown, SenderInfo][] = [
      [{ type: 'page/article', text: 5, meta: {} }, contentScript],
      [{ type: 'ui/fetch', url: 'https://x' }, popup],
      [undefined, popup],
      [{ type: 'ui/stats' }, contentScript],
      [{ type: 'page/article', text: 'x', meta: {} }, popup],
    ];
    for (const [msg, sender] of cases) {
      const reply = await route(msg, sender, opts);
      expect(reply.ok).toBe(false);
    }
    expect(warn).toHaveBeenCalledTimes(cases.length);
    expect(h['page/article']).not.toHaveBeenCalled();
    expect(h['ui/stats']).not.toHaveBeenCalled();
  });

  it('turns a handler error into an error reply', async () => {
    const warn = vi.fn();
    const reply = await route({ type: 'ui/import', text: '{' }, popup, { self: SELF, handlers: handlers(), testHandlers: testHandlers(), warn });
    expect(reply).toEqual({ ok: false, error: 'This file cannot be imported: article 3: bad' });
  });

  it('answers ui/export in a test build', async () => {
    const warn = vi.fn();
    const reply = await route({ type: 'ui/export' }, popup, { self: SELF, handlers: handlers(), testHandlers: testHandlers(), warn });
    expect(reply).toEqual({ ok: true, value: '{"format":"firsthand-pack"}' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('drops ui/export and ui/import as unknown messages in a store build', async () => {
    const warn = vi.fn();
    const opts = { self: SELF, handlers: handlers(), warn };
    expect(await route({ type: 'ui/export' }, popup, opts)).toEqual({ ok: false, error: 'malformed message: unknown message type "ui/export"' });
    expect(await route({ type: 'ui/import', text: '{}' }, popup, opts)).toEqual({ ok: false, error: 'malformed message: unknown message type "ui/import"' });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith('Firsthand: dropped a malformed message:', 'unknown message type "ui/export"');
  });
});
