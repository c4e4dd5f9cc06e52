// The ribbon's side of the worker: how the ribbon is shown (the appearance settings), which stories
// the reader dismissed, turning Firsthand off for a site (from the ribbon or the popup's switch),
// the keyboard command that brings the ribbon up, and the interface's strings a page's ribbon is
// written in (read from the browser once here, so that pages never call the i18n API).
//
// A dismissed story (the original a ribbon names) stays dismissed on every page that names it
// until the browser closes, and at most DISMISS_MS: the list lives in storage.session, in memory
// (storage.local where there is no session storage, pruned by the same expiry). A site turned off is
// added to the excluded sites, which the worker already refuses to read or check (page.ts), so it
// holds even for a content script that was injected before the change.
import { hostOf } from '../index/index.ts';
import type { RibbonPrefs, Settings, SiteState, UiStrings } from '../protocol/messages.ts';
import { i18nApi, uiStringsFrom, type I18nApi } from '../protocol/ui-strings.ts';
import { isExcludedHost, normalizeHost } from '../protocol/validate.ts';
import { loadSettings, updateSettings } from '../storage/settings.ts';
import type { Handlers, PageSender, TestHandlers } from './router.ts';
import type { Services } from './services.ts';

/** How long a dismissed story stays dismissed at most (it is forgotten sooner when the browser closes). */
export const DISMISS_MS = 24 * 60 * 60 * 1000;
/** Dismissed stories kept at most; the oldest dismissal goes first. */
export const MAX_DISMISSED = 500;
const DISMISSED_KEY = 'ribbon:dismissed';
/** What the popup says of an open tab whose site was just turned off. */
export const SITE_OFF_NOTE = 'Firsthand is off for this site: the page is not checked or added to your index.';
/** The manifest's command that focuses the ribbon. */
export const FOCUS_COMMAND = 'focus-ribbon';

type Dismissed = Record<string, number>;

async function readDismissed(s: Services): Promise<Dismissed> {
  const raw = (await s.ribbonArea.get(DISMISSED_KEY))[DISMISSED_KEY];
  const now = s.now();
  const out: Dismissed = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [id, until] of Object.entries(raw as Record<string, unknown>)) if (typeof until === 'number' && until > now) out[id] = until;
  return out;
}

export async function isDismissed(s: Services, originalId: string): Promise<boolean> {
  return Object.hasOwn(await readDismissed(s), originalId);
}

export async function dismissStory(s: Services, originalId: string, from: Pick<PageSender, 'incognito'>): Promise<null> {
  // A private window's dismissal never reaches the disk.
  if (from.incognito && s.tabs.persistent) return null;
  const kept = Object.entries(await readDismissed(s))
    .filter(([id]) => id !== originalId)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_DISMISSED - 1);
  const next: Dismissed = Object.fromEntries(kept);
  next[originalId] = s.now() + DISMISS_MS;
  await s.ribbonArea.set({ [DISMISSED_KEY]: next });
  return null;
}

function siteOff(settings: Settings, url: string): boolean {
  const host = hostOf(url);
  return host !== '' && isExcludedHost(host, settings.excludedSites);
}

export async function ribbonPrefs(s: Services, from: PageSender, originalId: string | undefined): Promise<RibbonPrefs> {
  const settings = await loadSettings(s.conn);
  return {
    mode: settings.ribbonMode,
    position: settings.ribbonPosition,
    siteOff: siteOff(settings, from.url),
    dismissed: originalId !== undefined && (await isDismissed(s, originalId)),
  };
}

/** The excluded sites with `host` turned on (every entry covering it removed) or off (added). */
export function withSite(excluded: readonly string[], host: string, on: boolean): string[] {
  const h = normalizeHost(host);
  if (h === null) throw new Error(`"${host.slice(0, 80)}" is not a site name.`);
  if (on) return excluded.filter((site) => !isExcludedHost(h, [site]));
  return isExcludedHost(h, excluded) ? [...excluded] : [...excluded, h];
}

/** Turns Firsthand on or off for a site; open tabs of a site turned off lose their ribbon and badge. */
export async function setSite(s: Services, host: string, on: boolean): Promise<SiteState> {
  const before = await loadSettings(s.conn);
  const settings = await updateSettings(s.conn, s.writer, { excludedSites: withSite(before.excludedSites, host, on) });
  await tellTabs(s, settings);
  return { host: hostOf(`http://${host}/`) || host, off: isExcludedHost(hostOf(`http://${host}/`), settings.excludedSites) };
}

/** The popup's switch: the site of the page the tab shows, as the worker last heard of it. */
export async function siteState(s: Services, tabId: number): Promise<SiteState> {
  const state = await s.tabs.get(tabId);
  const host = state ? hostOf(state.url) : '';
  if (!host || !/^https?:/i.test(state?.url ?? '')) return { host: null, off: false };
  return { host, off: siteOff(await loadSettings(s.conn), state!.url) };
}

/**
 * After the settings changed: each open tab of a site now off forgets its result and badge, and every
 * tab that had a verdict is told to ask for the ribbon's settings again (its ribbon is moved,
 * resized, or removed on a site now off). Tabs without a content script are skipped quietly.
 */
export async function tellTabs(s: Services, settings: Settings): Promise<void> {
  const ids = (await s.browser.tabIds?.().catch(() => [])) ?? [];
  await Promise.all(
    ids.map(async (tabId) => {
      const state = await s.tabs.get(tabId).catch(() => null);
      if (!state?.result) return;
      if (siteOff(settings, state.url)) {
        await s.tabs.set(tabId, { url: state.url, note: SITE_OFF_NOTE }).catch(() => undefined);
        await s.browser.setBadge(tabId, null).catch(() => undefined);
      }
      await s.browser.sendToTab(tabId, { type: 'content/prefs-changed' }).catch(() => undefined);
    }),
  );
}

/** The keyboard command (manifest `commands`): tells the tab's content script to bring its ribbon up. */
export async function runCommand(s: Services, command: string, tabId: number | undefined): Promise<boolean> {
  if (command !== FOCUS_COMMAND || tabId === undefined) return false;
  try {
    await s.browser.sendToTab(tabId, { type: 'content/focus-ribbon' });
    return true;
  } catch {
    // No content script in that tab (a browser page, a page loaded before the extension).
    return false;
  }
}

type RibbonHandlers = Pick<Handlers, 'page/ribbon-prefs' | 'page/ui-strings' | 'page/dismiss-story' | 'page/site-off' | 'ui/site-state' | 'ui/set-site'>;

/** The catalog as the browser gave it to the worker, read once per worker (the language is the
 * browser's, fixed while it runs). */
let strings: UiStrings | undefined;

/** The interface's strings for a page's ribbon (page/ui-strings). */
export function ribbonStrings(api: I18nApi | undefined = i18nApi()): UiStrings {
  strings ??= uiStringsFrom(api);
  if (!strings) throw new Error('The interface strings are not available here.');
  return strings;
}

export function ribbonHandlers(s: Services): RibbonHandlers {
  return {
    'page/ribbon-prefs': (m, from) => ribbonPrefs(s, from, m.originalId),
    'page/ui-strings': async () => ribbonStrings(),
    'page/dismiss-story': (m, from) => dismissStory(s, m.originalId, from),
    'page/site-off': async (_m, from) => {
      await setSite(s, hostOf(from.url), false);
      return null;
    },
    'ui/site-state': (m) => siteState(s, m.tabId),
    'ui/set-site': (m) => setSite(s, m.host, m.on),
  };
}

/** Test builds: the command as the browser's shortcut would run it. */
export function commandTestHandler(s: Services): Pick<TestHandlers, 'ui/run-command'> {
  return { 'ui/run-command': (m) => runCommand(s, m.command, m.tabId) };
}
