// Firefox ESR with the test build as a temporary add-on, through puppeteer-core over WebDriver
// BiDi. Firefox has no host-resolver switch, so it reaches the outlet hosts through a proxy: the
// fixture site itself, which answers absolute-URI requests. Prefs keep Firefox's own background
// traffic (updates, telemetry, safe browsing, captive portal checks) off the closed network.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type KeyInput, type Page } from 'puppeteer-core';
import type { LaunchOptions, Session, Tab } from './types.ts';
import { poll } from './wait.ts';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
/** Pinned so moz-extension:// URLs and the add-on's IndexedDB survive a browser restart. */
const EXTENSION_UUID = '6f1d2c3b-1a2b-4c5d-8e9f-0a1b2c3d4e5f';

function geckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

function prefs(port: number, extId: string, downloadsDir: string): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    // Loopback itself is reached directly: only the outlet host names go through the proxy.
    'network.proxy.no_proxies_on': '127.0.0.1',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.share_proxy_settings': false,
    'dom.security.https_first': false,
    'dom.security.https_first_pbm': false,
    'dom.security.https_only_mode': false,
    'browser.fixup.alternate.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'browser.search.update': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'browser.newtabpage.enabled': false,
    'browser.startup.page': 0,
    'media.gmp-manager.updateEnabled': false,
    // Remote settings (blocklists etc.) at a closed loopback port; Firefox honours this pref
    // only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in its environment (set at launch).
    'services.settings.server': 'http://127.0.0.1:1/v1',
    'browser.ping-centre.telemetry': false,
    // The add-on keeps its id -> UUID mapping and its storage across the restart scenario.
    'extensions.webextensions.uuids': JSON.stringify({ [extId]: EXTENSION_UUID }),
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    // Downloads (the exported pack) go straight to a known folder.
    'browser.download.folderList': 2,
    'browser.download.dir': downloadsDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.manager.showWhenStarting': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/json,application/octet-stream,text/plain',
    // Optional permissions (a list's host, asked for when the reader adds it) are granted without
    // the doorhanger, as a reader clicking Allow; BiDi cannot reach the prompt.
    'extensions.webextOptionalPermissionPrompts': false,
  };
}

function wrap(page: Page): Tab {
  return {
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    // The function is serialised into the page; its argument must be JSON-like (callers pass plain data).
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>,
    href: () => page.evaluate(() => location.href),
    screenshot: async (path, fullPage = false) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage });
    },
    clickButton: async (label) => {
      const button = await poll(
        `a button "${label}"`,
        async () => {
          for (const b of await page.$$('button')) {
            const ok = await b.evaluate((el, l) => el.textContent?.trim() === l && el.getClientRects().length > 0, label);
            if (ok) return b;
          }
          return undefined;
        },
        20_000,
      );
      await button.click();
    },
    fill: async (selector, text) => {
      const field = await poll(`a field ${selector}`, async () => (await page.$(selector)) ?? undefined, 20_000);
      await field.evaluate((el) => {
        (el as HTMLInputElement).value = '';
      });
      await field.type(text);
    },
    setFiles: async (selector, path) => {
      const input = await page.$(selector);
      if (!input) throw new Error(`no ${selector} on the page`);
      await (input as ElementHandle<HTMLInputElement>).uploadFile(path);
    },
    setViewport: async (width, height) => {
      await page.setViewport({ width, height });
    },
    close: () => page.close(),
    press: async (key) => {
      await page.bringToFront();
      await page.keyboard.press(key as KeyInput);
    },
    bringToFront: () => page.bringToFront(),
  };
}

export async function launchFirefox(opts: LaunchOptions): Promise<Session & { browser: Browser }> {
  const downloadsDir = join(opts.profileDir, '..', `${opts.profileDir.split('/').pop()}-downloads`);
  mkdirSync(downloadsDir, { recursive: true });
  mkdirSync(opts.profileDir, { recursive: true });
  const extId = geckoId(opts.extensionDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: opts.headless ?? true,
    userDataDir: opts.profileDir,
    defaultViewport: { width: 1200, height: 900 },
    extraPrefsFirefox: {
      ...prefs(opts.sitePort, extId, downloadsDir),
      ...(opts.colorScheme === 'dark' ? DARK_PREFS : {}),
      // The interface language: its language pack (Debian: firefox-esr-l10n-<lang>) sits in the
      // application's own add-ons, which this profile must not disable.
      ...(opts.locale ? { 'intl.locale.requested': opts.locale, 'extensions.autoDisableScopes': 0 } : {}),
    },
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  await browser.installExtension(opts.extensionDir);

  const session: Session & { browser: Browser } = {
    name: 'firefox',
    profileDir: opts.profileDir,
    browser,
    downloadsDir,
    async open(url) {
      const tab = wrap(await browser.newPage());
      await tab.goto(url);
      return tab;
    },
    async openExtensionPage(path) {
      // BiDi refuses moz-extension:// navigations; the test build opens the page itself when a
      // tab visits http://firsthand.test/open?path=..., and the new tab is the newest page.
      const before = new Set(await browser.pages());
      const trigger = await browser.newPage();
      before.add(trigger);
      await trigger.goto(`http://firsthand.test/open?path=${encodeURIComponent(path)}`).catch(() => undefined);
      const page = await poll(
        `extension page ${path} to open`,
        async () => {
          const pages = await browser.pages();
          return pages.find((p) => !before.has(p));
        },
        20_000,
      );
      await trigger.close().catch(() => undefined);
      const tab = wrap(page);
      await poll(
        `extension page ${path} to load`,
        async () => {
          const href = await tab.href().catch(() => '');
          const ready = await page.evaluate(() => document.readyState).catch(() => '');
          return href.startsWith('moz-extension://') && ready === 'complete' ? true : undefined;
        },
        20_000,
      );
      return tab;
    },
    async newTabAfter(action) {
      const before = new Set(await browser.pages());
      await action();
      const page = await poll('a new tab', async () => (await browser.pages()).find((p) => !before.has(p)), 20_000);
      // Tabs the extension opens do not get the launch's default viewport. A tab just opened may
      // not have its browser yet, and Firefox then refuses the size ("browser is null"): it is
      // asked again until the tab takes it.
      await poll(
        'the new tab to take its size',
        () =>
          page.setViewport({ width: 1200, height: 900 }).then(
            () => true,
            () => undefined,
          ),
        20_000,
      );
      const tab = wrap(page);
      await poll(
        'the new tab to load',
        async () => {
          const s = await page.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => undefined);
          return s && s.href !== 'about:blank' && s.ready === 'complete' ? true : undefined;
        },
        20_000,
      );
      return tab;
    },
    async captureDownload(_tab, action) {
      const before = new Set(readdirSync(downloadsDir));
      await action();
      const name = await poll(
        'the download to finish',
        async () => {
          const fresh = readdirSync(downloadsDir).filter((f) => !before.has(f));
          const done = fresh.find((f) => !f.endsWith('.part'));
          return done && !fresh.some((f) => f.endsWith('.part')) ? done : undefined;
        },
        30_000,
      );
      return { name, text: readFileSync(join(downloadsDir, name), 'utf8') };
    },
    async allowHostPermission() {
      // extensions.webextOptionalPermissionPrompts is off in this profile (prefs above).
    },
    close: () => browser.close(),
  };
  return session;
}

/** A reader whose system and site appearance are dark: pages see prefers-color-scheme: dark
 * (Firefox cannot emulate it per page over BiDi, so a dark session is launched with these). */
const DARK_PREFS: Record<string, unknown> = { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 };
