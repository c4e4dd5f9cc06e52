// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillMessage, localize, t, tNodes, tPlural, uiLocale } from '../../src/ui/i18n.ts';
import { manifestFor } from '../../vite.config.ts';

const root = join(import.meta.dirname, '..', '..');
const localesDir = join(root, 'public', '_locales');
type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;
const read = (lang: string): Messages => JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8'));
const languages = readdirSync(localesDir);
const en = read('en');

const g = globalThis as { chrome?: unknown };
afterEach(() => {
  delete g.chrome;
});

describe('interface strings', () => {
  it('ships English and at least one right-to-left language', () => {
    expect(languages).toContain('en');
    expect(languages).toContain('ar');
  });

  it.each(languages.filter((l) => l !== 'en'))('gives %s exactly the English keys and placeholders, each message non-empty', (lang) => {
    const other = read(lang);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, m] of Object.entries(other)) {
      expect(m.message.trim(), key).not.toBe('');
      expect(Object.keys(m.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key].placeholders ?? {}).sort());
      // A plural form for zero, one or two may say the number in words.
      if (/_(zero|one|two)$/.test(key)) continue;
      for (const name of Object.keys(m.placeholders ?? {})) expect(m.message.toLowerCase(), `${lang} ${key}`).toContain(`$${name.toLowerCase()}$`);
    }
  });

  it('writes the Arabic interface in Arabic script, the product name aside', () => {
    const ar = read('ar');
    const arabic = /[\u0600-\u06FF]/;
    for (const [key, m] of Object.entries(ar)) if (key !== 'extName' && /[\p{L}]/u.test(en[key].message)) expect(m.message, key).toMatch(arabic);
  });

  it('describes every English message for translators', () => {
    for (const [key, m] of Object.entries(en)) expect(m.description?.length ?? 0, key).toBeGreaterThan(10);
  });

  it('fills named placeholders, positional substitutions and $$ as the browser does', () => {
    const m = { message: 'Share: $Percent$ of $$ $WHO$', placeholders: { percent: { content: '$1%' }, who: { content: '$2' } } };
    expect(fillMessage(m, ['39', 'Axios'])).toBe('Share: 39% of $ Axios');
    expect(t('sharePercent', 39)).toBe('39%');
    expect(t('verdictRewrite')).toBe('Rewritten');
  });

  it("asks the browser's i18n when there is one, and falls back to English when it has no answer", () => {
    g.chrome = { i18n: { getMessage: (key: string) => (key === 'verdictCopy' ? 'منسوخ' : key === '@@bidi_dir' ? 'rtl' : ''), getUILanguage: () => 'ar' } };
    expect(t('verdictCopy')).toBe('منسوخ');
    expect(t('verdictRewrite')).toBe('Rewritten');
    expect(uiLocale()).toEqual({ lang: 'ar', dir: 'rtl' });
  });

  it('localizes a page: lang and dir on <html>, marked text and attributes, as text only', () => {
    g.chrome = {
      i18n: { getMessage: (key: string) => (key === 'verdictCopy' ? '<b>منسوخ</b>' : key === '@@bidi_dir' ? 'rtl' : ''), getUILanguage: () => 'ar' },
    };
    document.body.innerHTML = '<h1 data-i18n="verdictCopy">x</h1><button data-i18n-attrs="aria-label:verdictRelated title:nope">y</button>';
    localize(document);
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.querySelector('h1')!.textContent).toBe('<b>منسوخ</b>');
    expect(document.querySelector('h1 b')).toBeNull();
    expect(document.querySelector('button')!.getAttribute('aria-label')).toBe('Related coverage');
    expect(document.querySelector('button')!.hasAttribute('title')).toBe(false);
  });

  it('names and describes the extension through the locale files in every build', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = manifestFor(browser, false);
      expect(m.default_locale).toBe('en');
      expect(m.name).toBe('__MSG_extName__');
      expect(m.description).toBe('__MSG_extDescription__');
      expect(manifestFor(browser, true).name).toBe('__MSG_extNameTest__');
    }
  });

  it('picks the plural form by the language and puts nodes where a message places its substitutions', () => {
    expect(tPlural('articleCount', 1)).toBe('1 article');
    expect(tPlural('articleCount', 1204, (n) => n.toLocaleString('en'))).toBe('1,204 articles');
    const bdi = document.createElement('bdi');
    bdi.textContent = '\u202eSOIXA';
    const list = document.createElement('bdi');
    list.textContent = 'World wire';
    const parts = tNodes('listedFirst', bdi, list);
    expect(parts).toEqual(['Listed by ', bdi, ' in ', list]);
  });
});
