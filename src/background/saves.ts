// The worker's queue of writes to the reader's index that run after a reply: a page's verdict is
// sent as soon as it is known, and the page is saved afterwards, in the order the pages were
// checked. What reads the index waits for the saves queued before it (nothing to wait for when
// none is pending), so a page checked right after another is compared with it, and the popup,
// the library and the history never show an index that lacks a page whose ribbon is up. Clear
// runs in the queue itself: it never empties the index half-way through a page's save.
//
// The worker may be stopped when idle (Chrome: 30 s without an event or an extension API call;
// Firefox's event page likewise). A save takes milliseconds and starts within the event that
// asked for it; while any is pending the queue also calls an extension API every KEEP_ALIVE_MS,
// which counts as activity in Chrome, so even a save held up behind a slow disk is not cut short.
import type { Handlers, TestHandlers } from './router.ts';

/** How often the queue shows the browser it is busy while saves are pending (under Chrome's 30 s). */
export const KEEP_ALIVE_MS = 20_000;

export class Saves {
  /** The last task queued, settled (its failure is its own: the queue goes on). */
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** @param keepAlive a cheap extension API call (runtime.getPlatformInfo), made while saves are pending */
  constructor(private readonly keepAlive?: () => Promise<unknown>) {}

  /** How many tasks are queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Runs `task` after every task queued before it; its result (or failure) is the caller's. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    this.awake();
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.done(),
      () => this.done(),
    );
    return result;
  }

  /** Resolves once every task queued so far has finished; at once when none is pending. */
  settled(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : this.tail;
  }

  private done(): void {
    this.pending--;
    if (this.pending === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private awake(): void {
    if (!this.keepAlive || this.timer !== undefined) return;
    const ping = this.keepAlive;
    this.timer = setInterval(() => void ping().catch(() => undefined), KEEP_ALIVE_MS);
  }
}

/** Handlers that empty or replace the reader's index: they run in the save queue, between saves. */
const EXCLUSIVE = new Set<string>(['ui/clear', 'library/clear-forget', 'undo/restore']);

/** The extension pages' requests (popup, options, library, history, story, compare) and the test
 * build's: each waits for the pending saves before it reads or changes the index. A content
 * script's requests do not wait (page/article and page/recheck wait in page.ts, just before the
 * check reads the index; the ribbon's own requests read no article). */
function waits(type: string): boolean {
  return !type.startsWith('page/');
}

type AnyHandler = (msg: never, from: never) => Promise<unknown>;

/** Wraps each table of handlers (the worker's, the test build's) so the extension's pages see
 * every page saved whose verdict was sent. */
export function withSaves(saves: Saves, ...tables: (Partial<Handlers> | Partial<TestHandlers> | undefined)[]): void {
  for (const table of tables as (Record<string, AnyHandler> | undefined)[]) {
    if (!table) continue;
    for (const [type, handler] of Object.entries(table)) {
      if (!waits(type)) continue;
      table[type] = EXCLUSIVE.has(type)
        ? (msg, from) => saves.run(() => handler(msg, from))
        : async (msg, from) => {
            await saves.settled();
            return handler(msg, from);
          };
    }
  }
}
