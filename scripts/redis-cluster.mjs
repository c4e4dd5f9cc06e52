#!/usr/bin/env node
// A Redis Cluster on loopback for the cluster tests and the cluster benchmark: Debian's
// redis-server, three masters and three replicas (by default) on free ports, each node in a folder
// of its own under a temporary directory, bound to 127.0.0.1 only. The nodes are child processes
// of the caller: stop() (or the caller's exit) ends them, and kill(port) ends one as a crash would.
//
//   node scripts/redis-cluster.mjs [--masters 3] [--replicas 1]   start one and keep it until Ctrl-C
//   node scripts/redis-cluster.mjs --ensure                        install redis-server if missing
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDebianRootWithApt } from './ensure-browsers.mjs';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const REDIS_CLI = '/usr/bin/redis-cli';

/** Whether Debian's redis-server and redis-cli are installed. */
export function hasRedis() {
  return existsSync(REDIS_SERVER) && existsSync(REDIS_CLI);
}

/**
 * Makes sure redis-server is installed for the cluster tests: as root on Debian it installs
 * Debian's package (as the browsers are installed); otherwise it says how to. True when present.
 */
export function ensureRedis({ log = console.log, error = console.error } = {}) {
  if (hasRedis()) return true;
  if (isDebianRootWithApt()) {
    log('Installing redis-server with apt-get (needed by the cluster tests)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
    if (ok(['update']) && ok(['install', '-y', 'redis-server']) && hasRedis()) return true;
  }
  error(
    `Missing: ${REDIS_SERVER}. The cluster tests start a Redis Cluster on loopback. On Debian or Ubuntu install it with:\n` +
      '  sudo apt-get update && sudo apt-get install -y redis-server\n' +
      '(the tests start their own servers; the system service need not run).',
  );
  return false;
}

/** A port nothing listens on now, with the port 10000 above it (the cluster bus) free too. */
async function freePort(taken) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if (taken.has(port)) continue;
    const ok = await Promise.all([port, port + 10000].map(canListen));
    if (ok.every(Boolean)) return port;
  }
  throw new Error('no free port pair found for a Redis node');
}

function canListen(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function cli(port, ...args) {
  return spawnSync(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 30_000 });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until `test()` holds or `ms` pass. */
async function until(test, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return;
    await sleep(100);
  }
  throw new Error(`the Redis cluster did not get ready: ${what}`);
}

/**
 * Starts the cluster and resolves once every node reports cluster_state:ok.
 * Returns { seeds: 'host:port,…', ports, masters(), kill(port), stop() }.
 */
export async function startCluster({ masters = 3, replicas = 1, nodeTimeoutMs = 1000 } = {}) {
  if (!hasRedis()) throw new Error(`${REDIS_SERVER} is missing: install it with "apt-get install -y redis-server"`);
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-redis-'));
  const taken = new Set();
  const ports = [];
  for (let i = 0; i < masters * (1 + replicas); i++) {
    const p = await freePort(taken);
    taken.add(p);
    ports.push(p);
  }
  const children = new Map();
  for (const port of ports) {
    const home = join(dir, String(port));
    mkdirSync(home);
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        home,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        String(nodeTimeoutMs),
        '--appendonly',
        'yes',
        '--save',
        '',
        '--protected-mode',
        'yes',
        '--logfile',
        join(home, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    children.set(port, child);
  }
  const stop = () => {
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
    children.clear();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    await until(() => ports.every((p) => cli(p, 'ping').stdout.trim() === 'PONG'), 20_000, 'a node does not answer PING');
    const made = spawnSync(REDIS_CLI, ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (made.status !== 0) throw new Error(`redis-cli --cluster create failed: ${made.stdout}${made.stderr}`);
    await until(() => ports.every((p) => /cluster_state:ok/.test(cli(p, 'cluster', 'info').stdout)), 30_000, 'cluster_state is not ok');
    // Every replica attached to its master: a write can then be acknowledged by one.
    await until(() => masterPorts().every((p) => /connected_slaves:[1-9]/.test(cli(p, 'info', 'replication').stdout)), 30_000, 'a replica did not attach');
  } catch (e) {
    stop();
    throw e;
  }
  function masterPorts() {
    return [...children.keys()].filter((p) => /role:master/.test(cli(p, 'info', 'replication').stdout));
  }
  return {
    seeds: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    masters: masterPorts,
    /** The master serving this key's slot, by port. */
    masterOf(key) {
      const slot = Number(cli(ports[0], 'cluster', 'keyslot', key).stdout.trim());
      const shards = cli(ports[0], 'cluster', 'slots').stdout.trim().split('\n');
      // Lines: start, end, master ip, master port, id, then the replicas.
      for (let i = 0; i + 3 < shards.length; i++) {
        const [start, end] = [Number(shards[i]), Number(shards[i + 1])];
        if (Number.isInteger(start) && Number.isInteger(end) && shards[i + 2] === '127.0.0.1' && slot >= start && slot <= end) return Number(shards[i + 3]);
      }
      return undefined;
    },
    /** Ends one node at once, as a crash would (no save, no goodbye). */
    kill(port) {
      children.get(port)?.kill('SIGKILL');
      children.delete(port);
    },
    /** Resolves once the cluster is whole again (a replica took over the killed master's slots). */
    async healed(ms = 30_000) {
      const alive = [...children.keys()];
      await until(() => alive.every((p) => /cluster_state:ok/.test(cli(p, 'cluster', 'info').stdout)), ms, 'no failover');
    },
    stop() {
      process.off('exit', stop);
      stop();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === '--ensure') {
  process.exit(ensureRedis() ? 0 : 1);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  const cluster = await startCluster({ masters: arg('--masters', 3), replicas: arg('--replicas', 1) });
  console.log(`Redis Cluster up: redis://${cluster.seeds}\nCtrl-C stops it.`);
  process.on('SIGINT', () => {
    cluster.stop();
    process.exit(0);
  });
  setInterval(() => {}, 1 << 30);
}
