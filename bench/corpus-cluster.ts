// The archive engine on a Redis Cluster beside the embedded store, on one generated archive
// (bench/corpus-archive.ts writes it): ingest and graph through each, as a reader runs them (each
// command a `node bin/firsthand.js` process), on the same two cores. Embedded: one ingest process
// on its default worker threads. Cluster: three masters and three replicas of Debian's
// redis-server on loopback (scripts/redis-cluster.mjs), a feeder that only queues
// (`--workers 0`) and two `corpus worker` processes of one thread each. The servers share the two
// cores with the workers, as they would not on a real deployment. Memory of the cluster is the
// masters' used_memory (the replicas hold as much again).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasRedis, startCluster } from '../scripts/redis-cluster.mjs';
import type { Generator } from './corpus.ts';
import { writeArchive } from './corpus-archive.ts';

export interface ClusterResult {
  articles: number;
  embedded: { ingestSeconds: number; graphSeconds: number; bytesPerArticle: number };
  cluster: { ingestSeconds: number; graphSeconds: number; bytesPerArticle: number; workers: number };
  /** The two graphs' edges and stories files are byte for byte the same. */
  sameGraph: boolean;
}

function timed(root: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, [join(root, 'bin/firsthand.js'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) n += statSync(join(dir, f)).size;
  return n;
}

/** Runs at `n` articles; undefined when redis-server is not installed. */
export async function benchCorpusCluster(root: string, gen: Generator, n: number, log: (s: string) => void): Promise<ClusterResult | undefined> {
  if (!hasRedis()) {
    log('  cluster: redis-server is not installed; skipped (apt-get install -y redis-server)');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-cluster-bench-'));
  const cluster = await startCluster({ masters: 3, replicas: 1 });
  try {
    const input = join(dir, 'archive.jsonl');
    writeArchive(gen, n, input);
    log(`  cluster: embedded ingest and graph of ${n} articles...`);
    const embeddedIngest = timed(root, ['corpus', 'ingest', input, '--store', join(dir, 'store')]);
    const embeddedBytes = folderBytes(join(dir, 'store'));
    const embeddedGraph = timed(root, ['corpus', 'graph', '--store', join(dir, 'store'), '--out', join(dir, 'embedded')]);
    const url = `redis://${cluster.seeds}`;
    const one = { ...process.env, FIRSTHAND_CLI_THREADS: '1' };
    log(`  cluster: ingest of ${n} articles by 2 worker processes...`);
    const workers = [0, 1].map(() =>
      spawn(process.execPath, [join(root, 'bin/firsthand.js'), 'corpus', 'worker', '--store', url], { cwd: root, env: one, stdio: 'ignore' }),
    );
    const clusterIngest = timed(root, ['corpus', 'ingest', input, '--store', url, '--workers', '0'], one);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.on('exit', () => resolve());
            w.kill('SIGINT');
          }),
      ),
    );
    let used = 0;
    for (const port of cluster.masters()) {
      const info = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'info', 'memory'], { encoding: 'utf8' }).stdout;
      used += Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
    }
    log(`  cluster: graph of ${n} articles...`);
    const clusterGraph = timed(root, ['corpus', 'graph', '--store', url, '--out', join(dir, 'cluster')]);
    const same = ['edges.jsonl', 'stories.jsonl'].every(
      (f) => readFileSync(join(dir, 'embedded', f), 'utf8') === readFileSync(join(dir, 'cluster', f), 'utf8'),
    );
    return {
      articles: n,
      embedded: { ingestSeconds: embeddedIngest, graphSeconds: embeddedGraph, bytesPerArticle: Math.round(embeddedBytes / n) },
      cluster: { ingestSeconds: clusterIngest, graphSeconds: clusterGraph, bytesPerArticle: Math.round(used / n), workers: 2 },
      sameGraph: same,
    };
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
