// The background worker (Chrome: service worker; Firefox: event page). Listeners are added
// synchronously at start so the browser can wake the worker for them; every handler reads what
// it needs from storage, since the worker may have been stopped since the last event.
import browser from 'webextension-polyfill';
import type { ContentMessage } from '../protocol/messages.ts';
import { pongUrl } from '../protocol/replies.ts';
import { readList } from '../lists/read.ts';
import type { Badge } from './badge.ts';
import { LIST_ALARM, SWEEP_MINUTES, sweepLists } from './lists.ts';
import { pageHandlers } from './page.ts';
import { handlePageHtml, htmlExtractor } from './extract-html.ts';
import { reindexIfNeeded } from './reindex.ts';
import { route, type Handlers, type SenderInfo } from './router.ts';
import { createServices } from './services.ts';
import type { KeyValueArea } from './tab-state.ts';
import { tabLoading } from './tab-sync.ts';
import { testUiHandlers } from './test-handlers.ts';
import { installTestHooks } from './test-hooks.ts';
import { uiHandlers } from './ui.ts';
import { ribbonHandlers, runCommand } from './ribbon-prefs.ts';
import { viewHandlers, withHistory } from './views.ts';
import { libraryHandlers } from './library.ts';
import { withSaves } from './saves.ts';
import { undoStatus } from '../storage/undo.ts';

const action = browser.action;

/** The first-run page, opened once when Firsthand is installed. */
const WELCOME_PATH = 'src/popup/welcome.html';

async function setBadge(tabId: number, badge: Badge | null): Promise<void> {
  await action.setBadgeText({ tabId, text: badge?.text ?? '' });
  if (!badge) return;
  await action.setBadgeBackgroundColor({ tabId, color: badge.color });
  await action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
}

const services = createServices({
  session: (browser.storage as { session?: KeyValueArea }).session,
  local: browser.storage.local,
  browser: {
    setBadge,
    openTab: async (url) => {
      await browser.tabs.create({ url });
    },
    sendToTab: async (tabId, msg: ContentMessage) => {
      await browser.tabs.sendMessage(tabId, msg);
    },
    pingTab: async (tabId) => pongUrl(await browser.tabs.sendMessage(tabId, { type: 'content/ping' }, { frameId: 0 }).catch(() => undefined)),
    usage: async () => (await navigator.storage?.estimate?.())?.usage,
    baseUrl: browser.runtime.getURL(''),
    hasOrigin: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
    broadcast: async (msg) => {
      await browser.runtime.sendMessage(msg);
    },
    tabIds: async () => (await browser.tabs.query({})).flatMap((t) => (t.id === undefined ? [] : [t.id])),
  },
  readList,
  // Chrome counts an extension API call as activity: a pending save is not cut short by an idle stop.
  keepAlive: () => browser.runtime.getPlatformInfo(),
});

const extractHtml = htmlExtractor();
const handlers: Handlers = {
  ...pageHandlers(services),
  // Read from the table when called: page/article as withHistory wraps it below.
  'page/html': (m, from) => handlePageHtml(m, from, handlers, extractHtml),
  ...uiHandlers(services),
  ...ribbonHandlers(services),
  ...viewHandlers(services),
  ...libraryHandlers(services),
};
// The history: each checked page's check is kept, and Clear forgets them (views.ts).
withHistory(services, handlers);

// A store build compiles no test handlers in (the build folds __FIRSTHAND_TEST__ to false), so
// its router knows neither ui/export nor ui/import.
const testHandlers = __FIRSTHAND_TEST__ ? testUiHandlers(services) : undefined;
// The extension's pages wait for the saves of the pages whose verdicts were sent (saves.ts).
withSaves(services.saves, handlers, testHandlers);

const self = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('') };

browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) =>
  route(raw, sender as SenderInfo, { self, handlers, testHandlers }),
);

// A new page in the tab: a state and badge kept for another document no longer apply (the content
// script reports the new page). Same-page changes (#fragments) keep both. Where the event does not
// say the URL (Chrome tells it only to extensions with the tabs permission), the content script of
// the tab's top frame is asked which page it shows.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status !== 'loading') return;
  void (async () => {
    await tabLoading(services, tabId, change.url);
  })().catch((err: unknown) => console.debug('Firsthand: could not reset the state of a reloading tab:', err));
});

browser.tabs.onRemoved.addListener((tabId) => {
  void services.tabs.remove(tabId).catch((err: unknown) => console.debug('Firsthand: could not forget a closed tab:', err));
});

// Tab ids start over with the browser; states kept in the storage.local fallback are stale.
browser.runtime.onStartup.addListener(() => {
  if (services.tabs.persistent) void services.tabs.removeAll().catch((err: unknown) => console.debug('Firsthand: could not forget stale tab states:', err));
});

// The lists' update sweep: every SWEEP_MINUTES the lists that are due are downloaded again
// (nothing is fetched while there is no list, or none is due).
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== LIST_ALARM) return;
  void sweepLists(services).catch((err: unknown) => console.warn('Firsthand: lists not updated:', err));
});
void browser.alarms
  .get(LIST_ALARM)
  .then((alarm) => (alarm ? undefined : browser.alarms.create(LIST_ALARM, { delayInMinutes: 1, periodInMinutes: SWEEP_MINUTES })))
  .catch((err: unknown) => console.warn('Firsthand: the lists update alarm could not be set:', err));

// A new install opens the first-run page (what Firsthand does, adding a list, importing a pack);
// test builds do not, so end-to-end tests start on a quiet browser.
browser.runtime.onInstalled.addListener((details) => {
  if (details.reason !== 'install' || __FIRSTHAND_TEST__) return;
  void browser.tabs
    .create({ url: browser.runtime.getURL(WELCOME_PATH) })
    .catch((err: unknown) => console.warn('Firsthand: the welcome page could not be opened:', err));
});

// Once per worker start: a release with new signature parameters rebuilds the index from its texts.
void reindexIfNeeded(services)
  .then(({ rebuilt, dropped }) => {
    if (rebuilt || dropped) console.info(`Firsthand: index rebuilt for new signature parameters (${rebuilt} articles, ${dropped} without text removed)`);
  })
  .catch((err: unknown) => console.warn('Firsthand: index not rebuilt:', err));

// Once per worker start: the subscribed lists and their key filters are read into the store while
// the page that woke the worker is being extracted, so that its check does not wait for them.
void services.store.prepare();

// Once per worker start: a Clear's copy kept past its time is deleted (undo.ts).
void undoStatus(services.conn, services.now()).catch((err: unknown) => console.warn('Firsthand: an expired Clear copy was not deleted:', err));

if (__FIRSTHAND_TEST__) installTestHooks();

// The keyboard shortcut (manifest `commands`, "focus-ribbon"): the tab's ribbon comes up, expanded,
// with the keyboard focus in it.
browser.commands.onCommand.addListener((command, tab) => {
  void (async () => {
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    await runCommand(services, command, tabId);
  })().catch((err: unknown) => console.debug('Firsthand: the command did not reach the page:', err));
});
