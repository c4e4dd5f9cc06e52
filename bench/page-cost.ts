// Target 4, page cost: the content script's main-thread time on the seed pages, a front page and a
// 10,000-word long read, over repeated loads of the test build in headless Chromium; long tasks
// on the page while it works; and the time from navigation to the ribbon on the seed copy page,
// side by side with a small index (the seeds alone) and a 10k-article one, loads interleaved.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';
import { Generator } from './corpus.ts';
import { benchPages, longArticle, startPageSite, type BenchPage } from './page-site.ts';
import { pageCostTable } from './page-table.ts';
import { summarize, type Summary } from './stats.ts';
import { traceScript } from './trace.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface PageLoad {
  /** firsthand:content: main-thread ms of the content script (extraction + metadata + send + ribbon). */
  busyMs: number;
  extractMs: number;
  renderMs: number;
  /** Parts of extractMs: Readability's test and extraction, page metadata, handing the message over. */
  articleMs: number;
  metaMs: number;
  sendMs: number;
  /** ms since navigation start. */
  scriptStart: number;
  ribbonAt?: number;
  loadEnd: number;
  verdict?: string;
  /** Long tasks (>= 50 ms) ending after the content script started. */
  longTasks: number[];
}

export interface PageCostResult {
  version: string;
  loads: number;
  /** Per page: name, words extracted, verdict, and the summaries of its loads. */
  pages: {
    name: string;
    isArticle: boolean;
    verdict?: string;
    busy: Summary;
    extract: Summary;
    article: Summary;
    meta: Summary;
    send: Summary;
    render: Summary;
    longTasks: number;
    longestTask: number;
  }[];
  /** Every load of the six seed article pages pooled. */
  seeds: Summary;
  /** Time to ribbon on the seed copy page (002): ms from navigation start, and from the load event. */
  ribbon: { articles: number; fromNavigation: Summary; fromLoad: Summary; afterExtraction: Summary; busy: Summary }[];
  /**
   * Traced loads of the seed pages: the script's top-level compile, and its start-up (compile and
   * top-level evaluation before the measure starts), which the measure cannot include, and the
   * whole: start-up + measure. Tracing slows the page a little; these loads are not in `pages`.
   */
  startup: { n: number; compile: Summary; beforeMeasure: Summary; whole: Summary };
  fillSeconds: number;
  /** The machine's 1-minute load average at the start and the end (2 cores: above 2, the page waited for a core). */
  loadAverage: [number, number];
}

interface Browser {
  ctx: BrowserContext;
  page: Page;
  extensionId: string;
  profile: string;
}

/** Mirrors what the test build writes on <html> and the page's long tasks into a main-world object. */
const INIT_SCRIPT = `(() => {
  const b = { longTasks: [], ribbonAt: undefined };
  Object.defineProperty(window, '__firsthandBench', { value: b });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  new MutationObserver(() => {
    if (b.ribbonAt === undefined && document.documentElement && document.documentElement.dataset.firsthandRibbon) b.ribbonAt = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-firsthand-ribbon'] });
})();`;

async function buildExtension(root: string, outDir: string): Promise<void> {
  await viteBuild({ root, configFile: join(root, 'vite.config.ts'), mode: 'chrome-test', logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

async function launch(extDir: string, port: number, hosts: string[]): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'firsthand-pagecost-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      ...CHROMIUM_ARGS,
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
      `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
    ],
  });
  await ctx.addInitScript({ content: INIT_SCRIPT });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page, extensionId: new URL(sw.url()).host, profile };
}

/**
 * Page-side: resolves with what the content script's `firsthand:content` measure recorded, once it
 * exists. A string, so that the TypeScript runner's helpers never reach the page.
 */
const READ_MEASURE = `new Promise((resolve, reject) => {
  const read = () => {
    const m = performance.getEntriesByName('firsthand:content')[0];
    if (!m) return false;
    const b = window.__firsthandBench;
    const nav = performance.getEntriesByType('navigation')[0];
    const detail = m.detail || {};
    resolve({
      busyMs: m.duration,
      extractMs: detail.extractMs ?? NaN,
      renderMs: detail.renderMs ?? NaN,
      articleMs: detail.articleMs ?? NaN,
      metaMs: detail.metaMs ?? NaN,
      sendMs: detail.sendMs ?? NaN,
      scriptStart: m.startTime,
      ribbonAt: b.ribbonAt,
      loadEnd: nav.loadEventEnd,
      verdict: document.documentElement.dataset.firsthandVerdict,
      longTasks: b.longTasks.filter(([s, d]) => s + d > m.startTime).map(([, d]) => d),
    });
    return true;
  };
  if (read()) return;
  const observer = new PerformanceObserver(() => { if (read()) observer.disconnect(); });
  observer.observe({ type: 'measure' });
  setTimeout(() => { observer.disconnect(); if (!read()) reject(new Error('no firsthand:content measure on ' + location.href + ' after 60 s')); }, 60000);
})`;

/** Loads a page and waits for the content script's measure; returns what it recorded. */
async function load(page: Page, url: string): Promise<PageLoad> {
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  return (await page.evaluate(READ_MEASURE)) as PageLoad;
}

const CONTENT_SCRIPT = '/src/content/main.js';

/** Loads of the seed article pages under a trace: what the script costs before its measure starts. */
async function startup(b: Browser, pages: BenchPage[], rounds: number): Promise<PageCostResult['startup']> {
  const compile: number[] = [];
  const before: number[] = [];
  const whole: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      const t = await traceScript(b.ctx, b.page, p.url, CONTENT_SCRIPT, async () => (await b.page.evaluate(READ_MEASURE)) as PageLoad);
      // EvaluateScript holds the compile, the top level and the measure's synchronous part (up to the send).
      const pre = Math.max(0, t.evaluateMs - t.value.extractMs);
      compile.push(t.compileMs);
      before.push(pre);
      whole.push(pre + t.value.busyMs);
    }
  }
  return { n: compile.length, compile: summarize(compile), beforeMeasure: summarize(before), whole: summarize(whole) };
}

/** Adds `count` generated articles to the extension's own IndexedDB, from its popup page (same origin as the worker). */
async function fillIndex(root: string, b: Browser, vocab: Vocabulary, count: number): Promise<{ seconds: number; count: number }> {
  const out = await esbuild({
    entryPoints: [join(root, 'bench/browser/fill-index.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
  });
  const tab = await b.ctx.newPage();
  try {
    await tab.goto(`chrome-extension://${b.extensionId}/src/popup/popup.html`);
    // Evaluated over the DevTools protocol, which the extension page's CSP does not govern.
    await tab.evaluate(out.outputFiles[0].text);
    await tab.evaluate(
      ([w, c, s]) =>
        (globalThis as unknown as { firsthandBenchFill: { setup(v: unknown, seed: number): void } }).firsthandBenchFill.setup(
          { words: w, cumulative: c, stream: s },
          23,
        ),
      [vocab.words, [...vocab.cumulative], vocab.stream] as const,
    );
    return await tab.evaluate(
      (n) => (globalThis as unknown as { firsthandBenchFill: { fill(n: number): Promise<{ seconds: number; count: number }> } }).firsthandBenchFill.fill(n),
      count,
    );
  } finally {
    await tab.close();
  }
}

function pageSummary(p: BenchPage, loads: PageLoad[]): PageCostResult['pages'][number] {
  const tasks = loads.flatMap((l) => l.longTasks);
  return {
    name: p.name,
    isArticle: p.article,
    verdict: loads[loads.length - 1]?.verdict,
    busy: summarize(loads.map((l) => l.busyMs)),
    extract: summarize(loads.map((l) => l.extractMs)),
    article: summarize(loads.map((l) => l.articleMs)),
    meta: summarize(loads.map((l) => l.metaMs)),
    send: summarize(loads.map((l) => l.sendMs)),
    render: summarize(loads.map((l) => l.renderMs)),
    longTasks: tasks.length / Math.max(1, loads.length),
    longestTask: tasks.length ? Math.max(...tasks) : 0,
  };
}

function ribbonSummary(articles: number, loads: PageLoad[]): PageCostResult['ribbon'][number] {
  const shown = loads.filter((l) => l.ribbonAt !== undefined);
  if (shown.length < loads.length)
    throw new Error(`the copy page showed no ribbon on ${loads.length - shown.length} of ${loads.length} loads (${articles} articles)`);
  return {
    articles,
    fromNavigation: summarize(shown.map((l) => l.ribbonAt as number)),
    fromLoad: summarize(shown.map((l) => (l.ribbonAt as number) - l.loadEnd)),
    afterExtraction: summarize(shown.map((l) => (l.ribbonAt as number) - (l.scriptStart + l.extractMs))),
    busy: summarize(shown.map((l) => l.busyMs)),
  };
}

export async function benchPageCost(
  root: string,
  vocab: Vocabulary,
  opts: { rounds: number; traceRounds: number; indexSize: number; log: (s: string) => void },
): Promise<PageCostResult> {
  const long = longArticle(new Generator(vocab, 31));
  const pages = benchPages(long);
  const copy = pages.find((p) => p.name === '002') as BenchPage;
  const other = pages.find((p) => p.name === 'unrelated') as BenchPage;
  const extDir = mkdtempSync(join(tmpdir(), 'firsthand-pagecost-ext-'));
  const site = await startPageSite(long);
  const browsers: Browser[] = [];
  const load0 = loadavg()[0];
  try {
    opts.log('  page cost: building the test extension...');
    await buildExtension(root, extDir);
    // Two profiles side by side: `small` holds only the pages loaded here, `large` a filled index.
    const small = await launch(extDir, site.port, site.hosts);
    browsers.push(small);
    const large = await launch(extDir, site.port, site.hosts);
    browsers.push(large);
    const version = small.ctx.browser()?.version() ?? 'unknown';
    opts.log(`  page cost: filling an index of ${opts.indexSize} articles...`);
    const filled = await fillIndex(root, large, vocab, opts.indexSize - 1);
    // The original must be in both indexes before its copy is loaded; then one warm-up load of each page.
    for (const p of pages) await load(small.page, p.url);
    await load(large.page, pages[0].url);
    await load(large.page, copy.url);

    const byPage = new Map<string, PageLoad[]>(pages.map((p) => [p.name, []]));
    const ribbonSmall: PageLoad[] = [];
    const ribbonLarge: PageLoad[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      for (const p of pages) {
        const l = await load(small.page, p.url);
        byPage.get(p.name)?.push(l);
        if (p === copy) {
          ribbonSmall.push(l);
          // Arrive from another site, as in `small`, so the copy page gets a fresh renderer process there too.
          await load(large.page, other.url);
          ribbonLarge.push(await load(large.page, copy.url));
        }
      }
      if ((r + 1) % 5 === 0) opts.log(`  page cost: ${r + 1}/${opts.rounds} rounds`);
    }
    const seedPages = pages.filter((p) => p.article && p.name !== 'long');
    opts.log('  page cost: traced loads (script start-up)...');
    const scriptStartup = await startup(small, seedPages, opts.traceRounds);
    const seedNames = new Set(seedPages.map((p) => p.name));
    const seeds = summarize([...byPage].filter(([n]) => seedNames.has(n)).flatMap(([, ls]) => ls.map((l) => l.busyMs)));
    const smallCount = pages.filter((p) => p.article).length;
    const result: PageCostResult = {
      version,
      loads: opts.rounds,
      pages: pages.map((p) => pageSummary(p, byPage.get(p.name) ?? [])),
      seeds,
      // The large index: the generated articles, the original and its copy.
      ribbon: [ribbonSummary(smallCount, ribbonSmall), ribbonSummary(filled.count + 2, ribbonLarge)],
      startup: scriptStartup,
      fillSeconds: filled.seconds,
      loadAverage: [load0, loadavg()[0]],
    };
    opts.log(pageCostTable(result));
    return result;
  } finally {
    for (const b of browsers) {
      await b.ctx.close().catch(() => undefined);
      rmSync(b.profile, { recursive: true, force: true });
    }
    await site.close();
    rmSync(extDir, { recursive: true, force: true });
  }
}
