// The worker's side of page/html in the content script's tests: the article is extracted from the
// HTML the content script sent (the test document's DOMParser) and handed on as the worker hands it,
// to page/article, page/recheck or page/not-article, whose answers the test gives.
import { handlePageHtml } from '../../src/background/extract-html.ts';
import type { PageSender } from '../../src/background/router.ts';
import type { OutgoingMessage } from '../../src/content/controller.ts';
import { articleFromHtml } from '../../src/extract/from-html.ts';
import type { Reply, TabState } from '../../src/protocol/messages.ts';
import { validateMessage } from '../../src/protocol/validate.ts';

const from: PageSender = { kind: 'page', tabId: 1, url: 'https://www.jerusalemledger.example/', incognito: false };

/** The worker's reply to a page/html message; `check` answers the message the worker derives from it. */
export async function asWorker(msg: OutgoingMessage, check: (msg: OutgoingMessage) => unknown): Promise<Reply<unknown>> {
  // As the router would: the content script's message is validated first.
  const valid = validateMessage(msg);
  if (!valid.ok || valid.value.type !== 'page/html') return { ok: false, error: valid.ok ? 'not page/html' : valid.error };
  const answer = async (derived: OutgoingMessage): Promise<TabState> => {
    const reply = (await check(derived)) as Reply<TabState> | undefined;
    if (!reply?.ok) throw new Error(reply ? reply.error : 'no answer');
    return reply.value;
  };
  const checks = { 'page/article': answer, 'page/recheck': answer, 'page/not-article': answer };
  try {
    return { ok: true, value: await handlePageHtml(valid.value, from, checks, (page) => Promise.resolve(articleFromHtml(page))) };
  } catch (err) {
    return { ok: false, error: String(err) };
  }
}
