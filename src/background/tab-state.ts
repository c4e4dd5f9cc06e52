// What the worker knows about each tab, kept in storage so a worker the browser stopped and
// restarted still answers the popup. storage.session (memory only, cleared with the browser)
// where it exists; otherwise storage.local, emptied when the browser starts.
import type { TabState } from '../protocol/messages.ts';
import { isTabState } from '../protocol/replies.ts';

/** The part of a storage area (browser.storage.session/local) used here. */
export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const PREFIX = 'tab:';

function key(tabId: number): string {
  return `${PREFIX}${tabId}`;
}

export class TabStates {
  /**
   * @param session storage.session, when the browser has it
   * @param local storage.local, the fallback
   */
  constructor(
    private readonly session: KeyValueArea | undefined,
    private readonly local: KeyValueArea,
  ) {}

  private area(): KeyValueArea {
    return this.session ?? this.local;
  }

  /** Whether states reach the disk (the fallback): then private-window tabs are not kept. */
  get persistent(): boolean {
    return !this.session;
  }

  async get(tabId: number): Promise<TabState | null> {
    const k = key(tabId);
    const value = (await this.area().get(k))[k];
    return isTabState(value) ? value : null;
  }

  async set(tabId: number, state: TabState): Promise<void> {
    await this.area().set({ [key(tabId)]: state });
  }

  async remove(tabId: number): Promise<void> {
    await this.area().remove(key(tabId));
  }

  /** Drops every tab's state (tab ids start over when the browser starts); returns the tabs that had one. */
  async removeAll(): Promise<number[]> {
    const area = this.area();
    const keys = Object.keys(await area.get(null)).filter((k) => k.startsWith(PREFIX));
    if (keys.length) await area.remove(keys);
    return keys.map((k) => Number(k.slice(PREFIX.length)));
  }

  /** Every tab's kept state. */
  async all(): Promise<[number, TabState][]> {
    const entries = Object.entries(await this.area().get(null));
    return entries.flatMap(([k, v]) => (k.startsWith(PREFIX) && isTabState(v) ? [[Number(k.slice(PREFIX.length)), v] as [number, TabState]] : []));
  }

  /** The tail of each tab's queue of state changes (this worker's life only: nothing is pending across a restart). */
  private readonly queues = new Map<number, Promise<unknown>>();

  /**
   * Runs `change` once the tab's earlier changes are done: a change that reads the tab's state and
   * then writes it (or its badge) never interleaves with another, so what one saved cannot be
   * removed by a decision taken before it was saved.
   */
  exclusive<T>(tabId: number, change: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(tabId) ?? Promise.resolve();
    const next = previous.then(change);
    const tail = next.catch(() => undefined);
    this.queues.set(tabId, tail);
    void tail.then(() => {
      if (this.queues.get(tabId) === tail) this.queues.delete(tabId);
    });
    return next;
  }
}
