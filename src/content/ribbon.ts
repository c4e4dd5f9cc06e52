// The on-page ribbon: says which article this page copies or rewrites and how much.
// It lives in a closed shadow root on a randomly named host, so the page can neither
// restyle it nor read it through host.shadowRoot. Every page-derived string goes in as text,
// isolated in its own <bdi>. It is one labelled region (a landmark screen readers list): a compact
// pill (the verdict and the share) that expands on click or Enter, or the full card; its corner
// and direction follow the settings and the page (mirrored on right-to-left pages).
import type { CheckResult } from '../index/types.ts';
import { confidenceLabel, isRibbonVerdict, outletName, percent, verdictLabel, verdictPieces, verdictText } from '../ui/format.ts';
import { clear, el, safeHref } from '../ui/dom.ts';
import { listedLine, listedSentence } from '../ui/listed.ts';
import { t, tNodes, uiLocale } from '../ui/i18n.ts';
import { RIBBON_CSS } from './ribbon-css.ts';
import { COMPACT_QUERY, DEFAULT_LAYOUT, hostCss, pageDirection, wantsCompact, type Direction, type RibbonLayout } from './ribbon-layout.ts';
import { actions, closestRow, creditChip, highlightLegend, highlightToggle, meters, pieces } from './ribbon-parts.ts';

export interface RibbonHandlers {
  /** Turns the page highlights on or off; returns how many copied runs were found (0 when turned off). */
  highlight(on: boolean): number;
  /** Opens the side-by-side comparison with the original. */
  compare(): void;
  /** Called after the ribbon removed itself at the reader's request (× or Escape). */
  dismissed(): void;
  /** "Not on this site": turn Firsthand off for this page's site (the ribbon removes itself first). */
  siteOff?(): void;
}

/** What the ribbon shows right now (test builds mirror it on the page). */
export interface RibbonView {
  /** The page's direction, which picks the corner. */
  dir: Direction;
  /** The direction of the ribbon's words: the interface language's, or the page's for a left-to-right language. */
  textDir: Direction;
  /** Shown as the compact pill (not expanded). */
  pill: boolean;
}

export interface Ribbon {
  host: HTMLElement;
  /** The shadow root (closed: only this handle reaches it). */
  root: ShadowRoot;
  /** The ribbon's sentences as one string. */
  text: string;
  /** Reflects the highlight state when it was changed from elsewhere (the popup). */
  setHighlighted(on: boolean, found: number): void;
  /** Applies the appearance settings (mode, corner) at once. */
  setLayout(layout: RibbonLayout): void;
  /** Expands the ribbon and moves the keyboard focus into it (the keyboard command). */
  reveal(): void;
  view(): RibbonView;
  /** The page-supplied strings shown, each as isolated (<bdi>). */
  isolated(): string[];
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

export interface RibbonOptions {
  shadowMode?: ShadowRootMode;
  layout?: RibbonLayout;
  /** Start expanded (the keyboard command brought a dismissed ribbon back). */
  expanded?: boolean;
  /** Called after each change of how the ribbon is shown (pill or card, after a resize too). */
  rendered?: () => void;
}

/**
 * Builds the ribbon for a result and appends it to the document element.
 * Returns null, and adds nothing, for verdicts the ribbon does not speak up for (related, unrelated).
 */
export function createRibbon(doc: Document, result: CheckResult, handlers: RibbonHandlers, opts: RibbonOptions = {}): Ribbon | null {
  const said = verdictPieces(result);
  const original = result.original;
  if (!said || !original || !isRibbonVerdict(result.verdict)) return null;

  const host = doc.createElement(randomHostName());
  const root = host.attachShadow({ mode: opts.shadowMode ?? 'closed' });
  // One style sheet: the host's box for the current layout, then the content's styles.
  const style = doc.createElement('style');
  let layout = opts.layout ?? DEFAULT_LAYOUT;
  let expanded = opts.expanded ?? false;
  // The corner follows the page's direction (mirrored on a right-to-left page); the words follow
  // the interface language, and an English ribbon on a right-to-left page takes the page's side.
  const dir = pageDirection(doc);
  const ui = uiLocale();
  const textDir = ui.dir === 'rtl' ? 'rtl' : dir;
  const win = doc.defaultView;
  const query = win?.matchMedia?.(COMPACT_QUERY);

  const remove = () => {
    query?.removeEventListener?.('change', render);
    host.remove();
  };
  const dismiss = () => {
    handlers.highlight(false);
    remove();
    handlers.dismissed();
  };
  const siteOff = handlers.siteOff
    ? () => {
        handlers.highlight(false);
        remove();
        handlers.siteOff?.();
      }
    : undefined;
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const legend = highlightLegend(doc, original);
  const highlight = highlightToggle(doc, status, legend, handlers);
  const outlet = outletName(original);
  const closest = result.closest && result.closest.id !== original.id ? result.closest : undefined;
  const card = el(
    doc,
    'div',
    { class: 'card', attrs: { id: 'card', tabindex: '-1' } },
    topBar(doc, result, dismiss, () => setExpanded(false, true)),
    el(
      doc,
      'div',
      { class: 'text', attrs: { part: 'text' } },
      el(doc, 'p', { class: 'headline' }, ...pieces(doc, said.headline), '.'),
      el(doc, 'p', { class: 'details' }, ...said.details.flatMap((d, i) => [i > 0 ? ' ' : '', ...pieces(doc, d)])),
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
    actions(doc, safeHref(original.url), highlight.button, { ...handlers, siteOff }),
    status,
    legend,
  );
  const pill = pillButton(doc, result, outlet, () => setExpanded(true, true));
  const box = el(
    doc,
    'div',
    { class: `ribbon v-${result.verdict}`, attrs: { role: 'region', 'aria-label': t('ribbon_region'), dir: textDir, lang: ui.lang } },
    pill,
    card,
  );
  // Escape anywhere in the ribbon dismisses it for this story, like its × button.
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') dismiss();
  });

  function compact(): boolean {
    return wantsCompact(layout.mode, win);
  }
  function render(): void {
    const asPill = compact() && !expanded;
    box.classList.toggle('compact', compact());
    box.classList.toggle('expanded', !asPill);
    pill.setAttribute('aria-expanded', String(!asPill));
    style.textContent = hostCss(layout.position, dir, asPill) + RIBBON_CSS;
    opts.rendered?.();
  }
  function setExpanded(on: boolean, moveFocus: boolean): void {
    expanded = on;
    render();
    if (moveFocus) (on ? card : pill).focus();
  }

  render();
  query?.addEventListener?.('change', render);
  mount(doc, host, root, style, box);
  const text = [verdictText(result), listedSentence(original.listed)].filter(Boolean).join(' ');
  return {
    host,
    root,
    text,
    setHighlighted: highlight.setHighlighted,
    setLayout(next) {
      layout = next;
      render();
    },
    reveal: () => setExpanded(true, true),
    view: () => ({ dir, textDir, pill: compact() && !expanded }),
    isolated: () => [...box.querySelectorAll('bdi')].map((b) => b.textContent ?? ''),
    remove,
  };
}

/** The compact ribbon: the verdict, the share of this page, and the original's outlet; expands on click or Enter. */
function pillButton(doc: Document, result: CheckResult, outlet: string, expand: () => void): HTMLElement {
  const share = result.original ? percent(result.original.containment) : '';
  return el(
    doc,
    'button',
    { class: 'pill', attrs: { type: 'button', 'aria-controls': 'card', 'aria-expanded': 'false', title: t('ribbon_pill_title') }, on: { click: expand } },
    el(doc, 'span', { class: 'badge', text: verdictLabel(result.verdict) }),
    el(doc, 'span', { class: 'pill-share', text: share }),
    el(doc, 'span', { class: 'pill-from' }, ...tNodes('ribbon_pill_from', el(doc, 'bdi', { text: outlet }))),
  );
}

/** The verdict's badge, the brand, the button that folds the ribbon back to its pill (compact mode), and the × that dismisses it for this story. */
function topBar(doc: Document, result: CheckResult, dismiss: () => void, collapse: () => void): HTMLElement {
  return el(
    doc,
    'div',
    { class: 'top' },
    el(doc, 'span', { class: 'badge', text: verdictLabel(result.verdict) }),
    el(doc, 'span', { class: 'brand', text: 'Firsthand' }),
    el(doc, 'span', { class: 'spacer' }),
    el(doc, 'button', {
      class: 'icon collapse',
      text: '–',
      attrs: { type: 'button', 'aria-label': t('ribbon_fold'), title: t('ribbon_fold') },
      on: { click: collapse },
    }),
    el(doc, 'button', {
      class: 'icon close',
      text: '×',
      attrs: { type: 'button', 'aria-label': t('ribbon_dismiss'), title: t('ribbon_dismiss_title') },
      on: { click: dismiss },
    }),
  );
}

/** Fills the shadow root and puts the host on the page, above the page's own layers. */
function mount(doc: Document, host: HTMLElement, root: ShadowRoot, style: HTMLStyleElement, box: HTMLElement): void {
  clear(root);
  root.append(style, box);
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
