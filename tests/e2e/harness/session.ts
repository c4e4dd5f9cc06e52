// Launching a browser with the extension for a scenario: which browsers, which build, where
// profiles and screenshots go.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Site } from '../../fixtures/site/server.ts';
import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';
import type { BrowserName, LaunchOptions, Session } from './types.ts';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');

/** Both browsers unless FIRSTHAND_E2E_BROWSERS narrows it (e.g. "firefox" while debugging). */
export const BROWSERS: BrowserName[] = ((): BrowserName[] => {
  const wanted = (process.env.FIRSTHAND_E2E_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim());
  return (['chromium', 'firefox'] as const).filter((b) => wanted.includes(b));
})();

/** The unpacked test build for a browser (npm run build:test); FIRSTHAND_DIST_TEST overrides the folder. */
export function extensionDir(name: BrowserName): string {
  const base = resolve(ROOT, process.env.FIRSTHAND_DIST_TEST ?? 'dist-test');
  const dir = join(base, name === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: build the test packages first with "npm run build:test"`);
  }
  return dir;
}

export function newProfileDir(label: string): string {
  const root = mkdtempSync(join(tmpdir(), `firsthand-e2e-${label}-`));
  return join(root, 'profile');
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, `${name}.png`);
}

/** The unpacked store build for a browser (npm run build), as readers install it. */
export function storeExtensionDir(name: BrowserName): string {
  const dir = join(ROOT, 'dist', name === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: build the store packages first with "npm run build"`);
  }
  return dir;
}

export async function launch(
  name: BrowserName,
  site: Site,
  profileDir: string,
  dir = extensionDir(name),
  extra: Partial<LaunchOptions> = {},
): Promise<Session> {
  const opts = {
    ...extra,
    profileDir,
    sitePort: site.port,
    hosts: site.hosts,
    extensionDir: dir,
    headless: process.env.FIRSTHAND_E2E_HEADED ? false : true,
  };
  return name === 'chromium' ? launchChromium(opts) : launchFirefox(opts);
}
