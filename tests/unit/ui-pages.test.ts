// @vitest-environment happy-dom
// The extension's own pages: popup verdict, comparison view, options form, import/export wording.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, tabs: {} } }));

const mount = (nodes: HTMLElement[]) => {
  const box = document.createElement('div');
  box.append(...nodes);
  return box;
};

import { exportFileName, importSummary } from '../../src/popup/toolbar/index-panel.ts';
import { renderCompare } from '../../src/popup/compare/view.ts';
import { segmentText, sharedShare } from '../../src/popup/compare/segments.ts';
import { parseSites, readForm } from '../../src/popup/options/form.ts';
import type { CompareView } from '../../src/protocol/messages.ts';

describe('index panel wording', () => {
  it('names export files and reads import replies', () => {
    expect(exportFileName(new Date(2024, 2, 31))).toBe('firsthand-2024-03-31.firsthand.json');
    expect(importSummary({ added: 120, updated: 3, evicted: 0 })).toBe('Imported 120 articles (3 already known, merged).');
    expect(importSummary({ added: 1, updated: 0, evicted: 2 })).toBe('Imported 1 article (2 oldest removed to stay within your limits).');
  });
});

describe('comparison', () => {
  it('tiles a text exactly by passage ranges, clipping overlaps', () => {
    expect(segmentText(20, [[2, 5], undefined, [4, 9], [15, 30]])).toEqual([
      { start: 0, end: 2, passage: 0 },
      { start: 2, end: 5, passage: 1 },
      { start: 5, end: 9, passage: 3 },
      { start: 9, end: 15, passage: 0 },
      { start: 15, end: 20, passage: 4 },
    ]);
    expect(segmentText(5, [])).toEqual([{ start: 0, end: 5, passage: 0 }]);
    // Near ranges cut a passage's run; those outside it are ignored.
    expect(
      segmentText(
        20,
        [[2, 12], undefined],
        [
          [
            [4, 6],
            [10, 14],
          ],
          [[0, 20]],
        ],
      ),
    ).toEqual([
      { start: 0, end: 2, passage: 0 },
      { start: 2, end: 4, passage: 1 },
      { start: 4, end: 6, passage: 1, near: true },
      { start: 6, end: 10, passage: 1 },
      { start: 10, end: 12, passage: 1, near: true },
      { start: 12, end: 20, passage: 0 },
    ]);
    expect(sharedShare('ab cd', segmentText(5, [[0, 2]]))).toBe(0.5);
  });

  const view = (): CompareView => {
    const original = 'Intro line.\nThe U.S. and Israel are expected to hold a virtual meeting on Monday.\nMore detail here.';
    const page = 'Photo caption.\nThe U.S. and Israel are expected to hold a virtual meeting on Monday.\nBlinken added his view.';
    const shared = 'The U.S. and Israel are expected to hold a virtual meeting on Monday.';
    const oa = original.indexOf(shared);
    const pa = page.indexOf(shared);
    const article = (id: string, text: string, outlet: string, host: string) => ({
      id,
      url: `https://${host}/a`,
      title: `<b>${outlet}</b> title`,
      outlet,
      host,
      publishedAt: Date.UTC(2024, 2, 31, 12),
      firstSeenAt: 0,
      wordCount: 15,
      credits: [],
      text,
    });
    return {
      page: { ...article('p', page, 'Ledger', 'ledger.example'), credits: [{ outlet: 'Axios', key: 'axios', kind: 'text', evidence: 'told Axios' }] },
      original: article('o', original, 'Axios', 'www.axios.com'),
      comparison: {
        verdict: 'partial-copy',
        score: 0.5,
        containment: 0.45,
        coverage: 0.4,
        jaccard: 0.3,
        ordered: 0.5,
        vocabulary: 0.6,
        passages: [{ candidateTokens: [0, 8], originalTokens: [0, 8], candidateChars: [pa, pa + shared.length], originalChars: [oa, oa + shared.length] }],
      },
      credited: true,
    };
  };

  it('shows both texts as text, passages numbered alike on both sides, additions marked', () => {
    const box = mount(renderCompare(document, view()));
    expect(box.querySelector('h1')!.textContent).toBe('Partly copied from Axios');
    expect([...box.querySelectorAll('.tile-value')].map((t) => t.textContent)).toEqual(['45%', '40%', '50%', 'Credited']);
    const [orig, page] = [...box.querySelectorAll('.column')];
    expect(orig.querySelector('h2')!.textContent).toBe('<b>Axios</b> title');
    expect(box.querySelector('.column b')).toBeNull();
    const origMark = orig.querySelector('mark.shared')!;
    const pageMark = page.querySelector('mark.shared')!;
    expect(origMark.getAttribute('data-passage')).toBe('1');
    expect(pageMark.className).toBe(origMark.className);
    expect(pageMark.textContent).toBe('1The U.S. and Israel are expected to hold a virtual meeting on Monday.');
    expect(pageMark.querySelector('a.num')!.getAttribute('href')).toBe('#original-p1');
    expect([...page.querySelectorAll('.own')].map((s) => s.textContent)).toEqual(['Photo caption.', 'Blinken added his view.']);
    expect(orig.querySelectorAll('.own')).toHaveLength(0);
    expect(page.querySelectorAll('p')).toHaveLength(3);
  });

  it('shows near passages apart: hatched marks that say "near match", a label on the number and a legend entry', () => {
    const original = "Minister Ron Dermer and Netanyahu's adviser will lead the talks.";
    const page = 'Minister Ron Dermer, told Netanyahu adviser will lead the talks.';
    const span = (text: string, s: string): [number, number] => [text.indexOf(s), text.indexOf(s) + s.length];
    const v = view();
    v.page.text = page;
    v.original.text = original;
    v.comparison.passages = [
      {
        candidateTokens: [0, 7],
        originalTokens: [0, 7],
        candidateChars: [0, page.length - 1],
        originalChars: [0, original.length - 1],
        kind: 'near',
        parts: [
          { kind: 'literal', candidateChars: [0, page.indexOf('told')], originalChars: [0, original.indexOf('and')] },
          { kind: 'near', candidateChars: span(page, 'told Netanyahu '), originalChars: span(original, "and Netanyahu's ") },
          { kind: 'literal', candidateChars: [page.indexOf('adviser'), page.length - 1], originalChars: [original.indexOf('adviser'), original.length - 1] },
        ],
      },
    ];
    const box = mount(renderCompare(document, v));
    const [orig, pg] = [...box.querySelectorAll('.column')];
    const near = pg.querySelectorAll('mark.shared.near');
    expect(near).toHaveLength(1);
    expect(near[0].getAttribute('data-passage')).toBe('1');
    expect(near[0].getAttribute('title')).toBe('Near match: the same content words, different wording');
    expect(near[0].querySelector('.visually-hidden')!.textContent).toBe('near match: ');
    expect(near[0].textContent).toBe('near match: told Netanyahu ');
    expect(orig.querySelector('mark.shared.near')!.textContent).toBe("near match: and Netanyahu's ");
    // The literal stretches stay solid marks of the same passage; the number says the passage is partly near.
    expect([...pg.querySelectorAll('mark.shared:not(.near)')].map((m) => m.textContent)).toEqual(['1Minister Ron Dermer, ', 'adviser will lead the talks']);
    expect(pg.querySelector('a.num')!.getAttribute('aria-label')).toBe('Passage 1, partly a near match: show it in the original');
    expect(box.querySelector('.legend-near')!.textContent).toBe('near near match: same content words, different wording');

    // Near throughout: the whole passage is one near mark.
    v.comparison.passages = [{ ...v.comparison.passages[0], parts: undefined }];
    const whole = mount(renderCompare(document, v)).querySelector('.column.page mark.shared')!;
    expect(whole.className).toBe('shared c0 near');
    expect(whole.querySelector('a.num')!.getAttribute('aria-label')).toBe('Passage 1, a near match: show it in the original');
  });

  it('shows no near legend while every passage is literal', () => {
    const v = view();
    v.comparison.passages = v.comparison.passages.map((p) => ({ ...p, kind: 'literal' }));
    const box = mount(renderCompare(document, v));
    expect(box.querySelector('.legend-near')).toBeNull();
    expect(box.querySelector('mark.near')).toBeNull();
    expect(box.querySelector('a.num')!.getAttribute('aria-label')).toBe('Passage 1: show it in this page');
  });

  it('says credited or not as the background decided, whatever the credits’ names', () => {
    const creditTile = (v: CompareView) => [...mount(renderCompare(document, v)).querySelectorAll('.tile-value')].at(-1)!.textContent;
    // The engine's rule: "Washington Post" (key washingtonpost) credits the outlet "The Washington Post".
    const v = view();
    v.original.outlet = 'The Washington Post';
    v.page.credits = [{ outlet: 'Washington Post', key: 'washingtonpost', kind: 'text', evidence: 'told Washington Post' }];
    expect(creditTile(v)).toBe('Credited');
    expect(creditTile({ ...v, credited: false })).toBe('Not credited');
  });
});

describe('options form', () => {
  const base = { sensitivity: 'normal', excludedSites: '', maxArticles: '100000', maxAgeDays: '0', indexPrivate: false };

  it('reads valid settings, normalising sites', () => {
    const r = readForm({
      ...base,
      sensitivity: 'high',
      excludedSites: 'https://www.Example.com/path\n\nnews.example.org\nexample.com/x\n# a comment',
      maxArticles: '5,000',
      indexPrivate: true,
    });
    expect(r).toEqual({
      ok: true,
      settings: { sensitivity: 'high', excludedSites: ['example.com', 'news.example.org'], maxArticles: 5000, maxAgeDays: 0, indexPrivate: true },
    });
  });

  it('names every wrong field', () => {
    const r = readForm({ ...base, sensitivity: 'max', excludedSites: 'ok.example\nnot a host\n<script>', maxArticles: '12', maxAgeDays: '-1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.sensitivity).toBe('Choose low, normal or high.');
    expect(r.errors.excludedSites).toContain('"not a host", "<script>"');
    expect(r.errors.maxArticles).toBe('The number of articles must be from 100 to 1,000,000.');
    expect(r.errors.maxAgeDays).toMatch(/^The age in days must be a whole number/);
    expect(parseSites('a.example\na.example').hosts).toEqual(['a.example']);
  });
});
