// Highlights copied passages in the live page without touching its DOM: the passages'
// text is searched in the page's text nodes and painted with the CSS Custom Highlight API.
// Only where that API is missing are the passages wrapped in <mark> elements. Near matches (the
// same content words, other wording) are painted apart from word-for-word copy.
import { t } from '../ui/i18n.ts';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'svg']);
export const HIGHLIGHT_NAME = 'firsthand-copied';
export const NEAR_HIGHLIGHT_NAME = 'firsthand-near';
const LITERAL_STYLE = 'background-color: rgba(255, 190, 0, 0.45); color: inherit;';
const NEAR_STYLE =
  'background-color: rgba(255, 190, 0, 0.16); color: inherit; text-decoration: underline dashed rgb(196, 118, 0); text-decoration-thickness: 2px;';

/** A passage's text on the page, and the stretches of it that are near matches ([start, end) offsets into `text`). */
export interface PagePassage {
  text: string;
  near?: readonly (readonly [number, number])[];
}
const MIN_CHARS = 16;

/** The page's text with all whitespace removed, and where each of its characters lives. */
interface TextMap {
  text: string;
  nodes: Text[];
  /** For character i of `text`: index into `nodes`, and offset in that node. */
  nodeOf: Uint32Array;
  offsetOf: Uint32Array;
}

function buildTextMap(root: Node): TextMap {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  const chars: string[] = [];
  const nodeIdx: number[] = [];
  const offsets: number[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || SKIP.has(parent.tagName) || parent.closest('script,style,noscript,template,textarea')) continue;
    const data = (n as Text).data;
    const k = nodes.length;
    let any = false;
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (/\s/.test(c)) continue;
      chars.push(c);
      nodeIdx.push(k);
      offsets.push(i);
      any = true;
    }
    if (any) nodes.push(n as Text);
  }
  return { text: chars.join(''), nodes, nodeOf: Uint32Array.from(nodeIdx), offsetOf: Uint32Array.from(offsets) };
}

const strip = (s: string) => s.replace(/\s+/g, '');

/** Pieces to try when a whole passage is not found as one run (it may cross a caption or an ad). */
function pieces(passage: string): string[] {
  return passage
    .split(/(?<=[.!?…"”])\s+|\n+/)
    .map(strip)
    .filter((p) => p.length >= MIN_CHARS * 2);
}

/** Offsets into a text turned into offsets into the text without its whitespace. */
function strippedOffsets(text: string): Uint32Array {
  const at = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) at[i + 1] = at[i] + (/\s/.test(text[i]) ? 0 : 1);
  return at;
}

type Span = [number, number];

/** Located runs and the near stretches inside them, as [start, end) offsets into the page's text map. */
function locate(map: TextMap, passages: readonly (string | PagePassage)[]): { runs: Span[]; near: Span[] } {
  const runs: Span[] = [];
  const near: Span[] = [];
  let cursor = 0;
  for (const item of passages) {
    const p = typeof item === 'string' ? { text: item } : item;
    const whole = strip(p.text);
    const at = p.near?.length ? strippedOffsets(p.text) : undefined;
    const gaps = (p.near ?? []).map(([a, b]): Span => [at![Math.max(0, Math.min(a, p.text.length))], at![Math.max(0, Math.min(b, p.text.length))]]);
    // `needle` starts at `from` in the passage's stripped text.
    const find = (needle: string, from: number): boolean => {
      if (needle.length < MIN_CHARS) return false;
      let pos = map.text.indexOf(needle, cursor);
      if (pos < 0) pos = map.text.indexOf(needle);
      if (pos < 0) return false;
      runs.push([pos, pos + needle.length]);
      for (const [a, b] of gaps) {
        const s = Math.max(a, from);
        const e = Math.min(b, from + needle.length);
        if (e > s) near.push([pos + s - from, pos + e - from]);
      }
      cursor = pos + needle.length;
      return true;
    };
    if (find(whole, 0)) continue;
    let from = 0;
    for (const piece of pieces(p.text)) {
      const off = whole.indexOf(piece, from);
      if (off >= 0) from = off + piece.length;
      find(piece, Math.max(off, 0));
    }
  }
  return { runs: runs.sort((a, b) => a[0] - b[0]), near: near.sort((a, b) => a[0] - b[0]) };
}

/** The runs with the near stretches cut out. */
function without(runs: Span[], near: Span[]): Span[] {
  const out: Span[] = [];
  for (const [start, end] of runs) {
    let at = start;
    for (const [a, b] of near) {
      if (b <= at || a >= end) continue;
      if (a > at) out.push([at, a]);
      at = Math.max(at, b);
    }
    if (at < end) out.push([at, end]);
  }
  return out;
}

function toRanges(doc: Document, map: TextMap, spans: Span[]): Range[] {
  return spans.map(([start, end]) => {
    const range = doc.createRange();
    range.setStart(map.nodes[map.nodeOf[start]], map.offsetOf[start]);
    range.setEnd(map.nodes[map.nodeOf[end - 1]], map.offsetOf[end - 1] + 1);
    return range;
  });
}

/**
 * Finds each passage's text in the page and returns one Range per located run, in page order.
 * Whitespace is ignored on both sides, because the extracted text and the live page lay it out differently.
 */
export function locatePassages(root: Node, passages: readonly (string | PagePassage)[]): Range[] {
  const map = buildTextMap(root);
  return toRanges(root.ownerDocument ?? (root as Document), map, locate(map, passages).runs);
}

/** The located passages split by kind: word-for-word copy, and near matches. */
export function locateByKind(root: Node, passages: readonly (string | PagePassage)[]): { literal: Range[]; near: Range[]; runs: number } {
  const doc = root.ownerDocument ?? (root as Document);
  const map = buildTextMap(root);
  const { runs, near } = locate(map, passages);
  return { literal: toRanges(doc, map, without(runs, near)), near: toRanges(doc, map, near), runs: runs.length };
}

interface HighlightApi {
  highlights: { set(name: string, h: unknown): void; delete(name: string): boolean };
}
type HighlightCtor = new (...ranges: Range[]) => unknown;

/** Paints and unpaints located passages in one document. */
export class PageHighlighter {
  private marks: HTMLElement[] = [];
  private sheet: CSSStyleSheet | HTMLStyleElement | null = null;
  active = false;
  /** Ranges painted by the last show(): word for word, and near (reworded). */
  painted = { literal: 0, near: 0 };

  constructor(private readonly doc: Document) {}

  /** Highlights the passages, near stretches apart; returns how many runs were found on the page. */
  show(passages: readonly (string | PagePassage)[]): number {
    this.hide();
    const body = this.doc.body ?? this.doc.documentElement;
    const { literal, near, runs } = locateByKind(body, passages);
    if (runs === 0) return 0;
    this.painted = { literal: literal.length, near: near.length };
    const win = this.doc.defaultView as (Window & { CSS?: Partial<HighlightApi>; Highlight?: HighlightCtor }) | null;
    const api = win?.CSS?.highlights;
    if (api && win?.Highlight) {
      this.ensureStyle();
      if (literal.length) api.set(HIGHLIGHT_NAME, new win.Highlight(...literal));
      if (near.length) api.set(NEAR_HIGHLIGHT_NAME, new win.Highlight(...near));
    } else {
      this.wrapInMarks([...literal.map((r) => ({ range: r, near: false })), ...near.map((r) => ({ range: r, near: true }))]);
    }
    this.active = true;
    const first = [...literal, ...near].sort((a, b) => a.compareBoundaryPoints(0 /* Range.START_TO_START */, b))[0];
    scrollToRange(first);
    return runs;
  }

  hide(): void {
    const win = this.doc.defaultView as (Window & { CSS?: Partial<HighlightApi> }) | null;
    win?.CSS?.highlights?.delete(HIGHLIGHT_NAME);
    win?.CSS?.highlights?.delete(NEAR_HIGHLIGHT_NAME);
    for (const mark of this.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    }
    this.marks = [];
    this.active = false;
    this.painted = { literal: 0, near: 0 };
  }

  /** The ::highlight() rule must live in the page's own style scope; a constructed sheet adds no node. */
  private ensureStyle(): void {
    if (this.sheet) return;
    const css = `::highlight(${HIGHLIGHT_NAME}) { ${LITERAL_STYLE} }\n::highlight(${NEAR_HIGHLIGHT_NAME}) { ${NEAR_STYLE} }`;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, sheet];
      this.sheet = sheet;
    } catch {
      // Some engines refuse sheets built in an extension's isolated world: fall back to a <style> element.
      const style = this.doc.createElement('style');
      style.textContent = css;
      (this.doc.head ?? this.doc.documentElement).appendChild(style);
      this.sheet = style;
    }
  }

  private wrapInMarks(ranges: { range: Range; near: boolean }[]): void {
    // Wrap from the last range backwards so that splitting text nodes keeps earlier offsets valid.
    const ordered = [...ranges].sort((a, b) => a.range.compareBoundaryPoints(0 /* Range.START_TO_START */, b.range));
    for (const { range, near } of ordered.reverse()) {
      for (const [node, start, end] of textSlices(range).reverse()) {
        const target = end < node.length ? (node.splitText(end), node) : node;
        const piece = start > 0 ? target.splitText(start) : target;
        const mark = this.doc.createElement('mark');
        mark.setAttribute('data-firsthand', near ? 'near' : '');
        // Named for assistive technology as the ribbon's legend names the two styles.
        mark.title = t(near ? 'ribbon_mark_near' : 'ribbon_mark_literal');
        mark.style.cssText = near ? NEAR_STYLE : LITERAL_STYLE;
        piece.parentNode!.insertBefore(mark, piece);
        mark.appendChild(piece);
        this.marks.push(mark);
      }
    }
  }
}

/** The text nodes a range covers, each with the [start, end) part inside the range. */
function textSlices(range: Range): [Text, number, number][] {
  const doc = range.startContainer.ownerDocument!;
  const out: [Text, number, number][] = [];
  const walker = doc.createTreeWalker(range.commonAncestorContainer, 4);
  let node: Node | null = range.commonAncestorContainer.nodeType === 3 ? range.commonAncestorContainer : walker.nextNode();
  for (; node; node = walker.nextNode()) {
    const text = node as Text;
    if (!range.intersectsNode(text)) continue;
    const start = text === range.startContainer ? range.startOffset : 0;
    const end = text === range.endContainer ? range.endOffset : text.length;
    if (end > start) out.push([text, start, end]);
    if (text === range.endContainer) break;
  }
  return out;
}

function scrollToRange(range: Range): void {
  const target = range.startContainer.parentElement;
  if (target && typeof target.scrollIntoView === 'function') {
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}
