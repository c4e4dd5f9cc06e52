// Requests from the extension's own pages: the popup, the options page and the compare page.
import { compareTexts, compareWithSketch, creditsOutlet, DEFAULT_PARAMS, paramsId, type ArticleRecord, type ListedBy } from '../index/index.ts';
import type { ArticleView, CompareView, IndexStats, Settings } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import { readText } from '../storage/db.ts';
import { listNames } from '../storage/lists.ts';
import { listsOf, subscribeList, unsubscribeList, updateList } from './lists.ts';
import type { Handlers } from './router.ts';
import type { Services } from './services.ts';
import { indexCleared } from './tab-sync.ts';
import { loadSettings, updateSettings } from '../storage/settings.ts';
import { tellTabs } from './ribbon-prefs.ts';
import { unpackText } from '../storage/texts.ts';
import { clearIndex } from '../storage/undo.ts';

// The popup's per-site switch is answered in ribbon-prefs.ts.
type UiHandlers = { [K in keyof Handlers as K extends `ui/${string}` ? (K extends SiteUiType ? never : K) : never]: Handlers[K] };
type SiteUiType = 'ui/site-state' | 'ui/set-site';

/** The compare page for a page and its original. */
export function compareUrl(s: Services, pageId: string, originalId: string): string {
  const query = new URLSearchParams({ page: pageId, original: originalId });
  return `${s.browser.baseUrl}src/popup/compare.html?${query}`;
}

export async function indexStats(s: Services): Promise<IndexStats> {
  const params = paramsId(DEFAULT_PARAMS);
  // Where the browser cannot estimate usage the tile shows 0 bytes: the stats matter more than the figure.
  const bytes = (await s.browser.usage().catch(() => undefined)) ?? 0;
  try {
    const st = await s.store.stats();
    const stats: IndexStats = { articles: st.articles, listed: st.listed, bytes, oldestSeenAt: st.oldestSeenAt, newestSeenAt: st.newestSeenAt, params };
    if (s.conn.problem) stats.error = s.conn.problem;
    return stats;
  } catch (err) {
    return { articles: 0, bytes, params, error: s.conn.problem ?? errorText(err) };
  }
}

async function articleView(s: Services, id: string): Promise<{ record: ArticleRecord; view: ArticleView }> {
  const record = await s.store.get(id);
  if (!record) throw new Error('This article is no longer in your index.');
  if (record.sketch) {
    // Known from reuse lists only: a list carries no text, so the view names the lists instead.
    const names = await listNames(s.conn);
    const listed = (record.lists ?? []).map((l) => names.get(l)).filter((x): x is ListedBy => x !== undefined);
    const { url, title, outlet, host, publishedAt, firstSeenAt, wordCount, credits } = record;
    const view: ArticleView = { id, url, title, outlet, host, firstSeenAt, wordCount, credits, text: '', textFree: true, listed };
    if (publishedAt !== undefined) view.publishedAt = publishedAt;
    return { record, view };
  }
  const stored = await readText(s.conn, id);
  if (!stored) throw new Error(`The text of "${record.title}" is not stored (it came from a pack without texts).`);
  const { url, title, outlet, host, publishedAt, firstSeenAt, wordCount, credits } = record;
  const view: ArticleView = { id, url, title, outlet, host, firstSeenAt, wordCount, credits, text: await unpackText(stored) };
  if (publishedAt !== undefined) view.publishedAt = publishedAt;
  return { record, view };
}

export async function compareArticles(s: Services, pageId: string, originalId: string): Promise<CompareView> {
  const [page, original] = await Promise.all([articleView(s, pageId), articleView(s, originalId)]);
  const settings = await loadSettings(s.conn);
  const credited = creditsOutlet(page.record.credits, original.record.outletKey, original.record.host);
  const opts = { sensitivity: settings.sensitivity, credited };
  const comparison = original.record.sketch
    ? compareWithSketch(original.record.sketch, page.view.text, opts)
    : compareTexts(original.view.text, page.view.text, opts);
  return { page: page.view, original: original.view, comparison, credited };
}

async function saveSettings(s: Services, patch: Partial<Settings>): Promise<Settings> {
  const settings = await updateSettings(s.conn, s.writer, patch);
  await s.writer.enforceRetention(settings, s.now());
  await tellTabs(s, settings);
  return settings;
}

export function uiHandlers(s: Services): UiHandlers {
  return {
    'ui/tab-state': (m) => s.tabs.get(m.tabId),
    'ui/stats': () => indexStats(s),
    'ui/clear': async () => {
      // The reader's own index goes; subscribed lists and their articles stay (storage/lists.ts clearOwn).
      // What goes is kept for a while so the Clear can be undone (storage/undo.ts).
      await clearIndex(s.conn, { keepUndo: true, now: s.now() });
      // Each tab's result names articles the reader read: Clear forgets those too, with the badges,
      // and tells the open pages (their ribbons go; the popup shows the tab afresh).
      await indexCleared(s);
      return indexStats(s);
    },
    'ui/set-paused': (m) => saveSettings(s, { paused: m.paused }),
    'ui/get-settings': () => loadSettings(s.conn),
    'ui/set-settings': (m) => saveSettings(s, m.settings),
    'ui/compare': (m) => compareArticles(s, m.pageId, m.originalId),
    'ui/open-compare': async (m) => {
      await s.browser.openTab(compareUrl(s, m.pageId, m.originalId));
      return null;
    },
    'ui/highlight': async (m) => {
      await s.browser.sendToTab(m.tabId, { type: 'content/highlight' });
      return null;
    },
    'ui/lists': () => listsOf(s),
    'ui/list-subscribe': (m) => subscribeList(s, m.url),
    'ui/list-update': (m) => updateList(s, m.id),
    'ui/list-remove': (m) => unsubscribeList(s, m.id),
  };
}
