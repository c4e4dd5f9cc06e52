// @vitest-environment happy-dom
// The history, story and library pages in the Arabic interface: their words come from the Arabic
// messages, counts take the Arabic plural form, and names a page or a list supplies stay text,
// each isolated in its own <bdi>. And every key these pages use exists in both locales alike.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { creditChart, takenChart } from '../../src/popup/history/charts.ts';
import { historyRow } from '../../src/popup/history/view.ts';
import { tCount } from '../../src/popup/history/model.ts';
import { mountArticles } from '../../src/popup/library/articles.ts';
import { mountClear } from '../../src/popup/library/clear.ts';
import { mountCorrections } from '../../src/popup/library/corrections.ts';
import { storyList } from '../../src/popup/story/list.ts';
import { plain, storySummary, takenBySentence, whenText } from '../../src/popup/story/words.ts';
import { localize } from '../../src/ui/i18n.ts';
import type { HistoryRow, StoryView } from '../../src/protocol/views.ts';
import type { LibraryPage } from '../../src/protocol/messages.ts';
import { ar, root, ARABIC, dropArabic, en, useArabic } from './i18n-arabic.ts';
import { STORY_T, storyArticle } from './ui-fixtures.ts';

beforeEach(useArabic);
afterEach(() => {
  dropArabic();
});

const HOSTILE = '<img src=x onerror=alert(1)>\u202Eevil';

const article = (id: string, outlet: string, title: string) => ({ id, url: `https://${id}.example/x`, title, outlet, host: `${id}.example`, firstSeenAt: 0 });
const row = (verdict: HistoryRow['verdict'], credited: boolean): HistoryRow => ({
  page: article('p', HOSTILE, HOSTILE),
  original: article('axios', 'Axios', 'The scoop'),
  verdict,
  ofPage: 0.39,
  ofOriginal: 0.65,
  credited,
  readAt: Date.UTC(2024, 2, 31, 12),
});

describe('the history page in Arabic', () => {
  it('localizes the static page: rtl, Arabic headings, labels and attributes, its filter fields kept', () => {
    const html = readFileSync(join(root, 'src', 'popup', 'history.html'), 'utf8');
    // The page without its stylesheets and script (nothing to load in a plain DOM).
    const page = html.replace(/^<!doctype html>\s*<html[^>]*>/i, '').replace(/<\/html>\s*$/, '');
    document.documentElement.innerHTML = page.replace(/<link [^>]*>|<script [^>]*><\/script>/g, '');
    localize(document);
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.querySelector('h1')!.textContent).toBe(ar.history_heading.message);
    expect(document.getElementById('filters')!.getAttribute('aria-label')).toBe(ar.history_filtersLabel.message);
    expect(document.getElementById('f-verdict')).not.toBeNull();
    expect(document.getElementById('f-text')).not.toBeNull();
    expect(document.title).toMatch(ARABIC);
    for (const th of document.querySelectorAll('thead th')) expect(th.textContent).toMatch(ARABIC);
  });

  it('says a row in Arabic, the page’s title and outlet isolated as text', () => {
    const tr = historyRow(document, row('rewrite', false));
    expect(tr.querySelector('.badge')!.textContent).toBe(ar.history_verdictRewrite.message);
    expect(tr.querySelector('.chip')!.textContent).toBe(ar.history_notCredited.message);
    expect(tr.querySelector('.shares')!.textContent).toContain('39% من الصفحة موجود في الأصل');
    expect(tr.querySelector('img')).toBeNull();
    const hidden = tr.querySelector('td:last-child .visually-hidden bdi')!;
    expect(hidden.textContent).toBe(HOSTILE);
    expect(tr.querySelector('time')!.textContent).toBe(
      new Intl.DateTimeFormat('ar', { day: 'numeric', month: 'short', year: 'numeric' }).format(Date.UTC(2024, 2, 31, 12)),
    );
  });

  it('labels the charts in Arabic, each outlet in its own <bdi>', () => {
    const taken = takenChart(document, [{ taker: HOSTILE, source: 'Axios', count: 2 }]);
    const label = taken.querySelector('.bar-label')!;
    expect(label.textContent).toBe(`${HOSTILE} من Axios`);
    expect([...label.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual([HOSTILE, 'Axios']);
    expect(taken.querySelector('caption')!.textContent).toBe(ar.history_whoCaption.message);
    const credit = creditChart(document, [{ outlet: 'Wire', credited: 1, uncredited: 2 }]);
    expect(credit.querySelector('.legend')!.textContent).toBe(`${ar.history_legendCredited.message}${ar.history_legendUncredited.message}`);
  });

  it('chooses the Arabic plural form of the count by the number', () => {
    expect(tCount('history_countAll', 1, 1)).toBe('صفحة واحدة مرصودة');
    expect(tCount('history_countAll', 2, 2)).toBe('صفحتان مرصودتان');
    expect(tCount('history_countAll', 3, 3)).toBe('3 صفحات مرصودة');
    expect(tCount('history_countAll', 11, 11)).toBe('11 صفحة مرصودة');
    expect(tCount('history_countSome', 5, 5, 12)).toBe('5 صفحات من أصل 12 مرصودة');
  });
});

const T = STORY_T;
const view: StoryView = {
  focus: 'copy',
  original: 'scoop',
  articles: [storyArticle('scoop', 'Axios', 0), storyArticle('copy', HOSTILE, 2, HOSTILE), storyArticle('follow', 'Canada News', 24)],
  links: [
    { from: 'copy', to: 'scoop', verdict: 'partial-copy', ofPage: 0.39, ofOriginal: 0.65, credited: true },
    { from: 'follow', to: 'scoop', verdict: 'related', ofPage: 0.04, ofOriginal: 0.09, credited: false },
  ],
};
const byId = new Map(view.articles.map((x) => [x.id, x]));

describe('the story page in Arabic', () => {
  it('sums the story up with the Arabic plural form and the first outlet named as a part apart', () => {
    const parts = storySummary(view, byId);
    expect(parts).toContainEqual({ name: 'Axios' });
    expect(plain(parts)).toBe('3 مقالات: نشرها أولًا Axios؛ 1 بحكم «محرَّر»، 1 بحكم «متابعة».');
    expect(plain(storySummary({ ...view, articles: view.articles.slice(0, 2) }, byId))).toMatch(/^مقالان: نشرهما أولًا Axios؛/);
  });

  it('names the takers of the original each as a part, in Arabic sentences', () => {
    const parts = takenBySentence(view, 'scoop', byId);
    expect(parts).toContainEqual({ name: HOSTILE });
    expect(plain(parts)).toBe(`أخذ منه: ${HOSTILE} (محرَّر، مع الإسناد)؛ Canada News (متابعة، دون إسناد).`);
  });

  it('tells the list in Arabic, every outlet and title isolated as text', () => {
    const list = storyList(document, view);
    expect(list.querySelector('img')).toBeNull();
    expect(list.querySelector('.chip.here')!.textContent).toBe(ar.story_thisPage.message);
    expect(list.querySelector('.role-original .relation')!.textContent).toBe(ar.story_publishedFirst.message);
    const relation = list.querySelector('.role-partial-copy .relation')!;
    expect(relation.textContent).toContain('منسوخ جزئيًا من Axios: 39% من نصه موجود هناك، ويحمل 65% منه. يُسند إلى Axios.');
    expect([...relation.querySelectorAll('bdi')].map((b) => b.textContent)).toContain('Axios');
    expect(list.querySelector('.role-partial-copy .item-outlet')!.textContent).toBe(HOSTILE);
    expect(whenText(T)).toMatch(ARABIC);
  });
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the library page in Arabic', () => {
  it('says the summary with the plural form the total takes, and the article’s lists each in a <bdi>', async () => {
    const page: LibraryPage = {
      items: [
        {
          key: 1,
          id: 'a',
          url: 'https://a.example/1',
          title: HOSTILE,
          outlet: 'Wire',
          host: 'a.example',
          seenAt: 0,
          source: 'listed',
          lists: [HOSTILE, 'Scoops'],
        },
      ],
      scanned: 1,
      total: 2,
    };
    const [search, list, summary, status] = [document.createElement('input'), ...['ul', 'p', 'p'].map((t) => document.createElement(t))];
    const more = document.createElement('button');
    document.body.replaceChildren(search, summary, list, more, status);
    await mountArticles(document, { search, list, summary, more, status: status! }, { browse: async () => page, remove: vi.fn() })();
    expect(summary!.textContent).toBe('مقالان في فهرسك؛ المعروض 1، وهما كلاهما.');
    const li = list!.querySelector('li')!;
    expect(li.querySelector('.source')!.textContent).toBe(ar.library_sourceListed.message);
    expect(li.querySelector('.item-note')!.textContent).toBe(ar.library_listedNote.message);
    expect([...li.querySelectorAll('.item-meta bdi')].map((b) => b.textContent)).toEqual(['Wire', HOSTILE, 'Scoops']);
    expect(li.querySelector('.item-meta')!.textContent).toContain(`في ${HOSTILE}، Scoops`);
    expect(li.querySelector('img')).toBeNull();
  });

  it('shows a corrected pair in Arabic, both titles isolated', async () => {
    const box = document.createElement('div');
    await mountCorrections(document, box, {
      list: async () => [{ page: 'p', original: 'o', pageTitle: HOSTILE, pageOutlet: 'JNS', originalTitle: 'The scoop', at: 0 }],
      remove: async () => [],
    })();
    const pair = box.querySelector('.item-main div')!;
    expect(pair.textContent).toBe(`المقال «${HOSTILE}» (JNS) ليس نسخة من المقال «The scoop»`);
    expect([...pair.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual([HOSTILE, 'JNS', 'The scoop']);
    expect(box.querySelector('button')!.textContent).toBe(ar.library_undo.message);
  });

  it('counts what the last Clear kept in Arabic plural forms', async () => {
    const box = document.createElement('div');
    document.body.replaceChildren(box);
    await mountClear(
      document,
      box,
      {
        status: async () => ({ kept: true, articles: 2, corrections: 11, expiresAt: T }),
        clear: vi.fn(),
        clearForget: vi.fn(),
        undo: vi.fn(),
        forget: vi.fn(),
      },
      async () => {},
    )();
    await flush();
    const kept = box.querySelector('.kept p')!.textContent!;
    expect(kept).toMatch(/^احتفظ آخر مسح بـ مقالين و11 علامة «ليس نسخة»، حتى /);
    expect([...box.querySelectorAll('button')].map((b) => b.textContent)).toContain(ar.library_clearForget.message);
  });
});

describe('the keys of the history, story and library pages', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.(ts|html)$/.test(n) ? [join(dir, n)] : []));
  const sources = ['history', 'story', 'library']
    .flatMap((p) => [join(root, 'src', 'popup', `${p}.html`), ...files(join(root, 'src', 'popup', p))])
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const used = new Set([...sources.matchAll(/['"`:]((?:history|story|library)_[A-Za-z]+)/g)].map((m) => m[1]));
  const PLURAL = ['zero', 'one', 'two', 'few', 'many', 'other'];

  it('finds the keys the pages use', () => {
    expect(used.size).toBeGreaterThan(100);
  });

  it('has every key used, or all six plural forms of it, in both locales with the same placeholders', () => {
    for (const key of used) {
      const keys = key in en ? [key] : PLURAL.map((c) => `${key}_${c}`);
      for (const k of keys) {
        expect(en[k], k).toBeDefined();
        expect(ar[k], k).toBeDefined();
        expect(Object.keys(ar[k].placeholders ?? {}).sort(), k).toEqual(Object.keys(en[k].placeholders ?? {}).sort());
      }
    }
  });

  it('adds plural keys in all six forms', () => {
    const bases = new Set(
      Object.keys(en).flatMap((k) => (/^(history|story|library)_.*_(zero|one|two|few|many|other)$/.test(k) ? [k.replace(/_[a-z]+$/, '')] : [])),
    );
    for (const base of bases) for (const c of PLURAL) expect(en[`${base}_${c}`], `${base}_${c}`).toBeDefined();
  });
});
