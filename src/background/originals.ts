// An original read before its copies: its tab said "no earlier source" when it was checked, and a
// copy checked since names it. The tab showing that original is brought up to date at once, as a
// reload would: its result checked again from the index, now listing the copies.
import type { CheckResult } from '../index/types.ts';
import type { TabState } from '../protocol/messages.ts';
import type { Services } from './services.ts';
import { keep } from './tab-sync.ts';

/** Checks a stored article again against the index as it is now (page.ts checkStored). */
export type Recheck = (id: string, url: string) => Promise<CheckResult | undefined>;

/** The stored articles a checked page derives from: its original and every earlier match. */
export function sourcesOf(state: TabState): Set<string> {
  const result = state.result;
  const ids = new Set<string>();
  if (!state.pageId || !result) return ids;
  if (result.original) ids.add(result.original.id);
  for (const m of result.matches) if (m.direction === 'from') ids.add(m.id);
  return ids;
}

/**
 * After `copyTab` published `copy`: every other tab whose kept result is for one of the articles
 * the copy derives from gets its result checked again and published (badge included). A tab that
 * moved on to another page meanwhile is left as it is.
 */
export async function refreshOriginals(s: Services, copyTab: number, copy: TabState, recheck: Recheck): Promise<number[]> {
  const sources = sourcesOf(copy);
  if (sources.size === 0) return [];
  const tabs = (await s.tabs.all()).filter(([tabId, st]) => tabId !== copyTab && st.pageId !== undefined && sources.has(st.pageId));
  const refreshed = await Promise.all(tabs.map(([tabId, st]) => refreshTab(s, tabId, st, recheck)));
  return tabs.filter((_, i) => refreshed[i]).map(([tabId]) => tabId);
}

async function refreshTab(s: Services, tabId: number, was: TabState, recheck: Recheck): Promise<boolean> {
  const result = await recheck(was.pageId!, was.url);
  if (!result) return false;
  return s.tabs.exclusive(tabId, async () => {
    const now = await s.tabs.get(tabId);
    if (now?.pageId !== was.pageId || now?.url !== was.url) return false;
    await keep(s, { tabId, incognito: false }, { ...now, result });
    return true;
  });
}
