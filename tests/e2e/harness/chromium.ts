// Chromium with the unpacked test build, through playwright-core (no bundled browser: the
// system's /usr/bin/chromium). Outlet hosts resolve to the fixture site on loopback only.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { LaunchOptions, Session, Tab } from './types.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const pageOf = new WeakMap<Tab, Page>();

function wrap(page: Page): Tab {
  const tab: Tab = {
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    // The function is serialised into the page; its argument must be JSON-like (callers pass plain data).
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>,
    href: () => page.evaluate(() => location.href),
    screenshot: async (path, fullPage = false) => {
      await page.screenshot({ path, fullPage });
    },
    clickButton: async (label) => {
      await page.getByRole('button', { name: label, exact: true }).first().click({ timeout: 20_000 });
    },
    fill: async (selector, text) => {
      const field = page.locator(selector).first();
      await field.fill('', { timeout: 20_000 });
      await field.pressSequentially(text);
    },
    setFiles: async (selector, path) => {
      await page.setInputFiles(selector, path);
    },
    setViewport: async (width, height) => {
      await page.setViewportSize({ width, height });
    },
    setColorScheme: async (scheme) => {
      await page.emulateMedia({ colorScheme: scheme });
    },
    close: () => page.close(),
    press: async (key) => {
      await page.bringToFront();
      await page.keyboard.press(key);
    },
    bringToFront: () => page.bringToFront(),
  };
  pageOf.set(tab, page);
  return tab;
}

async function extensionId(ctx: BrowserContext): Promise<string> {
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
  return new URL(sw.url()).host;
}

export async function launchChromium(opts: LaunchOptions): Promise<Session & { context: BrowserContext; extensionId: string }> {
  const rules = opts.hosts.map((h) => `MAP ${h} 127.0.0.1:${opts.sitePort}`).join(', ');
  const downloadsDir = join(opts.profileDir, '..', `${opts.profileDir.split('/').pop()}-downloads`);
  mkdirSync(downloadsDir, { recursive: true });
  const context = await chromium.launchPersistentContext(opts.profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    acceptDownloads: true,
    downloadsPath: downloadsDir,
    viewport: { width: 1200, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      // Plain-HTTP fixtures: no attempt to upgrade them to HTTPS first.
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeIncognito',
      `--host-resolver-rules=${rules}`,
      `--disable-extensions-except=${opts.extensionDir}`,
      `--load-extension=${opts.extensionDir}`,
      ...(opts.locale ? [`--lang=${opts.locale}`] : []),
      ...(opts.extraArgs ?? []),
    ],
    ...(opts.locale
      ? { locale: opts.locale, env: { ...process.env, LANGUAGE: opts.locale, LANG: `${opts.locale}.UTF-8`, LC_ALL: `${opts.locale}.UTF-8` } }
      : {}),
  });
  const id = await extensionId(context);
  // The profile's first tab is an about:blank the harness never uses; leave it open so the
  // window survives when scenarios close their tabs.
  const session: Session & { context: BrowserContext; extensionId: string } = {
    name: 'chromium',
    profileDir: opts.profileDir,
    context,
    extensionId: id,
    downloadsDir,
    async open(url) {
      const page = await context.newPage();
      const tab = wrap(page);
      await tab.goto(url);
      return tab;
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      const tab = wrap(page);
      await tab.goto(`chrome-extension://${id}/${path.replace(/^\//, '')}`);
      return tab;
    },
    async captureDownload(tab, action) {
      const page = pageOf.get(tab);
      if (!page) throw new Error('captureDownload: not a tab of this session');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), action()]);
      const file = await download.path();
      return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
    },
    async newTabAfter(action) {
      const [page] = await Promise.all([context.waitForEvent('page', { timeout: 20_000 }), action()]);
      await page.waitForLoadState('load');
      return wrap(page);
    },
    async allowHostPermission(pattern) {
      const page = await context.newPage();
      try {
        await page.goto('chrome://extensions');
        await page.evaluate(
          async ({ extId, host }) => {
            const dev = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome
              .developerPrivate;
            await dev.addHostPermission(extId, host);
          },
          { extId: id, host: pattern },
        );
      } finally {
        await page.close();
      }
    },
    close: () => context.close(),
  };
  return session;
}
