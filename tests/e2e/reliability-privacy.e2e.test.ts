// Privacy, tried in real browsers: a whole reading session (articles, popup, comparison,
// options, export, import, highlights) while every request is recorded; pages in private
// windows are not indexed unless the reader turns it on; Clear leaves nothing behind.
// Chromium: the fixture server's log, plus the DevTools Network domain on every target (the
// worker, the extension's pages, the web pages). Firefox: its proxy is the fixture server, so
// anything the extension fetched would be in the server's log.
import type Browser from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { ask, gotoExtensionPage, pageText, POPUP_PATH } from './harness/extension.ts';
import { Devtools, type SeenRequest } from './harness/devtools.ts';
import { dbShape, tabStatesText } from './harness/index-db.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { BrowserName, Session, Tab } from './harness/types.ts';
import { poll } from './harness/wait.ts';
import { Console, openPopup, read, PARTLY_COPIED_FROM_AXIOS } from './steps.ts';

const READ = ['001', '002', '003', 'unrelated'];
const urlOf = (key: string) => articleUrl(articleByKey(key));

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

interface Stats {
  articles: number;
  error?: string;
}
interface Pack {
  format: string;
  count: number;
  articles: unknown[];
}

/** Everything a reader does in a session, through the extension's own pages. */
async function readingSession(session: Session, ext: Console): Promise<void> {
  for (const key of READ) await read(session, key);
  const copyUrl = urlOf('002');
  const popup = await openPopup(session, await ext.get(), copyUrl, /Your index/i);
  expect(popup.text).toContain('Partly copied from Axios');
  const compare = await session.newTabAfter(() => popup.tab.clickButton('Compare side by side'));
  await pageText(compare, /Israel National Wire/);
  await popup.tab.clickButton('Highlight copied passages').catch(() => undefined);
  await compare.close();
  await popup.tab.close();
  const ui = await ext.get();
  await gotoExtensionPage(ui, 'src/popup/options.html');
  await pageText(ui, /Sensitivity/);
  const packText = await ask<string>(ui, { type: 'ui/export' });
  await ask(ui, { type: 'ui/import', text: packText });
  await gotoExtensionPage(ui, POPUP_PATH);
  await pageText(ui, /\b4\s+articles\b/);
}

/** Opens a URL in a new private (incognito) window from an extension page; returns its tab id. */
async function openPrivate(ui: Tab, url: string): Promise<number> {
  return ui.evaluate(async (u) => {
    const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
    const api = g.browser ?? g.chrome;
    const win = await api.windows.create({ incognito: true, url: u });
    const id = win.tabs?.[0]?.id;
    if (id === undefined || !win.incognito) throw new Error('no private window');
    return id;
  }, url);
}

async function privateState(ui: Tab, tabId: number): Promise<{ note?: string; pageId?: string; result?: { verdict: string } }> {
  return poll(
    'the private tab to be checked',
    async () => (await ask<{ note?: string; pageId?: string; result?: { verdict: string } } | null>(ui, { type: 'ui/tab-state', tabId })) ?? undefined,
    45_000,
    200,
  );
}

/** Clear, then prove nothing is left: the database stores, the export, the tab states. */
async function clearAndCheck(ext: Console): Promise<void> {
  const ui = await ext.get();
  await gotoExtensionPage(ui, POPUP_PATH);
  await ui.clickButton('Clear…');
  await ui.clickButton('Delete everything');
  await pageText(ui, /\b0\s+articles\b[\s\S]*The index is empty/);
  const shape = await dbShape(ui);
  expect(shape?.counts.articles).toBe(0);
  expect(shape?.counts.texts).toBe(0);
  const pack = JSON.parse(await ask<string>(ui, { type: 'ui/export' })) as Pack;
  expect(pack.format).toBe('firsthand-pack');
  expect(pack.count).toBe(0);
  expect(pack.articles).toEqual([]);
  // What each tab showed named the articles read: it goes too. The open pages are then checked
  // again against the empty index (never added back): their new states name no article.
  for (const state of await tabStatesText(ui)) {
    expect(state).not.toMatch(/"matches":\[\{|"original":\{/);
  }
  // The copy Clear keeps for Undo (24 hours) goes with "Forget it now"; then nothing is left.
  await ask(ui, { type: 'undo/forget' });
  expect((await ask<{ kept: boolean }>(ui, { type: 'undo/status' })).kept).toBe(false);
  expect((await ask<Stats>(ui, { type: 'ui/stats' })).articles).toBe(0);
}

describe('chromium: privacy', () => {
  let dt: Devtools;
  let ext: Console;
  let seen: SeenRequest[];
  let firstRequest = 0;
  const opened = new Set<string>();

  beforeAll(async () => {
    dt = await Devtools.launch(site, newProfileDir('chromium-privacy'));
    await dt.allowIncognito();
    ext = new Console(dt.session);
    seen = await dt.recordRequests();
    firstRequest = site.requests.length;
    // Launching, then granting incognito access (which reloads the extension), each bounded.
  }, 150_000);
  afterAll(async () => {
    await dt?.close();
  });

  it('a private window is checked but not indexed, unless the reader turns it on', async () => {
    const ui = await ext.get();
    expect((await ask<Stats>(ui, { type: 'ui/stats' })).articles).toBe(0);
    opened.add(urlOf('001'));
    const off = await privateState(ui, await openPrivate(ui, urlOf('001')));
    expect(off.note).toBe('Private window: checked against your index but not added to it.');
    expect(off.pageId).toBeUndefined();
    expect(off.result?.verdict).toBe('unrelated');
    expect((await ask<Stats>(ui, { type: 'ui/stats' })).articles).toBe(0);
    expect((await dbShape(ui))?.counts.articles).toBe(0);

    await ask(ui, { type: 'ui/set-settings', settings: { indexPrivate: true } });
    const on = await privateState(ui, await openPrivate(ui, urlOf('001')));
    expect(on.note).toBeUndefined();
    expect(on.pageId).toBe(urlOf('001'));
    expect((await ask<Stats>(ui, { type: 'ui/stats' })).articles).toBe(1);

    // With Axios indexed from the private window, a private copy is flagged against it.
    await ask(ui, { type: 'ui/set-settings', settings: { indexPrivate: false } });
    opened.add(urlOf('002'));
    const copy = await privateState(ui, await openPrivate(ui, urlOf('002')));
    expect(copy.result?.verdict).toBe('partial-copy');
    expect(copy.note).toMatch(/^Private window/);
    expect((await ask<Stats>(ui, { type: 'ui/stats' })).articles).toBe(1);
  });

  it('a whole reading session makes no request beyond the pages the reader opened', async () => {
    for (const k of READ) opened.add(urlOf(k));
    await readingSession(dt.session, ext);
    const copy = await read(dt.session, '002');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);

    const served = site.requests.slice(firstRequest);
    expect(served.filter((r) => !opened.has(`http://${r.host}${r.path}`))).toEqual([]);
    const own = `chrome-extension://${dt.extensionId}/`;
    const fromExtension = seen.filter((r) => r.from.startsWith(own));
    expect(fromExtension.filter((r) => !r.url.startsWith(own) && !/^(data|blob):/.test(r.url))).toEqual([]);
    // Web pages requested only themselves: their content script fetched nothing.
    const fromPages = seen.filter((r) => !r.from.startsWith(own) && !/^(data|blob|chrome|chrome-extension):/.test(r.url));
    expect(fromPages.filter((r) => !opened.has(r.url))).toEqual([]);
    expect(fromExtension.some((r) => r.target === 'service_worker' || r.target === 'page')).toBe(true);
    console.info(
      `chromium privacy: ${served.length} requests served, ${seen.length} seen by DevTools (${fromExtension.length} by the extension's worker and pages, all ${own}*)`,
    );
  });

  it('Clear, then Forget it now, leaves no article, text, export, undo copy or tab state naming an article', async () => {
    await clearAndCheck(ext);
  });
});

describe.each(BROWSERS.filter((b): b is BrowserName => b === 'firefox'))('%s: privacy', (name) => {
  let session: Session;
  let ext: Console;
  let firstRequest = 0;

  beforeAll(async () => {
    firstRequest = site.requests.length;
    session = await launch(name, site, newProfileDir(`${name}-privacy`));
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a whole reading session makes no request beyond the pages the reader opened', async () => {
    await readingSession(session, ext);
    const opened = new Set(READ.map(urlOf));
    const served = site.requests.slice(firstRequest).filter((r) => r.method !== 'CONNECT');
    const extra = served.filter((r) => !opened.has(`http://${r.host}${r.path}`) && !(r.host === 'firsthand.test' && r.path.startsWith('/open?')));
    expect(extra).toEqual([]);
    // Firefox's own update checks arrive as refused HTTPS tunnels; none is to a page's host.
    const tunnels = site.requests.slice(firstRequest).filter((r) => r.method === 'CONNECT');
    expect(tunnels.filter((r) => site.hosts.some((h) => r.host.startsWith(`${h}:`)))).toEqual([]);
    console.info(`${name} privacy: ${served.length} requests served through the proxy, all pages the reader opened; ${tunnels.length} browser tunnels refused`);
  });

  it('Clear, then Forget it now, leaves no article, text, export, undo copy or tab state naming an article', async () => {
    await clearAndCheck(ext);
  });
});
