import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  isExcludedHost,
  MAX_TEXT_CHARS,
  normalizeHost,
  normalizeSettings,
  validateMessage,
  validateSettingsPatch,
} from '../../src/protocol/validate.ts';

const article = { type: 'page/article', text: 'Some article text.', meta: { url: 'https://a.example/x', title: 'T' } };

describe('validateMessage', () => {
  it('accepts every well-formed message and returns only its known fields', () => {
    const good: unknown[] = [
      article,
      { type: 'page/not-article', url: 'https://a.example/' },
      { type: 'page/open-compare', originalId: 'https://b.example/y' },
      { type: 'ui/tab-state', tabId: 3 },
      { type: 'ui/stats' },
      { type: 'ui/clear' },
      { type: 'ui/set-paused', paused: true },
      { type: 'ui/get-settings' },
      { type: 'ui/set-settings', settings: { sensitivity: 'high', excludedSites: ['example.com'] } },
      { type: 'ui/compare', pageId: 'https://a.example/x', originalId: 'https://b.example/y' },
      { type: 'ui/open-compare', pageId: 'https://a.example/x', originalId: 'https://b.example/y' },
      { type: 'ui/highlight', tabId: 0 },
    ];
    for (const m of good) expect(validateMessage(m), JSON.stringify(m)).toEqual({ ok: true, value: m });
  });

  it('knows the test build’s ui/export and ui/import only when asked to', () => {
    for (const m of [{ type: 'ui/export' }, { type: 'ui/import', text: '{}' }]) {
      expect(validateMessage(m, { withTestMessages: true })).toEqual({ ok: true, value: m });
      expect(validateMessage(m)).toEqual({ ok: false, error: `unknown message type "${m.type}"` });
    }
    expect(validateMessage({ type: 'ui/import', text: 5 }, { withTestMessages: true }).ok).toBe(false);
  });

  it('drops page metadata fields it does not know', () => {
    const r = validateMessage({ ...article, meta: { ...article.meta, tracking: 'x' } });
    expect(r.ok && r.value.type === 'page/article' && r.value.meta).toEqual(article.meta);
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [article]],
    ['no type', { text: 'x' }],
    ['an unknown type', { type: 'ui/fetch', url: 'https://evil.example/' }],
    ['an inherited type name', { type: 'toString' }],
    ['a missing field', { type: 'page/article', meta: {} }],
    ['an extra field', { type: 'ui/stats', url: 'x' }],
    ['text too long', { ...article, text: 'x'.repeat(MAX_TEXT_CHARS + 1) }],
    ['text not a string', { ...article, text: 42 }],
    ['meta not an object', { ...article, meta: 'https://a.example' }],
    ['a bad meta field', { ...article, meta: { url: 7 } }],
    ['too many links', { ...article, meta: { links: Array.from({ length: 2001 }, () => ({ href: 'h', text: 't' })) } }],
    ['a bad link', { ...article, meta: { links: [{ href: 'h' }] } }],
    ['a huge title', { ...article, meta: { title: 't'.repeat(5000) } }],
    ['a negative tab id', { type: 'ui/tab-state', tabId: -1 }],
    ['a fractional tab id', { type: 'ui/highlight', tabId: 1.5 }],
    ['paused as a string', { type: 'ui/set-paused', paused: 'yes' }],
    ['an unknown setting', { type: 'ui/set-settings', settings: { theme: 'dark' } }],
    ['a bad setting', { type: 'ui/set-settings', settings: { maxArticles: 5 } }],
    ['an excluded site that is not a host', { type: 'ui/set-settings', settings: { excludedSites: ['a b'] } }],
    ['an empty id', { type: 'ui/compare', pageId: '', originalId: 'x' }],
  ])('rejects %s', (_what, msg) => {
    const r = validateMessage(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
  });
});

describe('settings', () => {
  it('fills missing or invalid stored fields from the defaults', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ sensitivity: 'extreme', maxArticles: 500, paused: 'no', excludedSites: ['ok.example', 3] })).toEqual({
      ...DEFAULT_SETTINGS,
      maxArticles: 500,
    });
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, indexPrivate: true, excludedSites: ['a.example'] })).toEqual({
      ...DEFAULT_SETTINGS,
      indexPrivate: true,
      excludedSites: ['a.example'],
    });
  });

  it('checks a patch field by field', () => {
    expect(validateSettingsPatch({ maxAgeDays: 30 })).toEqual({ ok: true, value: { maxAgeDays: 30 } });
    expect(validateSettingsPatch({ maxAgeDays: -1 }).ok).toBe(false);
    expect(validateSettingsPatch({ maxArticles: 1e9 }).ok).toBe(false);
    expect(validateSettingsPatch([]).ok).toBe(false);
  });

  it('normalises excluded sites and matches subdomains only', () => {
    expect(normalizeHost(' https://www.Example.com/path?q ')).toBe('example.com');
    expect(normalizeHost('news.example.co.uk:8080')).toBe('news.example.co.uk');
    expect(normalizeHost('not a host')).toBeNull();
    expect(normalizeHost('')).toBeNull();
    expect(isExcludedHost('www.example.com', ['example.com'])).toBe(true);
    expect(isExcludedHost('example.com', ['example.com'])).toBe(true);
    expect(isExcludedHost('notexample.com', ['example.com'])).toBe(false);
    expect(isExcludedHost('example.com.evil.net', ['example.com'])).toBe(false);
  });
});
