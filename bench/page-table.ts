// The rows of target 4 (page cost) in the table `npm run bench` prints, and a per-page breakdown.
import type { PageCostResult } from './page-cost.ts';
import { fmt } from './stats.ts';

const k = (n: number) => (n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n));
const ms = (x: number) => fmt(x, 1);

export function pageCostRows(r: PageCostResult | { error: string } | undefined): string[][] {
  if (!r) return [];
  if ('error' in r) return [['4. Page cost', r.error.slice(0, 200), 'p95 <= 30 ms on the seed pages', '', 'not run']];
  const seedPages = r.pages.filter((p) => p.isArticle && p.name !== 'long');
  const long = r.pages.find((p) => p.name === 'long');
  const front = r.pages.find((p) => p.name === 'front');
  const pooled = (key: 'article' | 'meta' | 'send' | 'render') => seedPages.map((p) => p[key].p50).sort((a, b) => a - b)[Math.floor(seedPages.length / 2)];
  const worst = seedPages.reduce((a, b) => (b.busy.p95 > a.busy.p95 ? b : a));
  const load = `load average ${r.loadAverage[0].toFixed(1)} -> ${r.loadAverage[1].toFixed(1)} on 2 cores`;
  const rows: string[][] = [
    [
      `4. Page cost, ${seedPages.length} seed article pages`,
      `content script main thread p50 ${ms(r.seeds.p50)} ms, p95 ${ms(r.seeds.p95)} ms (n=${r.seeds.n}); median page's p50: quick test ${ms(pooled('article'))}, serialise ${ms(pooled('meta'))}, send ${ms(pooled('send'))}, ribbon ${ms(pooled('render'))} ms`,
      'p95 <= 30 ms',
      `highest page p95 ${ms(worst.busy.p95)} ms (${worst.name}); long tasks per load ${fmt(seedPages.reduce((a, p) => a + p.longTasks, 0) / seedPages.length, 2)}; ${load}`,
      r.seeds.p95 <= 30 ? 'met' : '**not met**',
    ],
  ];
  const st = r.startup;
  rows.push([
    '4. Page cost incl. script start-up (traced loads)',
    `compile and top-level code before the measure starts p50 ${ms(st.beforeMeasure.p50)} ms (of which top-level compile ${ms(st.compile.p50)} ms); start-up + measure p50 ${ms(st.whole.p50)} ms, p95 ${ms(st.whole.p95)} ms (n=${st.n})`,
    'p95 <= 30 ms',
    "the measure starts at the script's first line; tracing slows the page slightly",
    st.whole.p95 <= 30 ? 'met' : '**not met**',
  ]);
  if (long)
    rows.push([
      '4. Page cost, 10,000-word page',
      `p50 ${ms(long.busy.p50)} ms, p95 ${ms(long.busy.p95)} ms (n=${long.busy.n}); quick test p50 ${ms(long.article.p50)}, serialise ${ms(long.meta.p50)}, send ${ms(long.send.p50)} ms`,
      'reported',
      `long tasks per load ${fmt(long.longTasks, 2)}, longest ${ms(long.longestTask)} ms`,
      '',
    ]);
  if (front)
    rows.push([
      '4. Page cost, front page (not an article)',
      `p50 ${ms(front.busy.p50)} ms, p95 ${ms(front.busy.p95)} ms (n=${front.busy.n})`,
      'reported',
      "stops at Readability's quick test",
      '',
    ]);
  const [small, large] = r.ribbon;
  if (small && large)
    rows.push([
      `4. Load to ribbon, seed copy page, ${k(large.articles)}-article index`,
      `from navigation start p50 ${ms(large.fromNavigation.p50)} ms, p95 ${ms(large.fromNavigation.p95)} ms; after the load event p50 ${ms(large.fromLoad.p50)} ms; waiting for the worker p50 ${ms(large.afterExtraction.p50)} ms`,
      'reported',
      `${fmt(large.fromNavigation.p50 / small.fromNavigation.p50, 2)}x the ${small.articles}-article index (p50 ${ms(small.fromNavigation.p50)} ms); waiting for the worker ${fmt(large.afterExtraction.p50 / small.afterExtraction.p50, 2)}x (${ms(small.afterExtraction.p50)} ms); loads interleaved`,
      '',
    ]);
  return rows;
}

/** Per page: main-thread p50 / p95 and its parts, as BENCHMARKS.md shows them. */
export function pageCostTable(r: PageCostResult): string {
  const head =
    '| Page | verdict | main thread p50 / p95 (ms) | quick test p50 | serialise p50 | send p50 | ribbon p50 | long tasks per load |\n| --- | --- | --- | --- | --- | --- | --- | --- |';
  const rows = r.pages.map(
    (p) =>
      `| ${p.name} | ${p.verdict ?? 'not an article'} | ${ms(p.busy.p50)} / ${ms(p.busy.p95)} | ${ms(p.article.p50)} | ${ms(p.meta.p50)} | ${ms(p.send.p50)} | ${ms(p.render.p50)} | ${fmt(p.longTasks, 2)} |`,
  );
  return [head, ...rows].join('\n');
}
