// The worker and Chrome's offscreen extraction document (src/offscreen): the worker sends a page's
// HTML, the document answers with the article it extracted. Both sides check what they receive.
import { isRecord } from '../index/guards.ts';
import type { PageMeta } from '../index/types.ts';
import { MAX_HTML_CHARS, MAX_URL_CHARS } from './validate.ts';

export interface OffscreenExtractMessage {
  type: 'offscreen/extract';
  /** The page as its content script sent it (page/html). */
  html: string;
  url: string;
  base: string;
}

/** The document's answer: the article (null: none), or why it could not read the page. */
export type OffscreenExtractReply = { article: { text: string; meta: PageMeta } | null } | { error: string };

const isBounded = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

export function isOffscreenExtract(x: unknown): x is OffscreenExtractMessage {
  return (
    isRecord(x) &&
    x.type === 'offscreen/extract' &&
    isBounded(x.html, MAX_HTML_CHARS) &&
    isBounded(x.url, MAX_URL_CHARS) &&
    isBounded(x.base, MAX_URL_CHARS) &&
    Object.keys(x).length === 4
  );
}

/** The reply's shape; the article's fields are checked as a page/article message is (extract-html.ts). */
export function isOffscreenExtractReply(x: unknown): x is OffscreenExtractReply {
  if (!isRecord(x)) return false;
  if (typeof x.error === 'string') return true;
  return x.article === null || (isRecord(x.article) && typeof x.article.text === 'string' && isRecord(x.article.meta));
}
