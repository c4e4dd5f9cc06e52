// Test builds only (__FIRSTHAND_TEST__): lets an end-to-end test open one of the extension's
// pages where it cannot navigate to them itself (Firefox under WebDriver BiDi refuses
// moz-extension:// URLs). The test navigates any tab to
//   http://firsthand.test/open?path=<extension path with query>[&target=same]
// and the worker opens that page in a new tab (or, with target=same, in the same tab).
import browser from 'webextension-polyfill';

export const TEST_OPEN_HOST = 'firsthand.test';

/** The extension page a trigger URL asks for, or null when it asks for anything else. */
export function extensionPathFrom(triggerUrl: string): { path: string; sameTab: boolean } | null {
  let url: URL;
  try {
    url = new URL(triggerUrl);
  } catch {
    return null;
  }
  if (url.hostname !== TEST_OPEN_HOST || url.pathname !== '/open') return null;
  const path = (url.searchParams.get('path') ?? '').replace(/^\/+/, '');
  // Only a path inside the extension: no scheme, no host, no climbing out.
  const file = path.split(/[?#]/)[0];
  if (!file || /^[a-z][a-z0-9+.-]*:/i.test(path) || file.split('/').includes('..') || file.includes('\\')) return null;
  return { path, sameTab: url.searchParams.get('target') === 'same' };
}

export function installTestHooks(): void {
  browser.webNavigation.onBeforeNavigate.addListener(
    (details) => {
      if (details.frameId !== 0) return;
      const wanted = extensionPathFrom(details.url);
      if (!wanted) return;
      const url = browser.runtime.getURL(wanted.path);
      const opened = wanted.sameTab ? browser.tabs.update(details.tabId, { url }) : browser.tabs.create({ url });
      opened.catch((err: unknown) => console.warn('Firsthand test hook: could not open', url, err));
    },
    { url: [{ hostEquals: TEST_OPEN_HOST }] },
  );
}
