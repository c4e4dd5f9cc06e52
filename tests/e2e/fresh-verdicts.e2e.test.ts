// Verdicts that stay true while the reader keeps tabs open: the original's tab learns of the
// copies read after it, Clear takes the ribbons and badges off open tabs, a single-page site's
// new article is checked, and a tab loading page after page shows each page's own verdict.
// Steps run in order on one profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleByKey, articleUrl, FRONT_PAGE_URL } from '../fixtures/site/articles.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { SPA_FIRST_URL, SPA_NEXT_LINK, SPA_NEXT_URL } from '../fixtures/site/spa.ts';
import { ask, badgeText, gotoExtensionPage, pageText, POPUP_PATH, tabIdFor } from './harness/extension.ts';
import { seen, seenNow } from './harness/reader.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { poll } from './harness/wait.ts';
import { Console, openPopup, PARTLY_COPIED_FROM_AXIOS, read, type Reading } from './steps.ts';

interface StateSeen {
  url: string;
  note?: string;
  result?: { verdict: string; matches: { id: string; url: string; title: string; direction: string; containment: number; coverage: number }[] };
}

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const url = (key: string) => articleUrl(articleByKey(key));

async function tabState(ui: Tab, tabId: number): Promise<StateSeen | null> {
  return ask<StateSeen | null>(ui, { type: 'ui/tab-state', tabId });
}

/** Waits until the page shows `verdict` (and the ribbon matching `ribbon`, or none). */
async function pageShows(tab: Tab, verdict: string, ribbon?: RegExp) {
  return poll(`the page to show ${verdict}${ribbon ? ` with ${ribbon}` : ' and no ribbon'}`, async () => {
    const now = await seenNow(tab);
    if (now.verdict !== verdict) return undefined;
    const ok = ribbon ? ribbon.test(now.ribbon ?? '') : now.ribbon === undefined;
    return ok ? now : undefined;
  });
}

describe.each(BROWSERS)('%s: verdicts that follow the index and the tab', (name) => {
  let session: Session;
  let ext: Console;
  let axios: Reading;
  let copy: Reading;
  let rewrite: Reading;

  beforeAll(async () => {
    session = await launch(name, site, newProfileDir(`${name}-fresh`));
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the Axios tab, read before its copies, says "This page came first" and lists them once they are read, without a reload', async () => {
    axios = await read(session, '001');
    const ui = await ext.get();
    const axiosTab = await tabIdFor(ui, axios.url);
    expect((await tabState(ui, axiosTab))?.result?.matches).toEqual([]);
    copy = await read(session, '002');
    rewrite = await read(session, '000');

    const state = await poll('the Axios tab to list both copies', async () => {
      const st = await tabState(ui, axiosTab);
      return st?.result?.matches.filter((m) => m.direction === 'to').length === 2 ? st : undefined;
    });
    // Each copy carries what its Compare needs: its article id, URL, title and the shares.
    const copies = state.result!.matches.filter((m) => m.direction === 'to');
    expect(copies.map((m) => m.id).sort()).toEqual([url('000'), url('002')].sort());
    for (const m of copies) {
      expect(m.title).toBeTruthy();
      expect(m.containment).toBeGreaterThan(0);
    }
    const popup = await openPopup(session, ui, axios.url, /This page came first/);
    expect(popup.text).toMatch(/2 articles reuse this page's text/i);
    expect(popup.text).not.toContain('No earlier source found');
    await popup.tab.close();
    // As after a reload: an original shows no badge and no ribbon.
    expect(await badgeText(ui, axiosTab)).toBe('');
    expect(await seenNow(axios.tab)).toEqual({ verdict: 'unrelated', ribbon: undefined });
  });

  it('Clear takes the ribbons and badges off open tabs, and their pages, checked again, say "unrelated" without refilling the index', async () => {
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    const ui = await ext.get();
    const copyTab = await tabIdFor(ui, copy.url);
    const rewriteTab = await tabIdFor(ui, rewrite.url);
    expect(await badgeText(ui, copyTab)).toMatch(/^\d+%$/);
    expect(await badgeText(ui, rewriteTab)).toBe('≈');

    await gotoExtensionPage(ui, POPUP_PATH);
    await ui.clickButton('Clear…');
    await ui.clickButton('Delete everything');
    await pageText(ui, /The index is empty/);

    await pageShows(copy.tab, 'unrelated');
    await pageShows(rewrite.tab, 'unrelated');
    expect(await badgeText(ui, copyTab)).toBe('');
    expect(await badgeText(ui, rewriteTab)).toBe('');
    const state = await tabState(ui, copyTab);
    expect(state?.result?.verdict).toBe('unrelated');
    expect(state?.note).toMatch(/index was cleared/);
    expect((await ask<{ articles: number }>(ui, { type: 'ui/stats' })).articles).toBe(0);
  });

  it("a single-page site's next story, brought in with pushState, gets its own ribbon, badge and popup; going back takes them off", async () => {
    await read(session, '001');
    const app = await session.open(SPA_FIRST_URL);
    expect(await seen(app, 'the app on its first story')).toEqual({ verdict: 'unrelated', ribbon: undefined });
    await app.evaluate((sel) => document.querySelector<HTMLAnchorElement>(sel)!.click(), SPA_NEXT_LINK);
    await pageShows(app, 'partial-copy', PARTLY_COPIED_FROM_AXIOS);
    expect(await app.href()).toBe(SPA_NEXT_URL);
    const ui = await ext.get();
    const appTab = await tabIdFor(ui, SPA_NEXT_URL);
    expect(await badgeText(ui, appTab)).toMatch(/^\d+%$/);
    const popup = await openPopup(session, ui, SPA_NEXT_URL, /Partly copied from Axios/);
    expect(popup.text).toContain('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    await popup.tab.close();

    await app.evaluate(() => history.back(), undefined);
    await pageShows(app, 'unrelated');
    expect(await app.href()).toBe(SPA_FIRST_URL);
    expect(await badgeText(ui, appTab)).toBe('');
  });

  it('a tab that loads page after page shows every page its own verdict on the badge and in the popup', async () => {
    const ui = await ext.get();
    const tab = await session.open(FRONT_PAGE_URL);
    const tabId = await tabIdFor(ui, FRONT_PAGE_URL);
    const badges: Record<string, RegExp> = { '002': /^\d+%$/, '000': /^≈$/, '003': /^≈$/, '004': /^$/, unrelated: /^$/ };
    const order = ['002', '004', '000', 'unrelated', '003'];
    for (let round = 0; round < 4; round++) {
      for (const key of order) {
        await tab.goto(url(key));
        const shown = await seen(tab, `${key}, round ${round + 1}`);
        // The worker publishes the tab's state and badge before the page hears its verdict: both are there now.
        const [state, badge] = await Promise.all([tabState(ui, tabId), badgeText(ui, tabId)]);
        expect(state?.url, key).toBe(url(key));
        expect(state?.result?.verdict, key).toBe(shown.verdict);
        expect(badge, key).toMatch(badges[key]);
      }
    }
  });
});
