// @vitest-environment happy-dom
// The options, first-run and comparison pages in Arabic: their static words through localize(),
// their built parts through t()/tPlural()/tNodes(), a plural form chosen by count, names a list or
// a page supplies kept isolated; and every key these pages use present in both locales alike.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, tabs: {} } }));

import type { CompareView, CorrectionView, ListInfo, Settings, UiMessage } from '../../src/protocol/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/protocol/validate.ts';
import { localize } from '../../src/ui/i18n.ts';
import { createListsPanel, type ListsDeps } from '../../src/popup/options/lists.ts';
import { createListAdder } from '../../src/popup/options/list-adder.ts';
import { readForm } from '../../src/popup/options/form.ts';
import { renderAppearance } from '../../src/popup/options/appearance.ts';
import { renderSitesOff } from '../../src/popup/options/sites-off.ts';
import { createPackImport } from '../../src/popup/welcome/pack.ts';
import { NO_TEXT_SENTENCE, renderCompare } from '../../src/popup/compare/view.ts';
import { notCopySection } from '../../src/popup/compare/not-copy.ts';
import { ar, root, ARABIC, dropArabic, en, FSI, PDI, RTL_NAME, useArabic } from './i18n-arabic.ts';

beforeEach(useArabic);
afterEach(() => {
  dropArabic();
  document.body.replaceChildren();
});

/** An extension page's HTML as a document, without its stylesheets (happy-dom would try to load them). */
const page = (name: string): Document =>
  new DOMParser().parseFromString(readFileSync(join(root, 'src/popup', name), 'utf8').replace(/<link [^>]*>/g, ''), 'text/html');

const flush = () => new Promise((r) => setTimeout(r, 0));

function list(over: Partial<ListInfo> = {}): ListInfo {
  const now = Date.now();
  return {
    id: 'list-1',
    name: RTL_NAME,
    publisher: 'وكالة الرصد',
    description: 'Agency stories.',
    homepage: 'https://wirewatch.example.org/',
    source: { url: 'https://lists.example.org/wire.gz' },
    articles: 1204,
    bytes: 3_400_000,
    digest: 'ab'.repeat(32),
    addedAt: now - 3_600_000,
    updatedAt: now - 3_600_000,
    nextUpdate: now + 3_600_000,
    expiresHours: 24,
    ...over,
  };
}

function deps(lists: ListInfo[]): ListsDeps {
  return {
    ask: (async (msg: UiMessage) => (msg.type === 'ui/lists' ? lists : undefined)) as ListsDeps['ask'],
    requestPermission: async () => true,
    addFromFile: async () => undefined,
  };
}

describe('the options page in Arabic', () => {
  it('localizes the static page: rtl, Arabic legends, labels and aria-labels', () => {
    const doc = page('options.html');
    localize(doc);
    expect(doc.documentElement.dir).toBe('rtl');
    expect(doc.documentElement.lang).toBe('ar');
    expect(doc.title).toBe(ar.options_pageTitle.message);
    expect([...doc.querySelectorAll('legend')].map((l) => l.textContent)).toEqual(
      ['options_sensitivity', 'options_ribbonLegend', 'options_sitesLegend', 'options_keepLegend', 'options_privateLegend'].map((k) => ar[k].message),
    );
    expect(doc.getElementById('sensitivity-levels')!.getAttribute('aria-label')).toBe('الحساسية');
    expect(doc.querySelector('button[type=submit]')!.textContent).toBe('احفظ');
  });

  it('shows the lists panel in Arabic, a list’s name and publisher isolated as nodes', async () => {
    const panel = createListsPanel(document, deps([list()]));
    document.body.append(panel.root);
    await panel.refresh();
    expect(panel.root.querySelector('h3')!.textContent).toBe('قوائمك');
    const item = panel.root.querySelector('.list-item')!;
    const name = item.querySelector('h4')!;
    expect(name.textContent).toBe(RTL_NAME);
    expect(name.getAttribute('dir')).toBe('auto');
    const publisher = item.querySelector('.publisher')!;
    expect(publisher.textContent).toMatch(/^من وكالة الرصد · الصفحة الرئيسية$/);
    expect(publisher.querySelector('bdi')!.textContent).toBe('وكالة الرصد');
    expect(item.querySelector('.source')!.textContent).toBe('من https://lists.example.org/wire.gz');
    expect(item.querySelector('.source bdi')!.textContent).toBe('https://lists.example.org/wire.gz');
    expect([...item.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['حدّث الآن', 'إزالة…', 'إلغاء', 'أزل القائمة']);
    expect(item.querySelector('progress')!.getAttribute('aria-label')).toBe(`جارٍ تحديث ${FSI}${RTL_NAME}${PDI}`);
  });

  it('shows the add-a-list form in Arabic and says a wrong address in Arabic', () => {
    const adder = createListAdder(document, deps([]), { idPrefix: 'x' });
    document.body.append(adder);
    expect(adder.querySelector('label')!.textContent).toBe('أضف قائمة بعنوانها');
    expect(adder.querySelector('button')!.textContent).toBe('أضف القائمة');
    adder.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(adder.querySelector('#x-url-status')!.textContent).toBe('لم يُضف شيء: صحّح العنوان من فضلك.');
  });

  it('chooses the Arabic plural form of "and N more" by the count of wrong lines', () => {
    const form = (bad: number) =>
      readForm({
        sensitivity: 'normal',
        excludedSites: Array.from({ length: bad }, (_, i) => `bad site ${i}`).join('\n'),
        maxArticles: '5000',
        maxAgeDays: '0',
        indexPrivate: false,
      });
    const error = (bad: number) => {
      const r = form(bad);
      return r.ok ? '' : (r.errors.excludedSites ?? '');
    };
    expect(error(5)).toContain('وسطران آخران');
    expect(error(8)).toContain('و5 أسطر أخرى');
    expect(error(14)).toContain('و11 سطرًا آخر');
    expect(error(4)).toContain('وسطر آخر');
    expect(error(2)).toMatch(/^ليس اسم موقع: "bad site 0", "bad site 1"\. /);
    const r = readForm({ sensitivity: '', excludedSites: '', maxArticles: 'x', maxAgeDays: '99999', indexPrivate: false });
    expect(r.ok ? {} : r.errors).toEqual({
      sensitivity: 'اختر منخفضة أو عادية أو عالية.',
      maxArticles: 'يجب أن يكون عدد المقالات عددًا صحيحًا من 100 إلى 1,000,000.',
      maxAgeDays: 'يجب أن يكون العمر بالأيام من 0 إلى 36,500.',
    });
  });

  it('names the ribbon choices in Arabic', () => {
    const box = document.createElement('div');
    renderAppearance(document, box, async () => DEFAULT_SETTINGS).fill(DEFAULT_SETTINGS);
    expect(box.querySelector('[role=radiogroup]')!.getAttribute('aria-label')).toBe('حجم الشريط');
    expect(box.querySelector('label[for="ribbonMode-auto"] strong')!.textContent).toBe('تلقائي');
    expect(box.querySelector('label[for="ribbonPosition-bottom-end"]')!.textContent).toBe('أسفل اليمين');
  });

  it('turns a site back on in Arabic, its host an isolated node', async () => {
    const box = document.createElement('div');
    const off: Settings = { ...DEFAULT_SETTINGS, excludedSites: [RTL_NAME] };
    const sites = renderSitesOff(
      document,
      box,
      async () => DEFAULT_SETTINGS,
      () => {},
    );
    sites.fill(off);
    expect(box.querySelector('button')!.textContent).toBe('أعد التشغيل');
    box.querySelector('button')!.click();
    await flush();
    const status = box.querySelector('[role=status]')!;
    expect(status.textContent).toBe(`عاد Firsthand إلى العمل في ${RTL_NAME}. أعد تحميل صفحاته المفتوحة لفحصها.`);
    expect(status.querySelector('bdi')!.textContent).toBe(RTL_NAME);
  });
});

describe('the first-run page in Arabic', () => {
  it('localizes the static page and the pack import', () => {
    const doc = page('welcome.html');
    localize(doc);
    expect(doc.documentElement.dir).toBe('rtl');
    expect(doc.querySelector('h1')!.textContent).toBe(ar.welcome_title.message);
    expect(doc.querySelector('.points strong')!.textContent).toBe('ينبّه إلى النسخ وإعادة الصياغة.');
    expect(doc.getElementById('options-link')!.textContent).toBe('الخيارات');
    const pack = createPackImport(
      document,
      async () => ({}) as never,
      () => '',
      'p',
    );
    expect(pack.querySelector('label')!.textContent).toBe('استورد ملف حزمة');
  });
});

describe('the comparison page in Arabic', () => {
  const view = (passages: number): CompareView => {
    const text = Array.from({ length: passages }, (_, i) => `Shared sentence number ${i}.`).join('\n');
    const article = (id: string, outlet: string) => ({
      id,
      url: `https://${id}.example/a`,
      title: `${outlet} title`,
      outlet,
      host: `${id}.example`,
      publishedAt: Date.UTC(2024, 2, 31, 12),
      firstSeenAt: 0,
      wordCount: 15,
      credits: [],
      text,
    });
    let at = 0;
    const ranges = text.split('\n').map((line) => {
      const r: [number, number] = [at, at + line.length];
      at += line.length + 1;
      return r;
    });
    return {
      page: article('page', 'Ledger'),
      original: article('orig', RTL_NAME),
      comparison: {
        verdict: 'related',
        score: 0.5,
        containment: 0.45,
        coverage: 0.4,
        jaccard: 0.3,
        ordered: 0.5,
        vocabulary: 0.6,
        passages: ranges.map((r) => ({ candidateTokens: [0, 1], originalTokens: [0, 1], candidateChars: r, originalChars: r })),
      },
      credited: false,
    };
  };

  it('heads the comparison in Arabic, the outlet an isolated node, the legend counted in its plural form', () => {
    const box = document.createElement('div');
    box.append(...renderCompare(document, view(2)));
    const h1 = box.querySelector('h1')!;
    expect(h1.textContent).toBe(`تغطية للقصة نفسها التي نشرها ${RTL_NAME}`);
    expect(h1.querySelector('bdi')!.textContent).toBe(RTL_NAME);
    expect(box.querySelector('.tile.uncredited .tile-label bdi')!.textContent).toBe(RTL_NAME);
    expect(box.querySelector('.legend')!.textContent).toContain('(مقطعان؛');
    expect(box.querySelector('.column.original .kicker')!.textContent).toBe('الأصل');
    expect(box.querySelector('.column.page a.num')!.getAttribute('aria-label')).toBe('المقطع 1: اعرضه في الأصل');
    const many = document.createElement('div');
    many.append(...renderCompare(document, view(3)));
    expect(many.querySelector('.legend')!.textContent).toContain('(3 مقاطع في المجموع؛');
    expect(NO_TEXT_SENTENCE.missing).toMatch(ARABIC);
  });

  it('asks "Not a copy" in Arabic with the outlet isolated', async () => {
    const api = { list: async (): Promise<CorrectionView[]> => [], add: async () => [], remove: async () => [] };
    const section = notCopySection(document, { page: 'p', original: 'o' }, { outlet: RTL_NAME }, api);
    await flush();
    expect(section.getAttribute('aria-label')).toBe('ليست نسخة');
    expect(section.querySelector('.not-copy-text')!.textContent).toBe(ar.compare_wrong.message.replace('$OUTLET$', RTL_NAME));
    expect(section.querySelector('.not-copy-text bdi')!.textContent).toBe(RTL_NAME);
    expect(section.querySelector('button')!.textContent).toBe('ليست نسخة');
  });

  it('localizes the static page', () => {
    const doc = page('compare.html');
    localize(doc);
    expect(doc.documentElement.dir).toBe('rtl');
    expect(doc.querySelector('.loading')!.textContent).toBe('جارٍ تحميل المقالين…');
  });
});

describe('the keys of the options, first-run and comparison pages', () => {
  const files = ['options', 'welcome', 'compare'].flatMap((page) => [
    `src/popup/${page}.html`,
    ...readdirSync(join(root, 'src/popup', page))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/popup/${page}/${f}`),
  ]);
  const text = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:t|tNodes|tPlural|pluralKey)\(\s*'(\w+)'/g)) found.add(m[1]);
  for (const m of text.matchAll(/'((?:options|welcome|compare)_\w+)'/g)) found.add(m[1]);
  for (const m of text.matchAll(/data-i18n="(\w+)"/g)) found.add(m[1]);
  for (const m of text.matchAll(/data-i18n-attrs="([^"]+)"/g)) for (const pair of m[1].split(/\s+/)) found.add(pair.split(':')[1]);
  const PLURAL = ['zero', 'one', 'two', 'few', 'many', 'other'];
  const keys = [...found].flatMap((k) => (k in en ? [k] : PLURAL.map((c) => `${k}_${c}`)));

  it('finds the keys in use', () => {
    expect(keys.length).toBeGreaterThan(150);
  });

  it('has each key in both locales with the same placeholders, and every plural form', () => {
    for (const key of keys) {
      expect(en[key], key).toBeDefined();
      expect(ar[key], key).toBeDefined();
      expect(Object.keys(ar[key].placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key].placeholders ?? {}).sort());
    }
  });

  it('uses every key added under its prefixes', () => {
    const used = new Set(keys);
    for (const key of Object.keys(en).filter((k) => /^(options|welcome|compare)_/.test(k))) expect(used.has(key), key).toBe(true);
  });
});
