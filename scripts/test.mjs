#!/usr/bin/env node
// `npm test`: everything that must hold before a change goes in, in one command on a fresh clone.
//   install (when node_modules is missing or older than package.json / package-lock.json)
//   browsers (Chromium and Firefox ESR present)  -> typecheck -> unit tests
//   test build (+ store build and Firefox lint, when the package defines those scripts)
//   end-to-end tests in both browsers
// Every step runs even after an earlier one failed, unless it needs what failed; the last line
// is "N passed, N failed" over the steps, and the exit code is non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers } from './ensure-browsers.mjs';

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

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.error) console.error(`${cmd}: ${r.error.message}`);
  return r.status === 0;
}

/** Runs every step and prints the summary; true when all passed. */
export function main() {
  const results = [];
  const failed = new Set();

  /** Runs one step; `needs` names steps that must have passed, else this one fails unrun. */
  function step(name, fn, needs = []) {
    const blocked = needs.filter((n) => failed.has(n));
    console.log(`\n── ${name} ${'─'.repeat(Math.max(0, 60 - name.length))}`);
    if (blocked.length) {
      console.log(`not run: needs ${blocked.join(', ')}`);
      results.push({ name, ok: false, note: `not run (needs ${blocked.join(', ')})` });
      failed.add(name);
      return;
    }
    const started = Date.now();
    const ok = fn();
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ name, ok, note: `${secs} s` });
    if (!ok) failed.add(name);
  }

  step('install', () => (needsInstall() ? (console.log('node_modules is missing or stale: npm install'), run('npm', ['install'])) : (console.log('node_modules is up to date'), true)));
  step('browsers', () => ensureBrowsers());
  step('typecheck', () => run('npx', ['tsc', '--noEmit']), ['install']);
  step('unit tests', () => run('npx', ['vitest', 'run']), ['install']);
  const defined = scripts();
  if (!defined['build:test']) {
    step('test build', () => (console.error('package.json has no "build:test" script; the end-to-end tests need it'), false));
  } else {
    step('test build', () => run('npm', ['run', 'build:test']), ['install']);
  }
  if (defined.build) step('store build', () => run('npm', ['run', 'build']), ['install']);
  if (defined['lint:firefox']) step('Firefox lint', () => run('npm', ['run', 'lint:firefox']), defined.build ? ['store build'] : ['install']);
  step('end-to-end tests', () => run('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts']), ['browsers', 'test build']);

  console.log('\n── summary ' + '─'.repeat(52));
  for (const r of results) console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(20)} ${r.note}`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return results.length === passed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(main() ? 0 : 1);
}
