// @vitest-environment happy-dom
// The ribbon, the toolbar popup and the shared verdict words with an Arabic interface: the
// browser's i18n is stubbed with public/_locales/ar, as Chrome would fill it. Arabic words, the
// plural form the count picks, right to left, and page-supplied names kept in their own <bdi>.
// And every key these files ask for exists in both locales with the same placeholders.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRibbon, type RibbonHandlers } from '../../src/content/ribbon.ts';
import { othersHeading, whyOriginal } from '../../src/popup/toolbar/relation.ts';
import { renderTabState } from '../../src/popup/toolbar/verdict.ts';
import { formatDate, verdictText } from '../../src/ui/format.ts';
import { tPlural } from '../../src/ui/i18n.ts';
import { listedSentence } from '../../src/ui/listed.ts';
import { barsText, levelOf, ratesText } from '../../src/ui/sensitivity.ts';
import { AXIOS_PUBLISHED, result } from './ui-fixtures.ts';
import { ar, root, dropArabic, en, useArabic } from './i18n-arabic.ts';

beforeEach(useArabic);
afterEach(() => {
  dropArabic();
  document.documentElement.replaceChildren(document.createElement('head'), document.createElement('body'));
});

const handlers = (): RibbonHandlers => ({ highlight: vi.fn(() => 3), compare: vi.fn(), dismissed: vi.fn() });

describe('the ribbon in Arabic', () => {
  it('says the verdict in Arabic, right to left, with the outlet and the title isolated', () => {
    const ribbon = createRibbon(document, result('partial-copy'), handlers(), { shadowMode: 'open' })!;
    expect(ribbon.text).toMatch(/^منسوخ جزئيًا من Axios: 45% من نص هذا المقال يرد في مقال «U\.S\. and Israel/);
    expect(ribbon.text).toContain('31 مارس 2024');
    const box = ribbon.root.querySelector<HTMLElement>('.ribbon')!;
    expect(box.getAttribute('dir')).toBe('rtl');
    expect(box.getAttribute('lang')).toBe('ar');
    expect(box.getAttribute('aria-label')).toBe('Firsthand: من أين جاء هذا المقال');
    expect(ribbon.view()).toMatchObject({ dir: 'ltr', textDir: 'rtl' });
    expect(ribbon.isolated()).toContain('Axios');
    const headline = ribbon.root.querySelector('.headline')!;
    const names = [...headline.querySelectorAll('bdi')].map((b) => b.textContent ?? '');
    expect(names).toHaveLength(3);
    expect(names[0]).toBe('Axios');
    expect(names[1]).toMatch(/^U\.S\. and Israel set to hold a virtual/);
    expect(names[2]).toBe('axios.com');
    expect(ribbon.root.querySelector('.chip.credited')!.textContent).toBe('✓ ينسب المادة إلى Axios');
  });

  it('counts highlighted passages in the form Arabic gives each count', () => {
    const h = handlers();
    const ribbon = createRibbon(document, result('copy'), h, { shadowMode: 'open' })!;
    const status = ribbon.root.querySelector('.status')!;
    for (const [n, said] of [
      [1, 'ظُلّل مقطع واحد.'],
      [2, 'ظُلّل مقطعان.'],
      [3, 'ظُلّلت 3 مقاطع.'],
      [11, 'ظُلّل 11 مقطعًا.'],
      [100, 'ظُلّل 100 مقطع.'],
    ] as const) {
      ribbon.setHighlighted(true, n);
      expect(status.textContent).toBe(said);
    }
  });

  it('keeps a right-to-left outlet carrying direction controls inside its own <bdi>', () => {
    const outlet = '\u202Eوكالة الأنباء\u202C';
    const ribbon = createRibbon(document, result('rewrite', {}, { outlet }), handlers(), { shadowMode: 'open' })!;
    expect(ribbon.isolated()).toContain(outlet);
    for (const b of ribbon.root.querySelectorAll('bdi')) expect(b.children.length).toBe(0);
    expect(verdictText(result('rewrite', {}, { outlet }))).toContain(`أُعيدت صياغته عن ${outlet}`);
  });
});

describe('the popup in Arabic', () => {
  it('names the verdict and the outlet in Arabic, the outlet isolated', () => {
    const sections = renderTabState(document, { url: 'u', pageId: 'p', result: result('partial-copy') }, { highlight: vi.fn(), compare: vi.fn() });
    document.body.append(...sections);
    const title = document.getElementById('verdict-title')!;
    expect(title.textContent).toBe('منسوخ جزئيًا من Axios');
    expect(title.querySelector('bdi')!.textContent).toBe('Axios');
    expect(document.body.textContent).toContain('قارن جنبًا إلى جنب');
    expect(document.body.textContent).toContain('لماذا هذا الأصل');
    expect(document.body.textContent).not.toMatch(/Compare side by side|Highlight on page|The original/);
  });

  it('picks the plural form by count', () => {
    expect([0, 1, 2, 3, 11, 100].map(othersHeading)).toEqual([
      'لا مقالات أخرى عن هذه القصة',
      'مقال آخر عن هذه القصة',
      'مقالان آخران عن هذه القصة',
      '3 مقالات أخرى عن هذه القصة',
      '11 مقالًا آخر عن هذه القصة',
      '100 مقال آخر عن هذه القصة',
    ]);
    expect(tPlural('popup_articles', 2)).toBe('مقالان');
  });

  it('gives its reasons and dates in Arabic', () => {
    expect(formatDate(AXIOS_PUBLISHED, { utc: true })).toBe('31 مارس 2024');
    expect(whyOriginal(result('partial-copy'), undefined)).toBe('لماذا هذا الأصل: نُشر في 31 مارس 2024، وهذه الصفحة تنسب المادة إليه.');
  });

  it('names the lists an article is listed in with each name isolated', () => {
    const listed = [
      { publisher: 'رويترز', list: 'World wire', listId: 'a', articleId: 'x' },
      { publisher: 'AP', list: 'Scoops', listId: 'b', articleId: 'x' },
      { publisher: 'AFP', list: 'Desk', listId: 'c', articleId: 'x' },
    ] as never;
    expect(listedSentence(listed)).toBe('مُدرج لدى رويترز في World wire؛ ولدى AP في Scoops؛ وفي قائمة أخرى.');
  });
});

describe('the sensitivity levels in Arabic', () => {
  it('says the bars and the rates in Arabic', () => {
    expect(barsText('normal')).toMatch(/^النسخ: \d+% من نص الصفحة منقول حرفيًا من الأصل؛/);
    expect(ratesText(levelOf('normal'))).toMatch(/^يرصد \d+% من إعادات صياغة أخبار الوكالات المشتقة كليًا/);
  });
});

describe('the keys these files ask for', () => {
  const files = [
    ...['ribbon.ts', 'ribbon-parts.ts', 'ribbon-layout.ts', 'ribbon-slot.ts', 'ribbon-css.ts', 'highlight.ts'].map((f) => join('src', 'content', f)),
    ...readdirSync(join(root, 'src', 'popup', 'toolbar'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('src', 'popup', 'toolbar', f)),
    ...['format.ts', 'listed.ts', 'sensitivity.ts'].map((f) => join('src', 'ui', f)),
  ];
  const sources = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const html = readFileSync(join(root, 'src', 'popup', 'popup.html'), 'utf8');
  const PLURAL = ['zero', 'one', 'two', 'few', 'many', 'other'];
  const single = [...sources.matchAll(/\b(?:t|tNodes|tParts(?:<[^>]+>)?)\(\s*'([a-zA-Z_]+)'/g)].map((m) => m[1]);
  const ternary = [...sources.matchAll(/\bt\([^()]*\?\s*'([a-z_]+)'\s*:\s*'([a-z_]+)'/g)].flatMap((m) => [m[1], m[2]]);
  const quoted = [...sources.matchAll(/'((?:ui|ribbon|popup)_[a-z_]+)'/g)].map((m) => m[1]);
  const plural = [...sources.matchAll(/\b(?:tPlural|pluralKey)\(\s*'([a-z_]+)'/g)].map((m) => m[1]);
  const templated = [
    ...Array.from({ length: 12 }, (_, i) => `ui_month_${i + 1}`),
    ...['high', 'medium', 'low'].map((l) => `ui_confidence_${l}`),
    'popup_also_credits_more',
    'popup_page_credits_more',
  ];
  const fromHtml = [...html.matchAll(/data-i18n(?:-attrs)?="([^"]+)"/g)].flatMap((m) => m[1].split(/\s+/).map((p) => p.split(':').pop()!));
  const keys = new Set([...single, ...ternary, ...quoted.filter((k) => !plural.includes(k)), ...templated, ...fromHtml]);
  for (const base of plural) for (const c of PLURAL) keys.add(`${base}_${c}`);

  it('finds the keys in the sources', () => {
    expect(keys.size).toBeGreaterThan(100);
    expect(plural).toContain('popup_others');
  });

  it.each([...keys].sort())('%s is in English and Arabic with the same placeholders', (key) => {
    expect(en[key], key).toBeDefined();
    expect(ar[key], key).toBeDefined();
    expect(Object.keys(ar[key].placeholders ?? {}).sort()).toEqual(Object.keys(en[key].placeholders ?? {}).sort());
  });
});
