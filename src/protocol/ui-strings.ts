// The interface's strings as the browser gives them in the reader's language, for contexts that
// should not ask the browser themselves: the worker reads the whole catalog once and hands it to
// each page's content script (page/ui-strings), whose first call of the i18n API would otherwise
// fetch the catalog into the page's process (tens of milliseconds in Chromium, on every new page).
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import { UI_STRING_SLOT, type UiStrings } from './messages.ts';

export interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

/** The browser's i18n API, from either namespace; undefined outside an extension. */
export function i18nApi(scope: object = globalThis): I18nApi | undefined {
  const g = scope as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  const api = g.browser?.i18n ?? g.chrome?.i18n;
  return typeof api?.getMessage === 'function' ? api : undefined;
}

/** The interface's language and writing direction as the browser reports them. */
export function browserLocale(api: I18nApi | undefined): { lang: string; dir: 'ltr' | 'rtl' } {
  const lang = api?.getUILanguage() || 'en';
  const dir = api?.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  return { lang, dir };
}

/** Every message of the catalog in the reader's language, substitution n written as
 * UI_STRING_SLOT + n; undefined without the API. */
export function uiStringsFrom(api: I18nApi | undefined): UiStrings | undefined {
  if (!api) return undefined;
  const slots = Array.from({ length: 9 }, (_, i) => `${UI_STRING_SLOT}${i + 1}`);
  const templates: Record<string, string> = {};
  for (const key of Object.keys(en)) {
    const message = api.getMessage(key, slots);
    if (message) templates[key] = message;
  }
  return { ...browserLocale(api), templates };
}
