// Privacy with a reuse list: with a subscription, the only requests the extension makes are GETs
// of the list's URL (when added, and when updated); reading pages, the popup and the options page
// add none. (With no subscription there are none at all: reliability-privacy.e2e.test.ts.)
// Chromium: the DevTools Network domain on every target, plus the fixture server's log. Firefox:
// its proxy is the fixture server, so anything the extension fetched is in the server's log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListInfo } from '../../src/protocol/messages.ts';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { parseList } from '../fixtures/site/lists.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { ask } from './harness/extension.ts';
import { Devtools, type SeenRequest } from './harness/devtools.ts';
import { BROWSERS, launch, newProfileDir, ROOT } from './harness/session.ts';
import type { BrowserName, Session } from './harness/types.ts';
import { poll } from './harness/wait.ts';
import { articlesShown, Console, openListsSection, openPopup, read, subscribeOnOptions, waitForListRow } from './steps.ts';

const EXAMPLE = readFileSync(join(ROOT, 'tests', 'fixtures', 'lists', 'example.fhlist'));
const { count } = parseList(EXAMPLE).header;
const NAME = String(parseList(EXAMPLE).header.list.name);
const READ = ['002', '003', 'unrelated'];
const urlOf = (key: string) => articleUrl(articleByKey(key));

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** Subscribes through the options page, reads pages, opens the popup, updates the list twice. */
async function sessionWithList(session: Session, ext: Console, listUrl: string): Promise<void> {
  const ui = await ext.get();
  await subscribeOnOptions(session, ui, listUrl);
  await waitForListRow(ui, NAME, articlesShown(count));
  for (const key of READ) await read(session, key);
  const popup = await openPopup(session, ui, urlOf('002'), /Axios/);
  await popup.tab.close();
  for (let i = 0; i < 2; i++) {
    const before = (await ask<ListInfo[]>(ui, { type: 'ui/lists' }))[0]?.checkedAt ?? 0;
    await openListsSection(ui);
    await ui.clickButton('Update now');
    await poll('the update to be checked', async () => ((await ask<ListInfo[]>(ui, { type: 'ui/lists' }))[0]?.checkedAt ?? 0) > before || undefined, 30_000);
  }
}

describe('chromium: privacy with a reuse list', () => {
  let dt: Devtools;
  let seen: SeenRequest[];
  let first = 0;

  beforeAll(async () => {
    site.lists.put('privacy-chromium', EXAMPLE);
    dt = await Devtools.launch(site, newProfileDir('chromium-lists-privacy'));
    seen = await dt.recordRequests();
    first = site.requests.length;
  }, 120_000);
  afterAll(async () => {
    await dt?.close();
  });

  it('the only requests the extension makes are GETs of the list URL', async () => {
    const listUrl = site.listUrl('privacy-chromium');
    await sessionWithList(dt.session, new Console(dt.session), listUrl);
    const opened = new Set(READ.map(urlOf));

    const served = site.requests.slice(first).filter((r) => !opened.has(`http://${r.host}${r.path}`));
    expect(served.map((r) => `${r.method} ${r.host}${r.path}`)).toEqual(served.map(() => `GET localhost/lists/privacy-chromium.fhlist`));
    expect(served.length).toBe(3);

    const own = `chrome-extension://${dt.extensionId}/`;
    const fromExtension = seen.filter((r) => r.from.startsWith(own) && !r.url.startsWith(own) && !/^(data|blob):/.test(r.url));
    expect(fromExtension.map((r) => `${r.method} ${r.url}`)).toEqual(fromExtension.map(() => `GET ${listUrl}`));
    expect(fromExtension.length).toBe(3);
    // Web pages requested only themselves: their content script fetched no list and nothing else.
    const fromPages = seen.filter((r) => !r.from.startsWith(own) && !/^(data|blob|chrome|chrome-extension):/.test(r.url));
    expect(fromPages.filter((r) => !opened.has(r.url) && !r.url.startsWith(`http://localhost:${site.port}/lists/`))).toEqual([]);
    console.info(
      `chromium lists privacy: ${served.length} list GETs served beyond the ${opened.size} pages read; DevTools saw ${fromExtension.length} from the extension`,
    );
  });
});

describe.each(BROWSERS.filter((b): b is BrowserName => b === 'firefox'))('%s: privacy with a reuse list', (name) => {
  let session: Session;
  let first = 0;

  beforeAll(async () => {
    site.lists.put(`privacy-${name}`, EXAMPLE);
    first = site.requests.length;
    session = await launch(name, site, newProfileDir(`${name}-lists-privacy`));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the only requests the extension makes are GETs of the list URL', async () => {
    await sessionWithList(session, new Console(session), site.listUrl(`privacy-${name}`));
    const opened = new Set(READ.map(urlOf));
    const served = site.requests
      .slice(first)
      .filter((r) => r.method !== 'CONNECT' && !opened.has(`http://${r.host}${r.path}`) && !(r.host === 'firsthand.test' && r.path.startsWith('/open?')));
    expect(served.map((r) => `${r.method} ${r.host}${r.path}`)).toEqual(served.map(() => `GET localhost/lists/privacy-${name}.fhlist`));
    expect(served.length).toBe(3);
    const tunnels = site.requests.slice(first).filter((r) => r.method === 'CONNECT');
    expect(tunnels.filter((r) => site.hosts.some((h) => r.host.startsWith(`${h}:`)) || r.host.startsWith('localhost'))).toEqual([]);
    console.info(`${name} lists privacy: ${served.length} list GETs beyond the ${opened.size} pages read; ${tunnels.length} browser tunnels refused`);
  });
});
