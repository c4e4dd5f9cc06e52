// What the worker's handlers work with. main.ts builds it from the browser's APIs; tests build
// it from fakes. Nothing here is state that must survive the worker: that is all in storage.
import type { ContentMessage } from '../protocol/messages.ts';
import type { Badge } from './badge.ts';
import { DbConnection, IdbStore } from '../storage/db.ts';
import { TabStates, type KeyValueArea } from './tab-state.ts';
import { Writer } from '../storage/writer.ts';

export interface BrowserSide {
  setBadge(tabId: number, badge: Badge | null): Promise<void>;
  openTab(url: string): Promise<void>;
  sendToTab(tabId: number, msg: ContentMessage): Promise<void>;
  /** Bytes the extension's storage uses (navigator.storage.estimate), when known. */
  usage(): Promise<number | undefined>;
  /** runtime.getURL(''). */
  baseUrl: string;
}

export interface Services {
  conn: DbConnection;
  writer: Writer;
  store: IdbStore;
  tabs: TabStates;
  browser: BrowserSide;
  now(): number;
}

export function createServices(opts: {
  dbName?: string;
  session: KeyValueArea | undefined;
  local: KeyValueArea;
  browser: BrowserSide;
  now?: () => number;
}): Services {
  const conn = new DbConnection(opts.dbName);
  const writer = new Writer(conn);
  return {
    conn,
    writer,
    store: new IdbStore(conn),
    tabs: new TabStates(opts.session, opts.local),
    browser: opts.browser,
    now: opts.now ?? Date.now,
  };
}
