// Chrome's offscreen document (reason DOM_PARSER): the worker has no DOM, so it sends each page's
// HTML here and this document extracts the article, off the page's main thread. The HTML is
// parsed with DOMParser into an inert document: no script of the page runs and nothing is fetched.
// Only the worker's requests are answered; every other message (content scripts' page/* messages
// reach every extension page) is left to the worker, unanswered here.
import { articleFromHtml } from '../extract/from-html.ts';
import { isOffscreenExtract, type OffscreenExtractReply } from '../protocol/offscreen.ts';
import { errorText } from '../shared/errors.ts';

interface Sender {
  id?: string;
  tab?: unknown;
  url?: string;
}

/** The extension's runtime in this document (only Chrome opens it). */
const runtime = (
  globalThis as unknown as {
    chrome: {
      runtime: {
        id: string;
        getURL(path: string): string;
        onMessage: { addListener(listener: (msg: unknown, sender: Sender, sendResponse: (reply: unknown) => void) => boolean): void };
      };
    };
  }
).chrome.runtime;
const parser = new DOMParser();
const own = runtime.getURL('');

runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!isOffscreenExtract(msg)) return false;
  // The worker, not a tab: a content script shares the extension id but always has a tab.
  if (sender.id !== runtime.id || sender.tab !== undefined || !sender.url?.startsWith(own)) return false;
  let reply: OffscreenExtractReply;
  try {
    reply = { article: articleFromHtml(msg, parser) };
  } catch (err) {
    reply = { error: errorText(err) };
  }
  sendResponse(reply);
  return false;
});
