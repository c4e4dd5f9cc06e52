// Turns a file into article text and page metadata: HTML goes through the same extraction
// the content script uses (on linkedom), plain text is taken as is.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractArticle } from '../extract/extract.ts';
import { readPageMeta } from '../extract/meta.ts';
import type { PageMeta } from '../index/index.ts';
import { CliError, readTextFile } from './io.ts';

export interface LoadedArticle {
  file: string;
  kind: 'html' | 'text';
  text: string;
  meta: PageMeta;
}

/** HTML is recognised by content, not by file name. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart();
  if (/^<!doctype\s+html|^<html[\s>]|^<\?xml[^>]*>\s*<(!doctype\s+)?html/i.test(head)) return true;
  return head.startsWith('<') && /<(head|body|article|main|div|p)[\s>]/i.test(head);
}

/** What the command line says about files that do not say it themselves (plain text, bare HTML). */
export interface MetaDefaults {
  outlet?: string;
  published?: string;
}

export async function loadArticleFile(file: string, defaults: MetaDefaults = {}): Promise<LoadedArticle> {
  const raw = readTextFile(file);
  const url = pathToFileURL(resolve(file)).href;
  const a = looksLikeHtml(raw) ? await fromHtml(file, raw, url) : fromText(file, raw, url);
  if (defaults.outlet && !a.meta.siteName) a.meta.siteName = defaults.outlet;
  if (defaults.published && !a.meta.publishedTime && !a.meta.jsonLd?.datePublished) a.meta.publishedTime = defaults.published;
  return a;
}

export function fromText(file: string, raw: string, url: string): LoadedArticle {
  const text = raw.replace(/\r\n?/g, '\n');
  const title =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 300) ?? '';
  return { file, kind: 'text', text, meta: { url, title } };
}

export async function fromHtml(file: string, raw: string, url: string): Promise<LoadedArticle> {
  // linkedom takes about half a second to load: only pay for it when a file is HTML.
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(raw);
  const doc = document as unknown as Document;
  const article = extractArticle(doc);
  if (!article || !article.text.trim()) throw new CliError('no article text found in this HTML page', file);
  const meta = readPageMeta(doc, url, { bodyLinks: article.bodyLinks });
  if (!meta.title && article.title) meta.title = article.title;
  if (!meta.lang && article.lang) meta.lang = article.lang;
  if (!meta.byline && article.byline) meta.byline = article.byline;
  return { file, kind: 'html', text: article.text, meta };
}
