// What a scenario needs from a browser, the same for Chromium (playwright-core over CDP) and
// Firefox (puppeteer-core over WebDriver BiDi). Scenarios speak only this interface, so each
// one runs unchanged in both browsers.

export type BrowserName = 'chromium' | 'firefox';

export interface Tab {
  goto(url: string): Promise<void>;
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The page's own URL as its script sees it (BiDi reports extension tabs as about:blank). */
  href(): Promise<string>;
  screenshot(path: string, fullPage?: boolean): Promise<void>;
  /** Clicks (a real, trusted click) the first visible button whose text is exactly `label`. */
  clickButton(label: string): Promise<void>;
  /** Types `text` into the field matched by `selector` (its old value replaced), key by key as a reader does. */
  fill(selector: string, text: string): Promise<void>;
  /** Puts a file into a file input, as a reader choosing it in the file dialog. */
  setFiles(selector: string, path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Emulates the reader's light or dark theme (prefers-color-scheme); Chromium only, for screenshots. */
  setColorScheme?(scheme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
  /** Brings the tab to the front and presses a key (e.g. "Tab", "Escape", "Enter") where the focus is, as a reader does. */
  press(key: string): Promise<void>;
  /** Brings the tab to the front (the browser's active tab, focused). */
  bringToFront(): Promise<void>;
}

export interface Session {
  name: BrowserName;
  profileDir: string;
  /** A new tab on the given URL. */
  open(url: string): Promise<Tab>;
  /** A new tab on one of the extension's own pages, e.g. "src/popup/popup.html?tab=3". */
  openExtensionPage(path: string): Promise<Tab>;
  /** Where downloads land (Firefox saves there silently; Chromium's are captured by the harness). */
  downloadsDir: string;
  /** Runs an action in the tab and returns the text of the file it downloads. */
  captureDownload(tab: Tab, action: () => Promise<unknown>): Promise<{ name: string; text: string }>;
  /** Runs an action that opens a new tab and returns that tab once it has loaded. */
  newTabAfter(action: () => Promise<unknown>): Promise<Tab>;
  /**
   * Has the browser grant the extension an optional host permission (a match pattern such as
   * "http://localhost/*") when it next asks for it, as a reader clicking Allow in the prompt.
   * Firefox: its test profile accepts every optional permission request without a prompt.
   * Chromium: the prompt is a native dialog automation cannot reach (headless, the request stays
   * pending), so the site is added to the extension's site access as chrome://extensions does;
   * the request then resolves true at once.
   */
  allowHostPermission(pattern: string): Promise<void>;
  /** Quits the browser, keeping the profile directory. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  profileDir: string;
  sitePort: number;
  hosts: string[];
  /** The unpacked test build for this browser. */
  extensionDir: string;
  headless?: boolean;
  /** More Chromium switches (e.g. --remote-debugging-port=0 for a second DevTools client). */
  extraArgs?: string[];
  /** Firefox only: launch with the reader's theme dark (Chromium emulates it per tab: Tab.setColorScheme). */
  colorScheme?: 'light' | 'dark';
  /** The browser's interface language (e.g. "ar"), which the extension's own words follow; the system's when absent.
   * Chromium on Linux takes it from LANGUAGE and --lang; Firefox from intl.locale.requested, with its language pack installed. */
  locale?: string;
}
