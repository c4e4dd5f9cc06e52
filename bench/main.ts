// `npm run bench`: every benchmark of BENCHMARKS.md in one run; prints one table and writes
// bench/results.json. Flags: --quick (fewer rounds, smaller sizes), --full (adds 1M articles in
// Node's memory store, 100k in the browsers, and 1M in Chromium when it can be filled in time),
// --no-browser (Node parts only), --only-browser (the browser parts only; the Node rows then hold
// no figures), --only-lists (the reuse-list part only, at 100k articles; with --quick, 2k),
// --browser=chromium|firefox|both (the IndexedDB, list and page-cost rows in one browser or both;
// default both), --only-idb (the IndexedDB rows alone, in the browsers asked for), --only-pages
// (the page-cost part only, bench/page-cost.ts), --only-cli (the two CLI commands only), --only-node (Node's memory store only),
// --only-corpus (the archive engine only: corpus ingest and graph at 100k articles; --full adds 1M; --quick, 2k;
// and the Redis Cluster beside the embedded store at 20k, --quick 2k).
// --only-cluster (the Redis Cluster beside the embedded store alone). --million: the archive rows at 1M only.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { browsersOf, title, type BrowserName } from './browsers.ts';
import { benchCliCheck } from './cli-check.ts';
import { benchCliPairs } from './cli-pairs.ts';
import { benchCorpusSize, type CorpusSizeResult } from './corpus-archive.ts';
import { benchCorpusCluster, type ClusterResult } from './corpus-cluster.ts';
import { Generator, PLANT_RULES } from './corpus.ts';
import { benchIdb, type IdbResult } from './idb.ts';
import { benchIndexNode } from './index-node.ts';
import { benchListRibbon, type ListRibbonResult } from './list-ribbon.ts';
import { benchLists, type ListsResult } from './lists.ts';
import { benchPageCost, pageBrowsersFrom, type PagesResult } from './page-cost.ts';
import { benchSignature } from './signature.ts';
import { table } from './table.ts';
import { loadVocabulary } from './vocabulary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const args = new Set(argv);
const browsers = browsersOf(argv);
const quick = args.has('--quick');
const full = args.has('--full');
const log = (s: string) => process.stderr.write(s + '\n');
const started = Date.now();

log('vocabulary...');
const vocab = loadVocabulary(root);
log(`  ${vocab.words.length} words from ${vocab.stream.length} running content words`);
const onlyLists = args.has('--only-lists');
const onlyCli = args.has('--only-cli');
const onlyNode = args.has('--only-node');
const onlyIdb = args.has('--only-idb');
const onlyPages = args.has('--only-pages');
const onlyCluster = args.has('--only-cluster');
const onlyCorpus = args.has('--only-corpus') || onlyCluster;
const pageBrowsers = pageBrowsersFrom(process.argv.slice(2));
const onlyBrowser = args.has('--only-browser') || onlyLists || onlyIdb || onlyPages;
log('signature...');
const signature = onlyBrowser || onlyCli || onlyNode || onlyCorpus ? undefined : benchSignature(root, quick);
log('check latency and recall in Node...');
const nodeSizes = quick ? [1_000, 10_000] : full ? [1_000, 10_000, 100_000, 1_000_000] : [1_000, 10_000, 100_000];
const node =
  onlyBrowser || onlyCli || onlyCorpus
    ? []
    : await benchIndexNode(new Generator(vocab, 7), nodeSizes, { perKind: quick ? 25 : 50, rounds: quick ? 2 : 3, log });
log('CLI compare --pairs...');
const cli = onlyBrowser || onlyNode || onlyCorpus ? undefined : benchCliPairs(root, new Generator(vocab, 11), quick ? 200 : 1000, quick ? 3 : 5);
log('CLI check FILE...');
const cliCheck =
  onlyBrowser || onlyNode || onlyCorpus
    ? undefined
    : benchCliCheck(root, new Generator(vocab, 13), { files: quick ? 200 : 1000, packArticles: quick ? 2_000 : 10_000, runs: quick ? 2 : 3 });
const idb: Partial<Record<BrowserName, IdbResult | { error: string }>> = {};
if (!args.has('--no-browser') && !onlyLists && !onlyPages && !onlyCli && !onlyNode && !onlyCorpus) {
  for (const name of browsers) {
    log(`${title(name)} (IndexedDB)...`);
    try {
      idb[name] = await benchIdb(root, vocab, name, {
        sizes: quick ? [1_000] : full ? [1_000, 10_000, 100_000] : [1_000, 10_000],
        bulkSizes: quick ? [1_000] : full ? [10_000, 100_000] : [10_000],
        perKind: quick ? 10 : 25,
        rounds: 2,
        log,
        // The curve to 1M in Chromium, when the fastest fill gets there in about ten minutes.
        ...(full && name === 'chromium' ? { million: { seconds: 600 } } : {}),
      });
    } catch (err) {
      idb[name] = { error: String(err) };
      log(`  ${title(name)} part failed: ${String(err)}`);
    }
  }
}
let pageCost: PagesResult | { error: string } | undefined;
if (!args.has('--no-browser') && !onlyLists && !onlyIdb && !onlyCli && !onlyNode && !onlyCorpus) {
  log(`Page cost (the extension on the fixture pages and heavy layouts: ${pageBrowsers.join(', ')})...`);
  try {
    pageCost = await benchPageCost(root, vocab, {
      rounds: quick ? 8 : 20,
      traceRounds: quick ? 1 : 3,
      indexSize: quick ? 2_000 : 10_000,
      browsers: pageBrowsers,
      log,
    });
  } catch (err) {
    pageCost = { error: String(err) };
    log(`  page cost failed: ${String(err)}`);
  }
}
let lists: Partial<Record<BrowserName, ListsResult | { error: string }>> = {};
if (!args.has('--no-browser') && !onlyIdb && !onlyPages && !onlyCli && !onlyNode && !onlyCorpus) {
  log('Reuse lists (a list subscribed, updated and checked against)...');
  try {
    lists = await benchLists(root, vocab, browsers, {
      sizes: quick ? [2_000] : [100_000],
      perKind: quick ? 10 : 25,
      rounds: 2,
      checkRounds: quick ? 2 : 8,
      log,
    });
  } catch (err) {
    for (const name of browsers) lists[name] = { error: String(err) };
    log(`  lists failed: ${String(err)}`);
  }
}
let listRibbon: ListRibbonResult[] | undefined;
if (!args.has('--no-browser') && !onlyIdb && !onlyPages && !onlyCli && !onlyNode && !onlyCorpus) {
  log('Load to ribbon with a reuse list (the extension, its worker running and just started)...');
  listRibbon = await benchListRibbon(root, vocab, { browsers: pageBrowsers, articles: quick ? 2_000 : 100_000, rounds: quick ? 4 : 12, log });
}
const corpus: CorpusSizeResult[] = [];
if (!onlyCluster && (onlyCorpus || !(onlyBrowser || onlyCli || onlyNode))) {
  log('Archive engine (corpus ingest and graph)...');
  const sizes = quick ? [2_000] : args.has('--million') ? [1_000_000] : full ? [100_000, 1_000_000] : [100_000];
  for (const n of sizes) corpus.push(benchCorpusSize(root, new Generator(vocab, 17), n, log));
}
let corpusCluster: ClusterResult | undefined;
if (!args.has('--million') && (onlyCorpus || !(onlyBrowser || onlyCli || onlyNode))) {
  log('Archive engine on a Redis Cluster beside the embedded store...');
  corpusCluster = await benchCorpusCluster(root, new Generator(vocab, 19), quick ? 2_000 : 20_000, log);
}
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  mode: quick ? 'quick' : full ? 'full' : 'default',
  plants: PLANT_RULES,
  vocabulary: { words: vocab.words.length, runningWords: vocab.stream.length },
  signature,
  node,
  cli,
  cliCheck,
  corpus,
  corpusCluster,
  browser: idb.chromium,
  pageCost,
  lists: lists.chromium,
  listRibbon,
  firefox: { idb: idb.firefox, lists: lists.firefox },
  seconds: Math.round((Date.now() - started) / 1000),
};
writeFileSync(new URL('results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(table(results) + '\n');
log(`bench/results.json written (${results.seconds} s)`);
