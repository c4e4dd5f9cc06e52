import { describe, expect, it } from 'vitest';
import { manifestFor, parseMode } from '../../vite.config.ts';

describe('manifests per target', () => {
  it('asks for the same narrow permissions in both store builds, with no host permissions or exposed files', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = manifestFor(browser, false);
      expect(m.permissions).toEqual(['storage', 'unlimitedStorage']);
      expect(m).not.toHaveProperty('host_permissions');
      expect(m).not.toHaveProperty('web_accessible_resources');
      expect(m.content_scripts[0].matches).toEqual(['http://*/*', 'https://*/*']);
      expect(m.content_security_policy.extension_pages).toContain("connect-src 'none'");
    }
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
    expect(test.permissions).toEqual(['storage', 'unlimitedStorage', 'webNavigation']);
    expect(test.host_permissions).toEqual(['http://firsthand.test/*']);
    expect(manifestFor('chrome', false).permissions).not.toContain('webNavigation');
  });

  it('knows its four build modes', () => {
    expect(parseMode('chrome')).toEqual({ browser: 'chrome', test: false });
    expect(parseMode('firefox-test')).toEqual({ browser: 'firefox', test: true });
    expect(() => parseMode('safari')).toThrow(/unknown build mode/);
  });
});
