// Article extraction with Readability. DOM-generic: runs on the live page in the content
// script and on a linkedom document in the CLI and in Node tests. Readability rewrites the
// tree it is given, so it only ever sees a clone of the document.
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { collapse } from '../shared/text.ts';
import { MAX_LINKS } from '../shared/limits.ts';

export interface ExtractedArticle {
  title: string;
  /** One paragraph (block) per line, so the engine can drop paragraphs a page repeats. */
  text: string;
  lang?: string;
  byline?: string;
  /** Absolute http(s) links found inside the extracted article body, in order, de-duplicated. */
  bodyLinks: { href: string; text: string }[];
}

export interface ExtractOptions {
  /** Base for relative links when the document has no usable base URL (e.g. a file in the CLI). */
  baseUrl?: string;
}

/** Below this many words the page is a teaser, a stub or a section front, not an article. */
export const MIN_ARTICLE_WORDS = 150;
const MAX_LINK_TEXT = 200;

/** Elements that start a new line of text. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA']);

const cache = new WeakMap<Document, { stamp: string; result: ExtractedArticle | null }>();

/**
 * The page's article when the page is one (Readability's quick test, then at least
 * MIN_ARTICLE_WORDS extracted words), else null: what the content script needs, with one
 * extraction and no second look-up. Non-articles stop at the quick test, before any copy of the
 * document is made.
 */
export function readArticle(doc: Document, opts: ExtractOptions = {}): ExtractedArticle | null {
  if (!doc.body || !isProbablyReaderable(doc)) return null;
  const article = extractArticle(doc, opts);
  return article !== null && hasWords(article.text, MIN_ARTICLE_WORDS) ? article : null;
}

/** Extracts the main article of the page, or null when Readability finds none. Never mutates `doc`. */
export function extractArticle(doc: Document, opts: ExtractOptions = {}): ExtractedArticle | null {
  if (!doc.documentElement || !doc.body) return null;
  // A caller may ask again for the same, unchanged page; Readability is the costly part.
  const stamp = `${docUrl(doc) ?? ''}|${opts.baseUrl ?? ''}|${doc.getElementsByTagName('*').length}|${doc.body.textContent?.length ?? 0}`;
  const hit = cache.get(doc);
  if (hit && hit.stamp === stamp) return hit.result;
  const result = runReadability(doc, opts);
  cache.set(doc, { stamp, result });
  return result;
}

function runReadability(doc: Document, opts: ExtractOptions): ExtractedArticle | null {
  const clone = doc.cloneNode(true) as Document;
  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    // keepClasses: the text and links are read from the tree, so stripping its class attributes is wasted work.
    parsed = new Readability<Element>(clone, { serializer: (node) => node as Element, keepClasses: true }).parse();
  } catch {
    // A page Readability cannot parse is not an article to check. Not logged: in the CLI the
    // console is the command's output, and the caller already treats null as "not an article".
    return null;
  }
  const root = parsed?.content;
  if (!parsed || !root) return null;
  const text = blockText(root);
  if (!text) return null;
  const base = baseUrlOf(doc, opts.baseUrl);
  const title = collapse(parsed.title ?? '') || collapse(doc.title ?? '');
  const lang = clean(parsed.lang) ?? clean(doc.documentElement.getAttribute('lang'));
  const byline = clean(parsed.byline);
  return {
    title,
    text,
    ...(lang ? { lang } : {}),
    ...(byline ? { byline } : {}),
    bodyLinks: collectLinks(root, base),
  };
}

/** Text of an element with one line per block and whitespace collapsed inside lines. */
export function blockText(root: Node): string {
  const lines: string[] = [];
  let line = '';
  const flush = (): void => {
    const t = collapse(line);
    if (t) lines.push(t);
    line = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      line += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines.join('\n');
}

const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Whether the text has at least n words, each Han/kana character counting as one; counts no
 * further than n (a long read is decided by its first words).
 */
export function hasWords(text: string, n: number): boolean {
  if (n <= 0) return true;
  const word = new RegExp(WORD.source, WORD.flags);
  let count = 0;
  while (word.exec(text) !== null) if (++count >= n) return true;
  return false;
}

function collectLinks(root: Element, base: string | undefined): { href: string; text: string }[] {
  const out: { href: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = absoluteHttpUrl(a.getAttribute('href'), base);
    if (!href || seen.has(href)) continue;
    seen.add(href);
    out.push({ href, text: collapse(a.textContent ?? '').slice(0, MAX_LINK_TEXT) });
    if (out.length >= MAX_LINKS) break;
  }
  return out;
}

/** The URL relative links on this page resolve against, when one is known. */
function baseUrlOf(doc: Document, given: string | undefined): string | undefined {
  const candidates = [
    doc.querySelector('base[href]')?.getAttribute('href'),
    given,
    docUrl(doc),
    doc.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"][content]')?.getAttribute('content'),
  ];
  // A relative <base> resolves against the document's own URL.
  const own = given ?? docUrl(doc);
  for (const c of candidates) {
    const abs = absoluteHttpUrl(c, own);
    if (abs) return abs;
  }
  return undefined;
}

function docUrl(doc: Document): string | undefined {
  // linkedom leaves these undefined or null; browsers set them to the page URL.
  const u = (doc as { URL?: unknown }).URL ?? (doc as { documentURI?: unknown }).documentURI;
  return typeof u === 'string' && /^https?:/i.test(u) ? u : undefined;
}

/** Resolves `href` against `base`; returns it only when it is an http(s) URL, without its fragment. */
export function absoluteHttpUrl(href: string | null | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

function clean(s: string | null | undefined): string | undefined {
  const t = s ? collapse(s) : '';
  return t ? t : undefined;
}
