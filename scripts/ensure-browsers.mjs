#!/usr/bin/env node
// Makes sure the two browsers the end-to-end tests drive are installed: Chromium and Firefox ESR,
// with their Arabic interface packages,
// from the system's packages (the test tools are never allowed to download a browser).
// As root on Debian with apt-get it installs what is missing; otherwise it says how to.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BROWSER_BINARIES = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr' };

/** The browsers' Arabic interface (the right-to-left end-to-end test): Debian's language packages. */
export const LANGUAGE_PACKAGES = ['chromium-l10n', 'firefox-esr-l10n-ar'];

function hasDpkg() {
  return spawnSync('sh', ['-c', 'command -v dpkg-query'], { stdio: 'ignore' }).status === 0;
}

function packageInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function missingBrowsers() {
  const browsers = Object.entries(BROWSER_BINARIES)
    .filter(([, path]) => !existsSync(path))
    .map(([pkg]) => pkg);
  // Where dpkg is absent the language packages cannot be checked; the Arabic test then says what it misses.
  const languages = hasDpkg() ? LANGUAGE_PACKAGES.filter((pkg) => !packageInstalled(pkg)) : [];
  return [...browsers, ...languages];
}

export function isDebianRootWithApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  return isRoot && hasApt && existsSync('/etc/debian_version');
}

/** Returns true when both browsers are present (installing them if it may), false otherwise. */
export function ensureBrowsers({ log = console.log, error = console.error } = {}) {
  let missing = missingBrowsers();
  if (missing.length === 0) return true;
  if (isDebianRootWithApt()) {
    log(`Installing ${missing.join(', ')} with apt-get (needed by the end-to-end tests)…`);
    const run = (args) =>
      spawnSync('apt-get', args, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!run(['update']) || !run(['install', '-y', ...missing])) {
      error(`apt-get could not install ${missing.join(', ')}; see its output above.`);
      return false;
    }
    missing = missingBrowsers();
    if (missing.length === 0) return true;
  }
  error(
    `Missing: ${missing.map((p) => BROWSER_BINARIES[p] ?? p).join(', ')}.\n` +
      "The end-to-end tests drive the system's Chromium and Firefox ESR, one of them in Arabic. On Debian or Ubuntu install them with:\n" +
      `  sudo apt-get update && sudo apt-get install -y chromium firefox-esr ${LANGUAGE_PACKAGES.join(' ')}\n` +
      'Elsewhere, install Chromium and Firefox ESR so that /usr/bin/chromium and /usr/bin/firefox-esr exist ' +
      '(a symlink to your browser binaries is enough).',
  );
  return false;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(ensureBrowsers() ? 0 : 1);
}
