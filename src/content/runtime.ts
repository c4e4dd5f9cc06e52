// The one part of the extension API the content script uses, taken from the browser itself rather
// than from webextension-polyfill: Firefox's `browser.runtime` and Chrome's MV3 `chrome.runtime`
// both return a promise from sendMessage and both take a reply through sendResponse. The browser
// compiles the content script on every page the reader opens, and the polyfill was a third of it.

export interface ContentSender {
  id?: string;
}

export interface ContentRuntime {
  readonly id: string;
  sendMessage(msg: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (msg: unknown, sender: ContentSender, sendResponse: (reply: unknown) => void) => boolean | undefined): void;
  };
}

/** The extension's runtime as this content script sees it (Firefox: browser, Chrome: chrome). */
export function contentRuntime(scope: object = globalThis): ContentRuntime {
  const g = scope as { browser?: { runtime?: ContentRuntime }; chrome?: { runtime?: ContentRuntime } };
  const runtime = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  if (!runtime?.id) throw new Error('Firsthand: the content script runs outside the extension');
  return runtime;
}
