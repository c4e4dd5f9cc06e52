// The worker's side of page/html: where a page is extracted (Firefox's event page itself, Chrome's
// offscreen document, created once and again when gone) and how the article joins the page/article path.
import { describe, expect, it, vi } from 'vitest';
import { handlePageHtml, htmlExtractor } from '../../src/background/extract-html.ts';
import { offscreenExtractor, OFFSCREEN_PATH, type OffscreenChrome } from '../../src/background/offscreen.ts';
import type { PageSender } from '../../src/background/router.ts';
import type { PageArticle } from '../../src/extract/page-article.ts';
import type { PageHtmlMessage, TabState } from '../../src/protocol/messages.ts';
import { isOffscreenExtract, isOffscreenExtractReply } from '../../src/protocol/offscreen.ts';
import { MAX_HTML_CHARS, MAX_TEXT_CHARS, validateMessage } from '../../src/protocol/validate.ts';
import { isPageHtmlReply } from '../../src/protocol/replies.ts';

const from: PageSender = { kind: 'page', tabId: 3, url: 'https://news.example/a', incognito: false };
const page = { html: '<html><body><p>x</p></body></html>', url: 'https://news.example/a', base: 'https://news.example/a' };
const msg = (extra: Partial<PageHtmlMessage> = {}): PageHtmlMessage => ({ type: 'page/html', ...page, recheck: false, ...extra });
const article: PageArticle = { text: 'First paragraph.\nSecond paragraph.', meta: { url: 'https://news.example/a', title: 'A', siteName: 'News' } };

function checks() {
  const state = (note: string): TabState => ({ url: from.url, note });
  return {
    'page/article': vi.fn(async () => state('article')),
    'page/recheck': vi.fn(async () => state('recheck')),
    'page/not-article': vi.fn(async () => state('not an article')),
  };
}

describe('page/html', () => {
  it('is validated like the other page messages, its HTML bounded', () => {
    expect(validateMessage(msg())).toEqual({ ok: true, value: msg() });
    expect(validateMessage({ ...msg(), junk: 1 }).ok).toBe(false);
    expect(validateMessage(msg({ unlessText: 'words' })).ok).toBe(true);
    expect(validateMessage({ ...msg(), html: 'x'.repeat(MAX_HTML_CHARS + 1) }).ok).toBe(false);
    expect(validateMessage({ ...msg(), recheck: 'yes' }).ok).toBe(false);
    expect(validateMessage({ ...msg(), base: 5 }).ok).toBe(false);
  });

  it('hands the extracted article to page/article, or page/recheck, and answers with its text', async () => {
    const c = checks();
    const reply = await handlePageHtml(msg(), from, c, async () => article);
    expect(reply).toEqual({ state: { url: from.url, note: 'article' }, text: article.text });
    expect(isPageHtmlReply(reply)).toBe(true);
    expect(c['page/article']).toHaveBeenCalledWith({ type: 'page/article', text: article.text, meta: article.meta }, from);
    const again = await handlePageHtml(msg({ recheck: true }), from, c, async () => article);
    expect(again).toEqual({ state: { url: from.url, note: 'recheck' }, text: article.text });
    expect(c['page/recheck']).toHaveBeenCalledTimes(1);
  });

  it('reports a page without an article as page/not-article would', async () => {
    const c = checks();
    expect(await handlePageHtml(msg(), from, c, async () => null)).toEqual({ state: { url: from.url, note: 'not an article' }, text: null });
    expect(c['page/not-article']).toHaveBeenCalledWith({ type: 'page/not-article', url: page.url }, from);
    expect(c['page/article']).not.toHaveBeenCalled();
  });

  it('checks nothing when the article is still the text the page last checked', async () => {
    const c = checks();
    expect(await handlePageHtml(msg({ unlessText: article.text }), from, c, async () => article)).toEqual({ unchanged: true });
    expect(c['page/article']).not.toHaveBeenCalled();
    const changed = await handlePageHtml(msg({ unlessText: 'an older text' }), from, c, async () => article);
    expect(changed).toEqual({ state: { url: from.url, note: 'article' }, text: article.text });
  });

  it('holds the article to the bounds of page/article and fails clearly past them', async () => {
    const c = checks();
    const huge = { ...article, text: 'word '.repeat(MAX_TEXT_CHARS / 5 + 1) };
    await expect(handlePageHtml(msg(), from, c, async () => huge)).rejects.toThrow(/cannot be checked: page\/article: text: longer than/);
    expect(c['page/article']).not.toHaveBeenCalled();
  });
});

/** Chrome's offscreen API as the worker sees it: one document at most, answering while it is open. */
function fakeChrome(answer: (m: unknown) => unknown = () => ({ article })) {
  let open = false;
  const api = {
    offscreen: {
      createDocument: vi.fn(async () => {
        if (open) throw new Error('Only a single offscreen document may be created.');
        await new Promise((r) => setTimeout(r, 5));
        open = true;
      }),
    },
    runtime: {
      getURL: (p: string) => `chrome-extension://abc/${p}`,
      getContexts: vi.fn(async () => (open ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : [])),
      sendMessage: vi.fn(async (m: unknown) => {
        if (!open) throw new Error('Could not establish connection. Receiving end does not exist.');
        return answer(m);
      }),
    },
  } satisfies OffscreenChrome;
  return { api, close: () => void (open = false) };
}

describe('the offscreen document (Chrome)', () => {
  it('is created on the first page, once for pages that come together, then reused', async () => {
    const chrome = fakeChrome();
    const extract = offscreenExtractor(chrome.api);
    expect(await Promise.all([extract(page), extract(page)])).toEqual([article, article]);
    await extract(page);
    expect(chrome.api.offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(chrome.api.offscreen.createDocument).toHaveBeenCalledWith(
      expect.objectContaining({ url: `chrome-extension://abc/${OFFSCREEN_PATH}`, reasons: ['DOM_PARSER'] }),
    );
    expect(chrome.api.runtime.sendMessage).toHaveBeenCalledWith({ type: 'offscreen/extract', ...page });
    expect(isOffscreenExtract(chrome.api.runtime.sendMessage.mock.calls[0][0])).toBe(true);
  });

  it('is created again when it is gone', async () => {
    const chrome = fakeChrome();
    const extract = offscreenExtractor(chrome.api);
    await extract(page);
    chrome.close();
    expect(await extract(page)).toEqual(article);
    expect(chrome.api.offscreen.createDocument).toHaveBeenCalledTimes(2);
  });

  it("passes on the document's failure to read a page, and refuses answers of the wrong shape", async () => {
    await expect(offscreenExtractor(fakeChrome(() => ({ error: 'parse failed' })).api)(page)).rejects.toThrow('the page could not be read: parse failed');
    await expect(offscreenExtractor(fakeChrome(() => ({ article: { text: 5 } })).api)(page)).rejects.toThrow('did not answer');
    expect(isOffscreenExtractReply({ article: null })).toBe(true);
    expect(isOffscreenExtract({ type: 'offscreen/extract', ...page, extra: 1 })).toBe(false);
    expect(isOffscreenExtract({ type: 'offscreen/extract', ...page, html: 'x'.repeat(MAX_HTML_CHARS + 1) })).toBe(false);
  });

  it('is used only where the worker has no DOMParser (Firefox extracts in its event page)', async () => {
    const chrome = fakeChrome();
    await htmlExtractor({ chrome: chrome.api })(page);
    expect(chrome.api.offscreen.createDocument).toHaveBeenCalledTimes(1);
    const parse = vi.fn(() => {
      throw new Error('parsed here');
    });
    class Parser {
      parseFromString = parse;
    }
    const inPlace = htmlExtractor({ DOMParser: Parser, chrome: chrome.api });
    await expect(inPlace(page)).rejects.toThrow('parsed here');
    expect(parse).toHaveBeenCalledWith(page.html, 'text/html');
    expect(chrome.api.runtime.sendMessage).toHaveBeenCalledTimes(1);
    await expect(htmlExtractor({})(page)).rejects.toThrow('cannot read pages off their main thread');
  });
});
