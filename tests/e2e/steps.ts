// Reader-level steps shared by the scenarios: read a fixture article, open the popup for its
// tab, save what the reader sees as a screenshot. And the sentences the reader should see.
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { artifactPath } from './harness/session.ts';
import { badgeText, gotoExtensionPage, openConsole, pageText, POPUP_PATH, tabIdFor } from './harness/extension.ts';
import { seen, type Seen } from './harness/reader.ts';
import type { Session, Tab } from './harness/types.ts';
import { poll } from './harness/wait.ts';

/** The ribbon of the close copy: its outlet, the share of this page found in Axios's report, and the report. */
export const PARTLY_COPIED_FROM_AXIOS =
  /^Partly copied from Axios: (\d+)% of this article's text appears in 'U\.S\. and Israel set to hold a virtual meeting…' \(axios\.com, 31 Mar 2024\)\./;
/** The ribbon of a rewrite that credits Axios. */
export const REWRITTEN_FROM_AXIOS =
  /^Rewritten from Axios: the same facts in the same order \(credited\)\. Original: 'U\.S\. and Israel set to hold a virtual meeting…' \(axios\.com, 31 Mar 2024\)\./;

export interface Reading extends Seen {
  tab: Tab;
  url: string;
}

/** Opens a seed article ('000'..'004', 'unrelated') in a new tab and waits for the verdict. */
export async function read(session: Session, key: string): Promise<Reading> {
  const url = articleUrl(articleByKey(key));
  const tab = await session.open(url);
  return { tab, url, ...(await seen(tab, `${key} (${url})`)) };
}

/** Loads the page again in the same tab (a re-visit) and waits for the new verdict. */
export async function revisit(reading: Reading): Promise<Reading> {
  await reading.tab.goto(reading.url);
  return { ...reading, ...(await seen(reading.tab, `${reading.url} again`)) };
}

/** The extension's own page tab used to talk to the background; reopened if something closed it. */
export class Console {
  private tab: Tab | undefined;
  constructor(private readonly session: Session) {}

  async get(): Promise<Tab> {
    if (this.tab) {
      const alive = await this.tab.href().then(
        (h) => /^(chrome|moz)-extension:/.test(h),
        () => false,
      );
      if (alive) return this.tab;
    }
    this.tab = await openConsole(this.session);
    return this.tab;
  }

  async badge(url: string): Promise<string> {
    const ext = await this.get();
    return badgeText(ext, await tabIdFor(ext, url));
  }
}

/** The popup as the reader sees it for the tab showing `url`, in a popup-sized tab of its own. */
export async function openPopup(session: Session, ext: Tab, url: string, mustInclude: RegExp): Promise<{ tab: Tab; text: string }> {
  const tabId = await tabIdFor(ext, url);
  const tab = await session.openExtensionPage(`${POPUP_PATH}?tab=${tabId}`);
  await tab.setViewport(400, 760);
  await pageText(tab, mustInclude);
  // The index's heading shows before the verdict does: wait for the verdict too.
  await poll('the popup to show its verdict', async () =>
    (await tab.evaluate(() => document.querySelector('#verdict .loading') === null, undefined)) ? true : undefined,
  );
  return { tab, text: await pageText(tab, mustInclude) };
}

/** Shows the popup's index panel in a console tab (reloaded so it reads fresh stats). */
export async function indexPanelText(ext: Tab, mustInclude: RegExp): Promise<string> {
  await gotoExtensionPage(ext, POPUP_PATH);
  return pageText(ext, mustInclude);
}

export async function snap(tab: Tab, name: string, fullPage = false): Promise<string> {
  const path = artifactPath(name);
  // Let the ribbon's 180 ms entrance finish, so the picture shows what a reader sees after it.
  await new Promise((r) => setTimeout(r, 400));
  await tab.screenshot(path, fullPage);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Reuse lists: the options page's Lists section, and what the ribbon and popup say of a listed original.

export const OPTIONS_PATH = 'src/popup/options.html';
/** The Lists section's URL field on the options page. */
export const LIST_URL_FIELD = '#lists-url';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words that name where a text-free original came from: "Listed by <publisher> in <list>". */
export function listedBy(publisher: string, list: string): RegExp {
  return new RegExp(`Listed by ${escapeRe(publisher)} in ['‘“"]?${escapeRe(list)}`, 'i');
}

/** Shows the options page in the console tab and waits for its Lists section. */
export async function openListsSection(ui: Tab): Promise<string> {
  await gotoExtensionPage(ui, OPTIONS_PATH);
  return pageText(ui, /Add list/);
}

/** A list's article count as its row shows it ("Articles 12", or "12 articles"). */
export function articlesShown(n: number): RegExp {
  const count = n.toLocaleString('en-US');
  return new RegExp(`(Articles\\s*${count}\\b|\\b${count}\\s+articles?\\b)`, 'i');
}

/** "today, 14:05": how the Lists section says when something happened today (local time). */
export function todayAt(ms: number): string {
  const d = new Date(ms);
  return `today, ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The text of the options page's row for a list: the smallest element holding the list's name
 * and its Remove… button; undefined while there is none.
 */
export async function listRowText(ui: Tab, name: string): Promise<string | undefined> {
  return ui.evaluate((n) => {
    for (const b of Array.from(document.querySelectorAll('button'))) {
      if (!/^Remove/.test(b.textContent?.trim() ?? '')) continue;
      for (let el: HTMLElement | null = b.parentElement; el && el !== document.body; el = el.parentElement) {
        if (el.innerText.includes(n)) return el.innerText;
      }
    }
    return undefined;
  }, name);
}

/** Waits until the list's row shows text matching `shown`, and returns the row's text. */
export async function waitForListRow(ui: Tab, name: string, shown: RegExp, timeoutMs = 45_000): Promise<string> {
  let last: string | undefined;
  return poll(
    `the row of list "${name}" to show ${shown}`,
    async () => {
      last = await listRowText(ui, name);
      return last !== undefined && shown.test(last) ? last : undefined;
    },
    timeoutMs,
    200,
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; the row said: ${last === undefined ? '(no row)' : JSON.stringify(last)}`);
  });
}

/** Removes the list shown on the options page: Remove…, then the confirmation's "Remove list". */
export async function removeOnOptions(ui: Tab): Promise<void> {
  await ui.clickButton('Remove…');
  await ui.clickButton('Remove list');
}

/** Adds a list by URL on the options page as a reader does: types the URL, clicks "Add list". */
export async function subscribeOnOptions(session: Session, ui: Tab, url: string): Promise<void> {
  // The reader allows the origin when the browser asks (see Session.allowHostPermission).
  await session.allowHostPermission(`${new URL(url).protocol}//${new URL(url).hostname}/*`);
  await openListsSection(ui);
  await ui.fill(LIST_URL_FIELD, url);
  await ui.clickButton('Add list');
}
