// @vitest-environment happy-dom
// The library page's parts and the comparison page's "Not a copy": what a reader sees and can do,
// with page-supplied text shown as text only and bidi-isolated.
import { describe, expect, it, vi } from 'vitest';
import { mountArticles, type ArticlesApi } from '../../src/popup/library/articles.ts';
import { mountClear } from '../../src/popup/library/clear.ts';
import { mountCorrections } from '../../src/popup/library/corrections.ts';
import { notCopySection } from '../../src/popup/compare/not-copy.ts';
import type { CorrectionView, LibraryItem, LibraryPage } from '../../src/protocol/messages.ts';

const HOSTILE = '<img src=x onerror=alert(1)>\u202Eevil';

function item(n: number, over: Partial<LibraryItem> = {}): LibraryItem {
  return {
    key: n,
    id: `https://n.example/${n}`,
    url: `https://n.example/${n}`,
    title: `Story ${n}`,
    outlet: 'Outlet',
    host: 'n.example',
    seenAt: 0,
    source: 'read',
    ...over,
  };
}

function articlesDom() {
  const search = document.createElement('input');
  const [list, summary, status] = ['ul', 'p', 'p'].map((t) => document.createElement(t));
  const more = document.createElement('button');
  document.body.replaceChildren(search, summary, list, more, status);
  return { search, list, summary, more, status };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the library list', () => {
  it('asks page after page until fifty articles are shown, then offers more; titles are text, isolated, linked to the article', async () => {
    const pages: LibraryPage[] = [
      { items: [item(100, { title: HOSTILE, outlet: HOSTILE })], next: 99, scanned: 2000, total: 200 },
      { items: Array.from({ length: 60 }, (_, i) => item(98 - i)), next: 38, scanned: 60, total: 200 },
    ];
    const browse = vi.fn<ArticlesApi['browse']>(async () => pages.shift()!);
    const dom = articlesDom();
    await mountArticles(document, dom, { browse, remove: vi.fn() })();
    expect(browse.mock.calls).toEqual([
      ['', undefined],
      ['', 99],
    ]);
    expect(dom.list.querySelectorAll('li')).toHaveLength(61);
    expect(dom.list.querySelector('img')).toBeNull();
    const first = dom.list.querySelector('li')!;
    expect(first.querySelector('a.item-title')!.textContent).toBe(HOSTILE);
    expect(first.querySelector('a.item-title')!.getAttribute('dir')).toBe('auto');
    expect(first.querySelector('a.item-title')!.getAttribute('href')).toBe('https://n.example/100');
    expect(first.querySelector('.item-meta bdi')!.textContent).toBe(HOSTILE);
    expect(dom.more.hidden).toBe(false);
    expect(dom.summary.textContent).toBe('200 articles in your index; 61 shown.');
  });

  it('offers Delete for the reader’s own articles only, and says why a listed one stays', async () => {
    const browse = vi.fn(async (): Promise<LibraryPage> => ({ items: [item(2, { source: 'listed', lists: ['Wire'] }), item(1)], scanned: 2, total: 2 }));
    const remove = vi.fn(async () => ({ listed: false }));
    const dom = articlesDom();
    await mountArticles(document, dom, { browse, remove })();
    const [listed, own] = dom.list.querySelectorAll('li');
    expect(listed.querySelector('button')).toBeNull();
    expect(listed.textContent).toContain('Known from a list');
    expect(listed.textContent).toContain('in Wire');
    own.querySelector('button')!.click();
    await flush();
    expect(remove).toHaveBeenCalledWith('https://n.example/1');
    expect(dom.list.querySelectorAll('li')).toHaveLength(1);
    expect(dom.status.textContent).toBe('Deleted “Story 1” with its text.');
    expect(dom.summary.textContent).toBe('1 article in your index; 1 shown, all of them.');
  });
});

describe('the corrections list', () => {
  it('names both articles as isolated text, and Undo removes the pair', async () => {
    const c: CorrectionView = { page: 'p', original: 'o', at: 0, pageTitle: HOSTILE, pageOutlet: 'Copier', originalTitle: 'Scoop', originalOutlet: 'Axios' };
    const remove = vi.fn(async () => []);
    const box = document.createElement('div');
    await mountCorrections(document, box, { list: async () => [c], remove })();
    expect(box.querySelector('img')).toBeNull();
    expect([...box.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual([HOSTILE, 'Copier', 'Scoop', 'Axios']);
    expect(box.querySelector('li')!.textContent).toContain('is not a copy of');
    box.querySelector('button')!.click();
    await flush();
    expect(remove).toHaveBeenCalledWith('p', 'o');
    expect(box.textContent).toContain('No pair is marked');
  });
});

describe('Clear and its undo', () => {
  it('says what a Clear keeps and until when, and asks before clearing with nothing kept', async () => {
    const api = {
      status: vi.fn(async () => ({ kept: true, clearedAt: 0, expiresAt: Date.UTC(2026, 11, 2, 10), articles: 3, corrections: 1 })),
      clear: vi.fn(),
      clearForget: vi.fn(async () => ({ articles: 0, bytes: 0, params: 'p' })),
      undo: vi.fn(),
      forget: vi.fn(),
    };
    const box = document.createElement('div');
    document.body.replaceChildren(box);
    await mountClear(document, box, api, async () => {})();
    expect(box.textContent).toContain('keeps a copy of what it removed, on this computer, for 24 hours or until the next Clear');
    expect(box.textContent).toMatch(/Your last Clear kept 3 articles and 1 “not a copy” mark, until 2 Dec 2026/);
    const button = (label: string) => [...box.querySelectorAll('button')].find((b) => b.textContent === label)!;
    button('Clear and forget now').click();
    expect(api.clearForget).not.toHaveBeenCalled();
    expect(box.textContent).toContain('with no copy to undo it?');
    expect(document.activeElement?.textContent).toBe('Delete everything now');
    button('Delete everything now').click();
    await flush();
    await flush();
    expect(api.clearForget).toHaveBeenCalledOnce();
    expect(box.textContent).toContain('Cleared. Nothing was kept.');
  });
});

describe('the comparison page’s Not a copy', () => {
  it('marks the pair, then offers to undo it, naming the original’s outlet isolated', async () => {
    const marked: CorrectionView[] = [{ page: 'p', original: 'o', at: 1 }];
    const api = { list: vi.fn(async () => []), add: vi.fn(async () => marked), remove: vi.fn(async () => []) };
    const section = notCopySection(document, { page: 'p', original: 'o' }, { outlet: HOSTILE }, api);
    document.body.replaceChildren(section);
    await flush();
    expect(section.querySelector('bdi')!.textContent).toBe(HOSTILE);
    expect(section.querySelector('img')).toBeNull();
    section.querySelector('button')!.click();
    await flush();
    expect(api.add).toHaveBeenCalledOnce();
    expect(section.textContent).toContain('You marked this page as not a copy of');
    expect(section.querySelector('button')!.textContent).toBe('Undo “Not a copy”');
    expect(section.querySelector('[role=status]')!.textContent).toBe('Marked as not a copy.');
  });
});
