// page/html: a content script sends its page's HTML once Readability's quick test passed; the
// article is extracted here, off the page's main thread (Firefox: in this event page, which has a
// DOM; Chrome: in the offscreen document, offscreen.ts), then checked exactly as a page/article
// (or page/recheck) message would be, with the same validation. The reply carries the article's
// text, which the page's highlights are cut from.
import { articleFromHtml, type HtmlPage } from '../extract/from-html.ts';
import type { PageArticle } from '../extract/page-article.ts';
import type { PageArticleMessage, PageHtmlMessage, PageHtmlReply, PageRecheckMessage } from '../protocol/messages.ts';
import { validateMessage } from '../protocol/validate.ts';
import { offscreenExtractor, type OffscreenChrome } from './offscreen.ts';
import type { Handlers, PageSender } from './router.ts';

export type HtmlExtractor = (page: HtmlPage) => Promise<PageArticle | null>;

/** Where this browser extracts: in this context when it has DOMParser (Firefox's event page), else in
 * Chrome's offscreen document. */
export function htmlExtractor(scope: object = globalThis): HtmlExtractor {
  const g = scope as { DOMParser?: typeof DOMParser; chrome?: OffscreenChrome };
  const Parser = g.DOMParser;
  if (typeof Parser === 'function') {
    const parser = new Parser();
    return async (page) => articleFromHtml(page, parser);
  }
  if (!g.chrome?.offscreen) return () => Promise.reject(new Error('this browser cannot read pages off their main thread'));
  return offscreenExtractor(g.chrome);
}

/** The page handlers page/html hands the extracted article to (the table's own, history included). */
type PageChecks = Pick<Handlers, 'page/article' | 'page/recheck' | 'page/not-article'>;

export async function handlePageHtml(msg: PageHtmlMessage, from: PageSender, checks: PageChecks, extract: HtmlExtractor): Promise<PageHtmlReply> {
  const article = await extract({ html: msg.html, url: msg.url, base: msg.base });
  if (msg.unlessText !== undefined && article?.text === msg.unlessText) return { unchanged: true };
  if (!article) return { state: await checks['page/not-article']({ type: 'page/not-article', url: msg.url }, from), text: null };
  // Held to what a content script could send as page/article: the same bounds and fields.
  const checked = validateMessage({ type: msg.recheck ? 'page/recheck' : 'page/article', text: article.text, meta: { ...article.meta, url: msg.url } });
  if (!checked.ok) throw new Error(`the article on this page cannot be checked: ${checked.error}`);
  const found = checked.value as PageArticleMessage | PageRecheckMessage;
  const state = found.type === 'page/recheck' ? await checks['page/recheck'](found, from) : await checks['page/article'](found, from);
  return { state, text: found.text };
}
