// The one typed message protocol between the extension's contexts.
// Every receiver validates with isMessage() before acting; unknown or malformed
// messages are dropped and logged, never thrown into.
import type { CheckResult, PageMeta } from '../index/types.ts';

/** Content script -> background: the article found on this tab's page. */
export interface PageArticleMessage {
  type: 'page/article';
  text: string;
  meta: PageMeta;
}

/** Content script -> background: this page is not an article (clears the tab's state). */
export interface PageNotArticleMessage {
  type: 'page/not-article';
  url: string;
}

/** Popup/options/compare (extension pages only) -> background. */
export type UiMessage =
  | { type: 'ui/tab-state'; tabId: number }
  | { type: 'ui/stats' }
  | { type: 'ui/export' }
  | { type: 'ui/import'; text: string }
  | { type: 'ui/clear' }
  | { type: 'ui/set-paused'; paused: boolean }
  | { type: 'ui/get-settings' }
  | { type: 'ui/set-settings'; settings: Partial<Settings> }
  | { type: 'ui/compare'; pageId: string; originalId: string }
  | { type: 'ui/open-compare'; pageId: string; originalId: string }
  | { type: 'ui/highlight'; tabId: number };

export type Message = PageArticleMessage | PageNotArticleMessage | UiMessage;

/** Background -> content script (via tabs.sendMessage). */
export type ContentMessage =
  | { type: 'content/highlight' }
  | { type: 'content/result'; state: TabState };

/** What the background knows about one tab, kept in storage.session so a restarted worker still knows it. */
export interface TabState {
  url: string;
  /** Id of the page's record in the index (absent when the page was not indexed, e.g. paused). */
  pageId?: string;
  result?: CheckResult;
  /** Why there is no result (not an article, paused, excluded site, private window, error). */
  note?: string;
}

export interface Settings {
  /** 'low' flags only strong reuse, 'high' flags weaker rewrites too. */
  sensitivity: 'low' | 'normal' | 'high';
  /** Host names never indexed or checked (a host matches itself and its subdomains). */
  excludedSites: string[];
  /** Oldest articles are evicted beyond this many. */
  maxArticles: number;
  /** Articles first seen more than this many days ago are evicted (0: keep forever). */
  maxAgeDays: number;
  /** Index pages read in private/incognito windows (off by default). */
  indexPrivate: boolean;
  paused: boolean;
}

export interface IndexStats {
  articles: number;
  /** Estimated bytes used on disk by the index (navigator.storage.estimate where available). */
  bytes: number;
  oldestSeenAt?: number;
  newestSeenAt?: number;
  params: string;
}

/** Every reply has this shape: ok with a value, or an error a reader can understand. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
