// Reader-level steps shared by the scenarios: read a fixture article, open the popup for its
// tab, save what the reader sees as a screenshot. And the sentences the reader should see.
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { artifactPath } from './harness/session.ts';
import { badgeText, gotoExtensionPage, openConsole, pageText, POPUP_PATH, tabIdFor } from './harness/extension.ts';
import { seen, type Seen } from './harness/reader.ts';
import type { Session, Tab } from './harness/types.ts';

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
