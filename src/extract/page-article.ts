// The article of a page and its metadata, as the worker checks them: one document in, the text
// and PageMeta out. Runs where the page's HTML is parsed off the page's main thread (Chrome's
// offscreen document, Firefox's event page) and in tests on the live fixture pages, so both give
// the same verdicts.
import type { PageMeta } from '../index/types.ts';
import { extractArticle, hasWords, MIN_ARTICLE_WORDS, type ExtractedArticle, type ExtractOptions } from './extract.ts';
import { readPageMeta } from './meta.ts';

export interface PageArticle {
  text: string;
  meta: PageMeta;
}

/** The page's article and metadata once its quick test passed (the content script runs that test on
 * the live page), or null when Readability finds no article of at least MIN_ARTICLE_WORDS words. */
export function readPageArticle(doc: Document, url: string, opts: ExtractOptions & { now?: number } = {}): PageArticle | null {
  const article = extractArticle(doc, opts);
  if (!article || !hasWords(article.text, MIN_ARTICLE_WORDS)) return null;
  return { text: article.text, meta: articleMeta(doc, url, article, opts.now) };
}

/** The page's metadata, completed from what Readability found in the article itself. */
export function articleMeta(doc: Document, url: string, article: ExtractedArticle, now?: number): PageMeta {
  const meta = readPageMeta(doc, url, { bodyLinks: article.bodyLinks, ...(now === undefined ? {} : { now }) });
  if (!meta.title && article.title) meta.title = article.title;
  if (!meta.lang && article.lang) meta.lang = article.lang;
  if (!meta.byline && article.byline) meta.byline = article.byline;
  return meta;
}
