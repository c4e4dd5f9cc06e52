// The parts of the ribbon's card: the highlight toggle, the bars, the closest match, the credit,
// the highlight legend and the action buttons. Page- and pack-supplied strings go in as text, and
// each one inside its own <bdi> (pieces()), so a right-to-left name or one carrying bidirectional
// controls cannot reorder the words around it.
import type { MatchSummary } from '../index/types.ts';
import { outletName, pageShares, percent, type Piece } from '../ui/format.ts';
import { el, shareBar } from '../ui/dom.ts';
import { listedLine } from '../ui/listed.ts';
import { pluralKey, t, tNodes } from '../ui/i18n.ts';
import type { RibbonHandlers } from './ribbon.ts';

/** Sentence pieces as nodes: our words as text, page-supplied strings in their own <bdi>. */
export function pieces(doc: Document, parts: readonly Piece[]): (Node | string)[] {
  return parts.map((p) => (typeof p === 'string' ? p : el(doc, 'bdi', { text: p.page })));
}

/** The highlight button: pressed while copied runs are marked; the status line says how many were found. */
export function highlightToggle(
  doc: Document,
  status: HTMLElement,
  legend: HTMLElement | null,
  handlers: RibbonHandlers,
): { button: HTMLElement; setHighlighted(on: boolean, found: number): void } {
  const button = el(doc, 'button', {
    class: 'btn',
    text: t('ribbon_highlight'),
    attrs: { type: 'button', 'aria-pressed': 'false' },
  });
  const setHighlighted = (on: boolean, found: number) => {
    button.setAttribute('aria-pressed', String(on && found > 0));
    status.textContent = on && found === 0 ? t('ribbon_not_found') : on ? t(pluralKey('ribbon_highlighted', found), found) : '';
    if (legend) legend.hidden = !(on && found > 0);
  };
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    setHighlighted(on, handlers.highlight(on));
  });
  return { button, setHighlighted };
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
export function meters(doc: Document, original: MatchSummary, outlet: string): HTMLElement {
  return meterRows(doc, 'meters', [
    { label: t('ribbon_this_page'), share: original.containment, name: t('ribbon_share_page', outlet) },
    { label: t('ribbon_the_original'), share: original.coverage, name: t('ribbon_share_carried', outlet), bar: 'bar original' },
  ]);
}

/** The closest match when it is not the original: "Closest match: X — 97% of this page", with its bars. */
export function closestRow(doc: Document, m: MatchSummary): HTMLElement {
  const outlet = outletName(m);
  const { ofPage, ofOther } = pageShares(m);
  return el(
    doc,
    'div',
    { class: 'closest', attrs: { role: 'group', 'aria-label': t('ribbon_closest') } },
    // closestLine's words, with the outlet isolated.
    el(doc, 'p', { class: 'closest-line' }, ...tNodes('ui_closest_line', el(doc, 'bdi', { text: outlet }), percent(ofPage))),
    listedLine(doc, m.listed),
    meterRows(doc, 'meters small', [
      { label: t('ribbon_this_page'), share: ofPage, name: t('ribbon_share_page', outlet) },
      { label: t('ribbon_theirs'), share: ofOther, name: t('ribbon_share_carried', outlet), bar: 'bar original' },
    ]),
  );
}

/**
 * What the highlights' two styles mean, shown while they are on: solid for word-for-word
 * passages, dashed for reworded ones. Only when the worker told the passages apart (it had the
 * original's text); otherwise every passage is painted one way and needs no legend.
 */
export function highlightLegend(doc: Document, original: MatchSummary): HTMLElement | null {
  const told = original.passages.filter((p) => p.candidateChars && p.kind);
  if (told.length === 0) return null;
  const near = told.filter((p) => p.kind === 'near').length;
  const literal = told.length - near;
  const item = (cls: string, label: string) =>
    el(doc, 'li', { class: 'legend-item' }, el(doc, 'span', { class: `swatch ${cls}`, text: t('ribbon_swatch'), attrs: { 'aria-hidden': 'true' } }), label);
  const legend = el(
    doc,
    'ul',
    { class: 'legend', attrs: { 'aria-label': t('ribbon_legend') } },
    item('literal', t('ribbon_legend_literal', literal)),
    item('near', t('ribbon_legend_near', near)),
  );
  legend.hidden = true;
  return legend;
}

export function creditChip(doc: Document, credited: boolean, outlet: string): HTMLElement {
  const name = el(doc, 'bdi', { text: outlet });
  return credited
    ? el(doc, 'span', { class: 'chip credited' }, ...tNodes('ui_credits_chip', name))
    : el(doc, 'span', { class: 'chip uncredited' }, ...tNodes('ui_no_credit_chip', name));
}

/** Open the original (only when its URL is a web URL), highlight, compare, and turn Firsthand off for this site. */
export function actions(doc: Document, href: string | null, highlightButton: HTMLElement, handlers: RibbonHandlers): HTMLElement {
  return el(
    doc,
    'div',
    { class: 'actions' },
    href && el(doc, 'a', { class: 'btn', text: t('ribbon_open_original'), attrs: { href, target: '_blank', rel: 'noreferrer noopener' } }),
    highlightButton,
    el(doc, 'button', { class: 'btn', text: t('ui_compare_side'), attrs: { type: 'button' }, on: { click: () => handlers.compare() } }),
    handlers.siteOff &&
      el(doc, 'button', {
        class: 'btn quiet',
        text: t('ribbon_site_off'),
        attrs: { type: 'button', title: t('ribbon_site_off_title') },
        on: { click: () => handlers.siteOff?.() },
      }),
  );
}
