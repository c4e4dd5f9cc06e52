// The package readers install (the store build, not the test build): it still finds the copy,
// and the page it runs on learns nothing of the verdict. The toolbar badge is the witness that
// the check ran; the page sees no data attributes, no text, and only a closed shadow root.
// Chromium only: in Firefox the store build has no test hook to open its pages under BiDi.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { badgeText, openConsole, tabIdFor } from './harness/extension.ts';
import { BROWSERS, launch, newProfileDir, storeExtensionDir } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { poll } from './harness/wait.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe.runIf(BROWSERS.includes('chromium'))('chromium: the store build on a copied page', () => {
  let session: Session;
  let ext: Tab;
  beforeAll(async () => {
    session = await launch('chromium', site, newProfileDir('store'), storeExtensionDir('chromium'));
    ext = await openConsole(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('flags the copy on the badge while the page sees nothing of the verdict', async () => {
    const axiosUrl = articleUrl(articleByKey('001'));
    await session.open(axiosUrl);
    // The report is indexed once its tab has a state (no badge: nothing is copied there).
    await tabIdFor(ext, axiosUrl);
    const copyUrl = articleUrl(articleByKey('002'));
    const copy = await session.open(copyUrl);
    const tabId = await tabIdFor(ext, copyUrl);
    const badge = await poll('the badge on the copy', async () => (await badgeText(ext, tabId)) || undefined);
    expect(badge).toMatch(/^\d+%$/);

    // The ribbon comes once the worker said how to show it (page/ribbon-prefs), just after the badge.
    const look = () =>
      copy.evaluate(() => {
        const hosts = [...document.documentElement.children].filter((e) => e.tagName.includes('-'));
        return {
          dataset: Object.keys(document.documentElement.dataset).filter((k) => k.startsWith('firsthand')),
          text: document.body.innerText.includes('Partly copied'),
          hosts: hosts.length,
          openRoots: hosts.filter((h) => h.shadowRoot !== null).length,
        };
      }, undefined);
    const visible = await poll('the ribbon on the copy', async () => {
      const v = await look();
      return v.hosts > 0 ? v : undefined;
    });
    expect(visible).toEqual({ dataset: [], text: false, hosts: 1, openRoots: 0 });
  });
});
