// Content script entry (document_idle on http(s) pages). Browser glue only: the work is in controller.ts.
import browser from 'webextension-polyfill';
import { recordTiming, runContent } from './controller.ts';
import { isContentMessage } from './validate-state.ts';

const startedAt = performance.now();

void runContent({
  doc: document,
  url: location.href,
  send: (msg) => browser.runtime.sendMessage(msg),
  listen(handler) {
    browser.runtime.onMessage.addListener((msg: unknown, sender: browser.Runtime.MessageSender) => {
      // Only the extension itself (its worker) talks to this script; pages cannot reach runtime.onMessage.
      if (sender.id !== browser.runtime.id || !isContentMessage(msg)) {
        console.debug('Firsthand: dropped an unexpected message', msg);
        return undefined;
      }
      return Promise.resolve(handler(msg));
    });
  },
  now: () => performance.now(),
  exposeText: typeof __FIRSTHAND_TEST__ !== 'undefined' && __FIRSTHAND_TEST__,
}).then((run) => recordTiming(performance, startedAt, run));
