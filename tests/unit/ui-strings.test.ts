// The interface's strings handed from the worker to a page (page/ui-strings): the worker reads the
// whole catalog once through the browser's API, the content script fills them itself and never
// calls the API, whose first call in a new page's process is slow.
// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ribbonHandlers, ribbonStrings } from '../../src/background/ribbon-prefs.ts';
import { loadUiStrings } from '../../src/content/ribbon-slot.ts';
import { UI_STRING_SLOT, type UiStrings } from '../../src/protocol/messages.ts';
import { isUiStrings } from '../../src/protocol/replies.ts';
import { validateMessage } from '../../src/protocol/validate.ts';
import { uiStringsFrom, type I18nApi } from '../../src/protocol/ui-strings.ts';
import { fillMessage, t, uiLocale, useUiStrings } from '../../src/ui/i18n.ts';
import { testServices } from './background-fixtures.ts';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalog = (lang: string): Messages =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', lang, 'messages.json'), 'utf8')) as Messages;

/** The browser's getMessage over one locale's file, as the browser fills it; counts its calls. */
function browserApi(lang: string, dir: 'ltr' | 'rtl'): I18nApi & { calls: number } {
  const messages = catalog(lang);
  const api = {
    calls: 0,
    getMessage(key: string, subs: string[] = []) {
      api.calls++;
      if (key === '@@bidi_dir') return dir;
      const m = messages[key];
      return m ? fillMessage(m, subs) : '';
    },
    getUILanguage: () => lang,
  };
  return api;
}

afterEach(() => {
  useUiStrings(undefined);
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('the interface strings a page is given', () => {
  it('fills every message exactly as the browser would, in the reader\u2019s language and direction', () => {
    const api = browserApi('ar', 'rtl');
    const strings = uiStringsFrom(api) as UiStrings;
    expect(isUiStrings(strings)).toBe(true);
    expect(strings).toMatchObject({ lang: 'ar', dir: 'rtl' });
    useUiStrings(strings);
    (globalThis as { chrome?: unknown }).chrome = { i18n: api };
    const before = api.calls;
    const subs = ['Axios', '39', 'CNN', '4', '5', '6', '7', '8', '9'];
    for (const key of Object.keys(catalog('en'))) expect(t(key as never, ...subs), key).toBe(api.getMessage(key, subs));
    // The comparison above asked the browser once per key; t() itself asked it nothing.
    expect(api.calls - before).toBe(Object.keys(catalog('en')).length);
    expect(uiLocale()).toEqual({ lang: 'ar', dir: 'rtl' });
  });

  it('puts page strings in as text, once, even when they look like a slot or a placeholder', () => {
    useUiStrings({ lang: 'en', dir: 'ltr', templates: { ribbon_region: `From ${UI_STRING_SLOT}1 to ${UI_STRING_SLOT}2` } });
    expect(t('ribbon_region', `${UI_STRING_SLOT}2 $1$`, 'B')).toBe(`From ${UI_STRING_SLOT}2 $1$ to B`);
  });

  it('falls back to the browser, then to English, without strings from the worker', () => {
    expect(t('ribbon_region')).toBe(fillMessage(catalog('en').ribbon_region, []));
  });

  it('is refused when it is not strings: a wrong direction, a number, too many or too long', () => {
    expect(isUiStrings({ lang: 'en', dir: 'up', templates: {} })).toBe(false);
    expect(isUiStrings({ lang: 'en', dir: 'ltr', templates: { a: 1 } })).toBe(false);
    expect(isUiStrings({ lang: 'en', dir: 'ltr', templates: Object.fromEntries(Array.from({ length: 4001 }, (_, i) => [`k${i}`, 'x'])) })).toBe(false);
    expect(isUiStrings({ lang: 'en', dir: 'ltr', templates: { a: 'x'.repeat(4001) } })).toBe(false);
    expect(isUiStrings({ lang: 'x'.repeat(36), dir: 'ltr', templates: {} })).toBe(false);
  });
});

describe('page/ui-strings', () => {
  it('is a valid page message with no payload, answered from the catalog the worker read once', async () => {
    expect(validateMessage({ type: 'page/ui-strings' })).toEqual({ ok: true, value: { type: 'page/ui-strings' } });
    expect(validateMessage({ type: 'page/ui-strings', extra: 1 })).toMatchObject({ ok: false, error: 'page/ui-strings: unexpected field "extra"' });
    const api = browserApi('en', 'ltr');
    const first = ribbonStrings(api);
    const calls = api.calls;
    expect(ribbonStrings(api)).toBe(first);
    expect(api.calls).toBe(calls);
    const { s } = testServices();
    const reply = await ribbonHandlers(s)['page/ui-strings']({ type: 'page/ui-strings' }, {
      kind: 'page',
      tabId: 1,
      frameId: 0,
      url: 'https://news.example/a',
    } as never);
    expect(reply).toBe(first);
    s.conn.close();
  });

  it('is asked once per page, and the page keeps the browser\u2019s API when the worker gives nothing usable', async () => {
    const sent: string[] = [];
    const env = {
      send: async (msg: { type: string }) => {
        sent.push(msg.type);
        return { ok: true, value: { lang: 'en', dir: 'sideways', templates: {} } };
      },
    };
    await Promise.all([loadUiStrings(env as never), loadUiStrings(env as never)]);
    await loadUiStrings(env as never);
    expect(sent).toEqual(['page/ui-strings']);
    expect(t('ribbon_region')).toBe(fillMessage(catalog('en').ribbon_region, []));
  });
});
