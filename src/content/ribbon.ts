// The on-page ribbon: says which article this page copies or rewrites and how much.
// It lives in a closed shadow root on a randomly named host, so the page can neither
// restyle it nor read it through host.shadowRoot. Every page-derived string goes in as text.
import type { CheckResult, MatchSummary } from '../index/types.ts';
import { closestLine, confidenceLabel, isRibbonVerdict, outletName, pageShares, percent, verdictLabel, verdictSentences, verdictText } from '../ui/format.ts';
import { clear, el, safeHref, shareBar } from '../ui/dom.ts';
import { listedLine, listedSentence } from '../ui/listed.ts';
import { RIBBON_CSS } from './ribbon-css.ts';

export interface RibbonHandlers {
  /** Turns the page highlights on or off; returns how many copied runs were found (0 when turned off). */
  highlight(on: boolean): number;
  /** Opens the side-by-side comparison with the original. */
  compare(): void;
  /** Called after the ribbon removed itself at the reader's request. */
  dismissed(): void;
}

export interface Ribbon {
  host: HTMLElement;
  /** The shadow root (closed: only this handle reaches it). */
  root: ShadowRoot;
  /** The ribbon's sentences as one string. */
  text: string;
  /** Reflects the highlight state when it was changed from elsewhere (the popup). */
  setHighlighted(on: boolean, found: number): void;
  remove(): void;
}

/** A valid custom-element name no page stylesheet can guess, e.g. "fh-k3x9q-ab7d". */
export function randomHostName(): string {
  const letters = () =>
    Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 5)
      .padEnd(5, 'x');
  return `fh-${letters()}-${letters()}`;
}

/**
 * Builds the ribbon for a result and appends it to the document element.
 * Returns null, and adds nothing, for verdicts the ribbon does not speak up for (related, unrelated).
 */
export function createRibbon(doc: Document, result: CheckResult, handlers: RibbonHandlers, opts: { shadowMode?: ShadowRootMode } = {}): Ribbon | null {
  const sentences = verdictSentences(result);
  const original = result.original;
  if (!sentences || !original || !isRibbonVerdict(result.verdict)) return null;

  const host = doc.createElement(randomHostName());
  const root = host.attachShadow({ mode: opts.shadowMode ?? 'closed' });
  const remove = () => {
    host.remove();
  };
  const dismiss = () => {
    handlers.highlight(false);
    remove();
    handlers.dismissed();
  };
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const legend = highlightLegend(doc, original);
  const highlight = highlightToggle(doc, status, legend, handlers);
  const outlet = outletName(original);
  const closest = result.closest && result.closest.id !== original.id ? result.closest : undefined;
  const card = el(
    doc,
    'div',
    { class: `card v-${result.verdict}`, attrs: { role: 'region', 'aria-label': 'Firsthand: where this article comes from' } },
    topBar(doc, result, dismiss),
    el(
      doc,
      'div',
      { class: 'text', attrs: { part: 'text' } },
      el(doc, 'p', { class: 'headline', text: `${sentences.headline}.` }),
      el(doc, 'p', { class: 'details', text: sentences.details.join(' ') }),
      // A listed original: the reader never read it; a list they subscribed to names it.
      listedLine(doc, original.listed),
    ),
    meters(doc, original, outlet),
    el(
      doc,
      'div',
      { class: 'chips' },
      creditChip(doc, result.credited, outlet),
      result.confidence &&
        el(doc, 'span', {
          class: `chip sure c-${result.confidence.level}`,
          text: confidenceLabel(result.confidence.level),
          attrs: result.confidence.reasons.length ? { title: result.confidence.reasons.join(' ') } : {},
        }),
    ),
    closest && closestRow(doc, closest),
    actions(doc, safeHref(original.url), highlight.button, handlers),
    status,
    legend,
  );
  // Escape inside the ribbon dismisses it, like its × button.
  card.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') card.querySelector<HTMLButtonElement>('.close')?.click();
  });
  mount(doc, host, root, card);
  const text = [verdictText(result), listedSentence(original.listed)].filter(Boolean).join(' ');
  return { host, root, text, setHighlighted: highlight.setHighlighted, remove };
}

/** The highlight button: pressed while copied runs are marked; the status line says how many were found. */
function highlightToggle(
  doc: Document,
  status: HTMLElement,
  legend: HTMLElement | null,
  handlers: RibbonHandlers,
): { button: HTMLElement; setHighlighted(on: boolean, found: number): void } {
  const button = el(doc, 'button', {
    class: 'btn',
    text: 'Highlight copied passages',
    attrs: { type: 'button', 'aria-pressed': 'false' },
  });
  const setHighlighted = (on: boolean, found: number) => {
    button.setAttribute('aria-pressed', String(on && found > 0));
    status.textContent =
      on && found === 0 ? 'The copied passages could not be found in this page as shown.' : on ? `${found} passage${found === 1 ? '' : 's'} highlighted.` : '';
    if (legend) legend.hidden = !(on && found > 0);
  };
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    setHighlighted(on, handlers.highlight(on));
  });
  return { button, setHighlighted };
}

/** The verdict's badge, the brand and the × that dismisses the ribbon for this page. */
function topBar(doc: Document, result: CheckResult, dismiss: () => void): HTMLElement {
  return el(
    doc,
    'div',
    { class: 'top' },
    el(doc, 'span', { class: 'badge', text: verdictLabel(result.verdict) }),
    el(doc, 'span', { class: 'brand', text: 'Firsthand' }),
    el(doc, 'span', { class: 'spacer' }),
    el(doc, 'button', {
      class: 'close',
      text: '×',
      attrs: { type: 'button', 'aria-label': 'Dismiss for this page', title: 'Dismiss for this page' },
      on: { click: dismiss },
    }),
  );
}

/** One bar per row: its label, the share it shows, and the bar's accessible name. */
function meterRows(doc: Document, cls: string, rows: { label: string; share: number; name: string; bar?: string }[]): HTMLElement {
  const box = el(doc, 'div', { class: cls });
  for (const r of rows)
    box.append(
      el(doc, 'span', { class: 'meter-label', text: r.label }),
      shareBar(doc, r.share, r.name, r.bar),
      el(doc, 'span', { class: 'meter-pct', text: percent(r.share) }),
    );
  return box;
}

/** How much of this page comes from the original, and how much of the original it carries. */
function meters(doc: Document, original: MatchSummary, outlet: string): HTMLElement {
  return meterRows(doc, 'meters', [
    { label: 'This page', share: original.containment, name: `Share of this page found in ${outlet}'s article` },
    { label: 'The original', share: original.coverage, name: `Share of ${outlet}'s article carried by this page`, bar: 'bar original' },
  ]);
}

/** The closest match when it is not the original: "Closest match: X — 97% of this page", with its bars. */
function closestRow(doc: Document, m: MatchSummary): HTMLElement {
  const outlet = outletName(m);
  const { ofPage, ofOther } = pageShares(m);
  return el(
    doc,
    'div',
    { class: 'closest', attrs: { role: 'group', 'aria-label': 'Closest match' } },
    el(doc, 'p', { class: 'closest-line', text: closestLine(m) }),
    listedLine(doc, m.listed),
    meterRows(doc, 'meters small', [
      { label: 'This page', share: ofPage, name: `Share of this page found in ${outlet}'s article` },
      { label: 'Theirs', share: ofOther, name: `Share of ${outlet}'s article carried by this page`, bar: 'bar original' },
    ]),
  );
}

/**
 * What the highlights' two styles mean, shown while they are on: solid for word-for-word
 * passages, dashed for reworded ones. Only when the worker told the passages apart (it had the
 * original's text); otherwise every passage is painted one way and needs no legend.
 */
function highlightLegend(doc: Document, original: MatchSummary): HTMLElement | null {
  const told = original.passages.filter((p) => p.candidateChars && p.kind);
  if (told.length === 0) return null;
  const near = told.filter((p) => p.kind === 'near').length;
  const literal = told.length - near;
  const item = (cls: string, label: string, n: number) =>
    el(doc, 'li', { class: 'legend-item' }, el(doc, 'span', { class: `swatch ${cls}`, text: 'abc', attrs: { 'aria-hidden': 'true' } }), `${label} (${n})`);
  const legend = el(
    doc,
    'ul',
    { class: 'legend', attrs: { 'aria-label': 'Highlight styles' } },
    item('literal', 'solid: word for word', literal),
    item('near', 'dashed: reworded', near),
  );
  legend.hidden = true;
  return legend;
}

function creditChip(doc: Document, credited: boolean, outlet: string): HTMLElement {
  return el(doc, 'span', {
    class: credited ? 'chip credited' : 'chip uncredited',
    text: credited ? `✓ Credits ${outlet}` : `No credit to ${outlet}`,
  });
}

/** Open the original (only when its URL is a web URL), highlight, compare. */
function actions(doc: Document, href: string | null, highlightButton: HTMLElement, handlers: RibbonHandlers): HTMLElement {
  return el(
    doc,
    'div',
    { class: 'actions' },
    href && el(doc, 'a', { class: 'btn', text: 'Open the original ↗', attrs: { href, target: '_blank', rel: 'noreferrer noopener' } }),
    highlightButton,
    el(doc, 'button', { class: 'btn', text: 'Compare side by side', attrs: { type: 'button' }, on: { click: () => handlers.compare() } }),
  );
}

/** Fills the shadow root and puts the host on the page, above the page's own layers. */
function mount(doc: Document, host: HTMLElement, root: ShadowRoot, card: HTMLElement): void {
  const style = doc.createElement('style');
  style.textContent = RIBBON_CSS;
  clear(root);
  root.append(style, card);
  doc.documentElement.appendChild(host);
  showOnTop(host);
}

/**
 * Puts the ribbon in the browser's top layer (a manual popover), above anything a page can stack
 * with z-index: a page's CSS can cover a fixed element, even at the highest z-index (an
 * `html::after` overlay comes later in paint order), but not the top layer. Where popovers are
 * missing, the ribbon stays a fixed element at the highest z-index.
 */
function showOnTop(host: HTMLElement): void {
  if (typeof host.showPopover !== 'function') return;
  host.popover = 'manual';
  try {
    host.showPopover();
  } catch (err) {
    console.debug('Firsthand: the ribbon could not be raised to the top layer:', err);
  }
}
