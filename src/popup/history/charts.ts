// The history's per-outlet figures: ranked SVG bars, each chart with a table that says the same
// for screen readers (the bars themselves are hidden from them).
import type { Child } from '../../ui/dom.ts';
import { el } from '../../ui/dom.ts';
import { t, tNodes } from '../../ui/i18n.ts';
import { barSvg, type BarPart } from '../../ui/svg.ts';
import type { CreditFigure, TakenPair } from './model.ts';

/** Bars drawn at most per chart (the table lists them all). */
export const MAX_BARS = 12;

interface Bar {
  label: Child[];
  parts: BarPart[];
  value: string;
}

const name = (doc: Document, s: string) => el(doc, 'bdi', { text: s });

function bars(doc: Document, rows: readonly Bar[], max: number): HTMLElement {
  return el(
    doc,
    'div',
    { class: 'bars', attrs: { 'aria-hidden': 'true' } },
    ...rows
      .slice(0, MAX_BARS)
      .flatMap((r) => [el(doc, 'span', { class: 'bar-label' }, ...r.label), barSvg(doc, r.parts, max), el(doc, 'span', { class: 'bar-value', text: r.value })]),
  );
}

/** The chart's table, for screen readers, in a clipped box (a table itself ignores the clipping). */
function table(doc: Document, caption: string, head: readonly string[], rows: readonly Child[][]): HTMLElement {
  const body = rows.map(([first, ...rest]) => el(doc, 'tr', {}, el(doc, 'th', { attrs: { scope: 'row' } }, first), ...rest.map((c) => el(doc, 'td', {}, c))));
  const tbl = el(
    doc,
    'table',
    {},
    el(doc, 'caption', { text: caption }),
    el(doc, 'thead', {}, el(doc, 'tr', {}, ...head.map((h) => el(doc, 'th', { text: h, attrs: { scope: 'col' } })))),
    el(doc, 'tbody', {}, ...body),
  );
  return el(doc, 'div', { class: 'visually-hidden' }, tbl);
}

/** "Outlet A took from outlet B N times", most often first. */
export function takenChart(doc: Document, pairs: readonly TakenPair[]): HTMLElement {
  const max = Math.max(0, ...pairs.map((p) => p.count));
  const rows = pairs.map((p) => ({
    label: tNodes('history_takenFrom', name(doc, p.taker), name(doc, p.source)),
    parts: [{ value: p.count, cls: 'part-taken' }],
    value: String(p.count),
  }));
  return el(
    doc,
    'div',
    { class: 'chart' },
    bars(doc, rows, max),
    table(
      doc,
      t('history_whoCaption'),
      [t('history_colOutlet'), t('history_colTookFrom'), t('history_colPages')],
      pairs.map((p) => [name(doc, p.taker), name(doc, p.source), String(p.count)]),
    ),
  );
}

/** For each outlet, its pages that credit their original and those that do not, stacked. */
export function creditChart(doc: Document, figures: readonly CreditFigure[]): HTMLElement {
  const max = Math.max(0, ...figures.map((f) => f.credited + f.uncredited));
  const rows = figures.map((f) => ({
    label: [name(doc, f.outlet)],
    parts: [
      { value: f.credited, cls: 'part-credited' },
      { value: f.uncredited, cls: 'part-uncredited' },
    ],
    value: `${f.credited} / ${f.uncredited}`,
  }));
  const legend = el(
    doc,
    'p',
    { class: 'legend', attrs: { 'aria-hidden': 'true' } },
    el(doc, 'span', { class: 'key credited' }),
    t('history_legendCredited'),
    el(doc, 'span', { class: 'key uncredited' }),
    t('history_legendUncredited'),
  );
  return el(
    doc,
    'div',
    { class: 'chart' },
    legend,
    bars(doc, rows, max),
    table(
      doc,
      t('history_creditCaption'),
      [t('history_colOutlet'), t('history_credited'), t('history_notCredited')],
      figures.map((f) => [name(doc, f.outlet), String(f.credited), String(f.uncredited)]),
    ),
  );
}
