// The archive engine on a Redis Cluster (src/corpus/redis-store.ts, src/cli/corpus-queue.ts),
// against three masters and three replicas of Debian's redis-server on loopback: the same archive
// gives the same graph as through the embedded store, whichever worker processes share the job
// queue; a stopped ingest goes on where it stopped; and a master killed mid-ingest loses nothing
// and doubles nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCorpusStore } from '../../src/corpus/redis-store.ts';
import { startCluster, type LocalCluster } from '../../scripts/redis-cluster.mjs';
import { archiveLines } from '../fixtures/corpus/archive.ts';
import { root, runCli, type Run } from '../unit/cli-run.ts';

// One thread per process: the worker processes, not threads, share the work here.
const env = { ...process.env, FIRSTHAND_CLI_THREADS: '1' };
const bin = join(root, 'bin/firsthand.js');
const GRAPH_FILES = ['edges.jsonl', 'edges.csv', 'stories.jsonl', 'stories.csv'];

let cluster: LocalCluster;
let dir: string;
let archive: string;
/** Articles in the archive, and the graph of it through the embedded store. */
let articles: number;
let embeddedOut: string;

/** Every process started, ended after the tests even when one failed midway. */
const children: ChildProcess[] = [];

/** A CLI process left running, with what it printed so far. */
function start(...args: string[]): Started {
  return startWith(env, args);
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<Run>;
}

function startWith(processEnv: NodeJS.ProcessEnv, args: string[]): Started {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: processEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })));
  return { child, output: () => stdout + stderr, exited };
}

/**
 * How a started process ended; if it has not within `ms`, an error that names it and ends with
 * what it printed (a process that hangs then says where, instead of the test timing out mute).
 */
async function ended(p: Started, ms: number, what: string): Promise<Run> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms / 1000} s; it printed:\n${p.output().slice(-3000)}`)), ms);
  });
  try {
    return await Promise.race([p.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A CLI command run to its end (threads as the machine allows, as runCli runs it), within `ms`. */
function cli(ms: number, ...args: string[]): Promise<Run> {
  return ended(startWith(process.env, args), ms, `firsthand ${args.join(' ')}`);
}

async function until(test: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function storedCount(url: string): Promise<number> {
  const store = await RedisCorpusStore.open(url);
  try {
    return await store.count();
  } finally {
    await store.close();
  }
}

/** A queue worker process, started and taking jobs. */
async function startWorker(url: string): Promise<ReturnType<typeof start>> {
  const w = start('corpus', 'worker', '--store', url);
  await until(() => /taking jobs/.test(w.output()), 30_000, 'a worker is taking jobs');
  return w;
}

async function graphOf(store: string, label: string): Promise<string> {
  const out = join(dir, label);
  const r = await cli(60_000, 'corpus', 'graph', '--store', store, '--out', out);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('firsthand:'))).toEqual([]);
  expect(r.code).toBe(0);
  return out;
}

function expectSameGraph(out: string): void {
  for (const f of GRAPH_FILES) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(embeddedOut, f), 'utf8'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firsthand-cluster-'));
  archive = join(dir, 'archive.jsonl');
  // The seeds and 300 agency stories run by four outlets: 1,108 articles.
  writeFileSync(archive, archiveLines(300).join('\n') + '\n');
  cluster = await startCluster({ masters: 3, replicas: 1 });
  const ingested = await runCli('corpus', 'ingest', archive, '--store', join(dir, 'embedded'));
  expect(ingested.code).toBe(0);
  articles = Number(/(\d+) in the store/.exec(ingested.stdout)?.[1]);
  expect(articles).toBeGreaterThan(1000);
  embeddedOut = await graphOf(join(dir, 'embedded'), 'embedded-graph');
}, 120_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('corpus ingest and graph on a Redis Cluster', () => {
  it('gives byte for byte the graph of the embedded store when two worker processes share the ingest queue', async () => {
    const url = `redis://${cluster.seeds}/shared`;
    const workers = [await startWorker(url), await startWorker(url)];
    // The feeder only puts the documents on the queue: the two workers store every article.
    const fed = await cli(120_000, 'corpus', 'ingest', archive, '--store', url, '--workers', '0');
    expect(fed.stderr).not.toMatch(/firsthand: /);
    expect(fed.code).toBe(0);
    expect(fed.stdout).toContain(`${articles} articles added; ${articles} in the store`);
    for (const w of workers) w.child.kill('SIGINT');
    const done = await Promise.all(workers.map((w, i) => ended(w, 30_000, `worker ${i + 1} after Ctrl-C`)));
    const added = done.map((d) => {
      expect(d.code).toBe(0);
      return Number(/jobs? done, (\d+) articles? added/.exec(d.stdout)?.[1]);
    });
    // Both took jobs, and between them stored each article once.
    expect(added.every((n) => n > 0)).toBe(true);
    expect(added[0] + added[1]).toBe(articles);
    expectSameGraph(await graphOf(url, 'shared-graph'));
    // Run again: every input was read to its end, nothing is added.
    const again = await cli(60_000, 'corpus', 'ingest', archive, '--store', url);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`0 articles added, 1 input read before; ${articles} in the store`);
  });

  it('goes on where a stopped ingest stopped, storing each article once', async () => {
    const url = `redis://${cluster.seeds}/stopped`;
    const first = start('corpus', 'ingest', archive, '--store', url, '--workers', '1');
    await until(async () => (await storedCount(url)) >= 200, 60_000, '200 articles are stored');
    first.child.kill('SIGINT');
    const stopped = await ended(first, 30_000, 'the ingest after Ctrl-C');
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(/Stopped: run the same command again to go on\./);
    const before = await storedCount(url);
    expect(before).toBeLessThan(articles);
    const second = await cli(120_000, 'corpus', 'ingest', archive, '--store', url, '--workers', '1');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`; ${articles} in the store`);
    expect(await storedCount(url)).toBe(articles);
    expectSameGraph(await graphOf(url, 'stopped-graph'));
  });

  it('loses and doubles nothing when a master is killed mid-ingest: its replica takes over and the jobs finish', async () => {
    const url = `redis://${cluster.seeds}/failover`;
    const worker = await startWorker(url);
    const feeder = start('corpus', 'ingest', archive, '--store', url, '--workers', '1');
    await until(async () => (await storedCount(url)) >= articles / 4, 60_000, 'a quarter of the articles are stored');
    const queueMaster = cluster.masterOf('{failover}');
    const victim = cluster.masters().find((p) => p !== queueMaster)!;
    cluster.kill(victim);
    const fed = await ended(feeder, 120_000, 'the ingest through the failover');
    expect(fed.stderr).not.toMatch(/firsthand: /);
    expect(fed.code).toBe(0);
    expect(fed.stdout).toContain(`; ${articles} in the store`);
    // The cluster is whole again without the dead node: a replica is master in its place.
    await cluster.healed();
    expect(cluster.masters()).toHaveLength(3);
    expect(cluster.masters()).not.toContain(victim);
    expect(await storedCount(url)).toBe(articles);
    worker.child.kill('SIGINT');
    expect((await ended(worker, 30_000, 'the worker after Ctrl-C')).code).toBe(0);
    expectSameGraph(await graphOf(url, 'failover-graph'));
  });
});
