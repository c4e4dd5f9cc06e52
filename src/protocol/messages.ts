// The one typed message protocol between the extension's contexts.
// Every receiver validates what it receives before acting (validate.ts for messages, replies.ts
// for what the worker answers); unknown or malformed messages are dropped and logged, never thrown into.
import type { ArticleHead, CheckResult, Comparison, Credit, ListedBy, PageMeta } from '../index/types.ts';
import type { CorrectionView, LibraryPage, UndoStatus } from './library.ts';

/** Content script -> background, before it reads anything of the page: may this page be read?
 * No on an excluded site or while paused: then the page's text is never extracted, and the worker
 * keeps the reason for the popup. */
export interface PageShouldReadMessage {
  type: 'page/should-read';
}

/** Content script -> background: the article found on this tab's page. */
export interface PageArticleMessage {
  type: 'page/article';
  text: string;
  meta: PageMeta;
}

/** Content script -> background: the page as HTML (document.documentElement.outerHTML), sent once
 * Readability's quick test says it is probably an article. The worker extracts the article off the
 * page's main thread (background/extract-html.ts) and checks it as page/article (page/recheck when
 * `recheck`); the reply carries the extracted text, which the page's highlights are cut from. */
export interface PageHtmlMessage {
  type: 'page/html';
  html: string;
  /** The page's own address (location.href) and the base its relative links resolve against (document.baseURI). */
  url: string;
  base: string;
  recheck: boolean;
  /** After a navigation within the same document: the text last checked; when the page's article
   * is still that text, nothing is checked and the reply says so. */
  unlessText?: string;
}

/** The worker's answer to page/html: the tab's state and the article's text (null: not an article),
 * or `unchanged` when the article is still `unlessText`. */
export type PageHtmlReply = { unchanged: true } | { state: TabState; text: string | null };

/** Content script -> background: this page is not an article (clears the tab's state). */
export interface PageNotArticleMessage {
  type: 'page/not-article';
  url: string;
}

/** Content script -> background: open the comparison of this tab's page with one of its
 * matches (the ribbon's "Compare" button). The page is the one the worker recorded for the
 * sender's tab; originalId must be among that page's matches. */
export interface PageOpenCompareMessage {
  type: 'page/open-compare';
  originalId: string;
}

/** Content script -> background, after the index changed under the page (index/changed): the
 * article checked again, never added to the index (the reader just emptied it). */
export interface PageRecheckMessage {
  type: 'page/recheck';
  text: string;
  meta: PageMeta;
}

/** Content script -> background: the reader says this tab's page is not a copy of one of its
 * matches (a ribbon's "Not a copy"). The page is the one the worker recorded for the sender's
 * tab; originalId must be among that page's matches. The page's next check skips that original:
 * the content script checks the page again (page/article) to show the new result. */
export interface PageNotACopyMessage {
  type: 'page/not-a-copy';
  originalId: string;
}

/** Library, corrections and undo (extension pages only) -> background: library.ts. */
export type LibraryMessage =
  /** A page of the library, newest first; `after`: continue below that article number. */
  | { type: 'library/browse'; query: string; after?: number }
  /** Deletes one article the reader read or imported (a listed-only one is refused, with why). */
  | { type: 'library/delete'; id: string }
  /** Clear without keeping anything to undo, and forget what an earlier Clear kept. */
  | { type: 'library/clear-forget' }
  /** "This is not a copy": checks of pageId skip originalId (and the other way round). */
  | { type: 'corrections/add'; pageId: string; originalId: string }
  | { type: 'corrections/remove'; pageId: string; originalId: string }
  | { type: 'corrections/list' }
  /** What the last Clear kept, and until when; undo it; or delete it now. */
  | { type: 'undo/status' }
  | { type: 'undo/restore' }
  | { type: 'undo/forget' };

/** Popup/options/compare (extension pages only) -> background. */
export type UiMessage =
  | ViewMessage
  | { type: 'ui/tab-state'; tabId: number }
  | { type: 'ui/stats' }
  | { type: 'ui/clear' }
  | { type: 'ui/set-paused'; paused: boolean }
  | { type: 'ui/get-settings' }
  | { type: 'ui/set-settings'; settings: Partial<Settings> }
  | { type: 'ui/compare'; pageId: string; originalId: string }
  | { type: 'ui/open-compare'; pageId: string; originalId: string }
  | { type: 'ui/highlight'; tabId: number }
  | { type: 'ui/lists' }
  | { type: 'ui/list-subscribe'; url: string }
  | { type: 'ui/list-update'; id: string }
  | { type: 'ui/list-remove'; id: string }
  | { type: 'ui/site-state'; tabId: number }
  | { type: 'ui/set-site'; host: string; on: boolean }
  | LibraryMessage;

/** End-to-end tests -> background, from an extension page of a test build only: the whole index
 * as a pack and back. Readers export and import in the popup itself (toolbar/bulk.ts), so a
 * store build knows neither message and drops them like any unknown one. */
export type TestUiMessage =
  | { type: 'ui/export' }
  | { type: 'ui/import'; text: string }
  /** Runs the lists' update sweep now, as the alarm would: the lists due (or, with `all`, every
   * list subscribed by URL) are updated; the reply is every list afterwards. */
  | { type: 'ui/lists-sweep'; all: boolean }
  /** Runs a keyboard command (manifest `commands`) for a tab, as the browser's shortcut would. */
  | { type: 'ui/run-command'; command: string; tabId: number }
  /** Answers once the saves of the pages checked so far are done (a verdict is sent before its page is saved). */
  | { type: 'ui/saves-settled' };

/** Every message a store build's worker acts on. */
export type Message =
  | PageShouldReadMessage
  | PageArticleMessage
  | PageHtmlMessage
  | PageNotArticleMessage
  | PageOpenCompareMessage
  | PageNotACopyMessage
  | UiMessage
  | PageRecheckMessage
  | RibbonPageMessage;

/** Every message a test build's worker acts on. */
export type AnyMessage = Message | TestUiMessage;

/** Background -> the extension's pages (runtime.sendMessage; content scripts never receive it):
 * how far a list's download and install has come, for the options page's progress bar. */
export interface ListProgressMessage {
  type: 'lists/progress';
  /** The list's id (ListInfo.id), and the URL it is downloaded from. */
  id: string;
  url: string;
  /** downloading: bytes so far (total 0: unknown); reading: articles checked of the header's count;
   * writing: articles written; indexing: postings buckets written; done: installed (done = articles). */
  phase: 'downloading' | 'reading' | 'writing' | 'indexing' | 'done';
  done: number;
  total: number;
}

/** Background -> content script (via tabs.sendMessage): the popup's "Highlight on page" toggles the
 * highlights; index/changed: the index changed under the page (its verdict may no longer hold);
 * the ribbon's messages. */
export type ContentMessage = { type: 'content/highlight' } | IndexChangedMessage | ContentPingMessage | RibbonContentMessage;

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
  /** The ribbon: compact (a badge-sized pill) always, full always, or compact on small windows. */
  ribbonMode: RibbonMode;
  /** The ribbon's corner. */
  ribbonPosition: RibbonPosition;
}

export interface IndexStats {
  /** The reader's own articles: read or imported (a listed article the reader read counts here). */
  articles: number;
  /** Articles known only from subscribed lists (text-free). */
  listed?: number;
  /** Estimated bytes used on disk by the index (navigator.storage.estimate where available). */
  bytes: number;
  oldestSeenAt?: number;
  newestSeenAt?: number;
  params: string;
  /** Set when the index cannot be used or written right now (storage full, database blocked or
   * closed by the browser), in words a reader can act on. */
  error?: string;
}

/** One stored article as the compare page shows it. */
export interface ArticleView extends ArticleHead {
  wordCount: number;
  credits: Credit[];
  /** The article text as indexed (decompressed); empty for an article known from lists only. */
  text: string;
  /** Known from reuse lists only: no text is stored, and the lists that carry it. */
  textFree?: boolean;
  listed?: ListedBy[];
}

/** Reply to ui/compare: both articles and their measured relation (page = candidate). */
export interface CompareView {
  page: ArticleView;
  original: ArticleView;
  comparison: Comparison;
  /** Whether the page credits the original's outlet, decided as the ribbon and the popup decide it. */
  credited: boolean;
}

/** What an import did: the popup's own import, and ui/import in test builds. */
export interface ImportResult {
  /** Articles new to this index. */
  added: number;
  /** Articles already present, merged (the earliest first-seen time is kept). */
  updated: number;
  /** Articles evicted afterwards to stay within the retention settings. */
  evicted: number;
  /** "Not a copy" corrections the pack added (absent when it carried none). */
  corrections?: number;
}

/** One reuse list the reader subscribed to (by URL) or added from a file, as the options page shows it. */
export interface ListInfo {
  /** Stable id: derived from the URL, or from the file's digest for a file. */
  id: string;
  /** The list's name, description, publisher and homepage as its header states them (page-supplied text: shown isolated). */
  name: string;
  publisher: string;
  description?: string;
  homepage?: string;
  /** Where it comes from: a URL it is updated from, or the name of the file it was added from (never updated). */
  source: { url: string } | { file: string };
  articles: number;
  /** Size of the list as last downloaded or read (bytes, compressed as served). */
  bytes: number;
  /** SHA-256 of the list's content (hex). */
  digest: string;
  /** The Ed25519 public key (base64) pinned when the reader subscribed; absent for an unsigned list. */
  publicKey?: string;
  addedAt: number;
  /** Last successful download (or the file's reading). */
  updatedAt: number;
  /** Last attempt to update, successful or not. */
  checkedAt?: number;
  /** When the next update is due (URL lists only): the list's expiry hint, bounded to 1 hour .. 7 days. */
  nextUpdate?: number;
  /** Why the last update failed, in words a reader can act on; the previous copy is kept whole. */
  lastError?: string;
  /** The list's own hint of how often it changes, in hours, as its header states it. */
  expiresHours?: number;
}

/** The value each message's reply carries when ok (Reply<ReplyMap[type]>). */
export interface ReplyMap {
  'page/should-read': boolean;
  'page/article': TabState;
  'page/html': PageHtmlReply;
  'page/not-article': TabState;
  'page/open-compare': null;
  'ui/tab-state': TabState | null;
  'ui/stats': IndexStats;
  /** The pack as JSON text, ready to be saved as a file. */
  'ui/export': string;
  'ui/import': ImportResult;
  'ui/lists-sweep': ListInfo[];
  'ui/saves-settled': null;
  'ui/clear': IndexStats;
  'ui/set-paused': Settings;
  'ui/get-settings': Settings;
  'ui/set-settings': Settings;
  'ui/compare': CompareView;
  'ui/open-compare': null;
  'ui/highlight': null;
  'ui/lists': ListInfo[];
  /** Downloads, checks and installs the list; the options page asks for the host permission first. */
  'ui/list-subscribe': ListInfo;
  'ui/list-update': ListInfo;
  /** The lists that remain. */
  'ui/list-remove': ListInfo[];
  'page/recheck': TabState;
  'page/ribbon-prefs': RibbonPrefs;
  'page/ui-strings': UiStrings;
  'page/dismiss-story': null;
  'page/site-off': null;
  'ui/site-state': SiteState;
  'ui/set-site': SiteState;
  /** Whether the command reached the tab's content script. */
  'ui/run-command': boolean;
  'page/not-a-copy': null;
  'library/browse': LibraryPage;
  /** `listed`: the article stays as a listed one (a subscribed list carries it). */
  'library/delete': { listed: boolean };
  'library/clear-forget': IndexStats;
  'corrections/add': CorrectionView[];
  'corrections/remove': CorrectionView[];
  'corrections/list': CorrectionView[];
  'undo/status': UndoStatus;
  'undo/restore': ImportResult;
  'undo/forget': UndoStatus;
}

export type { CorrectionView, LibraryItem, LibraryPage, UndoStatus } from './library.ts';

/** Every reply has this shape: ok with a value, or an error a reader can understand. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Background -> content scripts (tabs.sendMessage) and the extension's pages (runtime.sendMessage):
 * the reader's index changed under them, so a verdict shown no longer holds. 'cleared': Clear
 * emptied it (every tab's result and badge are gone; content scripts remove their ribbon and
 * check their page again). Check: isIndexChanged (replies.ts). */
export interface IndexChangedMessage {
  type: 'index/changed';
  reason: 'cleared';
}

/** Background -> the content script of a tab's top frame (tabs.sendMessage): which page is shown
 * now? Asked when a tab reports loading without saying what, so that a verdict is kept for the
 * document that is still there. The reply's value is `{ url }` (its location). */
export interface ContentPingMessage {
  type: 'content/ping';
}

// ---------------------------------------------------------------------------------------------
// The ribbon's appearance, its dismissal per story, turning Firsthand off for a site, and the
// keyboard command that brings the ribbon up.

/** auto: compact on small windows (under 1200 x 700 CSS px), full otherwise. */
export type RibbonMode = 'auto' | 'compact' | 'full';

/** The ribbon's corner: top or bottom, on the side where lines end (right on a left-to-right
 * page, left on a right-to-left one) or start. */
export type RibbonPosition = 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start';

/** Content script -> background, about the ribbon of this tab's page. */
export type RibbonPageMessage =
  /** How to show the ribbon here: the appearance settings, whether the story (its original) was
   * dismissed, whether this page's site is turned off. */
  | { type: 'page/ribbon-prefs'; originalId?: string }
  /** The reader dismissed the ribbon: the story stays dismissed on every page until the browser
   * closes (at most 24 hours). */
  | { type: 'page/dismiss-story'; originalId: string }
  /** The ribbon's "Not on this site": turns Firsthand off for the sender's site. */
  | { type: 'page/site-off' }
  /** The interface's strings for the ribbon, in the reader's language (asked once per page, before
   * the first ribbon): the page then never calls the browser's i18n API, whose first call in a new
   * page's process fetches the whole message catalog there (tens of ms in Chromium). */
  | { type: 'page/ui-strings' };

/** Marks where substitution n (1-9) goes in a template of UiStrings: U+E000 followed by the digit. */
export const UI_STRING_SLOT = '\uE000';

/** The interface's strings as the worker read them from the browser, every message of the catalog:
 * each template is the browser's message with substitution n written as UI_STRING_SLOT + n. */
export interface UiStrings {
  lang: string;
  dir: 'ltr' | 'rtl';
  templates: Record<string, string>;
}

export interface RibbonPrefs {
  mode: RibbonMode;
  position: RibbonPosition;
  dismissed: boolean;
  siteOff: boolean;
}

/** Background -> content script: bring the ribbon up and move focus into it (the keyboard
 * command); or the ribbon's settings changed (ask page/ribbon-prefs again). */
export type RibbonContentMessage = { type: 'content/focus-ribbon' } | { type: 'content/prefs-changed' };

/** A tab's site as the popup's switch shows it: its host (null when no page of a site was read
 * there, e.g. a browser page) and whether Firsthand is off there. */
export interface SiteState {
  host: string | null;
  off: boolean;
}

/** The history and story pages -> background (background/views.ts). `ref` names an article by
 * its id or by the address it was read at. */
export type ViewMessage = { type: 'view/history' } | { type: 'view/story'; ref: string } | { type: 'view/open-story'; ref: string };

export interface ReplyMap {
  'view/history': import('./views.ts').HistoryView;
  'view/story': import('./views.ts').StoryView;
  /** Opens the story page of an article in a new tab. */
  'view/open-story': null;
}
