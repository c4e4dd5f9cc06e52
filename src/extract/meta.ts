// Page metadata for the engine: canonical URL, outlet, dates, language, JSON-LD source fields,
// syndication metas and outbound body links. DOM-generic (content script and linkedom).
// Page data is untrusted: every value is length-capped and malformed JSON-LD is ignored.
import { hostOf } from '../index/outlet.ts';
import type { PageMeta } from '../index/types.ts';
import { collapse } from '../shared/text.ts';
import { absoluteHttpUrl } from './extract.ts';
import { MAX_LINKS } from '../shared/limits.ts';
import { statedPublished } from './dates.ts';

export interface MetaOptions {
  /** Links from extractArticle(); without them, links are read from the article container. */
  bodyLinks?: { href: string; text: string }[];
  /** Now, in ms: stated dates more than two days ahead of it are not taken. */
  now?: number;
}

const MAX_VALUE = 500;
const MAX_LIST = 20;
const MAX_JSONLD_BYTES = 200_000;

const MODIFIED_METAS = ['article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified', 'article.updated'];

/** Reads what the engine needs from the page. Never throws on odd pages. */
export function readPageMeta(doc: Document, url: string, opts: MetaOptions = {}): PageMeta {
  const metas = metaMap(doc);
  const m = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = metas.get(k);
      if (v) return v;
    }
    return undefined;
  };
  const canonicalUrl = absoluteHttpUrl(doc.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'), url);
  const ld = readJsonLd(doc, [url, canonicalUrl]);
  const published = statedPublished(doc, [url, canonicalUrl], { article: ld.datePublished, webPage: ld.webPageDatePublished }, opts.now);

  const meta: PageMeta = { url };
  set(meta, 'canonicalUrl', canonicalUrl);
  set(meta, 'title', m('og:title', 'twitter:title') ?? ld.headline ?? text(doc.title) ?? text(doc.querySelector('h1')?.textContent));
  set(meta, 'siteName', m('og:site_name') ?? ld.publisher ?? m('application-name'));
  set(meta, 'publishedTime', published?.value);
  set(meta, 'publishedFrom', published?.from);
  set(meta, 'modifiedTime', m(MODIFIED_METAS[0], MODIFIED_METAS[1]) ?? ld.dateModified ?? m(...MODIFIED_METAS.slice(2)));
  set(meta, 'lang', text(doc.documentElement?.getAttribute('lang')) ?? m('content-language') ?? ld.inLanguage ?? locale(m('og:locale')));
  set(meta, 'byline', ld.author ?? notUrl(m('author', 'article:author', 'parsely-author', 'sailthru.author')));

  const jsonLd: NonNullable<PageMeta['jsonLd']> = {};
  set(jsonLd, 'datePublished', ld.datePublished);
  if (ld.isBasedOn.length) jsonLd.isBasedOn = ld.isBasedOn;
  if (ld.sourceOrganization.length) jsonLd.sourceOrganization = ld.sourceOrganization;
  set(jsonLd, 'publisher', ld.publisher);
  if (Object.keys(jsonLd).length) meta.jsonLd = jsonLd;

  set(meta, 'syndicationSource', absoluteHttpUrl(m('syndication-source'), url) ?? m('syndication-source'));
  set(meta, 'originalSource', absoluteHttpUrl(m('original-source'), url) ?? m('original-source'));

  const links = outbound(opts.bodyLinks ?? containerLinks(doc, url), [url, canonicalUrl]);
  if (links.length) meta.links = links;
  return meta;
}

function set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

function text(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const t = collapse(s).slice(0, MAX_VALUE);
  return t || undefined;
}

function notUrl(s: string | undefined): string | undefined {
  return s && !/^https?:\/\//i.test(s) ? s : undefined;
}

function locale(s: string | undefined): string | undefined {
  return s ? s.replace('_', '-') : undefined;
}

/** First non-empty content per lower-cased meta name / property / itemprop / http-equiv. */
function metaMap(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const value = text(el.getAttribute('content'));
    if (!value) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, value);
    }
  }
  return out;
}

// ---- JSON-LD ----

interface LdFields {
  headline?: string;
  datePublished?: string;
  dateModified?: string;
  inLanguage?: string;
  author?: string;
  publisher?: string;
  isBasedOn: string[];
  sourceOrganization: string[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const ARTICLE_TYPE = /^(?:https?:\/\/schema\.org\/)?(?:\w*NewsArticle|Article|BlogPosting|LiveBlogPosting|Report|SatiricalArticle|TechArticle)$/;

const WEB_PAGE_TYPE = /^(?:https?:\/\/schema\.org\/)?(?:WebPage|ItemPage)$/;
const LIST_TYPE = /^(?:https?:\/\/schema\.org\/)?(?:ItemList|BreadcrumbList|CollectionPage|SearchResultsPage)$/;

/** One JSON-LD object and where it sits: inside another article (a source it names) or a list of stories. */
interface LdEntry {
  o: JsonObject;
  inArticle: boolean;
  inList: boolean;
}

function readJsonLd(doc: Document, pageUrls: (string | undefined)[]): LdFields & { webPageDatePublished?: string } {
  const { entries, byId } = ldObjects(doc);
  const article = pageArticle(entries, pageUrls);
  const fields = article ? articleFields(article, byId) : { isBasedOn: [], sourceOrganization: [] };
  const webPage = entries.find((e) => !e.inArticle && !e.inList && types(e.o).some((t) => WEB_PAGE_TYPE.test(t)) && ldString(e.o.datePublished));
  return { ...fields, webPageDatePublished: webPage ? ldString(webPage.o.datePublished) : undefined };
}

/**
 * The page's own article object: not one nested in another article (the story it is based on,
 * with that story's date), and not one of a list of stories unless it is the page's own URL or
 * the list's only article. A NewsArticle is preferred to other article types.
 */
function pageArticle(entries: LdEntry[], pageUrls: (string | undefined)[]): JsonObject | undefined {
  const own = entries.filter((e) => !e.inArticle && types(e.o).some((t) => ARTICLE_TYPE.test(t)));
  const urls = new Set(pageUrls.map(sameUrlKey).filter((u): u is string => !!u));
  const byUrl = own.find((e) => ldUrls(e.o).some((u) => urls.has(u)));
  if (byUrl) return byUrl.o;
  const outside = own.filter((e) => !e.inList);
  const listed = own.filter((e) => e.inList);
  const pool = outside.length ? outside : listed.length === 1 ? listed : [];
  return (pool.find((e) => types(e.o).some((t) => /NewsArticle$/.test(t))) ?? pool[0])?.o;
}

/** The URLs an article object names itself by. */
function ldUrls(o: JsonObject): string[] {
  const main = o.mainEntityOfPage;
  const mainId = main && typeof main === 'object' && !Array.isArray(main) ? main['@id'] : main;
  return [o.url, o['@id'], mainId].map((v) => (typeof v === 'string' ? sameUrlKey(v) : undefined)).filter((u): u is string => !!u);
}

/** A URL compared without scheme, "www.", query, fragment or trailing slash. */
function sameUrlKey(u: string | undefined): string | undefined {
  const m = u ? /^https?:\/\/(?:www\.)?([^/?#]+)([^?#]*)/i.exec(u) : null;
  return m ? `${m[1].toLowerCase()}${m[2].replace(/\/+$/, '')}` : undefined;
}

/** Every object in the page's JSON-LD blocks, and those that give an @id a body, within a budget a hostile page cannot exhaust. */
function ldObjects(doc: Document): { entries: LdEntry[]; byId: Map<string, JsonObject> } {
  const roots: Json[] = [];
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const parsed = parseLenient(s.textContent ?? '');
    if (parsed !== undefined) roots.push(parsed);
  }
  const entries: LdEntry[] = [];
  const byId = new Map<string, JsonObject>();
  let budget = 2000;
  const visit = (v: Json, depth: number, inArticle: boolean, inList: boolean): void => {
    if (budget-- <= 0 || depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1, inArticle, inList);
      return;
    }
    entries.push({ o: v, inArticle, inList });
    const id = v['@id'];
    if (typeof id === 'string' && Object.keys(v).length > 1 && !byId.has(id)) byId.set(id, v);
    const t = types(v);
    const article = inArticle || t.some((x) => ARTICLE_TYPE.test(x));
    const list = inList || t.some((x) => LIST_TYPE.test(x));
    for (const [k, x] of Object.entries(v)) if (k !== '@context') visit(x, depth + 1, article, list);
  };
  for (const r of roots) visit(r, 0, false, false);
  return { entries, byId };
}

/** The fields the engine uses from the article object, with {"@id": ...} references followed once. */
function articleFields(article: JsonObject, byId: Map<string, JsonObject>): LdFields {
  const deref = (v: Json): Json => {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['@id'] === 'string' && Object.keys(v).length === 1) return byId.get(v['@id']) ?? v;
    return v;
  };
  const names = (v: Json | undefined, allowUrl: boolean): string[] => {
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    const res: string[] = [];
    for (const raw of list.slice(0, MAX_LIST)) {
      const n = nameOf(deref(raw), allowUrl);
      if (n && !res.includes(n)) res.push(n);
    }
    return res;
  };
  const authors = names(article.author, false);
  const out: LdFields = {
    isBasedOn: names(article.isBasedOn ?? article.isBasedOnUrl, true),
    sourceOrganization: names(article.sourceOrganization, false),
  };
  out.headline = ldString(article.headline) ?? ldString(article.name);
  out.datePublished = ldString(article.datePublished);
  out.dateModified = ldString(article.dateModified);
  out.inLanguage = ldString(article.inLanguage);
  if (authors.length) out.author = authors.join(', ');
  out.publisher = names(article.publisher, false)[0];
  return out;
}

function ldString(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? text(v) : undefined;
}

/** A person or organisation as a name (or, where `allowUrl`, preferably its URL). */
function nameOf(x: Json, allowUrl: boolean): string | undefined {
  if (typeof x === 'string') return text(x);
  if (x && typeof x === 'object' && !Array.isArray(x)) return allowUrl ? (ldString(x.url) ?? ldString(x['@id']) ?? ldString(x.name)) : ldString(x.name);
  return undefined;
}

function types(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

/** JSON.parse after removing what CMSs commonly wrap JSON-LD in; undefined when still invalid. */
function parseLenient(raw: string): Json | undefined {
  if (!raw.trim() || raw.length > MAX_JSONLD_BYTES) return undefined;
  const cleaned = raw
    .replace(/^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)\s*$/, '')
    .replace(/;\s*$/, '')
    // Raw control characters inside strings are invalid JSON but common; outside strings they are whitespace.
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f]+/g, ' ');
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    return undefined;
  }
}

// ---- links ----

/** Links inside the article container, skipping navigation, sharing, comments and related lists. */
function containerLinks(doc: Document, url: string): { href: string; text: string }[] {
  const container = doc.querySelector('[itemprop="articleBody"]') ?? doc.querySelector('article') ?? doc.querySelector('main, [role="main"]') ?? doc.body;
  if (!container) return [];
  const noise = /share|social|comment|related|newsletter|promo|tags?\b|breadcrumb|byline|author/i;
  const out: { href: string; text: string }[] = [];
  for (const a of Array.from(container.querySelectorAll('a[href]'))) {
    let skip = false;
    for (let p: Element | null = a.parentElement; p && p !== container; p = p.parentElement) {
      const tag = p.tagName.toUpperCase();
      if (
        tag === 'NAV' ||
        tag === 'HEADER' ||
        tag === 'FOOTER' ||
        tag === 'ASIDE' ||
        tag === 'FORM' ||
        noise.test(`${p.getAttribute('class') ?? ''} ${p.getAttribute('id') ?? ''}`)
      ) {
        skip = true;
        break;
      }
    }
    if (skip) continue;
    const href = absoluteHttpUrl(a.getAttribute('href'), url);
    if (href) out.push({ href, text: collapse(a.textContent ?? '') });
  }
  return out;
}

/** Links to other sites only, de-duplicated and capped. */
function outbound(links: { href: string; text: string }[], own: (string | undefined)[]): { href: string; text: string }[] {
  const ownHosts = own.map(hostOf).filter((h): h is string => !!h);
  const seen = new Set<string>();
  const out: { href: string; text: string }[] = [];
  for (const l of links) {
    const href = absoluteHttpUrl(l.href);
    const host = hostOf(href);
    if (!href || !host || seen.has(href)) continue;
    if (ownHosts.some((h) => sameSite(h, host))) continue;
    seen.add(href);
    out.push({ href, text: collapse(l.text).slice(0, MAX_VALUE) });
    if (out.length >= MAX_LINKS) break;
  }
  return out;
}

function sameSite(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}
