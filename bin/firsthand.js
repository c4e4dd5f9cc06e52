#!/usr/bin/env node
// Launcher for the firsthand CLI. The sources are TypeScript and there is no build step to run:
// on first use (and whenever a source file changes) they are bundled into one JavaScript file
// under .tmp/cli/, which later runs load in a fraction of the time a TypeScript loader takes.
// The bundle's first line lists every source file it was made from, with its modification time
// and size; any difference rebuilds it. When it cannot be built (no write access, no esbuild),
// the sources load through tsx as before. FIRSTHAND_CLI_TSX=1 always takes that path.
// The same file starts the CLI's worker threads (src/cli/parallel.ts): they load what it loads.
import { mkdirSync, openSync, readSync, closeSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/cli/main.ts');
const bundle = join(root, '.tmp/cli/firsthand.mjs');
const MARK = '// firsthand-cli-inputs ';

/** The inputs the bundle's first line names, or undefined when it has none (or no bundle). */
function recordedInputs() {
  let fd;
  try {
    fd = openSync(bundle, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(1 << 16);
    const line = head
      .subarray(0, readSync(fd, head, 0, head.length, 0))
      .toString('utf8')
      .split('\n', 1)[0];
    return line.startsWith(MARK) ? JSON.parse(line.slice(MARK.length)) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function stamp(file) {
  const s = statSync(file);
  return [s.mtimeMs, s.size];
}

function fresh(inputs) {
  if (!inputs || typeof inputs !== 'object') return false;
  const files = Object.keys(inputs);
  if (!files.length) return false;
  try {
    return files.every((f) => {
      const [m, n] = stamp(join(root, f));
      return m === inputs[f][0] && n === inputs[f][1];
    });
  } catch {
    return false;
  }
}

/** Bundles the sources (packages stay imports) and writes the bundle atomically; false when it cannot. */
async function build() {
  try {
    const { build: esbuild } = await import('esbuild');
    const result = await esbuild({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      metafile: true,
      write: false,
      logLevel: 'silent',
      outfile: bundle,
      absWorkingDir: root,
    });
    const inputs = {};
    for (const f of Object.keys(result.metafile.inputs)) {
      const rel = relative(root, resolve(root, f)).split('\\').join('/');
      inputs[rel] = stamp(join(root, rel));
    }
    const code = result.outputFiles.find((o) => o.path.endsWith('.mjs'))?.text;
    if (!code) return false;
    mkdirSync(dirname(bundle), { recursive: true });
    const tmp = `${bundle}.${process.pid}.${Date.now()}.tmp`;
    try {
      writeFileSync(tmp, `${MARK}${JSON.stringify(inputs)}\n${code}`);
      renameSync(tmp, bundle);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // Never written.
      }
      return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** How long a finished command's process may wait for its last handles to close by themselves. */
const LINGER_MS = 10_000;

async function load() {
  if (!process.env.FIRSTHAND_CLI_TSX && (fresh(recordedInputs()) || (await build()))) return import(pathToFileURL(bundle).href);
  const { register } = await import('tsx/esm/api');
  // tsconfig: false keeps a tsconfig.json in the caller's working directory from changing how the CLI compiles.
  register({ tsconfig: false });
  return import('../src/cli/main.ts');
}

const cli = await load();
if (isMainThread) {
  process.exitCode = await cli.main(process.argv.slice(2));
  // The command is done and has said so. A connection that a lost server never lets close (a Redis
  // master killed mid-run, see src/corpus/redis-store.ts) must not keep the process from ending.
  setTimeout(() => process.exit(), LINGER_MS).unref();
} else await cli.workerMain();
