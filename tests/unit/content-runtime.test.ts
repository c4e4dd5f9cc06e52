// The content script's runtime: the browser's own (Firefox `browser`, Chrome `chrome`), no polyfill.
import { describe, expect, it } from 'vitest';
import { contentRuntime } from '../../src/content/runtime.ts';

const runtime = (id: string) => ({ id, sendMessage: async () => null, onMessage: { addListener: () => undefined } });

describe('contentRuntime', () => {
  it("takes Firefox's browser.runtime when it is there", () => {
    const firefox = runtime('firefox-id');
    expect(contentRuntime({ browser: { runtime: firefox }, chrome: { runtime: runtime('other') } })).toBe(firefox);
  });

  it("takes Chrome's chrome.runtime when there is no browser namespace, or one without an id", () => {
    const chrome = runtime('chrome-id');
    expect(contentRuntime({ chrome: { runtime: chrome } })).toBe(chrome);
    expect(contentRuntime({ browser: { runtime: { id: '' } }, chrome: { runtime: chrome } })).toBe(chrome);
  });

  it('refuses to run outside an extension (a runtime without an id)', () => {
    expect(() => contentRuntime({})).toThrow(/outside the extension/);
    expect(() => contentRuntime({ chrome: { runtime: { id: undefined } } })).toThrow(/outside the extension/);
  });
});
