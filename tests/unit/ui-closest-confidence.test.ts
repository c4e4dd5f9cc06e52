// @vitest-environment happy-dom
// What the ribbon and the popup add to the verdict: the legend of word-for-word and reworded
// highlights, the closest match beside the named original, how sure the choice is, and the
// story's coverage in the reader's index. All from fabricated results.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, tabs: {} } }));

import { createRibbon, type RibbonHandlers } from '../../src/content/ribbon.ts';
import { isCheckResult } from '../../src/protocol/replies.ts';
import type { CheckResult, MatchSummary, Passage } from '../../src/index/types.ts';
import { AXIOS_PUBLISHED, axiosMatch, result } from './ui-fixtures.ts';

const DAY = 86_400_000;
const handlers = (found = 4): RibbonHandlers => ({ highlight: vi.fn((on: boolean) => (on ? found : 0)), compare: vi.fn(), dismissed: vi.fn() });
const hosts = () => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body);
afterEach(() => {
  for (const h of hosts()) h.remove();
});

/** Passages as the worker tells them once it has the original's text: two literal, one near with parts. */
const told: Passage[] = [
  { candidateTokens: [0, 10], originalTokens: [0, 10], candidateChars: [0, 60], originalChars: [0, 60], kind: 'literal' },
  {
    candidateTokens: [12, 20],
    originalTokens: [12, 20],
    candidateChars: [70, 130],
    originalChars: [70, 128],
    kind: 'near',
    parts: [
      { kind: 'literal', candidateChars: [70, 100], originalChars: [70, 100] },
      { kind: 'near', candidateChars: [100, 130], originalChars: [100, 128] },
    ],
  },
  { candidateTokens: [25, 30], originalTokens: [25, 30], candidateChars: [150, 190], originalChars: [150, 190], kind: 'literal' },
];

/** A later, closer copy of the original: 97% of this page is in it. */
const closer = (over: Partial<MatchSummary> = {}): MatchSummary =>
  axiosMatch({
    id: 'https://wire.example/rafah',
    url: 'https://wire.example/rafah',
    title: 'Rafah meeting set for Monday',
    outlet: 'Middle East Wire',
    host: 'wire.example',
    publishedAt: AXIOS_PUBLISHED + DAY / 4,
    verdict: 'copy',
    containment: 0.97,
    coverage: 0.4,
    credited: false,
    ...over,
  });

const confident = { level: 'medium' as const, reasons: ['Axios states an earlier publication time.', 'This page does not credit Axios.'] };

describe('ribbon: kinds of passages, the closest match, how sure', () => {
  it('shows a legend of the two highlight styles while the highlights are on, with how many of each', () => {
    const ribbon = createRibbon(document, result('rewrite', {}, { passages: told }), handlers())!;
    const legend = ribbon.root.querySelector<HTMLElement>('.legend')!;
    expect(legend.hidden).toBe(true);
    expect(legend.getAttribute('aria-label')).toBe('Highlight styles');
    const toggle = [...ribbon.root.querySelectorAll('button')].find((b) => b.textContent === 'Highlight copied passages')!;
    toggle.click();
    expect(legend.hidden).toBe(false);
    expect([...legend.querySelectorAll('li')].map((li) => li.lastChild!.textContent)).toEqual(['solid: word for word (2)', 'dashed: reworded (1)']);
    // The swatches are decoration: the words name the styles.
    expect([...legend.querySelectorAll('.swatch')].every((s) => s.getAttribute('aria-hidden') === 'true')).toBe(true);
    expect(legend.querySelector('.swatch.literal')).not.toBeNull();
    expect(legend.querySelector('.swatch.near')).not.toBeNull();
    toggle.click();
    expect(legend.hidden).toBe(true);
    // The ribbon's CSS draws the two apart by more than colour: a solid fill against a dashed underline.
    const css = ribbon.root.querySelector('style')!.textContent!;
    expect(css).toMatch(/\.swatch\.near \{[^}]*underline dashed/);
  });

  it('shows no legend when the passages were not told apart (the original has no stored text)', () => {
    const ribbon = createRibbon(document, result('partial-copy'), handlers())!;
    [...ribbon.root.querySelectorAll('button')].find((b) => b.textContent === 'Highlight copied passages')!.click();
    expect(ribbon.root.querySelector('.legend')).toBeNull();
  });

  it("keeps the original's figures and adds the closest match with its own bars", () => {
    const ribbon = createRibbon(document, result('partial-copy', { closest: closer() }), handlers())!;
    expect(ribbon.text).toMatch(/^Partly copied from Axios: 45% of this article's text/);
    expect(ribbon.root.querySelector('.closest-line')!.textContent).toBe('Closest match: Middle East Wire — 97% of this page');
    const meters = [...ribbon.root.querySelectorAll('[role="meter"]')];
    expect(meters.map((m) => m.getAttribute('aria-valuenow'))).toEqual(['45', '18', '97', '40']);
    expect(meters[2].getAttribute('aria-label')).toBe("Share of this page found in Middle East Wire's article");
    expect(ribbon.root.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe('Closest match');
  });

  it('shows no closest match when it is the original itself', () => {
    const ribbon = createRibbon(document, result('copy', { closest: axiosMatch({ verdict: 'copy' }) }), handlers())!;
    expect(ribbon.root.querySelector('.closest')).toBeNull();
  });

  it('says how sure in short, the reasons in its title', () => {
    const ribbon = createRibbon(document, result('partial-copy', { confidence: confident }), handlers())!;
    const chip = ribbon.root.querySelector('.chip.sure')!;
    expect(chip.textContent).toBe('How sure: medium');
    expect(chip.getAttribute('title')).toBe(confident.reasons.join(' '));
    expect(createRibbon(document, result('copy'), handlers())!.root.querySelector('.chip.sure')).toBeNull();
  });

  it('renders a hostile closest outlet as text', () => {
    const ribbon = createRibbon(document, result('copy', { closest: closer({ outlet: '<img src=x onerror=alert(1)>' }) }), handlers())!;
    expect(ribbon.root.querySelector('img')).toBeNull();
    expect(ribbon.root.querySelector('.closest-line')!.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('reply checks', () => {
  it('accepts the closest match and how sure, and refuses them malformed', () => {
    const ok: CheckResult = result('copy', { closest: closer(), confidence: confident });
    expect(isCheckResult(ok)).toBe(true);
    expect(isCheckResult({ ...ok, confidence: { level: 'certain', reasons: [] } })).toBe(false);
    expect(isCheckResult({ ...ok, confidence: { level: 'high', reasons: [1] } })).toBe(false);
    expect(isCheckResult({ ...ok, closest: { ...closer(), containment: 2 } })).toBe(false);
  });
});
