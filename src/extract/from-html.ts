// Extraction from a page's serialised HTML, off the page's main thread: the content script sends
// document.documentElement.outerHTML and its addresses; this parses it with DOMParser into an inert
// document (no script runs, nothing is fetched: it has no browsing context, and nothing of it is
// ever inserted into a live document) and reads the same article and metadata as the live page gives.
import { readPageArticle, type PageArticle } from './page-article.ts';

export interface HtmlPage {
  html: string;
  /** The page's address (location.href) and the base its relative links resolve against (document.baseURI). */
  url: string;
  base: string;
}

/** The article of a serialised page, or null when it has none. `parser` is the context's DOMParser. */
export function articleFromHtml(page: HtmlPage, parser: DOMParser = new DOMParser(), now?: number): PageArticle | null {
  const doc = parser.parseFromString(page.html, 'text/html');
  pinBase(doc, page.base);
  return readPageArticle(doc, page.url, { baseUrl: page.url, ...(now === undefined ? {} : { now }) });
}

/**
 * A parsed document's base URL is the parsing context's (an extension page), not the page's: the
 * page's first <base> (or a new one) is set to the base the live page had, so Readability and the
 * links resolve exactly as they did there.
 */
function pinBase(doc: Document, base: string): void {
  const own = doc.querySelector('base[href]');
  if (own) {
    own.setAttribute('href', base);
    return;
  }
  const el = doc.createElement('base');
  el.setAttribute('href', base);
  const head = doc.head ?? doc.documentElement;
  head.insertBefore(el, head.firstChild);
}
