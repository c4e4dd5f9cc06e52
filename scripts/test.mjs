#!/usr/bin/env node
// `npm test`: everything that must hold before a change goes in, in one command on a fresh clone.
//   install (when node_modules is missing or older than package.json / package-lock.json)
//   lint (ESLint: correctness and the import zones) -> promise lint (type-aware) -> format check (prettier)
//   browsers (Chromium and Firefox ESR present)  -> typecheck (every context's tsconfig) -> unit tests
//   test build (+ store build and Firefox lint, when the package defines those scripts)
//   end-to-end tests in both browsers
//   redis-server (Debian's, installed as the browsers are) -> cluster tests (a Redis Cluster on loopback)
// Every step runs even after an earlier one failed, unless it needs what failed; the last line
// is "N passed, N failed" over the steps, and the exit code is non-zero if any step failed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers } from './ensure-browsers.mjs';
import { ensureRedis } from './redis-cluster.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** node_modules is stale when package.json or the lock file changed after the last install. */
export function needsInstall(dir = root) {
  const marker = join(dir, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  const installed = statSync(marker).mtimeMs;
  return ['package.json', 'package-lock.json'].some((f) => existsSync(join(dir, f)) && statSync(join(dir, f)).mtimeMs > installed);
}

function scripts() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
}

/** Runs a command with its output shown as it comes; resolves to whether it succeeded and what it printed. */
function run(cmd, args) {
  return new Promise((resolve) => {
    // Piped output is not a terminal; keep the tools' colours when ours is one.
    const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      resolve({ ok: false, out });
    });
    child.on('close', (code) => resolve({ ok: code === 0, out }));
  });
}

/** "22 passed (22)" from a vitest run's "Tests" line, for the summary. */
function vitestCounts(out) {
  // eslint-disable-next-line no-control-regex
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const m = /^\s*Tests\s+(.+)$/m.exec(plain);
  return m ? m[1].trim() : '';
}

/** The failed tests of a vitest run, each with the first line of its error: repeated under the
 * summary, so that the end of the output (all a CI log may keep) says what failed and why. */
export function vitestFailures(out) {
  // eslint-disable-next-line no-control-regex
  const lines = out.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const failures = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*FAIL\s+(\S.*\S)\s*$/.exec(lines[i]);
    if (!m || !m[1].includes(' > ')) continue;
    const error = lines.slice(i + 1, i + 6).find((l) => /\b(Error|Timeout|expected|Assertion)/i.test(l));
    const entry = error ? `${m[1]}: ${error.trim()}` : m[1];
    if (!failures.includes(entry)) failures.push(entry);
  }
  return failures;
}

/** Runs every step and prints the summary; true when all passed. */
export async function main() {
  const results = [];
  const failed = new Set();

  /** Runs one step; `needs` names steps that must have passed, else this one fails unrun. */
  async function step(name, fn, needs = []) {
    const blocked = needs.filter((n) => failed.has(n));
    console.log(`\n── ${name} ${'─'.repeat(Math.max(0, 60 - name.length))}`);
    if (blocked.length) {
      console.log(`not run: needs ${blocked.join(', ')}`);
      results.push({ name, ok: false, note: `not run (needs ${blocked.join(', ')})` });
      failed.add(name);
      return;
    }
    const started = Date.now();
    const r = await fn();
    const ok = typeof r === 'boolean' ? r : r.ok;
    const counts = typeof r === 'object' && r.counts ? `, tests: ${r.counts}` : '';
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ name, ok, note: `${secs} s${counts}`, failures: typeof r === 'object' ? (r.failures ?? []) : [] });
    if (!ok) failed.add(name);
  }

  const vitest = async (args) => {
    const r = await run('npx', ['vitest', 'run', ...args]);
    return { ok: r.ok, counts: vitestCounts(r.out), failures: r.ok ? [] : vitestFailures(r.out) };
  };
  await step('install', async () => {
    if (!needsInstall()) return (console.log('node_modules is up to date'), true);
    console.log('node_modules is missing or stale: npm install');
    return (await run('npm', ['install'])).ok;
  });
  // Lint and format check gate nothing: the steps after them run whatever they find.
  await step('lint', async () => (await run('npm', ['run', 'lint'])).ok, ['install']);
  // Type-aware promise rules (a floating or misused promise): slower than the plain lint, so a step of its own.
  await step('promise lint', async () => (await run('npm', ['run', 'lint:promises'])).ok, ['install']);
  await step('format check', async () => (await run('npm', ['run', 'format:check'])).ok, ['install']);
  await step('browsers', () => ensureBrowsers());
  await step('typecheck', async () => (await run('npm', ['run', 'typecheck'])).ok, ['install']);
  await step('unit tests', () => vitest([]), ['install']);
  const defined = scripts();
  if (!defined['build:test']) {
    await step('test build', () => (console.error('package.json has no "build:test" script; the end-to-end tests need it'), false));
  } else {
    await step('test build', async () => (await run('npm', ['run', 'build:test'])).ok, ['install']);
  }
  if (defined.build) await step('store build', async () => (await run('npm', ['run', 'build'])).ok, ['install']);
  if (defined['lint:firefox']) {
    await step('Firefox lint', async () => (await run('npm', ['run', 'lint:firefox'])).ok, defined.build ? ['store build'] : ['install']);
  }
  await step('end-to-end tests', () => vitest(['-c', 'vitest.e2e.config.ts']), ['browsers', 'test build']);
  // The archive engine on a Redis Cluster: the tests start their own six servers on loopback.
  await step('redis-server', () => ensureRedis());
  await step('cluster tests', () => vitest(['-c', 'vitest.cluster.config.ts']), ['install', 'redis-server']);

  console.log('\n── summary ' + '─'.repeat(52));
  for (const r of results) {
    console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(18)} ${r.note}`);
    for (const f of (r.failures ?? []).slice(0, 10)) console.log(`        ${f.slice(0, 400)}`);
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return results.length === passed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((ok) => process.exit(ok ? 0 : 1));
}
