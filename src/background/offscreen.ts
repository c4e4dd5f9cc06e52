// Chrome's worker has no DOM: pages are extracted in an offscreen document (src/offscreen), created
// when the first page needs it, then reused; there is only ever one, and it is created again if it
// is gone (the browser may close it, an update replaces it).
import type { PageArticle } from '../extract/page-article.ts';
import type { HtmlPage } from '../extract/from-html.ts';
import { isOffscreenExtractReply, type OffscreenExtractMessage } from '../protocol/offscreen.ts';

/** The offscreen document's page, as the build emits it (vite.config.ts). */
export const OFFSCREEN_PATH = 'src/offscreen/extract.html';

/** The parts of Chrome's API used here (chrome.offscreen, chrome.runtime). */
export interface OffscreenChrome {
  offscreen: {
    createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
  };
  runtime: {
    getURL(path: string): string;
    getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
    sendMessage(msg: unknown): Promise<unknown>;
  };
}

/** Extracts a page's article from its HTML in the offscreen document. `api` is Chrome's `chrome` (never
 * used in Firefox, whose event page extracts pages itself). */
export function offscreenExtractor(api: OffscreenChrome): (page: HtmlPage) => Promise<PageArticle | null> {
  const url = api.runtime.getURL(OFFSCREEN_PATH);
  let ready: Promise<void> | undefined;
  const open = (): Promise<void> =>
    (ready ??= (async () => {
      const open = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
      if (open.length === 0) {
        await api.offscreen.createDocument({
          url,
          reasons: ['DOM_PARSER'],
          justification: "Reads the article out of a page's HTML without slowing the page down.",
        });
      }
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    }));
  const ask = async (page: HtmlPage): Promise<PageArticle | null | undefined> => {
    await open();
    const msg: OffscreenExtractMessage = { type: 'offscreen/extract', html: page.html, url: page.url, base: page.base };
    const reply = await api.runtime.sendMessage(msg).catch(() => undefined);
    if (!isOffscreenExtractReply(reply)) return undefined;
    if ('error' in reply) throw new Error(`the page could not be read: ${reply.error}`);
    return reply.article;
  };
  return async (page) => {
    const first = await ask(page);
    if (first !== undefined) return first;
    // No answer: the document went away since it was opened; once more with a fresh one.
    ready = undefined;
    const again = await ask(page);
    if (again === undefined) throw new Error('the extraction document did not answer');
    return again;
  };
}
