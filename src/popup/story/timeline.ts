// The story as a timeline: one lane per article, earliest at the top, placed left to right by
// when it appeared; an arrow from each article to the one it took from, solid when it credits
// it, dashed when it does not (one arrow per article: the link the list below names it by). Drawn for the eye only (aria-hidden, its links out of the tab
// order): the list below it says the same to screen readers and keyboards.
import type { StoryView, ViewArticle } from '../../protocol/views.ts';
import { appearedAt } from './list.ts';
import { safeHref } from '../../ui/dom.ts';
import { outletName } from '../../ui/format.ts';
import { svg } from '../../ui/svg.ts';
import { mainLink, roleOf, whenText } from './words.ts';

const WIDTH = 720;
const LANE = 30;
const TOP = 16;
const LEFT = 24;
const RIGHT = 24;
const AXIS = 34;

/** x of each article: its time between the story's first and last, or the middle when they agree. */
function xScale(articles: readonly ViewArticle[]): (a: ViewArticle) => number {
  const times = articles.map(appearedAt);
  const min = Math.min(...times);
  const span = Math.max(...times) - min;
  const usable = WIDTH - LEFT - RIGHT - 200;
  return (a) => LEFT + (span > 0 ? ((appearedAt(a) - min) / span) * usable : usable / 2);
}

function label(doc: Document, a: ViewArticle, x: number, y: number, focus: boolean): SVGTextElement {
  const text = svg(doc, 'text', { x: x + 12, y: y + 4, class: focus ? 'lane-label focus' : 'lane-label' }, outletName(a));
  text.style.unicodeBidi = 'isolate';
  return text;
}

function node(doc: Document, view: StoryView, a: ViewArticle, x: number, y: number): SVGElement {
  const role = roleOf(view, a.id);
  const dot = svg(
    doc,
    'g',
    { class: `lane role-${role}` },
    svg(doc, 'circle', { cx: x, cy: y, r: role === 'original' ? 8 : 6 }),
    label(doc, a, x, y, a.id === view.focus),
  );
  const href = safeHref(a.url);
  return href ? svg(doc, 'a', { href, target: '_blank', rel: 'noreferrer', tabindex: -1 }, dot) : dot;
}

function arrows(doc: Document, view: StoryView, pos: ReadonlyMap<string, [number, number]>): SVGElement[] {
  // One arrow per article: the link it is shown by (to the story's original when it has one).
  const shown = view.articles.map((a) => mainLink(view, a.id)).filter((l) => l !== undefined);
  return shown.flatMap((l) => {
    const from = pos.get(l.from);
    const to = pos.get(l.to);
    if (!from || !to) return [];
    const bend = Math.max(14, Math.abs(from[1] - to[1]) / 3);
    const d = `M ${from[0] - 7} ${from[1]} C ${from[0] - bend} ${from[1]}, ${to[0] - bend} ${to[1]}, ${to[0] - 8} ${to[1] + 3}`;
    return [svg(doc, 'path', { d, class: `link v-${l.verdict} ${l.credited ? 'credited' : 'uncredited'}`, 'marker-end': 'url(#arrow)' })];
  });
}

function axis(doc: Document, articles: readonly ViewArticle[], y: number): SVGElement {
  const first = whenText(Math.min(...articles.map(appearedAt)));
  const last = whenText(Math.max(...articles.map(appearedAt)));
  return svg(
    doc,
    'g',
    { class: 'axis' },
    svg(doc, 'line', { x1: LEFT, y1: y, x2: WIDTH - RIGHT, y2: y }),
    svg(doc, 'text', { x: LEFT, y: y + 18 }, first),
    svg(doc, 'text', { x: WIDTH - RIGHT, y: y + 18, 'text-anchor': 'end' }, last),
  );
}

export function timeline(doc: Document, view: StoryView): SVGSVGElement {
  const x = xScale(view.articles);
  const pos = new Map(view.articles.map((a, i) => [a.id, [x(a), TOP + i * LANE] as [number, number]]));
  const height = TOP + view.articles.length * LANE + AXIS;
  const marker = svg(
    doc,
    'marker',
    { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg(doc, 'path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }),
  );
  return svg(
    doc,
    'svg',
    { class: 'timeline', viewBox: `0 0 ${WIDTH} ${height}`, 'aria-hidden': 'true', focusable: 'false' },
    svg(doc, 'defs', {}, marker),
    ...arrows(doc, view, pos),
    ...view.articles.map((a) => node(doc, view, a, ...pos.get(a.id)!)),
    axis(doc, view.articles, height - AXIS + 8),
  );
}
