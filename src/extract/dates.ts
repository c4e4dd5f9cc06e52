// The date a page states it was published, and where it states it. "Who came first" rests on
// this date, so the sources are tried in order of trust: the article's own metadata first, then
// markup near the article, then the URL path (a day only), last a visible "Published ..." line.
// A source whose value is no date, or before 1990, or more than two days ahead, is passed over
// for the next one. A modified or updated date is never taken for the published one.
// DOM-generic (content script and linkedom); page data is untrusted: values are length-capped
// and every walk over the page is bounded.
import { parseTime } from '../index/parse-time.ts';
import { collapse } from '../shared/text.ts';

/** A stated publication date as found on the page, and a short tag naming its source. */
export interface StatedDate {
  value: string;
  from: string;
}

/** What the page's JSON-LD states, read by meta.ts. */
export interface LdDates {
  /** datePublished of the page's own article object. */
  article?: string;
  /** datePublished of the WebPage object, when the article states none. */
  webPage?: string;
}

const MAX_VALUE = 120;
const MAX_TEXT = 200;
const MAX_LABEL_NODE = 100;
const MAX_ELEMENTS = 400;
const MAX_NODES = 20_000;
const DAY = 86_400_000;
const EARLIEST = Date.UTC(1990, 0, 1);

/** Metas naming the publication date outright, most trusted first. */
const PUBLISHED_METAS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'article:published',
  'article.published',
  'published_time',
  'datepublished',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'original-publish-date',
  'article_date_original',
];
/** Metas that may name another date of the page (its generation, its record): trusted less. */
const DATE_METAS = ['date', 'dc.date', 'dcterms.date', 'dc.date.created', 'dcterms.created'];
/** Data attributes naming the publication date outright. */
const PUBLISHED_ATTRS = [
  'data-published',
  'data-published-at',
  'data-published-date',
  'data-published-time',
  'data-publish-date',
  'data-publish-time',
  'data-publishdate',
  'data-date-published',
  'data-pubdate',
  'data-pub-date',
  'data-article-published',
];
/** Data attributes that hold some time: read only in the article, outside modified markers. */
const TIME_ATTRS = ['data-timestamp', 'data-time', 'data-datetime', 'data-date', 'data-utime', 'data-created'];

/** Containers of other stories, comments and site furniture: their dates are not the article's. */
const NOISE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const NOISE_CLASS = /comment|related|recommend|more-stories|most-read|popular|promo|sidebar|newsletter|teaser|trending|read-next|up-next/i;
const MODIFIED = /updat|modif|edited|revis/i;
const MODIFIED_BEFORE = /\b(?:updated|modified|edited|revised)\b[\s:]*(?:on|at)?[\s:]*$/i;
const PUBLISHED_CLASS = /publish|posted|pubdate|created|byline|dateline/i;
const ARTICLE_SEL = 'article, main, [role="main"]';

/** The most trusted stated publication date on the page, or undefined when it states none. */
export function statedPublished(doc: Document, urls: (string | undefined)[], ld: LdDates, now = Date.now()): StatedDate | undefined {
  const ok = (v: string | undefined): boolean => plausible(v, now);
  const metas = lazy(() => metaContents(doc));
  const sources: (() => StatedDate | undefined)[] = [
    () => tagged(ld.article, 'jsonld', ok),
    () => firstMeta(metas(), PUBLISHED_METAS, ok) ?? tagged(parselyPubDate(metas().get('parsely-page')), 'meta:parsely-page', ok),
    () => tagged(ld.webPage, 'jsonld:webpage', ok),
    () => fromElements(doc, '[itemprop~="datePublished"]', 'itemprop', ok),
    () => fromElements(doc, 'time[pubdate]', 'time:pubdate', ok),
    () => firstMeta(metas(), DATE_METAS, ok),
    () => articleTime(doc, ok),
    () => dataAttribute(doc, ok),
    () => urlDate(urls, ok),
    () => bylineText(doc, ok),
  ];
  for (const source of sources) {
    const found = source();
    if (found) return found;
  }
  return undefined;
}

/** A date the engine can read, from 1990 to two days ahead (time zones, early publishing). */
export function plausible(value: string | undefined, now: number): boolean {
  const t = parseTime(value);
  return t !== undefined && t >= EARLIEST && t <= now + 2 * DAY;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function tagged(value: string | null | undefined, from: string, ok: (v: string) => boolean): StatedDate | undefined {
  const v = clean(value);
  return v && ok(v) ? { value: v, from } : undefined;
}

function clean(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const t = collapse(s.slice(0, MAX_VALUE * 4)).slice(0, MAX_VALUE);
  return t || undefined;
}

// ---- metas ----

/** First non-empty content per lower-cased meta name, property or http-equiv (itemprop is read as markup). */
function metaContents(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta[content]')).slice(0, MAX_ELEMENTS)) {
    const value = el.getAttribute('content');
    if (!value?.trim()) continue;
    for (const attr of ['property', 'name', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, value);
    }
  }
  return out;
}

function firstMeta(metas: Map<string, string>, keys: string[], ok: (v: string) => boolean): StatedDate | undefined {
  for (const key of keys) {
    const found = tagged(metas.get(key), `meta:${key}`, ok);
    if (found) return found;
  }
  return undefined;
}

/** pub_date of Parse.ly's page JSON (<meta name="parsely-page" content='{"pub_date": ...}'>). */
function parselyPubDate(raw: string | undefined): string | undefined {
  if (!raw || raw.length > 20_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const v = (parsed as Record<string, unknown>).pub_date;
      return typeof v === 'string' ? v : undefined;
    }
  } catch {
    // Not JSON: the meta is ignored.
  }
  return undefined;
}

// ---- markup ----

/** The first matching element outside other stories and modified markers whose date reads. */
function fromElements(doc: Document, selector: string, from: string, ok: (v: string) => boolean): StatedDate | undefined {
  for (const el of Array.from(doc.querySelectorAll(selector)).slice(0, MAX_ELEMENTS)) {
    if (inNoise(el) || modifiedMarker(el)) continue;
    const found = tagged(elementDate(el), from, ok);
    if (found) return found;
  }
  return undefined;
}

/** The date an element holds: datetime, content, or its own short text. */
function elementDate(el: Element): string | undefined {
  const attr = el.getAttribute('datetime') ?? el.getAttribute('content');
  if (attr?.trim()) return attr;
  const text = el.textContent ?? '';
  return text.length <= MAX_VALUE ? text : undefined;
}

/** A <time datetime> in the article (or, outside it, one marked as the byline's or the publication's). */
function articleTime(doc: Document, ok: (v: string) => boolean): StatedDate | undefined {
  const times = Array.from(doc.querySelectorAll('time[datetime]'))
    .slice(0, MAX_ELEMENTS)
    .filter((el) => !inNoise(el) && !modifiedMarker(el));
  const inArticle = times.filter((el) => el.closest(ARTICLE_SEL));
  const marked = (el: Element): boolean => PUBLISHED_CLASS.test(classesUp(el, 3));
  for (const el of [...inArticle.filter(marked), ...inArticle, ...times.filter(marked)]) {
    const found = tagged(el.getAttribute('datetime'), 'time', ok);
    if (found) return found;
  }
  return undefined;
}

/** A data attribute naming the publication date anywhere, or a time attribute in the article. */
function dataAttribute(doc: Document, ok: (v: string) => boolean): StatedDate | undefined {
  for (const attr of PUBLISHED_ATTRS) {
    for (const el of Array.from(doc.querySelectorAll(`[${attr}]`)).slice(0, MAX_ELEMENTS)) {
      if (inNoise(el) || modifiedMarker(el)) continue;
      const found = tagged(el.getAttribute(attr), `attr:${attr}`, ok);
      if (found) return found;
    }
  }
  for (const attr of TIME_ATTRS) {
    for (const el of Array.from(doc.querySelectorAll(`[${attr}]`)).slice(0, MAX_ELEMENTS)) {
      if (!el.closest(ARTICLE_SEL) || inNoise(el) || modifiedMarker(el)) continue;
      const found = tagged(el.getAttribute(attr), `attr:${attr}`, ok);
      if (found) return found;
    }
  }
  return undefined;
}

/** Inside site furniture, a comment thread or a list of other stories. */
function inNoise(el: Element): boolean {
  const article = el.closest(ARTICLE_SEL);
  for (let p: Element | null = el, depth = 0; p && depth < 40; p = p.parentElement, depth++) {
    const tag = p.tagName.toUpperCase();
    if (NOISE_TAGS.has(tag)) return true;
    // A <header> outside the article is the site's masthead, which may show today's date.
    if (tag === 'HEADER' && !article) return true;
    if (NOISE_CLASS.test(`${p.getAttribute('class') ?? ''} ${p.getAttribute('id') ?? ''}`)) return true;
  }
  return false;
}

/** Marked as a modified or updated date: by class, id or itemprop, or by the words just before it. */
function modifiedMarker(el: Element): boolean {
  // WordPress marks a never-updated post's one <time> "published updated": its own word wins.
  const own = `${el.getAttribute('class') ?? ''} ${el.getAttribute('itemprop') ?? ''}`;
  if (/publish|pubdate|posted|created/i.test(own)) return false;
  return MODIFIED.test(classesUp(el, 2)) || MODIFIED_BEFORE.test(textBefore(el));
}

/** Class, id and itemprop of an element and its nearest ancestors. */
function classesUp(el: Element, levels: number): string {
  const out: string[] = [];
  for (let p: Element | null = el, i = 0; p && i <= levels; p = p.parentElement, i++) {
    out.push(p.getAttribute('class') ?? '', p.getAttribute('id') ?? '', p.getAttribute('itemprop') ?? '');
  }
  return out.join(' ');
}

/** The last words before an element in its parent ("Updated: <time>"). */
function textBefore(el: Element): string {
  let text = '';
  for (let n = el.previousSibling; n && text.length < 40; n = n.previousSibling) text = (n.textContent ?? '') + text;
  return text.slice(-40);
}

// ---- URL ----

const URL_DATES: { re: RegExp; order: 'ymd' | 'y-mon-d' }[] = [
  { re: /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)/, order: 'ymd' },
  { re: /\/((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/, order: 'ymd' },
  { re: /\/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/, order: 'ymd' },
  { re: /\/((?:19|20)\d{2})\/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\/(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)/i, order: 'y-mon-d' },
];
const MON = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A day in the path of the page's URL or its canonical URL: /2015/03/18/, /2015-03-18/, /20150318/, /2015/mar/18/. */
function urlDate(urls: (string | undefined)[], ok: (v: string) => boolean): StatedDate | undefined {
  for (const u of urls) {
    const path = httpPath(u);
    if (!path) continue;
    for (const { re, order } of URL_DATES) {
      const m = re.exec(path);
      if (!m) continue;
      const month = order === 'ymd' ? Number(m[2]) : MON.indexOf(m[2].toLowerCase()) + 1;
      const found = tagged(`${m[1]}-${pad(month)}-${pad(Number(m[3]))}`, 'url', ok);
      if (found) return found;
    }
  }
  return undefined;
}

function httpPath(u: string | undefined): string | undefined {
  if (!u || u.length > 4096) return undefined;
  try {
    const parsed = new URL(u);
    return /^https?:$/.test(parsed.protocol) ? parsed.pathname : undefined;
  } catch {
    return undefined;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// ---- visible text ----

const LABEL = /(?:^|[|·•–—,;(]\s*)(?:first\s+)?(?:published|posted|publication\s+date|date\s+published)(?:\s+(?:on|at))?\s*:?\s*/i;
/** Where a stated date ends: the next field of a byline. */
const DATE_END = /\s*(?:[|·•()]|\b(?:updated|modified|last|by|read|min)\b)/i;

/** A visible "Published March 18, 2015" / "Posted on 18 March 2015 10:00 GMT" line, never "Updated ...". */
function bylineText(doc: Document, ok: (v: string) => boolean): StatedDate | undefined {
  const root = doc.querySelector(ARTICLE_SEL) ?? doc.body;
  if (!root) return undefined;
  let budget = MAX_NODES;
  const stack: Node[] = [root];
  while (stack.length && budget-- > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (NOISE_TAGS.has(el.tagName.toUpperCase()) || NOISE_CLASS.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) continue;
      const kids = Array.from(el.childNodes);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
      continue;
    }
    // A byline is short: a long text is prose, where "published March 18" may be any report's date.
    const own = node.textContent ?? '';
    if (node.nodeType !== 3 || own.trim().length > MAX_LABEL_NODE || !/publi|posted/i.test(own)) continue;
    const found = labelledDate(textFrom(node), ok);
    if (found) return found;
  }
  return undefined;
}

/** A text node's text and that of its following siblings ("Published: <time>March 18</time>"). */
function textFrom(node: Node): string {
  let text = node.textContent ?? '';
  for (let n = node.nextSibling; n && text.length < MAX_TEXT; n = n.nextSibling) text += n.textContent ?? '';
  return collapse(text.slice(0, MAX_TEXT * 2)).slice(0, MAX_TEXT);
}

/** The date after a "Published" label: the longest run of words after it that reads as a date. */
function labelledDate(text: string, ok: (v: string) => boolean): StatedDate | undefined {
  const label = LABEL.exec(text);
  if (!label) return undefined;
  let rest = text.slice(label.index + label[0].length);
  const end = DATE_END.exec(rest);
  if (end) rest = rest.slice(0, end.index);
  const words = rest.split(' ').slice(0, 12);
  for (let n = words.length; n >= 2; n--) {
    const candidate = words
      .slice(0, n)
      .join(' ')
      .replace(/[\s,.;:–—-]+$/, '');
    if (ok(candidate)) return { value: candidate, from: 'byline-text' };
  }
  return undefined;
}
