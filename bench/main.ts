// `npm run bench`: every benchmark of BENCHMARKS.md in one run; prints one table and writes
// bench/results.json. Flags: --quick (fewer rounds, smaller sizes), --full (adds 1M articles in
// Node's memory store and 100k in Chromium), --no-browser (Node parts only), --only-browser
// (the Chromium part only; the Node rows then hold no figures), --only-lists (the reuse-list part
// only, at 100k articles; with --quick, 2k), --only-node (Node's memory store only).
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchChromium, type ChromiumResult } from './chromium.ts';
import { benchCliPairs } from './cli-pairs.ts';
import { Generator, PLANT_RULES } from './corpus.ts';
import { benchIndexNode } from './index-node.ts';
import { benchLists, type ListsResult } from './lists.ts';
import { benchPageCost, type PageCostResult } from './page-cost.ts';
import { benchSignature } from './signature.ts';
import { table } from './table.ts';
import { loadVocabulary } from './vocabulary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const full = args.has('--full');
const log = (s: string) => process.stderr.write(s + '\n');
const started = Date.now();

log('vocabulary...');
const vocab = loadVocabulary(root);
log(`  ${vocab.words.length} words from ${vocab.stream.length} running content words`);
const onlyLists = args.has('--only-lists');
const onlyBrowser = args.has('--only-browser') || onlyLists;
const onlyNode = args.has('--only-node');
log('signature...');
const signature = onlyBrowser || onlyNode ? undefined : benchSignature(root, quick);
log('check latency and recall in Node...');
const nodeSizes = quick ? [1_000, 10_000] : full ? [1_000, 10_000, 100_000, 1_000_000] : [1_000, 10_000, 100_000];
const node = onlyBrowser ? [] : await benchIndexNode(new Generator(vocab, 7), nodeSizes, { perKind: quick ? 25 : 50, rounds: quick ? 2 : 3, log });
log('CLI compare --pairs...');
const cli = onlyBrowser || onlyNode ? undefined : benchCliPairs(root, new Generator(vocab, 11), quick ? 200 : 1000, quick ? 2 : 3);
let browser: ChromiumResult | { error: string } | undefined;
if (!args.has('--no-browser') && !onlyLists && !onlyNode) {
  log('Chromium (IndexedDB)...');
  try {
    browser = await benchChromium(root, vocab, {
      sizes: quick ? [1_000] : full ? [1_000, 10_000, 100_000] : [1_000, 10_000],
      bulkSizes: quick ? [1_000] : full ? [10_000, 100_000] : [10_000],
      perKind: quick ? 10 : 25,
      rounds: 2,
      log,
    });
  } catch (err) {
    browser = { error: String(err) };
    log(`  Chromium part failed: ${String(err)}`);
  }
}
let pageCost: PageCostResult | { error: string } | undefined;
if (!args.has('--no-browser') && !onlyLists && !onlyNode) {
  log('Chromium (page cost: the extension on the fixture pages)...');
  try {
    pageCost = await benchPageCost(root, vocab, { rounds: quick ? 8 : 20, traceRounds: quick ? 1 : 3, indexSize: quick ? 2_000 : 10_000, log });
  } catch (err) {
    pageCost = { error: String(err) };
    log(`  page cost failed: ${String(err)}`);
  }
}
let lists: ListsResult | { error: string } | undefined;
if (!args.has('--no-browser') && !onlyNode) {
  log('Chromium (reuse lists: a list subscribed, updated and checked against)...');
  try {
    lists = await benchLists(root, vocab, { sizes: quick ? [2_000] : [100_000], perKind: quick ? 10 : 25, rounds: 2, log });
  } catch (err) {
    lists = { error: String(err) };
    log(`  lists failed: ${String(err)}`);
  }
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
  browser,
  pageCost,
  lists,
  seconds: Math.round((Date.now() - started) / 1000),
};
writeFileSync(new URL('results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(table(results) + '\n');
log(`bench/results.json written (${results.seconds} s)`);
