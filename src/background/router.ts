// Every message to the worker passes here: validated, checked against who sent it, then handed
// to its handler. Privilege comes from the sender as the browser reports it (extension id,
// origin, tab), never from the message. Anything else is dropped, logged and answered with an error.
import type { AnyMessage, Message, Reply, ReplyMap, TestUiMessage } from '../protocol/messages.ts';
import { validateMessage } from '../protocol/validate.ts';

/** What the browser says about a message's sender (runtime.MessageSender, the fields used here). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; incognito?: boolean; url?: string };
}

/** This extension, as the browser names it. */
export interface Self {
  id: string;
  /** runtime.getURL(''), e.g. "chrome-extension://<id>/". */
  baseUrl: string;
}

/** A content script's message, with the facts about its tab that handlers may rely on. */
export interface PageSender {
  kind: 'page';
  tabId: number;
  url: string;
  incognito: boolean;
}

export interface UiSender {
  kind: 'ui';
  /** Set when the extension page is shown in a tab (compare, options), absent for the popup. */
  tabId?: number;
}

type MessageOf<K extends AnyMessage['type']> = Extract<AnyMessage, { type: K }>;
type SenderOf<K extends AnyMessage['type']> = K extends `page/${string}` ? PageSender : UiSender;
type HandlerOf<K extends AnyMessage['type']> = (msg: MessageOf<K>, sender: SenderOf<K>) => Promise<ReplyMap[K]>;

/** The worker's handler of every message a store build knows. */
export type Handlers = { [K in Message['type']]: HandlerOf<K> };

/** Handlers of the test build's extra messages (TestUiMessage). */
export type TestHandlers = { [K in TestUiMessage['type']]: HandlerOf<K> };

/** scheme://host[:port] of a URL. Written out because URL.origin is "null" for non-web schemes
 * in some engines (extension URLs among them). */
export function originOf(url: string | undefined): string | undefined {
  const m = url ? /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url) : null;
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * Who may send what: `page/*` only from this extension's content script in a web page's top
 * frame, `ui/*` only from this extension's own pages. Returns the trusted sender or an error.
 */
export function authorize(type: AnyMessage['type'], sender: SenderInfo, self: Self): PageSender | UiSender | string {
  if (sender.id !== self.id) return 'sender is not this extension';
  const url = sender.url;
  if (type.startsWith('page/')) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0) return 'page message from outside a tab';
    if (sender.frameId !== undefined && sender.frameId !== 0) return 'page message from a subframe';
    if (!url || !/^https?:\/\//i.test(url)) return 'page message from a page that is not http(s)';
    return { kind: 'page', tabId, url, incognito: sender.tab?.incognito === true };
  }
  // Chrome reports the origin, which a compromised page cannot spoof; Firefox reports the URL.
  const selfOrigin = originOf(self.baseUrl);
  const origin = sender.origin ?? originOf(url);
  if (!selfOrigin || origin !== selfOrigin || !url?.startsWith(self.baseUrl)) return 'ui message from outside the extension';
  const tabId = sender.tab?.id;
  return tabId !== undefined && tabId >= 0 ? { kind: 'ui', tabId } : { kind: 'ui' };
}

export interface RouterOptions {
  self: Self;
  handlers: Handlers;
  /** Test builds only. Without them TestUiMessage types are unknown messages, dropped like any other. */
  testHandlers?: TestHandlers;
  warn?: (...args: unknown[]) => void;
}

type AnyHandler = (m: AnyMessage, s: PageSender | UiSender) => Promise<unknown>;

/** The handler for a validated message; validation has already refused types this router lacks. */
function handlerFor(type: AnyMessage['type'], opts: RouterOptions): AnyHandler {
  const table: Partial<Record<AnyMessage['type'], unknown>> = Object.hasOwn(opts.handlers, type) ? opts.handlers : (opts.testHandlers ?? {});
  return table[type] as AnyHandler;
}

/** Validates, authorises and dispatches one message; always resolves to a Reply. */
export async function route(raw: unknown, sender: SenderInfo, opts: RouterOptions): Promise<Reply<unknown>> {
  const warn = opts.warn ?? console.warn;
  const checked = validateMessage(raw, { withTestMessages: opts.testHandlers !== undefined });
  if (!checked.ok) {
    warn('Firsthand: dropped a malformed message:', checked.error);
    return { ok: false, error: `malformed message: ${checked.error}` };
  }
  const msg = checked.value;
  const who = authorize(msg.type, sender, opts.self);
  if (typeof who === 'string') {
    warn(`Firsthand: dropped ${msg.type}:`, who);
    return { ok: false, error: `not allowed: ${who}` };
  }
  try {
    return { ok: true, value: await handlerFor(msg.type, opts)(msg, who) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    warn(`Firsthand: ${msg.type} failed:`, err);
    return { ok: false, error };
  }
}
