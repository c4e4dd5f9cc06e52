// The archive engine (`firsthand corpus ingest` and `corpus graph`) on a generated archive: N
// articles as JSON Lines, of which a few in a hundred are planted copies, partial copies and
// rewrites of earlier ones. Each command runs as a reader runs it, a separate `node
// bin/firsthand.js` process, whose peak memory (max RSS) it reports itself on exit
// (bench/rss-wrap.mjs). Ingest runs twice, on one thread and on the default worker threads, each
// into a fresh store; the graph runs on the store of the second. The planted pairs found as named
// edges say that the graph found what it should.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Generator, Plant } from './corpus.ts';
import { ARTICLE_WORDS } from './queries.ts';

export interface CorpusRun {
  seconds: number;
  maxRssMB: number;
  /** Peak anonymous memory (heaps and buffers, not the store's mapped pages); null where /proc is missing. */
  anonMB: number | null;
}

export interface CorpusSizeResult {
  articles: number;
  /** Ingest on one thread (not run at 1M, to keep the row within an hour), and on the default worker threads (`threads` of them). */
  ingestOne: CorpusRun | null;
  ingest: CorpusRun;
  threads: number;
  cores: number;
  diskBytesPerArticle: number;
  graph: CorpusRun;
  edges: number;
  /** Planted pairs whose copy was given its planted original as the named original. */
  planted: number;
  found: number;
}

const PLANT_EVERY = 50;
const KINDS: Plant[] = ['copy', 'partial', 'rewrite'];

export function writeArchive(gen: Generator, n: number, file: string): Map<string, string> {
  const planted = new Map<string, string>();
  const kept: { url: string; words: number[] }[] = [];
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const url = `https://outlet${i % 211}.example/news/${i}`;
    let words: number[];
    if (i % PLANT_EVERY === PLANT_EVERY - 1 && kept.length) {
      // Each planted pair has an original of its own (while there are fewer than kept), so the
      // named edges to find are the planted pairs and no copy has a sibling copy to derive from.
      const original = kept[Math.floor(i / PLANT_EVERY) % kept.length];
      words = gen.plant(KINDS[Math.floor(i / PLANT_EVERY) % KINDS.length], original.words);
      planted.set(url, original.url);
    } else {
      words = gen.words(gen.length(ARTICLE_WORDS));
      if (kept.length < 5000) kept.push({ url, words });
    }
    lines.push(
      JSON.stringify({ url, title: `Story ${i}`, outlet: `Outlet ${i % 211}`, published: new Date(t0 + i * 60_000).toISOString(), text: gen.text(words) }),
    );
    if (lines.length >= 10_000) {
      writeFileSync(file, lines.join('\n') + '\n', { flag: 'a' });
      lines.length = 0;
    }
  }
  if (lines.length) writeFileSync(file, lines.join('\n') + '\n', { flag: 'a' });
  return planted;
}

/** One command as its own process: its wall time, and its peak memory as bench/rss-wrap.mjs wrote it. */
function run(root: string, args: string[], rssFile: string, env: NodeJS.ProcessEnv = {}): CorpusRun {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, [join(root, 'bench/rss-wrap.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env, FIRSTHAND_BENCH_RSS: rssFile },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const { maxRssMB, anonMB } = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssMB: number; anonMB: number | null };
  return { seconds, maxRssMB, anonMB };
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) n += statSync(join(dir, f)).size;
  return n;
}

/** One size: the archive written, ingested on one thread and on the worker threads, its graph. */
export function benchCorpusSize(root: string, gen: Generator, n: number, log: (s: string) => void): CorpusSizeResult {
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-corpus-bench-'));
  try {
    const input = join(dir, 'archive.jsonl');
    const planted = writeArchive(gen, n, input);
    // Each command's figures are logged as it ends: a long run stopped midway still says what it measured.
    const measured = (args: string[], env: NodeJS.ProcessEnv = {}): CorpusRun => {
      const r = run(root, args, join(dir, 'rss.json'), env);
      log(`    ${r.seconds.toFixed(1)} s, peak ${r.maxRssMB} MB RSS, ${r.anonMB ?? '?'} MB anonymous`);
      return r;
    };
    let ingestOne: CorpusRun | null = null;
    if (n < 1_000_000) {
      log(`  corpus: ingest of ${n} articles on one thread...`);
      ingestOne = measured(['corpus', 'ingest', input, '--store', join(dir, 'one')], { FIRSTHAND_CLI_THREADS: '1' });
      rmSync(join(dir, 'one'), { recursive: true, force: true });
    }
    const threads = availableParallelism() >= 2 ? availableParallelism() : 1;
    log(`  corpus: ingest of ${n} articles on ${threads} worker threads...`);
    const ingest = measured(['corpus', 'ingest', input, '--store', join(dir, 'store')]);
    const diskBytesPerArticle = Math.round(folderBytes(join(dir, 'store')) / n);
    log(`    ${diskBytesPerArticle} B per article on disk`);
    log(`  corpus: graph of ${n} articles...`);
    const graph = measured(['corpus', 'graph', '--store', join(dir, 'store'), '--out', join(dir, 'graph')]);
    const named = new Map<string, string>();
    let edges = 0;
    for (const line of readFileSync(join(dir, 'graph', 'edges.jsonl'), 'utf8').split('\n')) {
      if (!line) continue;
      edges++;
      const e = JSON.parse(line) as { original: string; copy: string; named: boolean };
      if (e.named) named.set(e.copy, e.original);
    }
    let found = 0;
    for (const [copy, original] of planted) if (named.get(copy) === original) found++;
    return { articles: n, ingestOne, ingest, threads, cores: availableParallelism(), diskBytesPerArticle, graph, edges, planted: planted.size, found };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
