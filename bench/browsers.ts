// The two browsers the IndexedDB benchmarks run in, behind one small driver: Chromium through
// playwright-core, Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (playwright's
// own Firefox build is a patched one). Each gets a fresh profile of its own, so the bytes its
// IndexedDB keeps for the bench's loopback origin can also be read from disk.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];
export const FIREFOX = '/usr/bin/firefox-esr';
/** What the bench pages are bundled for: both browsers' versions on this machine and later. */
export const ESBUILD_TARGET = ['chrome120', 'firefox128'];
export const title = (b: BrowserName): string => (b === 'chromium' ? 'Chromium' : 'Firefox');

/** Firefox's own background traffic off: the bench serves everything from loopback. */
const FIREFOX_PREFS: Record<string, unknown> = {
  'app.update.enabled': false,
  'app.update.auto': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'browser.search.update': false,
  'browser.region.update.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'media.gmp-manager.updateEnabled': false,
  'services.settings.server': 'http://127.0.0.1:1/v1',
};

/** One open bench page in one browser. */
export interface BenchDriver {
  name: BrowserName;
  version: string;
  /** Calls `globalThis.bench[fn](...args)` in the page and returns its (JSON-like) result. */
  call<R>(fn: string, ...args: unknown[]): Promise<R>;
  /** `navigator.storage.estimate().usage` for the page's origin, bytes. */
  usage(): Promise<number>;
  /** Bytes the profile keeps on disk for loopback origins (the bench page's IndexedDB). */
  originBytes(): number;
  close(): Promise<void>;
}

type Bench = Record<string, (...args: unknown[]) => Promise<unknown>>;
// Serialised into the page, so self-contained. Arguments and results cross as one JSON string:
// WebDriver BiDi turns a large array into an object per element, which is slow.
const inPage = async (n: string, json: string): Promise<string> =>
  JSON.stringify({ v: await (globalThis as unknown as { bench: Bench }).bench[n](...(JSON.parse(json) as unknown[])) });
const inPageTuple = async ([n, json]: readonly [string, string]): Promise<string> =>
  JSON.stringify({ v: await (globalThis as unknown as { bench: Bench }).bench[n](...(JSON.parse(json) as unknown[])) });
const parsed = <R>(s: string): R => (JSON.parse(s) as { v: R }).v;
const ready = (): boolean => 'bench' in globalThis;
const estimate = async (): Promise<number> => (await navigator.storage.estimate()).usage ?? 0;

/** Sums the files under every folder of `dir` named for a loopback origin (Chromium:
 * Default/IndexedDB/http_127.0.0.1_PORT.indexeddb.leveldb; Firefox: storage/default/http+++127.0.0.1+PORT). */
export function originBytesIn(dir: string, inOrigin = false): number {
  let bytes = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    const origin = inOrigin || e.name.includes('127.0.0.1');
    if (e.isDirectory()) bytes += originBytesIn(path, origin);
    else if (origin && e.isFile()) {
      try {
        bytes += statSync(path).size;
      } catch {
        // A file removed while walking (a compaction): not counted.
      }
    }
  }
  return bytes;
}

/** Launches `name` on a fresh profile, opens `url` and waits for the page's `bench` object. */
export async function openBench(name: BrowserName, url: string): Promise<BenchDriver> {
  const profile = mkdtempSync(join(tmpdir(), `firsthand-bench-${name}-`));
  const drop = () => rmSync(profile, { recursive: true, force: true });
  if (name === 'chromium') {
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(0);
    await page.goto(url);
    await page.waitForFunction(ready);
    const call = async <R>(fn: string, ...args: unknown[]) => parsed<R>(await page.evaluate(inPageTuple, [fn, JSON.stringify(args)] as const));
    return {
      name,
      version: `Chromium ${ctx.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent))}`,
      call,
      usage: () => page.evaluate(estimate),
      originBytes: () => originBytesIn(profile),
      close: async () => {
        await ctx.close();
        drop();
      },
    };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // A fill of 100k articles is one long evaluate.
    protocolTimeout: 3_600_000,
    extraPrefsFirefox: FIREFOX_PREFS,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    page.setDefaultTimeout(0);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(ready, { polling: 100 });
    const call = async <R>(fn: string, ...args: unknown[]) => parsed<R>(await page.evaluate(inPage, fn, JSON.stringify(args)));
    return {
      name,
      version: `Firefox ESR ${(await browser.version()).replace(/^firefox\//i, '')}`,
      call,
      usage: () => page.evaluate(estimate),
      originBytes: () => originBytesIn(profile),
      close: async () => {
        await browser.close();
        drop();
      },
    };
  } catch (err) {
    await browser.close();
    drop();
    throw err;
  }
}

/** The browsers `--browser=chromium|firefox|both` asks for (both when absent). */
export function browsersOf(argv: readonly string[]): BrowserName[] {
  const flag = argv.find((a) => a.startsWith('--browser='));
  const v = flag?.slice('--browser='.length) ?? 'both';
  if (v === 'both') return [...BROWSERS];
  if (v === 'chromium' || v === 'firefox') return [v];
  throw new Error(`--browser=${v}: expected chromium, firefox or both`);
}
