#!/usr/bin/env node
// Makes sure the two browsers the end-to-end tests drive are installed: Chromium and Firefox ESR
// from the system's packages (the test tools are never allowed to download a browser).
// As root on Debian with apt-get it installs what is missing; otherwise it says how to.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BROWSER_BINARIES = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr' };

function missingBrowsers() {
  return Object.entries(BROWSER_BINARIES)
    .filter(([, path]) => !existsSync(path))
    .map(([pkg]) => pkg);
}

function isDebianRootWithApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  return isRoot && hasApt && existsSync('/etc/debian_version');
}

/** Returns true when both browsers are present (installing them if it may), false otherwise. */
export function ensureBrowsers({ log = console.log, error = console.error } = {}) {
  let missing = missingBrowsers();
  if (missing.length === 0) return true;
  if (isDebianRootWithApt()) {
    log(`Installing ${missing.join(' and ')} with apt-get (needed by the end-to-end tests)…`);
    const run = (args) =>
      spawnSync('apt-get', args, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!run(['update']) || !run(['install', '-y', 'chromium', 'firefox-esr'])) {
      error('apt-get could not install chromium and firefox-esr; see its output above.');
      return false;
    }
    missing = missingBrowsers();
    if (missing.length === 0) return true;
  }
  error(
    `Missing browser${missing.length > 1 ? 's' : ''}: ${missing.map((p) => BROWSER_BINARIES[p]).join(', ')}.\n` +
      "The end-to-end tests drive the system's Chromium and Firefox ESR. On Debian or Ubuntu install them with:\n" +
      '  sudo apt-get update && sudo apt-get install -y chromium firefox-esr\n' +
      'Elsewhere, install Chromium and Firefox ESR so that /usr/bin/chromium and /usr/bin/firefox-esr exist ' +
      '(a symlink to your browser binaries is enough).',
  );
  return false;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(ensureBrowsers() ? 0 : 1);
}
