// Talking to the background from the extension's own pages. Every reply is a Reply<T>;
// an ok:false reply becomes an Error carrying the background's message verbatim, and an ok reply
// is checked against its message's reply type before a page reads it (a worker from another
// version, or a broken one, must not get half a view rendered).
import browser from 'webextension-polyfill';
import type { ReplyMap, UiMessage } from '../protocol/messages.ts';
import { REPLY_CHECKS } from '../protocol/replies.ts';

type Envelope = { ok: true; value: unknown } | { ok: false; error: string };

function isEnvelope(x: unknown): x is Envelope {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return r.ok === true ? 'value' in r : r.ok === false && typeof r.error === 'string';
}

/** Sends a message to the background and resolves to its reply, typed and checked by message type. */
export async function ask<M extends UiMessage>(msg: M): Promise<ReplyMap[M['type']]> {
  const reply: unknown = await browser.runtime.sendMessage(msg);
  if (!isEnvelope(reply)) throw new Error('Firsthand’s background did not answer. Try again in a moment.');
  if (!reply.ok) throw new Error(reply.error);
  const type: M['type'] = msg.type;
  const check: (x: unknown) => x is ReplyMap[M['type']] = REPLY_CHECKS[type];
  if (!check(reply.value)) {
    console.debug(`Firsthand: unreadable reply to ${type}:`, reply.value);
    throw new Error('Firsthand’s background sent an answer this page cannot read. Reload this page and try again.');
  }
  return reply.value;
}

/** The tab the popup speaks about: ?tab=<id> (tests, the compare page), else the active tab. */
export async function currentTabId(search = location.search): Promise<number | undefined> {
  const fromUrl = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
