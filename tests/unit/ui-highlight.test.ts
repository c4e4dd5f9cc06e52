// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAME, NEAR_HIGHLIGHT_NAME, PageHighlighter, locatePassages } from '../../src/content/highlight.ts';

const PAGE = `
  <article>
    <h1>Officials meet</h1>
    <p>The U.S. and Israel are expected to hold a <em>virtual meeting</em> on Monday to discuss
       alternative proposals, four officials told Axios.</p>
    <figure><figcaption>IDF soldiers operating in Gaza</figcaption></figure>
    <p>Blinken said the talks would continue.   A second meeting, in person, is scheduled for next week.</p>
    <script>var s = "four officials told Axios";</script>
  </article>`;

afterEach(() => {
  document.body.replaceChildren();
  delete (window as { Highlight?: unknown }).Highlight;
});

/** Installs a stand-in CSS Custom Highlight API on the window: the registry it paints into, and the CSS object to remove it from. */
function fakeHighlightApi(): { registry: Map<string, { ranges: Range[] }>; css: Record<string, unknown> } {
  const registry = new Map<string, { ranges: Range[] }>();
  class FakeHighlight {
    ranges: Range[];
    constructor(...ranges: Range[]) {
      this.ranges = ranges;
    }
  }
  const css = (window as unknown as { CSS: Record<string, unknown> }).CSS ?? {};
  (window as unknown as { CSS: Record<string, unknown> }).CSS = css;
  css.highlights = registry;
  (window as { Highlight?: unknown }).Highlight = FakeHighlight;
  return { registry, css };
}

describe('locating passages in the live page', () => {
  it('finds a passage across inline elements and different whitespace', () => {
    document.body.innerHTML = PAGE;
    const ranges = locatePassages(document.body, ['expected to hold a virtual meeting on Monday to discuss\nalternative proposals']);
    expect(ranges).toHaveLength(1);
    expect(ranges[0].toString().replace(/\s+/g, ' ')).toBe('expected to hold a virtual meeting on Monday to discuss alternative proposals');
  });

  it('falls back to sentences when a passage spans text the page lays out elsewhere', () => {
    document.body.innerHTML = PAGE;
    const passage = 'Blinken said the talks would continue. Extra words the page does not have here. A second meeting, in person, is scheduled for next week.';
    const found = locatePassages(document.body, [passage]).map((r) => r.toString());
    expect(found).toEqual(['Blinken said the talks would continue.', 'A second meeting, in person, is scheduled for next week.']);
  });

  it('ignores scripts and passages too short to place', () => {
    document.body.innerHTML = PAGE;
    expect(locatePassages(document.body, ['Axios', 'not on this page at all, anywhere'])).toHaveLength(0);
  });
});

describe('page highlighter', () => {
  it('wraps passages in <mark> only when the Custom Highlight API is missing, and restores the page', () => {
    document.body.innerHTML = PAGE;
    const before = document.body.innerHTML;
    const h = new PageHighlighter(document);
    expect(h.show(['four officials told Axios.', 'A second meeting, in person, is scheduled for next week.'])).toBe(2);
    const marks = [...document.querySelectorAll('mark[data-firsthand]')].map((m) => m.textContent);
    expect(marks).toEqual(['four officials told Axios.', 'A second meeting, in person, is scheduled for next week.']);
    h.hide();
    expect(document.querySelectorAll('mark').length).toBe(0);
    expect(document.body.innerHTML).toBe(before);
  });

  it('paints with CSS.highlights without touching the DOM when the API exists', () => {
    document.body.innerHTML = PAGE;
    const before = document.body.innerHTML;
    const { registry, css } = fakeHighlightApi();
    const h = new PageHighlighter(document);
    expect(h.show(['four officials told Axios.'])).toBe(1);
    expect(registry.get(HIGHLIGHT_NAME)!.ranges[0].toString()).toBe('four officials told Axios.');
    expect(document.body.innerHTML).toBe(before);
    h.hide();
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    delete css.highlights;
  });

  it('paints near stretches under a highlight of their own, apart from word-for-word copy', () => {
    document.body.innerHTML = PAGE;
    const { registry, css } = fakeHighlightApi();
    const text = 'alternative proposals, four officials told Axios.';
    const near: [number, number][] = [[text.indexOf('four'), text.indexOf('told')]];
    const h = new PageHighlighter(document);
    expect(h.show([{ text, near }, 'A second meeting, in person, is scheduled for next week.'])).toBe(2);
    expect(registry.get(HIGHLIGHT_NAME)!.ranges.map((r) => r.toString())).toEqual([
      'alternative proposals,',
      'told Axios.',
      'A second meeting, in person, is scheduled for next week.',
    ]);
    expect(registry.get(NEAR_HIGHLIGHT_NAME)!.ranges.map((r) => r.toString())).toEqual(['four officials']);
    h.hide();
    expect(registry.size).toBe(0);
    // A passage near throughout has no word-for-word highlight.
    h.show([{ text, near: [[0, text.length]] }]);
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    expect(registry.get(NEAR_HIGHLIGHT_NAME)!.ranges.map((r) => r.toString())).toEqual([text]);
    h.hide();
    delete css.highlights;
  });

  it('marks near stretches apart in the <mark> fallback too, and restores the page', () => {
    document.body.innerHTML = PAGE;
    const before = document.body.innerHTML;
    const text = 'Blinken said the talks would continue. A second meeting, in person, is scheduled for next week.';
    const h = new PageHighlighter(document);
    expect(h.show([{ text, near: [[text.indexOf('in person'), text.indexOf(' is scheduled')]] }])).toBe(1);
    const marks = [...document.querySelectorAll('mark[data-firsthand]')].map((m) => [m.getAttribute('data-firsthand'), m.textContent]);
    expect(marks).toEqual([
      ['', 'Blinken said the talks would continue.   A second meeting,'],
      ['near', 'in person,'],
      ['', 'is scheduled for next week.'],
    ]);
    h.hide();
    expect(document.body.innerHTML).toBe(before);
  });
});
