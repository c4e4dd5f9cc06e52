// @vitest-environment happy-dom
// The popup's verdict, from fabricated results: the original first with why it is the original,
// both overlaps as plain sentences over bars, the other articles labelled earlier or later than
// this page from their dates, Compare on each copy of an original, and page text isolated.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, tabs: {} } }));

import { renderTabState } from '../../src/popup/toolbar/verdict.ts';
import { whenLabel, whyOriginal } from '../../src/popup/toolbar/relation.ts';
import { isIndexChanged } from '../../src/popup/toolbar/page-dates.ts';
import type { MatchSummary } from '../../src/index/types.ts';
import { AXIOS_PUBLISHED, axiosMatch, result } from './ui-fixtures.ts';

const DAY = 86_400_000;
const actions = () => ({ highlight: vi.fn(), compare: vi.fn() });
const mount = (nodes: HTMLElement[]) => {
  const box = document.createElement('div');
  box.append(...nodes);
  return box;
};
const texts = (box: ParentNode, sel: string) => [...box.querySelectorAll(sel)].map((e) => e.textContent);
const AXIOS_ID = axiosMatch().id;

/** Another outlet's article on the story. */
const other = (n: number, over: Partial<MatchSummary>): MatchSummary =>
  axiosMatch({
    id: `https://o${n}.example/a`,
    url: `https://o${n}.example/a`,
    title: `Story ${n}`,
    outlet: `Outlet ${n}`,
    host: `o${n}.example`,
    credited: false,
    ...over,
  });

describe('popup verdict: the original and the overlaps', () => {
  it("says the worker's note under a verdict: a page checked again after Clear, or in a private window, was not added", () => {
    const note = 'Your index was cleared: this page was checked again but not added to it.';
    const plain = mount(renderTabState(document, { url: 'u', pageId: 'p', result: { ...result('unrelated'), matches: [] }, note }, actions()));
    expect(texts(plain, 'p.note')).toContain(note);
    expect(plain.textContent).not.toContain('Firsthand has indexed this page');
    const flagged = mount(
      renderTabState(
        document,
        { url: 'u', pageId: 'p', result: result('partial-copy'), note: 'Private window: checked against your index but not added to it.' },
        actions(),
      ),
    );
    expect(flagged.textContent).toContain('Private window: checked against your index but not added to it.');
  });

  it('names the original first with why, says both overlaps in plain words over bars, and credits once', () => {
    const a = actions();
    const box = mount(renderTabState(document, { url: 'u', pageId: 'page-1', result: result('partial-copy') }, a, { publishedAt: AXIOS_PUBLISHED + DAY }));
    expect(box.querySelector('h1')!.textContent).toBe('Partly copied from Axios');
    expect(box.querySelector('.original .title')!.getAttribute('href')).toBe(AXIOS_ID);
    expect(box.querySelector('.original .byline')!.textContent).toBe('Axios · axios.com · 31 Mar 2024');
    expect(box.querySelector('.why')!.textContent).toBe('Why this original: published 31 Mar 2024, before this page (1 Apr 2024), and this page credits it.');
    expect(texts(box, '.meter-text')).toEqual(['45% of this page comes from the original', '18% of the original is carried on this page']);
    expect([...box.querySelectorAll('[role="meter"]')].map((m) => m.getAttribute('aria-valuenow'))).toEqual(['45', '18']);
    expect(texts(box, '.chip')).toEqual(['✓ Credits Axios']);
    expect(box.querySelector('.chip')!.getAttribute('title')).toBe('Axios, in its text: “told Axios”');
    expect(box.textContent).not.toMatch(/It credits|\btext\)|RW/);
    (box.querySelector('button.primary') as HTMLButtonElement).click();
    expect(a.compare).toHaveBeenCalledWith('page-1', AXIOS_ID);
  });

  it('explains that a rewrite shares meaning more than wording, beside its small word-for-word shares', () => {
    const box = mount(renderTabState(document, { url: 'u', pageId: 'p', result: result('rewrite', {}, { containment: 0.11, coverage: 0.24 }) }, actions()));
    expect(box.querySelector('h1')!.textContent).toBe('Rewritten from Axios');
    expect(box.querySelector('.note')!.textContent).toMatch(/shares meaning more than exact wording/);
    expect(texts(box, '.meter-text')).toEqual(['11% of this page is word for word from the original', "24% of the original's wording is carried here"]);
  });

  it('on a rewrite, shows the original first and the other sources after it, labelled earlier or later from their dates, collapsed', () => {
    const page = { publishedAt: AXIOS_PUBLISHED + 2 * DAY, firstSeenAt: AXIOS_PUBLISHED + 3 * DAY };
    const earlier = other(1, { verdict: 'rewrite', containment: 0.3, publishedAt: AXIOS_PUBLISHED + DAY });
    const later = other(2, { verdict: 'rewrite', direction: 'to', containment: 0.2, publishedAt: AXIOS_PUBLISHED + 3 * DAY });
    const res = result('rewrite', { matches: [later, earlier, axiosMatch({ verdict: 'rewrite', containment: 0.1 })] });
    const box = mount(renderTabState(document, { url: 'u', pageId: 'p', result: res }, actions(), page));
    expect(box.querySelector('.why')!.textContent).toBe(
      'Why this original: published first of the 2 this page shares text with (31 Mar 2024), and this page credits it.',
    );
    const others = box.querySelector('details.others')!;
    expect(others.hasAttribute('open')).toBe(false);
    expect(others.querySelector('summary')!.textContent).toBe('2 other articles on this story');
    expect(texts(others, '.title')).toEqual(['Story 1', 'Story 2']);
    expect(texts(others, '.when')).toEqual(['Published before this page', 'Published after this page']);
    expect(box.textContent).not.toMatch(/match\(es\)|later match/);
  });

  it('says 1 other article in the singular', () => {
    const res = result('partial-copy', { matches: [axiosMatch(), other(1, { verdict: 'related' })] });
    const box = mount(renderTabState(document, { url: 'u', pageId: 'p', result: res }, actions()));
    expect(box.querySelector('details.others summary')!.textContent).toBe('1 other article on this story');
  });
});

describe('popup verdict: an original and its copies', () => {
  const copies = [
    other(1, { direction: 'to', verdict: 'partial-copy', publishedAt: AXIOS_PUBLISHED + DAY }),
    other(2, { direction: 'to', verdict: 'rewrite', publishedAt: AXIOS_PUBLISHED + 2 * DAY }),
  ];

  it('lists each copy with a Compare that opens that copy against this page', () => {
    const a = actions();
    const res = result('unrelated', { matches: copies, credits: [] });
    const box = mount(renderTabState(document, { url: 'u', pageId: 'axios-page', result: res }, a, { publishedAt: AXIOS_PUBLISHED }));
    expect(box.querySelector('h1')!.textContent).toBe('This page came first');
    // What the engine noted about the order stays at hand, collapsed.
    expect(texts(box, 'details.evidence li')).toEqual(res.evidence);
    expect(box.querySelector('section.copies h2')!.textContent).toBe("2 articles reuse this page's text");
    expect(texts(box, '.copies .when')).toEqual(['Published after this page', 'Published after this page']);
    expect(texts(box, '.copies .tier')).toEqual(['Partly copied', 'Rewritten']);
    const buttons = [...box.querySelectorAll<HTMLButtonElement>('.copies button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      "Compare this page with Outlet 1's article",
      "Compare this page with Outlet 2's article",
    ]);
    buttons[1].click();
    expect(a.compare).toHaveBeenCalledWith('https://o2.example/a', 'axios-page');
  });

  it('shows no Compare when this page was not indexed, rather than a dead button', () => {
    const box = mount(renderTabState(document, { url: 'u', result: result('unrelated', { matches: copies }) }, actions()));
    expect(box.querySelectorAll('.copies li')).toHaveLength(2);
    expect(box.querySelectorAll('button')).toHaveLength(0);
  });
});

describe('popup verdict: page text', () => {
  it("isolates an outlet name with bidi controls, so '\\u202eSOIXA' cannot reorder the words around it", () => {
    const box = mount(renderTabState(document, { url: 'u', pageId: 'p', result: result('copy', {}, { outlet: '\u202eSOIXA' }) }, actions()));
    const h1 = box.querySelector('h1')!;
    expect(h1.querySelector('bdi')!.textContent).toBe('\u202eSOIXA');
    expect(h1.textContent).toBe('Copied from \u202eSOIXA');
    expect(box.querySelector('.chip bdi')!.textContent).toBe('\u202eSOIXA');
    expect(box.querySelector('.original .title')!.getAttribute('dir')).toBe('auto');
  });

  it('renders hostile titles and links as text', () => {
    const box = mount(
      renderTabState(document, { url: 'u', result: result('copy', {}, { title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' }) }, actions()),
    );
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('a[href^="javascript"]')).toBeNull();
    expect(box.querySelector('.original .title')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('earlier or later than this page', () => {
  const m = (over: Partial<MatchSummary>) => axiosMatch(over);
  it('goes by the stated dates when both state one, whatever the engine order', () => {
    expect(whenLabel(m({ direction: 'to', publishedAt: 1000 * DAY }), { publishedAt: 1001 * DAY + 5 })).toBe('Published before this page');
    expect(whenLabel(m({ direction: 'from', publishedAt: 1002 * DAY + 5 }), { publishedAt: 1001 * DAY })).toBe('Published after this page');
    expect(whenLabel(m({ publishedAt: 1001 * DAY }), { publishedAt: 1001 * DAY + 3600_000 })).toBe('Published the same day');
  });
  it('else by when the reader read each, else by the engine order', () => {
    expect(whenLabel(m({ publishedAt: undefined, firstSeenAt: 5 }), { firstSeenAt: 9 })).toBe('You read it before this page');
    expect(whenLabel(m({ publishedAt: undefined, direction: 'to' }), undefined)).toBe('Came after this page');
  });
  it('says why the original is the original when it states no date: the reader read it first', () => {
    const res = result('copy', { credited: false }, { publishedAt: undefined, firstSeenAt: Date.UTC(2024, 2, 31, 12) });
    expect(whyOriginal(res, { firstSeenAt: Date.UTC(2024, 3, 2, 12) })).toBe('Why this original: you read it first (31 Mar 2024); it states no date.');
  });
});

describe('the index/changed broadcast', () => {
  it('is recognised by its type alone, whatever its reason, and nothing else is', () => {
    expect(isIndexChanged({ type: 'index/changed', reason: 'cleared' })).toBe(true);
    expect(isIndexChanged({ type: 'index/changed' })).toBe(true);
    expect(isIndexChanged({ type: 'lists/progress', id: 'x' })).toBe(false);
    expect(isIndexChanged('index/changed')).toBe(false);
    expect(isIndexChanged(null)).toBe(false);
  });
});
