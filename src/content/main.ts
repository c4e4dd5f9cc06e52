// Content script entry (document_idle on http(s) pages). Browser glue only: the work is in controller.ts.
import { recordTiming, runContent } from './controller.ts';
import { contentRuntime } from './runtime.ts';
import { watchNavigation } from './navigation.ts';
import { isContentMessage } from '../protocol/replies.ts';

const startedAt = performance.now();
const testBuild = typeof __FIRSTHAND_TEST__ !== 'undefined' && __FIRSTHAND_TEST__;
const runtime = contentRuntime();

void runContent({
  doc: document,
  // Read when asked: a single-page site changes it without loading a document.
  get url() {
    return location.href;
  },
  send: (msg) => runtime.sendMessage(msg),
  listen(handler) {
    runtime.onMessage.addListener((msg, sender, sendResponse) => {
      // Only the extension itself (its worker) talks to this script; pages cannot reach runtime.onMessage.
      if (sender.id !== runtime.id || !isContentMessage(msg)) {
        console.debug('Firsthand: dropped an unexpected message', msg);
        return false;
      }
      // The handler answers at once; nothing is left pending.
      sendResponse(handler(msg));
      return false;
    });
  },
  now: () => performance.now(),
  exposeText: testBuild,
  watch: (changed) => void watchNavigation(window, changed),
}).then((run) => {
  // The page shares the performance timeline: only test builds leave a measure there, as a page
  // must not learn that Firsthand runs.
  if (testBuild) recordTiming(performance, startedAt, run);
});
