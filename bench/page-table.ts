// The rows of target 4 (page cost) and 5 (load to ribbon) in the table `npm run bench` prints,
// one set per browser, and a per-page breakdown.
import type { PageCostResult, PagesResult } from './page-cost.ts';
import { fmt } from './stats.ts';

const k = (n: number) => (n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n));
const ms = (x: number) => fmt(x, 1);
const status = (ok: boolean) => (ok ? 'met' : '**not met**');
const title = (b: string) => b[0].toUpperCase() + b.slice(1);

export const SEED_P95_MS = 15;
export const HEAVY_P95_MS = 25;
export const LONG_TASK_MS = 50;
export const RIBBON_P50_MS = 120;

type PageRow = PageCostResult['pages'][number];

/** The longest task the status goes by: the browser's long-task report where it has one, else the frame-gap monitor. */
function longest(r: PageCostResult, pages: PageRow[]): number {
  return Math.max(0, ...pages.map((p) => (r.longTaskSupported ? p.longestTask : p.longestGap)));
}

function tasks(r: PageCostResult, pages: PageRow[]): string {
  const per = (key: 'longTasks' | 'frameGaps') => fmt(pages.reduce((a, p) => a + p[key], 0) / Math.max(1, pages.length), 2);
  const gaps = `frame gaps >= ${LONG_TASK_MS} ms per load ${per('frameGaps')}, longest ${ms(Math.max(0, ...pages.map((p) => p.longestGap)))} ms`;
  if (!r.longTaskSupported) return `no longtask entries in this browser; ${gaps}`;
  return `long tasks per load ${per('longTasks')}, longest ${ms(Math.max(0, ...pages.map((p) => p.longestTask)))} ms; ${gaps}`;
}

function parts(p: Pick<PageRow, 'article' | 'meta' | 'send' | 'render'>): string {
  return `quick test ${ms(p.article.p50)}, serialise ${ms(p.meta.p50)}, send ${ms(p.send.p50)}, ribbon ${ms(p.render.p50)} ms`;
}

function browserRows(r: PageCostResult): string[][] {
  const B = title(r.browser);
  const seedPages = r.pages.filter((p) => p.isArticle && p.name !== 'long' && !p.heavy);
  const heavy = r.pages.filter((p) => p.heavy);
  const long = r.pages.find((p) => p.name === 'long');
  const front = r.pages.find((p) => p.name === 'front');
  const median = (key: 'article' | 'meta' | 'send' | 'render') => ({
    p50: seedPages.map((p) => p[key].p50).sort((a, b) => a - b)[Math.floor(seedPages.length / 2)],
  });
  const worst = seedPages.reduce((a, b) => (b.busy.p95 > a.busy.p95 ? b : a));
  const load = `load average ${r.loadAverage[0].toFixed(1)} -> ${r.loadAverage[1].toFixed(1)} on 2 cores`;
  const budget = (ms: number) => `p95 <= ${ms} ms; no long task over ${LONG_TASK_MS} ms`;
  const rows: string[][] = [
    [
      `4. Page cost, ${seedPages.length} seed article pages, ${B}`,
      `content script main thread p50 ${ms(r.seeds.p50)} ms, p95 ${ms(r.seeds.p95)} ms (n=${r.seeds.n}); median page's p50: ${parts({ article: median('article'), meta: median('meta'), send: median('send'), render: median('render') } as PageRow)}`,
      budget(SEED_P95_MS),
      `highest page p95 ${ms(worst.busy.p95)} ms (${worst.name}); ${tasks(r, seedPages)}; ${r.version}; ${load}${r.restarts ? `; browser restarted ${r.restarts} times on its profiles (every 3 rounds)` : ''}`,
      status(r.seeds.p95 <= SEED_P95_MS && longest(r, seedPages) < LONG_TASK_MS),
    ],
  ];
  const st = r.startup;
  if (st)
    rows.push([
      `4. Page cost incl. script start-up (traced loads), ${B}`,
      `compile and top-level code before the measure starts p50 ${ms(st.beforeMeasure.p50)} ms (of which top-level compile ${ms(st.compile.p50)} ms); start-up + measure p50 ${ms(st.whole.p50)} ms, p95 ${ms(st.whole.p95)} ms (n=${st.n})`,
      `p95 <= ${SEED_P95_MS} ms`,
      "the measure starts at the script's first line; tracing slows the page slightly",
      status(st.whole.p95 <= SEED_P95_MS),
    ]);
  if (long)
    rows.push([
      `4. Page cost, 10,000-word page, ${B}`,
      `p50 ${ms(long.busy.p50)} ms, p95 ${ms(long.busy.p95)} ms (n=${long.busy.n}); ${parts(long)}`,
      budget(HEAVY_P95_MS),
      tasks(r, [long]),
      status(long.busy.p95 <= HEAVY_P95_MS && longest(r, [long]) < LONG_TASK_MS),
    ]);
  if (heavy.length)
    rows.push([
      `4. Page cost, ${heavy.length} heavy layouts pooled, ${B}`,
      `p50 ${ms(r.heavy.p50)} ms, p95 ${ms(r.heavy.p95)} ms (n=${r.heavy.n}); ${k(Math.min(...heavy.map((p) => p.nodes)))}-${k(Math.max(...heavy.map((p) => p.nodes)))} elements`,
      budget(HEAVY_P95_MS),
      tasks(r, heavy),
      status(r.heavy.p95 <= HEAVY_P95_MS && longest(r, heavy) < LONG_TASK_MS),
    ]);
  for (const p of heavy)
    rows.push([
      `4. Page cost, heavy layout ${p.name} (${k(p.nodes)} elements), ${B}`,
      `p50 ${ms(p.busy.p50)} ms, p95 ${ms(p.busy.p95)} ms (n=${p.busy.n}); ${parts(p)}; verdict ${p.verdict ?? 'none'}`,
      budget(HEAVY_P95_MS),
      tasks(r, [p]),
      status(p.busy.p95 <= HEAVY_P95_MS && longest(r, [p]) < LONG_TASK_MS),
    ]);
  if (front)
    rows.push([
      `4. Page cost, front page (not an article), ${B}`,
      `p50 ${ms(front.busy.p50)} ms, p95 ${ms(front.busy.p95)} ms (n=${front.busy.n})`,
      'reported',
      "stops at Readability's quick test",
      '',
    ]);
  const [small, large] = r.ribbon;
  if (small && large)
    rows.push([
      `5. Load to ribbon, seed copy page, ${k(large.articles)}-article index, ${B}`,
      `from navigation start p50 ${ms(large.fromNavigation.p50)} ms, p95 ${ms(large.fromNavigation.p95)} ms; after the load event p50 ${ms(large.fromLoad.p50)} ms; waiting for the worker p50 ${ms(large.afterExtraction.p50)} ms`,
      `p50 <= ${RIBBON_P50_MS} ms`,
      `${fmt(large.fromNavigation.p50 / small.fromNavigation.p50, 2)}x the ${small.articles}-article index (p50 ${ms(small.fromNavigation.p50)} ms); waiting for the worker ${fmt(large.afterExtraction.p50 / small.afterExtraction.p50, 2)}x (${ms(small.afterExtraction.p50)} ms); loads interleaved; index filled in ${ms(r.fillSeconds)} s`,
      status(large.fromNavigation.p50 <= RIBBON_P50_MS),
    ]);
  return rows;
}

export function pageCostRows(r: PagesResult | { error: string } | undefined): string[][] {
  if (!r) return [];
  if ('error' in r) return [['4. Page cost', r.error.slice(0, 200), `p95 <= ${SEED_P95_MS} ms on the seed pages`, '', 'not run']];
  return r.browsers.flatMap((b) =>
    'error' in b ? [[`4. Page cost, ${title(b.browser)}`, b.error.slice(0, 200), `p95 <= ${SEED_P95_MS} ms on the seed pages`, '', 'not run']] : browserRows(b),
  );
}

/** Per page: main-thread p50 / p95 and its parts, as BENCHMARKS.md shows them. */
export function pageCostTable(r: PageCostResult): string {
  const lt = r.longTaskSupported ? 'long tasks per load (longest ms)' : 'long tasks (not reported)';
  const head = `${r.version}, ${r.loads} loads per page:\n\n| Page | elements | verdict | main thread p50 / p95 (ms) | quick test p50 | serialise p50 | send p50 | ribbon p50 | ${lt} | frame gaps >= 50 ms per load (longest ms) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`;
  const rows = r.pages.map(
    (p) =>
      `| ${p.name} | ${p.nodes} | ${p.verdict ?? 'not an article'} | ${ms(p.busy.p50)} / ${ms(p.busy.p95)} | ${ms(p.article.p50)} | ${ms(p.meta.p50)} | ${ms(p.send.p50)} | ${ms(p.render.p50)} | ${r.longTaskSupported ? `${fmt(p.longTasks, 2)} (${ms(p.longestTask)})` : 'n/a'} | ${fmt(p.frameGaps, 2)} (${ms(p.longestGap)}) |`,
  );
  return [head, ...rows].join('\n');
}
