// Talking to the background from the extension's own pages. Every reply is a Reply<T>;
// an ok:false reply becomes an Error carrying the background's message verbatim.
import browser from 'webextension-polyfill';
import type { Reply, UiMessage } from '../protocol/messages.ts';

export async function ask<T>(msg: UiMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<T> | undefined;
  if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
    throw new Error('Firsthand’s background did not answer. Try again in a moment.');
  }
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** The tab the popup speaks about: ?tab=<id> (tests, the compare page), else the active tab. */
export async function currentTabId(search = location.search): Promise<number | undefined> {
  const fromUrl = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
