// Single-page news sites swap the article and change the URL without loading a document
// (history.pushState / replaceState, back and forward, #fragment links). The content script runs
// in an isolated world and cannot see the page's pushState calls, so it notices a new URL where
// it can: the Navigation API's currententrychange where the browser has it, popstate and
// hashchange, and any change to the document (a swapped article changes the DOM). Once the URL
// changed, it waits for the document to be quiet, so the new article is in place when it is read.

/** How long the document must be quiet after a URL change before the page is read again. */
export const QUIET_MS = 400;
/** A page that never stops changing (tickers, live blogs) is read this long after the URL changed. */
export const MAX_WAIT_MS = 3_000;

export interface NavigationWatch {
  stop(): void;
}

/** Calls `settled` once the window's URL changed and its document has been quiet for QUIET_MS. */
export function watchNavigation(win: Window, settled: () => void, timing = { quietMs: QUIET_MS, maxWaitMs: MAX_WAIT_MS }): NavigationWatch {
  let href = win.location.href;
  let movedAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    movedAt = undefined;
    settled();
  };
  const look = () => {
    if (win.location.href !== href) {
      href = win.location.href;
      movedAt ??= Date.now();
    }
    if (movedAt === undefined) return;
    clearTimeout(timer);
    const left = movedAt + timing.maxWaitMs - Date.now();
    timer = setTimeout(fire, Math.max(0, Math.min(timing.quietMs, left)));
  };
  const observer = new MutationObserver(look);
  observer.observe(win.document, { childList: true, subtree: true, characterData: true });
  const nav = (win as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', look);
  win.addEventListener('popstate', look);
  win.addEventListener('hashchange', look);
  return {
    stop() {
      observer.disconnect();
      nav?.removeEventListener('currententrychange', look);
      win.removeEventListener('popstate', look);
      win.removeEventListener('hashchange', look);
      clearTimeout(timer);
    },
  };
}
