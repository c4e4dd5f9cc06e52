// Keeping each tab's result and badge true to what the tab shows: a new document in the tab, and
// an index emptied under open tabs. Every change goes through the tab's queue (TabStates.exclusive),
// the same one a page's result is published through, so their order cannot lose a verdict.
import type { IndexChangedMessage, TabState } from '../protocol/messages.ts';
import { badgeFor } from './badge.ts';
import type { PageSender } from './router.ts';
import type { Services } from './services.ts';

/** Keeps the tab's state for the popup and sets its badge, in the tab's queue of state changes.
 * Private tabs' states never reach the disk. */
export async function publish(s: Services, from: Pick<PageSender, 'tabId' | 'incognito'>, state: TabState): Promise<void> {
  await s.tabs.exclusive(from.tabId, () => keep(s, from, state));
}

/** publish, for a change already running in the tab's queue. */
export async function keep(s: Services, from: Pick<PageSender, 'tabId' | 'incognito'>, state: TabState): Promise<void> {
  if (!(from.incognito && s.tabs.persistent)) {
    await s.tabs.set(from.tabId, state).catch((err: unknown) => console.warn('Firsthand: tab state not kept:', err));
  }
  await s.browser.setBadge(from.tabId, badgeFor(state.result)).catch(() => {
    // The tab closed meanwhile.
  });
}

/** Whether two URLs are one document (they differ at most in their #fragment). */
export function sameDocument(a: string, b: string): boolean {
  return a.replace(/#.*$/, '') === b.replace(/#.*$/, '');
}

/**
 * A tab started loading `reported` (undefined when the browser does not say: then the content
 * script of the tab's top frame is asked which page it shows): a result kept for another document
 * no longer applies, so it and the badge go. A result kept for the page shown stays: it is either
 * the new document's own (its report arrived before the browser's loading event, or the event came
 * from a frame or a pushState) or the previous load of the same page, which the new report replaces.
 */
export async function tabLoading(s: Services, tabId: number, reported: string | undefined): Promise<void> {
  const url = reported ?? (await s.browser.pingTab(tabId).catch(() => undefined));
  await s.tabs.exclusive(tabId, async () => {
    const old = await s.tabs.get(tabId);
    if (old && url !== undefined && sameDocument(old.url, url)) return;
    await s.tabs.remove(tabId);
    await s.browser.setBadge(tabId, null);
  });
}

/** What the index's content scripts and pages are told when Clear emptied it. */
export const INDEX_CLEARED: IndexChangedMessage = { type: 'index/changed', reason: 'cleared' };

/**
 * The reader's index was emptied: every tab's result and badge go, each page that reported one
 * is told (its content script removes its ribbon and checks the page again), and so are the
 * extension's open pages (the popup shows the tab afresh). Nobody listening is no failure.
 */
export async function indexCleared(s: Services): Promise<void> {
  const tabs = await s.tabs.removeAll();
  await Promise.all(
    tabs.map((tabId) =>
      s.tabs.exclusive(tabId, async () => {
        await s.tabs.remove(tabId);
        await s.browser.setBadge(tabId, null).catch(() => undefined);
        await s.browser.sendToTab(tabId, { ...INDEX_CLEARED }).catch(() => undefined);
      }),
    ),
  );
  await s.browser.broadcast({ ...INDEX_CLEARED }).catch(() => undefined);
}
