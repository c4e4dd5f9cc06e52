// Highlights copied passages in the live page without touching its DOM: the passages'
// text is searched in the page's text nodes and painted with the CSS Custom Highlight API.
// Only where that API is missing are the passages wrapped in <mark> elements.

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'svg']);
export const HIGHLIGHT_NAME = 'firsthand-copied';
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

/**
 * Finds each passage's text in the page and returns one Range per located run, in page order.
 * Whitespace is ignored on both sides, because the extracted text and the live page lay it out differently.
 */
export function locatePassages(root: Node, passages: readonly string[]): Range[] {
  const map = buildTextMap(root);
  const doc = root.ownerDocument ?? (root as Document);
  const found: [number, number][] = [];
  let cursor = 0;
  const find = (needle: string): boolean => {
    if (needle.length < MIN_CHARS) return false;
    let at = map.text.indexOf(needle, cursor);
    if (at < 0) at = map.text.indexOf(needle);
    if (at < 0) return false;
    found.push([at, at + needle.length]);
    cursor = at + needle.length;
    return true;
  };
  for (const passage of passages) {
    if (!find(strip(passage))) for (const piece of pieces(passage)) find(piece);
  }
  found.sort((a, b) => a[0] - b[0]);
  const ranges: Range[] = [];
  for (const [start, end] of found) {
    const range = doc.createRange();
    range.setStart(map.nodes[map.nodeOf[start]], map.offsetOf[start]);
    range.setEnd(map.nodes[map.nodeOf[end - 1]], map.offsetOf[end - 1] + 1);
    ranges.push(range);
  }
  return ranges;
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

  constructor(private readonly doc: Document) {}

  /** Highlights the passages; returns how many runs were found on the page. */
  show(passages: readonly string[]): number {
    this.hide();
    const body = this.doc.body ?? this.doc.documentElement;
    const ranges = locatePassages(body, passages);
    if (ranges.length === 0) return 0;
    const win = this.doc.defaultView as (Window & { CSS?: Partial<HighlightApi>; Highlight?: HighlightCtor }) | null;
    const api = win?.CSS?.highlights;
    if (api && win?.Highlight) {
      this.ensureStyle();
      api.set(HIGHLIGHT_NAME, new win.Highlight(...ranges));
    } else {
      this.wrapInMarks(ranges);
    }
    this.active = true;
    scrollToRange(ranges[0]);
    return ranges.length;
  }

  hide(): void {
    const win = this.doc.defaultView as (Window & { CSS?: Partial<HighlightApi> }) | null;
    win?.CSS?.highlights?.delete(HIGHLIGHT_NAME);
    for (const mark of this.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    }
    this.marks = [];
    this.active = false;
  }

  /** The ::highlight() rule must live in the page's own style scope; a constructed sheet adds no node. */
  private ensureStyle(): void {
    if (this.sheet) return;
    const css = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(255, 190, 0, 0.45); color: inherit; }`;
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

  private wrapInMarks(ranges: Range[]): void {
    // Wrap from the last range backwards so that splitting text nodes keeps earlier offsets valid.
    for (const range of [...ranges].reverse()) {
      for (const [node, start, end] of textSlices(range).reverse()) {
        const target = end < node.length ? (node.splitText(end), node) : node;
        const piece = start > 0 ? target.splitText(start) : target;
        const mark = this.doc.createElement('mark');
        mark.setAttribute('data-firsthand', '');
        mark.style.cssText = 'background: rgba(255, 190, 0, 0.45); color: inherit;';
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
