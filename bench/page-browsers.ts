// The two browsers of the page-cost benchmark behind one interface: headless Chromium through
// playwright-core (the extension loaded unpacked; host names mapped to the loopback site) and
// Firefox ESR through puppeteer-core over WebDriver BiDi (the extension installed as a temporary
// add-on by the end-to-end harness's launcher, the site reached as its proxy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Page as PPage } from 'puppeteer-core';
import { build as viteBuild } from 'vite';
import { launchFirefox } from '../tests/e2e/harness/firefox.ts';
import { FIRSTHAND_TEST_HOST } from '../tests/fixtures/site/outlets.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';
import { INIT_SCRIPT, READ_MEASURE, type PageLoad } from './page-probe.ts';
import type { PageSite } from './page-site.ts';
import { traceScript, type ScriptTrace } from './trace.ts';
import type { Vocabulary } from './vocabulary.ts';

export type PageBrowserName = 'chromium' | 'firefox';
export const PAGE_BROWSERS: PageBrowserName[] = ['chromium', 'firefox'];

export interface PageBrowser {
  name: PageBrowserName;
  version: string;
  /** Loads a page and waits for the content script's measure; returns what it recorded. */
  load(url: string): Promise<PageLoad>;
  /** Adds `count` generated articles to the extension's own IndexedDB (bench/browser/fill-index.ts). */
  fill(vocab: Vocabulary, count: number): Promise<{ seconds: number; count: number }>;
  /** Subscribes the reader to a list holding the list file `example` and `count` generated articles
   * (bench/browser/fill-index.ts `list`). */
  list(vocab: Vocabulary, example: Uint8Array, count: number): Promise<{ seconds: number; articles: number }>;
  /** Chromium only: stops the extension's service worker, as the browser stops an idle one
   * (the next page the content script reports starts it again); false when none was running. */
  stopWorker?(): Promise<boolean>;
  /** Firefox: quits and starts the browser again on the same profile (the index is kept). */
  restart?(): Promise<void>;
  /** Chromium only: a load under a trace, for what the script costs before its measure starts. */
  traced?(url: string): Promise<ScriptTrace & { value: PageLoad }>;
  close(): Promise<void>;
}

const CONTENT_SCRIPT = '/src/content/main.js';

/** The test build for one browser (vite mode chrome-test or firefox-test) in a folder of its own. */
export async function buildExtension(root: string, name: PageBrowserName): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `firsthand-pagecost-${name}-ext-`));
  const mode = name === 'chromium' ? 'chrome-test' : 'firefox-test';
  await viteBuild({ root, configFile: join(root, 'vite.config.ts'), mode, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

async function fillBundle(root: string): Promise<string> {
  const out = await esbuild({
    entryPoints: [join(root, 'bench/browser/fill-index.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

type Evaluate = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

/** The fill bundle's calls, evaluated in one of the extension's own pages (same origin as its worker). */
interface FillApi {
  setup(v: unknown, seed: number): void;
  fill(n: number): Promise<{ seconds: number; count: number }>;
  list(example: string, n: number, url: string): Promise<{ seconds: number; articles: number }>;
}

/** The URL the bench's list is subscribed at (never fetched: the list is installed in place). */
const BENCH_LIST_URL = 'https://lists.example/firsthand-bench.fhlist';

/** In an extension page: the fill bundle set up with the vocabulary, then `fill` or `list`. */
async function fillFrom(
  evaluate: Evaluate,
  vocab: Vocabulary,
  what: { fill: number } | { list: number; example: Uint8Array },
): Promise<{ seconds: number; count: number } | { seconds: number; articles: number }> {
  type Api = { firsthandBenchFill: FillApi };
  await evaluate(([w, c, s]) => (globalThis as unknown as Api).firsthandBenchFill.setup({ words: w, cumulative: c, stream: s }, 23), [
    vocab.words,
    [...vocab.cumulative],
    vocab.stream,
  ] as const);
  if ('fill' in what) return evaluate((n) => (globalThis as unknown as Api).firsthandBenchFill.fill(n), what.fill);
  return evaluate(([example, n, url]) => (globalThis as unknown as Api).firsthandBenchFill.list(example, n, url), [
    Buffer.from(what.example).toString('base64'),
    what.list,
    BENCH_LIST_URL,
  ] as const);
}

export async function launchPageBrowser(name: PageBrowserName, root: string, extDir: string, site: PageSite): Promise<PageBrowser> {
  return name === 'chromium' ? launchChromium(root, extDir, site) : launchFirefoxPages(root, extDir, site);
}

async function launchChromium(root: string, extDir: string, site: PageSite): Promise<PageBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'firsthand-pagecost-'));
  let ctx: BrowserContext | undefined;
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 900 },
      args: [
        ...CHROMIUM_ARGS,
        '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
        `--host-resolver-rules=${site.hosts.map((h) => `MAP ${h} 127.0.0.1:${site.port}`).join(', ')}`,
        `--disable-extensions-except=${extDir}`,
        `--load-extension=${extDir}`,
      ],
    });
    await ctx.addInitScript({ content: INIT_SCRIPT });
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
    const page: Page = ctx.pages()[0] ?? (await ctx.newPage());
    const extensionId = new URL(sw.url()).host;
    const c = ctx;
    const inPage = async (vocab: Vocabulary, what: Parameters<typeof fillFrom>[2]) => {
      const code = await fillBundle(root);
      const tab = await c.newPage();
      try {
        await tab.goto(`chrome-extension://${extensionId}/src/popup/popup.html`);
        // Evaluated over the DevTools protocol, which the extension page's CSP does not govern.
        await tab.evaluate(code);
        return await fillFrom((fn, arg) => tab.evaluate(fn as never, arg as never), vocab, what);
      } finally {
        await tab.close();
      }
    };
    return {
      name: 'chromium',
      version: `Chromium ${c.browser()?.version() ?? 'unknown'}`,
      async load(url) {
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
        return (await page.evaluate(READ_MEASURE)) as PageLoad;
      },
      fill: async (vocab, count) => (await inPage(vocab, { fill: count })) as { seconds: number; count: number },
      list: async (vocab, example, count) => (await inPage(vocab, { list: count, example })) as { seconds: number; articles: number },
      async stopWorker() {
        const cdp = await c.browser()!.newBrowserCDPSession();
        try {
          const { targetInfos } = await cdp.send('Target.getTargets');
          const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
          for (const t of workers) await cdp.send('Target.closeTarget', { targetId: t.targetId });
          return workers.length > 0;
        } finally {
          await cdp.detach();
        }
      },
      traced: (url) => traceScript(c, page, url, CONTENT_SCRIPT, async () => (await page.evaluate(READ_MEASURE)) as PageLoad),
      async close() {
        await c.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await ctx?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

async function launchFirefoxPages(root: string, extDir: string, site: PageSite): Promise<PageBrowser> {
  const base = mkdtempSync(join(tmpdir(), 'firsthand-pagecost-ff-'));
  const launch = () => launchFirefox({ profileDir: join(base, 'profile'), sitePort: site.port, hosts: site.hosts, extensionDir: extDir });
  let session = await launch();
  let browser = session.browser;
  // Quits Firefox; killed when it does not quit within 10 s.
  const quit = async () => {
    const done = session.close().catch(() => undefined);
    const late = await Promise.race([done.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000))]);
    if (late) browser.process()?.kill('SIGKILL');
  };
  try {
    const fresh = async (): Promise<PPage> => {
      const p = (await browser.pages())[0] ?? (await browser.newPage());
      await p.evaluateOnNewDocument(INIT_SCRIPT);
      return p;
    };
    let page: PPage = await fresh();
    const version = await browser.version();
    const inPage = async (vocab: Vocabulary, what: Parameters<typeof fillFrom>[2]) => {
      const code = await fillBundle(root);
      // BiDi refuses moz-extension:// navigations: the test build opens its page from a trigger URL.
      const before = new Set(await browser.pages());
      const trigger = await browser.newPage();
      before.add(trigger);
      await trigger.goto(`http://${FIRSTHAND_TEST_HOST}/open?path=${encodeURIComponent('src/popup/popup.html')}`).catch(() => undefined);
      let tab: PPage | undefined;
      for (let i = 0; i < 200 && !tab; i++) {
        tab = (await browser.pages()).find((p) => !before.has(p));
        if (!tab) await new Promise((r) => setTimeout(r, 100));
      }
      await trigger.close().catch(() => undefined);
      if (!tab) throw new Error('Firefox: the extension page did not open');
      const t = tab;
      try {
        for (let i = 0; i < 200; i++) {
          const ready = await t.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false);
          if (ready) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await t.evaluate(code);
        return await fillFrom((fn, arg) => t.evaluate(fn as never, arg as never) as never, vocab, what);
      } finally {
        await t.close().catch(() => undefined);
      }
    };
    return {
      name: 'firefox',
      version: version.replace(/^firefox\//i, 'Firefox '),
      async load(url) {
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
        return (await page.evaluate(READ_MEASURE)) as PageLoad;
      },
      async restart() {
        await quit();
        session = await launch();
        browser = session.browser;
        page = await fresh();
      },
      fill: async (vocab, count) => (await inPage(vocab, { fill: count })) as { seconds: number; count: number },
      list: async (vocab, example, count) => (await inPage(vocab, { list: count, example })) as { seconds: number; articles: number },
      async close() {
        await quit();
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await quit();
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
}
