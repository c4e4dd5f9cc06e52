#!/usr/bin/env node
// `npm run typecheck`: each context's tsconfig in turn (tsconfig.json lists them for editors).
//   engine: src/index and src/shared with the language alone (no DOM, no Node)
//   web:    the extension's contexts with the DOM, without Node
//   node:   the CLI, tests, benchmarks, scripts and configs with Node
// Every project is checked even after one fails; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = ['tsconfig.engine.json', 'tsconfig.web.json', 'tsconfig.node.json'];

let failed = 0;
for (const p of projects) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [tsc, '-p', p, '--pretty'], { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${p} (${secs} s)`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
