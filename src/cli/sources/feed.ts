// RSS 2.0 (and RSS 1.0) and Atom feeds, read as a stream: each item or entry with a link and a
// body becomes a document as soon as its closing tag is read.
import { fileChunks } from './bytes.ts';
import { httpUrl, mb } from './html.ts';
import { XmlError, XmlTokenizer, type XmlEvent } from './xml.ts';
import { MAX_DOC_BYTES, SourceError, type ReadContext, type SourceDoc } from './types.ts';

interface XNode {
  name: string;
  attrs: Map<string, string>;
  children: (XNode | string)[];
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const prefix = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');

function textOf(node: XNode): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;');

/** Markup of an Atom xhtml content's children (the wrapping <div> dropped), prefixes removed. */
function markupOf(nodes: (XNode | string)[]): string {
  return nodes
    .map((c) => {
      if (typeof c === 'string') return escText(c);
      const attrs = [...c.attrs].filter(([k]) => !k.startsWith('xmlns')).map(([k, v]) => ` ${local(k)}="${escAttr(v)}"`);
      return `<${local(c.name)}${attrs.join('')}>${markupOf(c.children)}</${local(c.name)}>`;
    })
    .join('');
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, ' ');
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function isoDate(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const t = Date.parse(value.trim());
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** The XML encoding named in the declaration at the start of the file, or UTF-8. */
function xmlEncoding(first: Uint8Array): string {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  const head = new TextDecoder('latin1').decode(first.subarray(0, 200));
  const label = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
  if (label) {
    try {
      return new TextDecoder(label).encoding;
    } catch {
      // Unknown encoding: read as UTF-8.
    }
  }
  return 'utf-8';
}

export async function* readFeed(file: string, ctx: ReadContext): AsyncGenerator<SourceDoc> {
  const tok = new XmlTokenizer();
  let decoder: TextDecoder | undefined;
  let kind: 'rss' | 'atom' | undefined;
  let rootPrefix = '';
  let base: string | undefined;
  let outlet: string | undefined;
  const path: string[] = [];
  // The item being collected: its tree, size so far and where it started.
  let item: { stack: XNode[]; size: number; line: number; index: number } | undefined;
  let items = 0;
  // Channel-level text being collected (title, link).
  let channelText: { field: 'title' | 'link'; text: string } | undefined;
  const pending: SourceDoc[] = [];

  const onEvent = (ev: XmlEvent): void => {
    if (ev.kind === 'open') {
      if (!kind) {
        const root = local(ev.name);
        if (root === 'rss' || root === 'RDF') kind = 'rss';
        else if (root === 'feed') kind = 'atom';
        else throw new XmlError(`root element <${ev.name}>, expected <rss> (RSS) or <feed> (Atom)`, ev.line);
        rootPrefix = prefix(ev.name);
        base = httpUrl(ev.attrs.get('xml:base'));
      }
      path.push(ev.name);
      if (item) {
        item.size += ev.name.length + 2;
        if (item.size <= MAX_DOC_BYTES) {
          const node: XNode = { name: ev.name, attrs: ev.attrs, children: [] };
          item.stack[item.stack.length - 1].children.push(node);
          item.stack.push(node);
        } else {
          item.stack.push({ name: ev.name, attrs: ev.attrs, children: [] });
        }
        return;
      }
      const name = kind === 'rss' ? ev.name : prefix(ev.name) === rootPrefix ? local(ev.name) : ev.name;
      const parent = path[path.length - 2];
      const parentName = parent && (kind === 'rss' ? parent : local(parent));
      if ((kind === 'rss' && name === 'item') || (kind === 'atom' && name === 'entry' && path.length === 2)) {
        item = { stack: [{ name: ev.name, attrs: ev.attrs, children: [] }], size: 0, line: ev.line, index: ++items };
      } else if (name === 'title' && (parentName === 'channel' || (kind === 'atom' && path.length === 2))) {
        channelText = { field: 'title', text: '' };
      } else if (kind === 'rss' && name === 'link' && parentName === 'channel') {
        channelText = { field: 'link', text: '' };
      } else if (kind === 'atom' && name === 'link' && path.length === 2 && (ev.attrs.get('rel') ?? 'alternate') === 'alternate') {
        base ??= httpUrl(ev.attrs.get('href'));
      }
      return;
    }
    if (ev.kind === 'text') {
      if (item) {
        item.size += ev.text.length;
        if (item.size <= MAX_DOC_BYTES) item.stack[item.stack.length - 1].children.push(ev.text);
      } else if (channelText) {
        channelText.text += ev.text;
      }
      return;
    }
    path.pop();
    if (item) {
      const node = item.stack.pop()!;
      if (item.stack.length > 0) return;
      const from = `${file} item ${item.index} (line ${item.line})`;
      if (item.size > MAX_DOC_BYTES) ctx.warn(from, `skipped: item over the ${mb(MAX_DOC_BYTES)} limit`);
      else {
        const doc = kind === 'rss' ? rssDoc(node, from, outlet, base, ctx) : atomDoc(node, from, outlet, base, rootPrefix, ctx);
        if (doc) pending.push(doc);
      }
      item = undefined;
      return;
    }
    if (channelText) {
      if (channelText.field === 'title') outlet ??= oneLine(channelText.text) || undefined;
      else base ??= httpUrl(channelText.text.trim());
      channelText = undefined;
    }
  };

  try {
    for await (const chunk of fileChunks(file, ctx)) {
      decoder ??= new TextDecoder(xmlEncoding(chunk));
      let text = decoder.decode(chunk, { stream: true });
      if (text.charCodeAt(0) === 0xfeff && !kind && path.length === 0) text = text.slice(1);
      for (const ev of tok.push(text)) onEvent(ev);
      yield* pending.splice(0);
    }
    for (const ev of tok.push(decoder?.decode() ?? '')) onEvent(ev);
    for (const ev of tok.end()) onEvent(ev);
    yield* pending.splice(0);
  } catch (e) {
    if (e instanceof XmlError) throw new SourceError(`malformed XML: ${e.message}`, file, e.line);
    throw e;
  }
}

function child(node: XNode, match: (n: XNode) => boolean): XNode | undefined {
  return node.children.find((c): c is XNode => typeof c !== 'string' && match(c));
}

function rssDoc(item: XNode, from: string, outlet: string | undefined, base: string | undefined, ctx: ReadContext): SourceDoc | undefined {
  const plain = (name: string) => child(item, (c) => c.name === name);
  const ext = (name: string) => child(item, (c) => prefix(c.name) !== '' && local(c.name) === name);
  const guid = plain('guid');
  const link =
    httpUrl(textOf(plain('link') ?? { name: '', attrs: new Map(), children: [] }).trim(), base) ??
    (guid && guid.attrs.get('isPermaLink') !== 'false' ? httpUrl(textOf(guid).trim(), base) : undefined);
  if (!link) {
    ctx.warn(from, 'skipped: no http(s) link');
    return undefined;
  }
  const body = ext('encoded') ?? plain('description');
  const html = body ? textOf(body).trim() : '';
  if (!html) {
    ctx.warn(from, 'skipped: no content:encoded or description');
    return undefined;
  }
  const doc: SourceDoc = { url: link, html, from };
  const title = plain('title');
  if (title) doc.title = oneLine(stripTags(textOf(title))) || undefined;
  if (outlet) doc.outlet = outlet;
  const published = isoDate(textOf(plain('pubDate') ?? ext('date') ?? { name: '', attrs: new Map(), children: [] }));
  if (published) doc.published = published;
  return clean(doc);
}

function atomDoc(
  entry: XNode,
  from: string,
  outlet: string | undefined,
  base: string | undefined,
  rootPrefix: string,
  ctx: ReadContext,
): SourceDoc | undefined {
  const el = (name: string) => child(entry, (c) => prefix(c.name) === rootPrefix && local(c.name) === name);
  const links = entry.children.filter((c): c is XNode => typeof c !== 'string' && prefix(c.name) === rootPrefix && local(c.name) === 'link');
  const alternate = links.find((l) => (l.attrs.get('rel') ?? 'alternate') === 'alternate') ?? links[0];
  const entryBase = httpUrl(entry.attrs.get('xml:base'), base) ?? base;
  const link = httpUrl(alternate?.attrs.get('href'), entryBase) ?? httpUrl(el('id') && textOf(el('id')!).trim());
  if (!link) {
    ctx.warn(from, 'skipped: no http(s) link');
    return undefined;
  }
  const body = el('content') ?? el('summary');
  if (!body || body.attrs.has('src')) {
    ctx.warn(from, 'skipped: no content or summary');
    return undefined;
  }
  const type = body.attrs.get('type') ?? 'text';
  const doc: SourceDoc = { url: link, from };
  if (type === 'xhtml') doc.html = markupOf(unwrapDiv(body.children)).trim();
  else if (type === 'html' || /html/.test(type)) doc.html = textOf(body).trim();
  else doc.text = textOf(body).trim();
  if (!doc.html && !doc.text) {
    ctx.warn(from, 'skipped: empty content');
    return undefined;
  }
  const title = el('title');
  if (title) doc.title = oneLine(title.attrs.get('type') === 'text' || !title.attrs.has('type') ? textOf(title) : stripTags(textOf(title))) || undefined;
  if (outlet) doc.outlet = outlet;
  const published = isoDate(textOf(el('published') ?? el('updated') ?? { name: '', attrs: new Map(), children: [] }));
  if (published) doc.published = published;
  return clean(doc);
}

/** Atom xhtml content sits in one <div>: its children are the body. */
function unwrapDiv(children: (XNode | string)[]): (XNode | string)[] {
  const elements = children.filter((c): c is XNode => typeof c !== 'string');
  const onlyDiv = elements.length === 1 && local(elements[0].name) === 'div' && children.every((c) => typeof c !== 'string' || !c.trim());
  return onlyDiv ? elements[0].children : children;
}

function clean(doc: SourceDoc): SourceDoc {
  for (const k of Object.keys(doc) as (keyof SourceDoc)[]) if (doc[k] === undefined) delete doc[k];
  return doc;
}
