import { describe, expect, it, vi } from 'vitest';

// The hook module imports the browser API polyfill, which refuses to load outside an extension.
vi.mock('webextension-polyfill', () => ({ default: {} }));
const { extensionPathFrom } = await import('../../src/background/test-hooks.ts');

describe('test builds: opening extension pages from a trigger URL', () => {
  it('reads the extension path, query included', () => {
    const path = 'src/popup/compare.html?page=https%3A%2F%2Fa.example%2F&original=x';
    expect(extensionPathFrom(`http://firsthand.test/open?path=${encodeURIComponent(path)}`)).toEqual({ path, sameTab: false });
    expect(extensionPathFrom('http://firsthand.test/open?path=/src/popup/popup.html&target=same')).toEqual({ path: 'src/popup/popup.html', sameTab: true });
  });

  it.each([
    'http://firsthand.test/elsewhere?path=src/popup/popup.html',
    'http://other.test/open?path=src/popup/popup.html',
    'http://firsthand.test/open',
    'http://firsthand.test/open?path=https://evil.example/',
    'http://firsthand.test/open?path=src/../../etc/passwd',
    'not a url',
  ])('ignores %s', (url) => {
    expect(extensionPathFrom(url)).toBeNull();
  });
});
