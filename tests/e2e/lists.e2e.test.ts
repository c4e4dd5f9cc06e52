// Reuse lists in each browser, as a reader uses them: add the example list by its URL on the
// options page (the browser asks for that origin), see its row, visit a copy of a listed
// original the reader never read and see it flagged with the list named, update (a 304 for an
// unchanged list, refusals for a tampered one and one signed with another key, the new edition
// of a changed one), and remove it. The fixture server serves the list and logs every request.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListInfo } from '../../src/protocol/messages.ts';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { LOAD_ARTICLES, loadUrl } from '../fixtures/site/load.ts';
import { LIST_COOKIE, listVariants, parseList, type ListVariants } from '../fixtures/site/lists.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { ask, gotoExtensionPage, pageText } from './harness/extension.ts';
import { BROWSERS, launch, newProfileDir, ROOT } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { visit } from './harness/reader.ts';
import { poll } from './harness/wait.ts';
import {
  articlesShown,
  Console,
  listedBy,
  listRowText,
  openListsSection,
  openPopup,
  read,
  removeOnOptions,
  revisit,
  snap,
  subscribeOnOptions,
  todayAt,
  waitForListRow,
  type Reading,
} from './steps.ts';

const LIST_DIR = join(ROOT, 'tests', 'fixtures', 'lists');
const EXAMPLE = join(LIST_DIR, 'example.fhlist');
const EXAMPLE_KEY = join(LIST_DIR, 'example-key.pem');
const WELCOME_PATH = 'src/popup/welcome.html';
const ORIGINAL_URL = articleUrl(articleByKey('001'));
/** The seed copy of the Axios report (INW): its original is in the example list. */
const COPY = '002';
const FLAGGED = ['copy', 'partial-copy', 'rewrite'];

let site: Site;
let variants: ListVariants;
let name: string;
let publisher: string;
let count: number;

beforeAll(async () => {
  if (!existsSync(EXAMPLE) || !existsSync(EXAMPLE_KEY)) throw new Error(`${EXAMPLE} and ${EXAMPLE_KEY} are needed (the example list and its test key)`);
  const example = readFileSync(EXAMPLE);
  const parsed = parseList(example);
  const original = parsed.articles.find((a) => a.url === ORIGINAL_URL || a.canonicalUrl === ORIGINAL_URL);
  if (!original) throw new Error(`the example list does not list the Axios report ${ORIGINAL_URL}`);
  variants = listVariants(example, readFileSync(EXAMPLE_KEY, 'utf8'), String(original.id));
  name = String(parsed.header.list.name);
  publisher = String(parsed.header.list.publisher);
  count = parsed.header.count;
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const lists = (ui: Tab) => ask<ListInfo[]>(ui, { type: 'ui/lists' });

describe.each(BROWSERS)('%s: reuse lists', (browser) => {
  const listName = `example-${browser}`;
  let session: Session;
  let ext: Console;
  let copy: Reading;
  let url: string;

  beforeAll(async () => {
    site.lists.put(listName, variants.example);
    url = site.listUrl(listName);
    session = await launch(browser, site, newProfileDir(`${browser}-lists`));
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('adding the list by URL on the options page downloads it once, without cookie or referrer, and shows its name, publisher and articles', async () => {
    // The reader has visited the publisher's site before: the browser holds its cookie.
    const visit = await session.open(`http://localhost:${site.port}/lists/`);
    await visit.close();
    const ui = await ext.get();
    await subscribeOnOptions(session, ui, url);
    const row = await waitForListRow(ui, name, articlesShown(count));
    expect(row).toContain(publisher);

    const [info] = await lists(ui);
    expect(info).toMatchObject({ name, publisher, articles: count, source: { url } });
    expect(info?.publicKey).toBe(parseList(variants.example).trailer.publicKey);
    expect(info?.lastError).toBeUndefined();

    const got = site.lists.requestsFor(listName);
    expect(got.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200']);
    expect(got[0]?.headers.cookie ?? '').not.toContain(LIST_COOKIE.split('=')[0]);
    expect(got[0]?.headers.referer).toBeUndefined();
    // The picture for the README: the Lists section, at the top of the window.
    await ui.evaluate(() => document.getElementById('lists-section')?.scrollIntoView({ block: 'start' }), undefined);
    await snap(ui, `lists-options-${browser}`);
  });

  it('a copy of a listed original the reader never read is flagged, and ribbon and popup say which list lists it', async () => {
    const ui = await ext.get();
    expect(site.requests.some((r) => `http://${r.host}${r.path}` === ORIGINAL_URL)).toBe(false);
    copy = await read(session, COPY);
    expect(FLAGGED).toContain(copy.verdict);
    expect(copy.ribbon).toMatch(/Axios/);
    expect(copy.ribbon).toMatch(listedBy(publisher, name));
    await snap(copy.tab, `lists-ribbon-${browser}`);
    const popup = await openPopup(session, ui, copy.url, listedBy(publisher, name));
    expect(popup.text).toMatch(/Axios/);
    // Side by side with a text-free original: this page's shared passages, the list named, none of the original's words.
    const compare = await session.newTabAfter(() => popup.tab.clickButton('Compare side by side'));
    const shown = await pageText(compare, /The original, from a list/i);
    expect(shown).toMatch(listedBy(publisher, name));
    expect(shown).toMatch(/carries no text of it/);
    expect(await compare.evaluate(() => document.querySelectorAll('mark').length, undefined)).toBeGreaterThan(0);
    await snap(compare, `lists-compare-${browser}`);
    await compare.close();
    await popup.tab.close();
  });

  it('Update now asks with the validators it holds, gets 304, and the row shows the new check time', async () => {
    const ui = await ext.get();
    await openListsSection(ui);
    const before = (await lists(ui))[0]!;
    const asked = site.lists.requestsFor(listName).length;
    await new Promise((r) => setTimeout(r, 1100)); // a check time that differs from the subscription's, to the second
    await ui.clickButton('Update now');
    const req = await poll('the update request', async () => site.lists.requestsFor(listName)[asked], 30_000);
    expect(req.status).toBe(304);
    expect(req.headers['if-none-match'] === site.lists.etag(listName) || req.headers['if-modified-since'] === site.lists.lastModified(listName)).toBe(true);
    expect(req.headers.referer).toBeUndefined();
    expect(req.headers.cookie ?? '').not.toContain(LIST_COOKIE.split('=')[0]);
    const after = await poll('the check time to move', async () => {
      const l = (await lists(ui))[0];
      return l && (l.checkedAt ?? 0) > (before.checkedAt ?? before.updatedAt) ? l : undefined;
    });
    expect(after).toMatchObject({ articles: count, digest: before.digest });
    expect(after.lastError).toBeUndefined();
    // "Last update" or "Last tried", whichever the check was, says today's time of it.
    await waitForListRow(ui, name, new RegExp(todayAt(after.checkedAt!)));
  });

  it('a tampered update (digest mismatch) is refused: the row shows the error and the list and its flags stay as they were', async () => {
    const ui = await ext.get();
    const before = (await lists(ui))[0]!;
    site.lists.put(listName, variants.tampered);
    await openListsSection(ui);
    await ui.clickButton('Update now');
    const row = await waitForListRow(ui, name, /digest|tamper|does not match|changed/i);
    const after = (await lists(ui))[0]!;
    expect(after.lastError).toMatch(/digest|tamper|does not match|changed/i);
    expect(row).toContain(after.lastError);
    expect(after).toMatchObject({ articles: before.articles, digest: before.digest, updatedAt: before.updatedAt });
    expect(site.lists.requestsFor(listName).at(-1)?.status).toBe(200);

    // The refused file's validators were not kept: asked again, the server sends it again (no 304) and it is refused again.
    const asked = site.lists.requestsFor(listName).length;
    await openListsSection(ui);
    await ui.clickButton('Update now');
    const retry = await poll('the second update request', async () => site.lists.requestsFor(listName)[asked], 30_000);
    expect(retry.headers['if-none-match']).not.toBe(site.lists.etag(listName));
    expect(retry.status).toBe(200);
    const second = await poll('the second refusal', async () => {
      const l = (await lists(ui))[0];
      return l && (l.checkedAt ?? 0) > (after.checkedAt ?? 0) && l.lastError ? l : undefined;
    });
    expect(second).toMatchObject({ articles: before.articles, digest: before.digest });
    const again = await revisit(copy);
    expect(FLAGGED).toContain(again.verdict);
    expect(again.ribbon).toMatch(listedBy(publisher, name));
  });

  it('an update signed with another key than the one pinned is refused and the list stays as it was', async () => {
    const ui = await ext.get();
    const before = (await lists(ui))[0]!;
    site.lists.put(listName, variants.otherKey);
    await openListsSection(ui);
    await ui.clickButton('Update now');
    const after = await poll('the refusal', async () => {
      const l = (await lists(ui))[0];
      return l && (l.checkedAt ?? 0) > (before.checkedAt ?? 0) && l.lastError ? l : undefined;
    });
    expect(after.lastError).toMatch(/key|sign/i);
    expect(after).toMatchObject({ articles: before.articles, digest: before.digest, publicKey: before.publicKey });
  });

  it('a new edition at the URL replaces the list: the row shows its article count and the error is gone', async () => {
    const ui = await ext.get();
    site.lists.put(listName, variants.newer);
    await openListsSection(ui);
    await ui.clickButton('Update now');
    await waitForListRow(ui, name, articlesShown(count - 1));
    const after = (await lists(ui))[0]!;
    expect(after.articles).toBe(count - 1);
    expect(after.lastError).toBeUndefined();
    const again = await revisit(copy);
    expect(again.ribbon).toMatch(listedBy(publisher, name));
  });

  it('Remove takes the row away and the listed articles the reader never read; the copy re-checked is no longer flagged by the list', async () => {
    const ui = await ext.get();
    // The reader reads one of the listed originals itself: it is not a copy of its own listing, and it stays.
    const listedUrl = loadUrl(LOAD_ARTICLES[0]!);
    expect(parseList(variants.newer).articles.some((a) => a.url === listedUrl)).toBe(true);
    const local = { url: listedUrl, ...(await visit(session, listedUrl)).seen };
    expect(FLAGGED).not.toContain(local.verdict);
    expect(local.ribbon ?? '').not.toMatch(/Listed by/i);
    await openListsSection(ui);
    await removeOnOptions(ui);
    await poll('the row to go', async () => ((await listRowText(ui, name)) === undefined ? true : undefined), 20_000);
    expect(await lists(ui)).toEqual([]);
    const again = await revisit(copy);
    expect(again.ribbon ?? '').not.toMatch(/Listed by/i);
    expect(FLAGGED).not.toContain(again.verdict);
    const kept = (JSON.parse(await ask<string>(ui, { type: 'ui/export' })) as { articles: { url: string }[] }).articles.map((a) => a.url).sort();
    expect(kept).toEqual([copy.url, local.url].sort());
    await gotoExtensionPage(ui, 'src/popup/popup.html');
  });

  it('on the first-run page, "Add a list" from a file installs it with nothing downloaded, and the copy is flagged by it again', async () => {
    const ui = await ext.get();
    const asked = site.requests.length;
    await gotoExtensionPage(ui, WELCOME_PATH);
    const text = await pageText(ui, /Import a pack/);
    expect(text).toMatch(/Add a list/);
    expect(text).toMatch(/learns from what you read/i);
    await ui.setFiles('#welcome-list-file', EXAMPLE);
    await pageText(ui, /Added .*Firsthand example list|Not added: .+/);
    expect(await pageText(ui, /Added|Not added/)).toMatch(new RegExp(`Added \\W?${name}\\W?: ${count} articles`));
    const [info] = await lists(ui);
    expect(info).toMatchObject({ name, publisher, articles: count, source: { file: 'example.fhlist' } });
    await openListsSection(ui);
    const row = await waitForListRow(ui, name, articlesShown(count));
    expect(row).toMatch(/From the file example\.fhlist/);
    expect(row).not.toMatch(/Update now/);
    const again = await revisit(copy);
    expect(FLAGGED).toContain(again.verdict);
    expect(again.ribbon).toMatch(listedBy(publisher, name));
    // A file is read on this computer: the server saw only the page visit.
    expect(site.requests.slice(asked).filter((r) => r.host === 'localhost')).toEqual([]);
  });
});
