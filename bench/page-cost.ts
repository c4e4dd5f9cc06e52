// Target 4, page cost: the content script's main-thread time on the seed pages, a front page, a
// 10,000-word long read and realistic heavy news layouts (bench/heavy-pages.ts), over repeated
// loads of the test build in headless Chromium and Firefox ESR; long tasks on the page while it
// works (the browser's own report where it has one, and an animation-frame gap monitor in both);
// and the time from navigation to the ribbon on the seed copy page, side by side with a small
// index (the pages loaded here) and a 10k-article one, loads interleaved.
// Flags (read here): --only-pages (this part alone, in main.ts), --browser=chromium|firefox|both.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Generator } from './corpus.ts';
import { heavyPages } from './heavy-pages.ts';
import { buildExtension, launchPageBrowser, PAGE_BROWSERS, type PageBrowser, type PageBrowserName } from './page-browsers.ts';
import type { PageLoad } from './page-probe.ts';
import { benchPages, longArticle, startPageSite, type BenchPage } from './page-site.ts';
import { pageCostTable } from './page-table.ts';
import { summarize, type Summary } from './stats.ts';
import type { Vocabulary } from './vocabulary.ts';

export type { PageLoad } from './page-probe.ts';

/** The browsers `--browser=chromium|firefox|both` asks for (both when absent). */
export function pageBrowsersFrom(argv: string[]): PageBrowserName[] {
  const flag = argv.find((a) => a.startsWith('--browser='));
  const v = flag?.slice('--browser='.length) ?? 'both';
  if (v === 'both') return [...PAGE_BROWSERS];
  if (v === 'chromium' || v === 'firefox') return [v];
  throw new Error(`--browser must be chromium, firefox or both (got "${v}")`);
}

export interface PageCostResult {
  browser: PageBrowserName;
  version: string;
  loads: number;
  /** Whether the browser reports long tasks (PerformanceObserver 'longtask'). */
  longTaskSupported: boolean;
  /** Per page: name, verdict, elements, and the summaries of its loads. */
  pages: {
    name: string;
    isArticle: boolean;
    heavy: boolean;
    verdict?: string;
    nodes: number;
    busy: Summary;
    extract: Summary;
    article: Summary;
    meta: Summary;
    send: Summary;
    render: Summary;
    /** Long tasks per load, the longest (browser report; 0 where unsupported). */
    longTasks: number;
    longestTask: number;
    /** Frame gaps of 50 ms or more per load, the longest (blocked ms). */
    frameGaps: number;
    longestGap: number;
  }[];
  /** Every load of the six seed article pages pooled. */
  seeds: Summary;
  /** Every load of the heavy layouts pooled. */
  heavy: Summary;
  /** Time to ribbon on the seed copy page (002): ms from navigation start, and from the load event. */
  ribbon: { articles: number; fromNavigation: Summary; fromLoad: Summary; afterExtraction: Summary; busy: Summary }[];
  /**
   * Chromium only: traced loads of the seed pages: the script's top-level compile, and its
   * start-up (compile and top-level evaluation before the measure starts), which the measure
   * cannot include, and the whole: start-up + measure. Tracing slows the page a little; these
   * loads are not in `pages`.
   */
  startup?: { n: number; compile: Summary; beforeMeasure: Summary; whole: Summary };
  fillSeconds: number;
  /** Times both browsers were quit and started again on their profiles (Firefox, every RESTART_ROUNDS rounds). */
  restarts: number;
  /** The machine's 1-minute load average at the start and the end (2 cores: above 2, the page waited for a core). */
  loadAverage: [number, number];
}

/** Every browser's result, or what stopped it. */
export interface PagesResult {
  browsers: (PageCostResult | { browser: PageBrowserName; error: string })[];
}

/** Loads of the seed article pages under a trace: what the script costs before its measure starts. */
async function startup(b: PageBrowser, pages: BenchPage[], rounds: number): Promise<PageCostResult['startup']> {
  if (!b.traced) return undefined;
  const compile: number[] = [];
  const before: number[] = [];
  const whole: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      const t = await b.traced(p.url);
      // EvaluateScript holds the compile, the top level and the measure's synchronous part (up to the send).
      const pre = Math.max(0, t.evaluateMs - t.value.extractMs);
      compile.push(t.compileMs);
      before.push(pre);
      whole.push(pre + t.value.busyMs);
    }
  }
  return { n: compile.length, compile: summarize(compile), beforeMeasure: summarize(before), whole: summarize(whole) };
}

function pageSummary(p: BenchPage, loads: PageLoad[]): PageCostResult['pages'][number] {
  const tasks = loads.flatMap((l) => l.longTasks);
  const gaps = loads.flatMap((l) => l.frameGaps);
  return {
    name: p.name,
    isArticle: p.article,
    heavy: !!p.heavy,
    verdict: loads[loads.length - 1]?.verdict,
    nodes: loads[loads.length - 1]?.nodes ?? 0,
    busy: summarize(loads.map((l) => l.busyMs)),
    extract: summarize(loads.map((l) => l.extractMs)),
    article: summarize(loads.map((l) => l.articleMs)),
    meta: summarize(loads.map((l) => l.metaMs)),
    send: summarize(loads.map((l) => l.sendMs)),
    render: summarize(loads.map((l) => l.renderMs)),
    longTasks: tasks.length / Math.max(1, loads.length),
    longestTask: tasks.length ? Math.max(...tasks) : 0,
    frameGaps: gaps.length / Math.max(1, loads.length),
    longestGap: gaps.length ? Math.max(...gaps) : 0,
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

/** Firefox is restarted after this many rounds of loads (see benchBrowser). */
const RESTART_ROUNDS = 3;

interface Opts {
  rounds: number;
  traceRounds: number;
  indexSize: number;
  log: (s: string) => void;
}

/** One browser: two profiles side by side, `small` holding only the pages loaded here, `large` a filled index. */
async function benchBrowser(
  name: PageBrowserName,
  root: string,
  vocab: Vocabulary,
  pages: BenchPage[],
  site: Awaited<ReturnType<typeof startPageSite>>,
  opts: Opts,
): Promise<PageCostResult> {
  const copy = pages.find((p) => p.name === '002') as BenchPage;
  const other = pages.find((p) => p.name === 'unrelated') as BenchPage;
  const log = (s: string) => opts.log(`  page cost, ${name}: ${s}`);
  const browsers: PageBrowser[] = [];
  const load0 = loadavg()[0];
  log('building the test extension...');
  const extDir = await buildExtension(root, name);
  try {
    const small = await launchPageBrowser(name, root, extDir, site);
    browsers.push(small);
    const large = await launchPageBrowser(name, root, extDir, site);
    browsers.push(large);
    log(`${small.version}; filling an index of ${opts.indexSize} articles...`);
    const filled = await large.fill(vocab, opts.indexSize - 1);
    log(`filled in ${filled.seconds.toFixed(1)} s (${filled.count} articles)`);
    // The originals must be in both indexes before their copies are loaded; then one warm-up load of each page.
    for (const p of pages) await small.load(p.url);
    await large.load(pages[0].url);
    await large.load(copy.url);

    const byPage = new Map<string, PageLoad[]>(pages.map((p) => [p.name, []]));
    const ribbonSmall: PageLoad[] = [];
    const ribbonLarge: PageLoad[] = [];
    let restarts = 0;
    for (let r = 0; r < opts.rounds; r++) {
      if (r > 0 && r % RESTART_ROUNDS === 0 && small.restart && large.restart) {
        // Firefox's parent process stalls (its main thread busy, no load reported) after about
        // 80 loads of these pages in one session; restarted on the same profiles, then one
        // unrecorded load each, so the next recorded load is not the first of a cold browser.
        await small.restart();
        await large.restart();
        await small.load(other.url);
        await large.load(other.url);
        restarts++;
      }
      for (const p of pages) {
        const l = await small.load(p.url);
        byPage.get(p.name)?.push(l);
        if (p === copy) {
          ribbonSmall.push(l);
          // Arrive from another site, as in `small`, so the copy page gets a fresh renderer process there too.
          await large.load(other.url);
          ribbonLarge.push(await large.load(copy.url));
        }
      }
      if ((r + 1) % 5 === 0) log(`${r + 1}/${opts.rounds} rounds`);
    }
    const seedPages = pages.filter((p) => p.article && p.name !== 'long' && !p.heavy);
    const scriptStartup = small.traced ? (log('traced loads (script start-up)...'), await startup(small, seedPages, opts.traceRounds)) : undefined;
    const pooled = (keep: (p: BenchPage) => boolean) => summarize(pages.filter(keep).flatMap((p) => (byPage.get(p.name) ?? []).map((l) => l.busyMs)));
    const smallCount = pages.filter((p) => p.article).length;
    const all = [...byPage.values()].flat();
    const result: PageCostResult = {
      browser: name,
      version: small.version,
      loads: opts.rounds,
      longTaskSupported: all.some((l) => l.longTaskSupported),
      pages: pages.map((p) => pageSummary(p, byPage.get(p.name) ?? [])),
      seeds: pooled((p) => seedPages.includes(p)),
      heavy: pooled((p) => !!p.heavy),
      // The large index: the generated articles, the original and its copy.
      ribbon: [ribbonSummary(smallCount, ribbonSmall), ribbonSummary(filled.count + 2, ribbonLarge)],
      startup: scriptStartup,
      fillSeconds: filled.seconds,
      restarts,
      loadAverage: [load0, loadavg()[0]],
    };
    opts.log(pageCostTable(result));
    return result;
  } finally {
    for (const b of browsers) await b.close();
    rmSync(extDir, { recursive: true, force: true });
  }
}

export async function benchPageCost(root: string, vocab: Vocabulary, opts: Opts & { browsers: PageBrowserName[] }): Promise<PagesResult> {
  const long = longArticle(new Generator(vocab, 31));
  const heavy = heavyPages(new Generator(vocab, 37));
  const pages = benchPages(long, heavy);
  const site = await startPageSite(long, heavy);
  const out: PagesResult = { browsers: [] };
  try {
    for (const name of opts.browsers) {
      try {
        out.browsers.push(await benchBrowser(name, root, vocab, pages, site, opts));
      } catch (err) {
        opts.log(`  page cost, ${name} failed: ${String(err)}`);
        out.browsers.push({ browser: name, error: String(err) });
      }
    }
    return out;
  } finally {
    await site.close();
  }
}
