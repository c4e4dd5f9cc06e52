// One source, four packages. The mode names the target:
//   chrome | firefox            store builds   -> dist/<browser>
//   chrome-test | firefox-test  test builds    -> dist-test/<browser>
// scripts/build.mjs runs the modes and zips the store builds.
import { existsSync } from 'node:fs';
import { defineConfig, type UserConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import { readabilityPatch } from './scripts/readability-patch.ts';

export type Browser = 'chrome' | 'firefox';

type Manifest = typeof baseManifest & Record<string, unknown>;

const GECKO_ID = 'firsthand@firsthand.example';
/** The host a test navigates to so the worker opens one of its own pages (see test-hooks.ts). */
export const TEST_OPEN_HOST = 'firsthand.test';
/** The first-run page the worker opens when Firsthand is installed (background/main.ts). */
const WELCOME_PAGE = 'src/popup/welcome.html';
/** The library page: the index to browse, corrections, Undo Clear. */
const LIBRARY_PAGE = 'src/popup/library.html';
/** Chrome's offscreen document, where the worker extracts pages (Firefox's event page does it itself). */
const OFFSCREEN_PAGE = 'src/offscreen/extract.html';
/** Chrome-only permissions: Firefox has no offscreen documents (nor needs them) and web-ext lint flags the key. */
const CHROME_ONLY_PERMISSIONS = ['offscreen'];

/** The manifest for one target: Chrome's form is the base; Firefox gets an event page and its gecko settings. */
export function manifestFor(browser: Browser, test: boolean): Manifest {
  const m: Manifest = structuredClone(baseManifest);
  if (browser === 'firefox') {
    // Firefox runs MV3 backgrounds as event pages; crxjs expects background.scripts for it.
    m.background = { scripts: [baseManifest.background.service_worker], type: 'module' } as never;
    m.permissions = m.permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.includes(p));
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  if (test) {
    // Test builds only: webNavigation sees the trigger navigation to TEST_OPEN_HOST before it fails.
    m.permissions = [...m.permissions, 'webNavigation'];
    m.host_permissions = [`http://${TEST_OPEN_HOST}/*`];
    m.name = '__MSG_extNameTest__';
  }
  return m;
}

export function parseMode(mode: string): { browser: Browser; test: boolean } {
  const match = /^(chrome|firefox)(-test)?$/.exec(mode);
  if (!match) throw new Error(`unknown build mode "${mode}": use chrome, firefox, chrome-test or firefox-test`);
  return { browser: match[1] as Browser, test: Boolean(match[2]) };
}

export default defineConfig(({ mode }): UserConfig => {
  const { browser, test } = parseMode(mode === 'production' ? 'chrome' : mode);
  return {
    define: { __FIRSTHAND_TEST__: JSON.stringify(test) },
    plugins: [
      crx({
        manifest: manifestFor(browser, test) as ManifestV3Export,
        browser,
        // A self-contained content script needs no loader and so no web_accessible_resources
        // that pages could probe to detect the extension.
        contentScripts: { standaloneFiles: ['src/content/main.ts'] },
      }),
      // After crx, so it sees the content script crx emits.
      readabilityPatch(),
    ],
    build: {
      outDir: `${test ? 'dist-test' : 'dist'}/${browser}`,
      emptyOutDir: true,
      target: ['chrome120', 'firefox142'],
      // Both browsers support <link rel=modulepreload>; the polyfill would fetch(), which the
      // extension's CSP (connect-src 'none') forbids anyway.
      modulePreload: { polyfill: false },
      sourcemap: false,
      minify: false,
      reportCompressedSize: false,
      // The compare and first-run pages are opened by the worker (tabs.create), so the manifest
      // does not name them.
      // (The first-run page is built once it exists, so a tree without it still builds.)
      // The library page is opened from the extension's pages (a link), so it is an input too.
      rollupOptions: {
        input: {
          compare: 'src/popup/compare.html',
          library: LIBRARY_PAGE,
          ...(existsSync(WELCOME_PAGE) ? { welcome: WELCOME_PAGE } : {}),
          ...VIEW_PAGES,
          ...(browser === 'chrome' ? { offscreen: OFFSCREEN_PAGE } : {}),
        },
      },
    },
    logLevel: 'warn',
  };
});

/** The history and story pages (src/popup/history, src/popup/story), opened from the worker and from each other. */
const VIEW_PAGES: Record<string, string> = { history: 'src/popup/history.html', story: 'src/popup/story.html' };
