// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRibbon, randomHostName, type RibbonHandlers } from '../../src/content/ribbon.ts';
import { safeHref } from '../../src/ui/dom.ts';
import { result } from './ui-fixtures.ts';

const handlers = (): RibbonHandlers & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    highlight: vi.fn((on: boolean) => {
      calls.push(`highlight:${on}`);
      return on ? 3 : 0;
    }),
    compare: vi.fn(() => calls.push('compare')),
    dismissed: vi.fn(() => calls.push('dismissed')),
  };
};

/** Hosts the ribbon added: children of <html> other than head and body. */
const hosts = () => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body);

afterEach(() => {
  for (const h of hosts()) h.remove();
});

describe('ribbon', () => {
  it('says a partial copy in its own words, both ways, with the credit', () => {
    const ribbon = createRibbon(document, result('partial-copy'), handlers())!;
    const text = ribbon.root.querySelector('[part="text"]')!.textContent!;
    expect(text).toMatch(
      /^Partly copied from Axios: 45% of this article's text appears in 'U\.S\. and Israel set to hold a virtual meeting…' \(axios\.com, \d+ \w+ 2024\)\./,
    );
    expect(text).toContain('It carries 18% of the original.');
    expect(text).toContain('It credits Axios.');
    expect(ribbon.text).toBe(text.replace(/\.It/g, '. It'));
    expect(ribbon.root.querySelector('.badge')!.textContent).toBe('Partly copied');
    expect(ribbon.root.querySelector('.chip')!.textContent).toBe('✓ Credits Axios');
  });

  it('says a copy and a rewrite', () => {
    const copy = createRibbon(document, result('copy', { credited: false }, { containment: 0.93 }), handlers())!;
    expect(copy.text).toMatch(/^Copied from Axios: 93% of this article's text appears in /);
    expect(copy.root.querySelector('.chip')!.textContent).toBe('No credit to Axios');
    copy.remove();
    const rewrite = createRibbon(document, result('rewrite'), handlers())!;
    expect(rewrite.text).toMatch(/^Rewritten from Axios: the same facts in the same order \(credited\)\./);
  });

  it('is never shown for related or unrelated pages', () => {
    expect(createRibbon(document, result('related'), handlers())).toBeNull();
    expect(createRibbon(document, result('unrelated'), handlers())).toBeNull();
    expect(hosts()).toHaveLength(0);
  });

  it('lives in a closed shadow root on a random custom-element host, isolated from page CSS', () => {
    const ribbon = createRibbon(document, result('partial-copy'), handlers())!;
    expect(hosts()).toEqual([ribbon.host]);
    expect(ribbon.host.tagName.toLowerCase()).toMatch(/^fh-[a-z]{5}-[a-z]{5}$/);
    expect(ribbon.host.shadowRoot).toBeNull();
    expect(ribbon.host.childNodes).toHaveLength(0);
    const css = ribbon.root.querySelector('style')!.textContent!;
    expect(css).toContain('all: initial !important');
    expect(css).toContain('position: fixed !important');
    expect(css).toContain('z-index: 2147483647 !important');
    expect(randomHostName()).not.toBe(randomHostName());
  });

  it('renders hostile titles and outlets as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const ribbon = createRibbon(document, result('partial-copy', {}, { title: hostile, outlet: `<b>${hostile}</b>` }), handlers())!;
    expect(ribbon.root.querySelector('img')).toBeNull();
    expect(ribbon.root.querySelector('b')).toBeNull();
    expect(ribbon.root.querySelector('[part="text"]')!.textContent).toContain(`'${hostile}'`);
    expect(document.querySelector('img')).toBeNull();
  });

  it('links to the original safely and only over http(s)', () => {
    const ribbon = createRibbon(document, result('partial-copy'), handlers())!;
    const a = ribbon.root.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://www.axios.com/2024/03/31/israel-us-meeting-rafah');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toContain('noreferrer');
    ribbon.remove();
    const evil = createRibbon(document, result('partial-copy', {}, { url: 'javascript:alert(1)' }), handlers())!;
    expect(evil.root.querySelector('a')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('http://example.com/a b')).toBe('http://example.com/a%20b');
  });

  it('toggles highlights, opens the comparison and dismisses itself with keyboard-reachable buttons', () => {
    const h = handlers();
    const ribbon = createRibbon(document, result('partial-copy'), h)!;
    const buttons = [...ribbon.root.querySelectorAll('button')];
    expect(buttons.every((b) => b.getAttribute('type') === 'button')).toBe(true);
    expect(buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual([
      'Partly copied45%from Axios',
      'Fold to a badge',
      'Dismiss for this story',
      'Highlight copied passages',
      'Compare side by side',
    ]);
    const toggle = buttons.find((b) => b.textContent === 'Highlight copied passages')!;
    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(ribbon.root.querySelector('.status')!.textContent).toBe('3 passages highlighted.');
    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    buttons.find((b) => b.textContent === 'Compare side by side')!.click();
    const close = buttons.find((b) => b.getAttribute('aria-label') === 'Dismiss for this story')!;
    close.click();
    expect(h.calls).toEqual(['highlight:true', 'highlight:false', 'compare', 'highlight:false', 'dismissed']);
    expect(hosts()).toHaveLength(0);
  });

  it('says so when no copied passage can be found on the page', () => {
    const h = { ...handlers(), highlight: () => 0 };
    const ribbon = createRibbon(document, result('partial-copy'), h)!;
    const toggle = [...ribbon.root.querySelectorAll('button')].find((b) => b.textContent === 'Highlight copied passages')!;
    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(ribbon.root.querySelector('.status')!.textContent).toMatch(/could not be found/);
  });

  it('shows how much of the page is copied as a meter', () => {
    const ribbon = createRibbon(document, result('partial-copy'), handlers())!;
    const meters = [...ribbon.root.querySelectorAll('[role="meter"]')];
    expect(meters.map((m) => m.getAttribute('aria-valuenow'))).toEqual(['45', '18']);
    expect((meters[0].firstElementChild as HTMLElement).style.width).toBe('45.0%');
  });
});

describe('ribbon keyboard', () => {
  it('is dismissed with Escape from inside it', () => {
    const h = handlers();
    const ribbon = createRibbon(document, result('rewrite'), h)!;
    const button = ribbon.root.querySelector('button.btn') as HTMLButtonElement;
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(h.calls).toContain('dismissed');
    expect(hosts()).toHaveLength(0);
  });
});
