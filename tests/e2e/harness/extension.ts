// The extension's side, reached the way its own pages reach it: from a tab on one of its pages
// (the "console"), through runtime messages and the tabs/action APIs. This works the same in
// Chromium and Firefox, where BiDi cannot evaluate in the background page.
import type Browser from 'webextension-polyfill';
import type { Session, Tab } from './types.ts';
import { poll } from './wait.ts';

export const POPUP_PATH = 'src/popup/popup.html';

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** Opens an extension page tab used to send messages and navigate to other extension pages. */
export async function openConsole(session: Session): Promise<Tab> {
  return session.openExtensionPage(POPUP_PATH);
}

/** Sends a ui/* message to the background from an extension page; throws on an error reply. */
export async function ask<T>(ext: Tab, msg: Record<string, unknown>): Promise<T> {
  const reply = await ext.evaluate(async (m) => {
    const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
    const api = g.browser ?? g.chrome;
    return (await api.runtime.sendMessage(m)) as { ok: boolean; value?: unknown; error?: string } | undefined;
  }, msg);
  const r = reply as Reply | undefined;
  if (!r || typeof r.ok !== 'boolean') throw new Error(`no reply from the background to ${String(msg.type)}`);
  if (!r.ok) throw new Error(`${String(msg.type)}: ${r.error}`);
  return r.value as T;
}

/** The id of the browser tab showing `url`, found through the background's per-tab state. */
export async function tabIdFor(ext: Tab, url: string): Promise<number> {
  return poll(
    `the tab showing ${url}`,
    async () => {
      const id = await ext.evaluate(async (u) => {
        const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
        const api = g.browser ?? g.chrome;
        const tabs = await api.tabs.query({});
        const direct = tabs.find((t) => t.url === u);
        if (direct?.id !== undefined) return direct.id;
        for (const t of tabs) {
          if (t.id === undefined) continue;
          const r = (await api.runtime.sendMessage({ type: 'ui/tab-state', tabId: t.id })) as { ok: boolean; value?: { url?: string } | null } | undefined;
          if (r?.ok && r.value?.url === u) return t.id;
        }
        return undefined;
      }, url);
      return id ?? undefined;
    },
    20_000,
    250,
  );
}

/** The toolbar badge text for a tab, as the reader sees it on the extension's button. */
export async function badgeText(ext: Tab, tabId: number): Promise<string> {
  return ext.evaluate(async (id) => {
    const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
    const api = g.browser ?? g.chrome;
    return api.action.getBadgeText({ tabId: id });
  }, tabId);
}

/** Navigates the console tab to another extension page (same origin, so both browsers allow it). */
export async function gotoExtensionPage(ext: Tab, path: string): Promise<void> {
  const target = await ext.evaluate((p) => {
    const url = new URL(p, location.origin + '/').href;
    // A marker on the old document: the new one is loaded once the marker is gone.
    (window as unknown as { __firsthandLeaving?: boolean }).__firsthandLeaving = true;
    location.assign(url);
    return url;
  }, path);
  await poll(
    `${path} to load`,
    async () => {
      const state = await ext
        .evaluate(
          () => ({
            href: location.href,
            ready: document.readyState,
            old: (window as unknown as { __firsthandLeaving?: boolean }).__firsthandLeaving === true,
          }),
          undefined,
        )
        .catch(() => undefined);
      return state && !state.old && state.href === target && state.ready === 'complete' ? true : undefined;
    },
    20_000,
  );
}

/** Waits until the popup (or another extension page) has rendered text and returns it. */
export async function pageText(ext: Tab, mustInclude?: RegExp): Promise<string> {
  return poll(
    `the extension page to show ${mustInclude ?? 'its content'}`,
    async () => {
      const text = await ext.evaluate(() => document.body?.innerText ?? '', undefined);
      if (!text.trim() || /^\s*Loading/i.test(text)) return undefined;
      return !mustInclude || mustInclude.test(text) ? text : undefined;
    },
    20_000,
    150,
  );
}
