// Inline SVG for the pages' charts, built with createElementNS: no chart library, no markup from
// data. Text reaches a chart only as text nodes.

export const SVG_NS = 'http://www.w3.org/2000/svg';

type SvgTag = keyof SVGElementTagNameMap;

/** An SVG element with attributes and children; strings become text nodes. */
export function svg<K extends SvgTag>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, String(value));
  for (const child of children) node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  return node;
}

/** One segment of a bar: its value and the class that colours it. */
export interface BarPart {
  value: number;
  cls: string;
}

/**
 * A horizontal bar of stacked parts, as wide as their sum against `max`: an SVG a hundred units
 * wide that stretches to its box. Decorative (aria-hidden): the chart's table says the same.
 */
export function barSvg(doc: Document, parts: readonly BarPart[], max: number): SVGSVGElement {
  const root = svg(doc, 'svg', { class: 'bar-svg', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
  let x = 0;
  for (const p of parts) {
    const w = max > 0 ? (Math.max(0, p.value) / max) * 100 : 0;
    if (w <= 0) continue;
    root.append(svg(doc, 'rect', { x: x.toFixed(2), y: 0, width: w.toFixed(2), height: 10, class: p.cls }));
    x += w;
  }
  return root;
}
