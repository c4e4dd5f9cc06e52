// HTML article pages on disk: one page per file. The extractor reads title, outlet and date from
// the page itself; this only finds the page's URL.
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { concat, decodeHtml, fileChunks } from './bytes.ts';
import { MAX_DOC_BYTES, type ReadContext, type SourceDoc } from './types.ts';

export async function* readHtmlFile(file: string, ctx: ReadContext): AsyncGenerator<SourceDoc> {
  const { size } = await stat(file);
  if (size > MAX_DOC_BYTES) {
    ctx.addBytes(size);
    ctx.warn(file, `skipped: page of ${mb(size)}, over the ${mb(MAX_DOC_BYTES)} limit`);
    return;
  }
  const parts: Uint8Array[] = [];
  for await (const chunk of fileChunks(file, ctx)) parts.push(chunk);
  const html = decodeHtml(concat(parts));
  if (!html.trim()) {
    ctx.warn(file, 'skipped: empty file');
    return;
  }
  yield { url: pageUrl(html) ?? pathToFileURL(resolve(file)).href, html, from: file };
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The attributes of each tag named `name` in the first 256 KB of a page. */
function tags(html: string, name: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  const re = new RegExp(`<${name}\\b([^>]*)>`, 'gi');
  const head = html.slice(0, 256 * 1024);
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const attrs = new Map<string, string>();
    const attrRe = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
    for (let a = attrRe.exec(m[1]); a; a = attrRe.exec(m[1])) {
      attrs.set(a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    out.push(attrs);
  }
  return out;
}

/** The few entities URLs in attributes use. */
function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|apos|lt|gt|#(\d+)|#x([\da-f]+));/gi, (all, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }[name.toLowerCase()] ?? all;
  });
}

/** The page's own absolute http(s) URL: its canonical link, else its og:url; undefined when it names none. */
export function pageUrl(html: string): string | undefined {
  const canonical = tags(html, 'link').find((a) => (a.get('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const og = tags(html, 'meta').find((a) => (a.get('property') ?? a.get('name'))?.toLowerCase() === 'og:url');
  for (const href of [canonical?.get('href'), og?.get('content')]) {
    const url = httpUrl(href?.trim());
    if (url) return url;
  }
  return undefined;
}

/** `value` as an absolute http(s) URL (resolved against `base` when given), or undefined. */
export function httpUrl(value: string | undefined | null, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the page states its publication date where the extractor looks (meta tags, JSON-LD,
 * microdata, <time datetime>): then a crawl date must not stand in for it.
 */
export function statesDate(html: string): boolean {
  const head = html.slice(0, 512 * 1024);
  return (
    /"datePublished"\s*:/.test(head) ||
    /itemprop\s*=\s*["']?datePublished/i.test(head) ||
    /<meta[^>]+(?:property|name)\s*=\s*["']?(?:article:published_time|og:published_time|pubdate|publishdate|date|dc\.date|dcterms\.created|parsely-pub-date|sailthru\.date)["'\s>]/i.test(
      head,
    ) ||
    /<time\b[^>]*\bdatetime\s*=/i.test(head)
  );
}
