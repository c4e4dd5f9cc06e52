import { describe, expect, it } from 'vitest';
import { manifestFor, parseMode } from '../../vite.config.ts';

describe('manifests per target', () => {
  it('asks for the same narrow permissions in both store builds (offscreen in Chrome only), list hosts only as optional permissions, no exposed files', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = manifestFor(browser, false);
      expect(m.permissions).toEqual(['storage', 'unlimitedStorage', 'alarms', ...(browser === 'chrome' ? ['offscreen'] : [])]);
      expect(m).not.toHaveProperty('host_permissions');
      expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
      expect(m).not.toHaveProperty('web_accessible_resources');
      expect(m.content_scripts[0].matches).toEqual(['http://*/*', 'https://*/*']);
    }
  });

  it("lets the extension's pages and worker connect to https list addresses and this machine only, scripts from the extension only", () => {
    const csp = manifestFor('chrome', false).content_security_policy.extension_pages;
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('connect-src')).toEqual(['https:', 'http://localhost:*', 'http://127.0.0.1:*']);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/\bhttp:(?!\/\/(localhost|127\.0\.0\.1):)/);
    expect(csp).not.toContain('unsafe');
  });

  it('gives Firefox an event page and its gecko settings, Chrome a module service worker', () => {
    const chrome = manifestFor('chrome', false);
    expect(chrome.background).toEqual({ service_worker: 'src/background/main.ts', type: 'module' });
    expect(chrome).not.toHaveProperty('browser_specific_settings');
    const firefox = manifestFor('firefox', false);
    expect(firefox.background).toEqual({ scripts: ['src/background/main.ts'], type: 'module' });
    expect(firefox.browser_specific_settings).toEqual({
      gecko: { id: 'firsthand@firsthand.example', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    });
  });

  it('adds the test hook permissions to test builds only', () => {
    const test = manifestFor('firefox', true);
    expect(test.permissions).toEqual(['storage', 'unlimitedStorage', 'alarms', 'webNavigation']);
    expect(test.host_permissions).toEqual(['http://firsthand.test/*']);
    expect(manifestFor('chrome', false).permissions).not.toContain('webNavigation');
    expect(manifestFor('chrome', true).permissions).toEqual(['storage', 'unlimitedStorage', 'alarms', 'offscreen', 'webNavigation']);
  });

  it('knows its four build modes', () => {
    expect(parseMode('chrome')).toEqual({ browser: 'chrome', test: false });
    expect(parseMode('firefox-test')).toEqual({ browser: 'firefox', test: true });
    expect(() => parseMode('safari')).toThrow(/unknown build mode/);
  });
});
