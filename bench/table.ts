// The one table `npm run bench` prints (Markdown, pasted into BENCHMARKS.md as it is).
import { idbRows, sideBySide } from './idb-table.ts';
import type { IdbResult } from './idb.ts';
import type { PagesResult } from './page-cost.ts';
import { pageCostRows } from './page-table.ts';
import { listRibbonRows, listRows } from './lists-table.ts';
import type { ListRibbonResult } from './list-ribbon.ts';
import type { ListsResult } from './lists.ts';
import type { CheckFilesResult } from './cli-check.ts';
import type { CorpusSizeResult } from './corpus-archive.ts';
import type { ClusterResult } from './corpus-cluster.ts';
import type { PairsResult } from './cli-pairs.ts';
import type { SizeResult } from './index-node.ts';
import type { SignatureResult } from './signature.ts';
import { fmt, fmtRatio } from './stats.ts';

interface Results {
  /** Absent when only the Chromium part ran (--only-browser). */
  signature?: SignatureResult;
  node: SizeResult[];
  cli?: PairsResult;
  cliCheck?: CheckFilesResult;
  corpus?: CorpusSizeResult[];
  corpusCluster?: ClusterResult;
  /** The Chromium part (IndexedDB). */
  browser?: IdbResult | { error: string };
  pageCost?: PagesResult | { error: string };
  lists?: ListsResult | { error: string };
  listRibbon?: ListRibbonResult[];
  firefox?: { idb?: IdbResult | { error: string }; lists?: ListsResult | { error: string } };
}

const met = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : '**not met**');
const pct = (x: number) => `${Math.round(x * 100)}%`;
const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

export function table(r: Results): string {
  const rows: string[][] = [];
  const s = r.signature;
  if (s)
    rows.push([
      '1. Signature, 1,000-word text',
      `ours ${fmt(s.ms.ours.p50)} ms (256 values); npm minhash 128 perm ${fmt(s.ms.minhash128.p50)} ms, 256 perm ${fmt(s.ms.minhash256.p50)} ms`,
      'ours >= 20x faster than minhash',
      `${fmtRatio(s.ratios.minhash128VsOurs)} vs 128 perm; ${fmtRatio(s.ratios.minhash256VsOurs)} vs 256 perm; ${fmtRatio(s.ratios.minhash128OurShinglesVsOurs)} vs 128 perm on our ${s.shingles} shingles`,
      met(s.ratios.minhash128VsOurs.p50 >= 20),
    ]);
  if (s)
    rows.push([
      '1. Signature vs floor',
      `floor (tokenise + hash each shingle once) ${fmt(s.ms.floor.p50)} ms; tokenising alone ${fmt(s.ms.tokenise.p50)} ms`,
      '<= 2x floor',
      `${fmtRatio(s.ratios.oursVsFloor)}`,
      met(s.ratios.oursVsFloor.p50 <= 2),
    ]);
  const first = r.node[0];
  for (const n of r.node) {
    const growth = n.check.p50 / first.check.p50;
    rows.push([
      `2. Check, Node memory store, ${k(n.articles)}`,
      `p50 ${fmt(n.check.p50)} ms, p95 ${fmt(n.check.p95)} ms (n=${n.check.n})`,
      n.articles === 100_000 ? 'p95 <= 2 ms; p50 <= 2x the 1k figure' : n.articles > first.articles ? 'p50 <= 2x the 1k figure' : 'baseline',
      `${growth.toFixed(2)}x the 1k p50`,
      n.articles === 100_000 ? met(n.check.p95 <= 2 && growth <= 2) : n.articles > first.articles ? met(growth <= 2) : '',
    ]);
  }
  for (const n of r.node) {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
    rows.push([
      `7. Node memory store, heap per article, ${k(n.articles)}`,
      `${kb(n.heapPerArticle)} of JavaScript heap (after GC) + ${kb(n.arrayBytesPerArticle)} in typed arrays per article; built from empty in ${n.totalBuildSeconds.toFixed(1)} s (this step ${n.buildSeconds.toFixed(1)} s, of it ${n.putSeconds.toFixed(1)} s putting)`,
      'memory per article <= 1.5 KB (JavaScript heap and typed arrays together)',
      `${((n.heapPerArticle + n.arrayBytesPerArticle) / 1024).toFixed(2)} KB together; ${(n.heapPerArticle / first.heapPerArticle).toFixed(2)}x the 1k heap per article (at 1k the pools' first chunks dominate)`,
      met(n.heapPerArticle + n.arrayBytesPerArticle <= 1536),
    ]);
  }
  for (const n of r.node) {
    rows.push([
      `3. Recall, ${k(n.articles)}`,
      `candidates: copy ${pct(n.recall.copy.candidates)}, partial ${pct(n.recall.partial.candidates)}, rewrite ${pct(n.recall.rewrite.candidates)}; flagged as a match: ${pct(n.recall.copy.matched)} / ${pct(n.recall.partial.matched)} / ${pct(n.recall.rewrite.matched)}`,
      'does not fall as the index grows',
      `false band-key candidates per check (before the signature prefilter, at most 16 counted): mean ${n.falseVerified.mean.toFixed(2)}, p95 ${n.falseVerified.p95.toFixed(0)}`,
      n === first ? '' : met(['copy', 'partial', 'rewrite'].every((q) => n.recall[q as 'copy'].candidates >= first.recall[q as 'copy'].candidates - 0.02)),
    ]);
  }
  rows.push(...sideBySide(idbRows('chromium', r.browser), idbRows('firefox', r.firefox?.idb)));
  rows.push(...pageCostRows(r.pageCost));
  rows.push(...sideBySide(listRows('chromium', r.lists), listRows('firefox', r.firefox?.lists)));
  rows.push(...listRibbonRows(r.listRibbon));
  if (r.cli)
    rows.push([
      '6. CLI compare --pairs',
      `${r.cli.pairs} pairs of ~600-content-word articles in ${fmt(r.cli.seconds.p50, 2)} s (IQR ${fmt(r.cli.seconds.iqr, 2)}), whole command; naive exact word containment (plain Node) ${fmt(r.cli.naiveSeconds.p50, 2)} s; 10 pairs ${fmt(r.cli.smallSeconds.p50, 2)} s`,
      'within 1.5x of naive',
      `${fmtRatio(r.cli.vsNaive)} the naive time; ${Math.round(r.cli.pairsPerSecond)} pairs/s after start-up (${Math.round(r.cli.wholeCommandPairsPerSecond)} pairs/s whole command)`,
      met(r.cli.vsNaive.p50 <= 1.5),
    ]);
  if (r.cliCheck)
    rows.push([
      `6. CLI check FILE..., ${r.cliCheck.files} HTML pages, pack of ${r.cliCheck.packArticles >= 1000 ? `${r.cliCheck.packArticles / 1000}k` : r.cliCheck.packArticles}`,
      `${fmt(r.cliCheck.seconds.p50, 2)} s (IQR ${fmt(r.cliCheck.seconds.iqr, 2)}), whole command; 10 pages ${fmt(r.cliCheck.smallSeconds.p50, 2)} s`,
      '>= 500 files/s',
      `${Math.round(r.cliCheck.filesPerSecond)} files/s whole command (${Math.round(r.cliCheck.marginalFilesPerSecond)} files/s after start-up and the pack)`,
      met(r.cliCheck.filesPerSecond >= 500),
    ]);
  for (const c of r.corpus ?? []) {
    const rate = (s: number) => Math.round(c.articles / s);
    const mem = (r: { maxRssMB: number; anonMB: number | null }) => `peak ${r.maxRssMB} MB, of which ${r.anonMB ?? '?'} MB not the store's mapped pages`;
    const within = (r: { maxRssMB: number; anonMB: number | null }) => (r.anonMB ?? r.maxRssMB) <= 2048;
    rows.push([
      `A1. Corpus ingest, ${k(c.articles)} generated articles (JSON Lines)`,
      `${c.ingest.seconds.toFixed(1)} s on ${c.threads} worker threads (${rate(c.ingest.seconds)} articles/s, ${mem(c.ingest)}); ${c.ingestOne ? `${c.ingestOne.seconds.toFixed(1)} s on one thread (${rate(c.ingestOne.seconds)} articles/s, ${mem(c.ingestOne)})` : 'one thread not run at this size'}; ${c.diskBytesPerArticle} B per article on disk`,
      "reported; 1M within 2 GB of memory (not counting the store's mapped pages, which the kernel can drop)",
      `${(rate(c.ingest.seconds) / c.cores).toFixed(0)} articles/s per core (${c.cores} cores); ${c.ingestOne ? `the threads ran at ${(c.ingestOne.seconds / c.ingest.seconds).toFixed(2)}x one thread's speed (one run each)` : 'one run'}`,
      c.articles >= 1_000_000 ? met(within(c.ingest) && (!c.ingestOne || within(c.ingestOne))) : '',
    ]);
    rows.push([
      `A1. Corpus graph, ${k(c.articles)}`,
      `${c.graph.seconds.toFixed(1)} s (${rate(c.graph.seconds)} articles checked/s), ${mem(c.graph)}; ${c.edges} reuse edges`,
      'reported; 1M within 2 GB of memory; every planted pair named',
      `planted copies, partial copies and rewrites given their original as the named one: ${c.found} of ${c.planted}`,
      c.articles >= 1_000_000 ? met(within(c.graph) && c.found === c.planted) : met(c.found === c.planted),
    ]);
  }
  const cc = r.corpusCluster;
  if (cc)
    rows.push([
      `A2. Redis Cluster beside the embedded store, ${k(cc.articles)} generated articles`,
      `cluster (3 masters, 3 replicas, ${cc.cluster.workers} worker processes): ingest ${cc.cluster.ingestSeconds.toFixed(1)} s, graph ${cc.cluster.graphSeconds.toFixed(1)} s, ${cc.cluster.bytesPerArticle} B per article in the masters' memory; embedded: ingest ${cc.embedded.ingestSeconds.toFixed(1)} s, graph ${cc.embedded.graphSeconds.toFixed(1)} s, ${cc.embedded.bytesPerArticle} B per article on disk`,
      'reported; the same graph',
      `the cluster took ${(cc.cluster.ingestSeconds / cc.embedded.ingestSeconds).toFixed(2)}x the embedded ingest time and ${(cc.cluster.graphSeconds / cc.embedded.graphSeconds).toFixed(2)}x its graph time, all on one machine's 2 cores (one run each)`,
      met(cc.sameGraph),
    ]);
  const head = ['Measure', 'Result (medians)', 'Target', 'Ratio / note', 'Status'];
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [head, head.map(() => '---'), ...rows].map((row) => `| ${row.map(esc).join(' | ')} |`).join('\n');
}
