// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRibbon, type RibbonHandlers } from '../../src/content/ribbon.ts';
import { hostCss, pageDirection, wantsCompact } from '../../src/content/ribbon-layout.ts';
import { result } from './ui-fixtures.ts';

const handlers = (over: Partial<RibbonHandlers> = {}): RibbonHandlers => ({ highlight: vi.fn(() => 0), compare: vi.fn(), dismissed: vi.fn(), ...over });
const hosts = () => [...document.documentElement.children].filter((e) => e.tagName.toLowerCase().startsWith('fh-'));
const hostRule = (root: ShadowRoot) => root.querySelector('style')!.textContent!;

afterEach(() => {
  for (const h of hosts()) h.remove();
  document.documentElement.removeAttribute('dir');
  document.documentElement.removeAttribute('lang');
  document.body.removeAttribute('dir');
});

describe('ribbon: compact and full', () => {
  it('shows as a pill with the verdict, the share and the outlet, and expands on click with the focus in the card', () => {
    const ribbon = createRibbon(document, result('partial-copy'), handlers(), { layout: { mode: 'compact', position: 'bottom-end' } })!;
    const pill = ribbon.root.querySelector<HTMLButtonElement>('.pill')!;
    expect(pill.textContent).toBe('Partly copied45%from Axios');
    expect(pill.getAttribute('aria-expanded')).toBe('false');
    expect(ribbon.view().pill).toBe(true);
    expect(hostRule(ribbon.root)).toContain('width: max-content !important');
    pill.click();
    expect(ribbon.view().pill).toBe(false);
    expect(pill.getAttribute('aria-expanded')).toBe('true');
    expect(ribbon.root.activeElement).toBe(ribbon.root.querySelector('.card'));
    expect(hostRule(ribbon.root)).toContain('width: min(360px, calc(100vw - 24px)) !important');
    ribbon.root.querySelector<HTMLButtonElement>('.collapse')!.click();
    expect(ribbon.view().pill).toBe(true);
    expect(ribbon.root.activeElement).toBe(pill);
  });

  it('is compact in automatic mode on a small viewport only, and full when asked', () => {
    const win = (small: boolean) => ({ matchMedia: () => ({ matches: small }) }) as unknown as Window;
    expect(wantsCompact('auto', win(true))).toBe(true);
    expect(wantsCompact('auto', win(false))).toBe(false);
    expect(wantsCompact('full', win(true))).toBe(false);
    expect(wantsCompact('compact', win(false))).toBe(true);
    const ribbon = createRibbon(document, result('copy'), handlers(), { layout: { mode: 'full', position: 'bottom-end' } })!;
    expect(ribbon.view().pill).toBe(false);
    ribbon.setLayout({ mode: 'compact', position: 'top-start' });
    expect(ribbon.view().pill).toBe(true);
    expect(hostRule(ribbon.root)).toMatch(/top: 12px !important;.*bottom: auto !important;/s);
    expect(hostRule(ribbon.root)).toMatch(/right: auto !important;.*left: 12px !important;/s);
  });

  it('is a labelled region, dismissed for the story with Escape from the pill, and turns the site off on request', () => {
    const dismissed = vi.fn();
    const ribbon = createRibbon(document, result('rewrite'), handlers({ dismissed }), { layout: { mode: 'compact', position: 'bottom-end' } })!;
    const region = ribbon.root.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toBe('Firsthand: where this article comes from');
    region.querySelector('.pill')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(dismissed).toHaveBeenCalledOnce();
    expect(hosts()).toHaveLength(0);
    const siteOff = vi.fn();
    const again = createRibbon(document, result('rewrite'), handlers({ siteOff }), { layout: { mode: 'full', position: 'bottom-end' } })!;
    [...again.root.querySelectorAll('button')].find((b) => b.textContent === 'Not on this site')!.click();
    expect(siteOff).toHaveBeenCalledOnce();
    expect(hosts()).toHaveLength(0);
  });

  it('reveal() expands a compact ribbon and moves the focus into it', () => {
    const ribbon = createRibbon(document, result('copy'), handlers(), { layout: { mode: 'compact', position: 'bottom-end' } })!;
    ribbon.reveal();
    expect(ribbon.view().pill).toBe(false);
    expect(document.activeElement).toBe(ribbon.host);
    expect(ribbon.root.activeElement).toBe(ribbon.root.querySelector('.card'));
  });
});

describe('ribbon: right to left and isolation', () => {
  it('reads the page direction from dir, then from the language', () => {
    expect(pageDirection(document)).toBe('ltr');
    document.documentElement.setAttribute('lang', 'ur');
    expect(pageDirection(document)).toBe('rtl');
    document.documentElement.setAttribute('dir', 'ltr');
    expect(pageDirection(document)).toBe('ltr');
    document.body.setAttribute('dir', 'rtl');
    expect(pageDirection(document)).toBe('rtl');
  });

  it('mirrors its corner on a right-to-left page and lays out right to left', () => {
    expect(hostCss('bottom-end', 'rtl', false)).toMatch(/right: auto !important;.*left: 12px !important;/s);
    expect(hostCss('bottom-start', 'rtl', false)).toMatch(/right: 12px !important;.*left: auto !important;/s);
    document.documentElement.setAttribute('dir', 'rtl');
    const ribbon = createRibbon(document, result('partial-copy'), handlers(), { layout: { mode: 'full', position: 'bottom-end' } })!;
    expect(ribbon.root.querySelector('[role="region"]')!.getAttribute('dir')).toBe('rtl');
    expect(ribbon.view().dir).toBe('rtl');
    expect(hostRule(ribbon.root)).toMatch(/left: 12px !important;/);
  });

  it('puts every outlet, title and host in its own <bdi>, so "\\u202eSOIXA" cannot reorder the sentence', () => {
    const outlet = '\u202eSOIXA';
    const ribbon = createRibbon(document, result('partial-copy', { credited: false }, { outlet, title: 'خبر کا عنوان' }), handlers())!;
    const isolated = ribbon.isolated();
    expect(isolated.filter((s) => s === outlet).length).toBeGreaterThanOrEqual(3); // headline, credit chip, pill
    expect(isolated).toContain('خبر کا عنوان');
    expect(isolated).toContain('axios.com');
    for (const text of ribbon.root.querySelectorAll('p, span, button')) {
      for (const node of text.childNodes) if (node.nodeType === Node.TEXT_NODE) expect(node.textContent).not.toContain('\u202e');
    }
    expect(ribbon.text).toContain(`Partly copied from ${outlet}:`);
  });
});
