// The words of the interface, through the browser's own i18n: public/_locales/<language>/
// messages.json, the language the reader's browser runs in, English when it has no translation.
// Pages, the popup and the ribbon all ask here. Where the extension API is absent (unit tests in
// a plain DOM), the English file answers the same way the browser would.
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import { UI_STRING_SLOT, type UiStrings } from '../protocol/messages.ts';
import { browserLocale, i18nApi } from '../protocol/ui-strings.ts';

export { i18nApi } from '../protocol/ui-strings.ts';

export type MessageKey = keyof typeof en;

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/**
 * A message with its substitutions filled in as the browser fills them: named placeholders
 * ($NAME$, case-insensitive) stand for their content, $1..$9 for the substitutions, $$ for $.
 */
export function fillMessage(m: Message, subs: readonly string[]): string {
  const named = new Map(Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const positional = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  return m.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (all, name: string | undefined) => {
    if (all === '$$') return '$';
    const content = named.get(name!.toLowerCase());
    return content === undefined ? all : positional(content);
  });
}

/** The strings the worker handed over (the content script's), used before the browser's API. */
let given: UiStrings | undefined;
const SLOTS = new RegExp(`${UI_STRING_SLOT}([1-9])`, 'g');

/** Answers t() and uiLocale() from the worker's copy of the catalog (page/ui-strings): the content
 * script then never calls the browser's i18n API, whose first call in a page's process is slow. */
export function useUiStrings(strings: UiStrings | undefined): void {
  given = strings;
}

/** The interface string `key`, in the reader's language, with its substitutions. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  const template = given?.templates[key];
  if (template) return template.replace(SLOTS, (_, d: string) => strings[Number(d) - 1] ?? '');
  const got = i18nApi()?.getMessage(key, strings);
  return got || fillMessage(en[key] as Message, strings);
}

/** The language and writing direction of the interface. */
export function uiLocale(): { lang: string; dir: 'ltr' | 'rtl' } {
  if (given) return { lang: given.lang, dir: given.dir };
  return browserLocale(i18nApi());
}

/**
 * Puts an extension page in the interface's language: <html lang dir>, the text of every element
 * with data-i18n="key", and the attributes named by data-i18n-attrs="attr:key attr:key".
 */
export function localize(doc: Document): void {
  const { lang, dir } = uiLocale();
  doc.documentElement.lang = lang;
  doc.documentElement.dir = dir;
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset.i18n as MessageKey;
    if (key in en) node.textContent = t(key);
  }
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n-attrs]')) {
    for (const pair of (node.dataset.i18nAttrs ?? '').split(/\s+/).filter(Boolean)) {
      const [attr, key] = pair.split(':');
      if (attr && key && key in en) node.setAttribute(attr, t(key as MessageKey));
    }
  }
}

/** The plural categories a message may have forms for (`<base>_<category>` keys in every locale). */
const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

/** A counted phrase ("3 articles") in the form the interface language's plural rules pick for n. */
export function tPlural(base: PluralBase, n: number, format: (n: number) => string = String): string {
  return t(pluralKey(base, n), format(n));
}

/** The key of the form of `<base>_*` the interface language's plural rules pick for n (for a counted
 * message with further substitutions: `t(pluralKey(base, n), ...)` or `tNodes(pluralKey(base, n), ...)`). */
export function pluralKey(base: PluralBase, n: number): MessageKey {
  let category: string;
  try {
    category = new Intl.PluralRules(uiLocale().lang).select(n);
  } catch {
    category = n === 1 ? 'one' : 'other';
  }
  return `${base}_${PLURAL_CATEGORIES.includes(category as never) ? category : 'other'}` as MessageKey;
}

/** Private-use marks standing for nodes while a message is filled; no translation holds them. */
const MARK = /\uE000(\d+)\uE001/;

/**
 * A message whose substitutions are nodes (a <bdi> holding a name a page or a list supplies, a
 * link) as the parts to append: the message's own words as strings, each node where it belongs.
 */
export function tNodes(key: MessageKey, ...subs: (Node | string)[]): (Node | string)[] {
  const text = t(key, ...subs.map((_, i) => `\uE000${i}\uE001`));
  const out: (Node | string)[] = [];
  for (const part of text.split(/(\uE000\d+\uE001)/)) {
    const m = MARK.exec(part);
    if (m) out.push(subs[Number(m[1])]);
    else if (part) out.push(part);
  }
  return out;
}

/** tNodes for any kind of part: the message's own words as strings, each substitution (a node, or a
 * marked page-supplied string in a pure text helper) where the translation puts it. */
export function tParts<T>(key: MessageKey, ...subs: (T | string)[]): (T | string)[] {
  const text = t(key, ...subs.map((_, i) => `\uE000${i}\uE001`));
  const out: (T | string)[] = [];
  for (const part of text.split(/(\uE000\d+\uE001)/)) {
    const m = MARK.exec(part);
    if (m) out.push(subs[Number(m[1])]);
    else if (part) out.push(part);
  }
  return out;
}
