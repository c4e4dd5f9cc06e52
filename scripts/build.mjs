// Builds the extension for Chrome and Firefox with Vite + crxjs (vite.config.ts), offline.
//   node scripts/build.mjs          store builds: dist/chrome, dist/firefox and their zips
//   node scripts/build.mjs --test   test builds:  dist-test/chrome, dist-test/firefox (test hooks on)
// The zips are what a store takes: the folder's files at the archive root.
import { build } from 'vite';
import { zipSync } from 'fflate';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const test = process.argv.includes('--test');
const browsers = ['chrome', 'firefox'];

/** Every file under dir, as archive paths (forward slashes) mapped to bytes, in a stable order. */
function collect(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full).split(sep).join('/')] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

for (const browser of browsers) {
  const mode = test ? `${browser}-test` : browser;
  const started = performance.now();
  await build({ root, configFile: join(root, 'vite.config.ts'), mode });
  const outDir = join(root, test ? 'dist-test' : 'dist', browser);
  let line = `${mode}: ${relative(root, outDir)} in ${Math.round(performance.now() - started)} ms`;
  if (!test) {
    // A fixed date keeps the archive byte-for-byte reproducible from the same sources.
    const zip = zipSync(collect(outDir), { level: 9, mtime: new Date('2024-01-01T00:00:00Z') });
    const zipPath = join(root, 'dist', `firsthand-${browser}.zip`);
    writeFileSync(zipPath, zip);
    line += `, ${relative(root, zipPath)} ${(zip.length / 1024).toFixed(1)} KiB`;
  }
  console.log(line);
}
