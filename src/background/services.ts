// What the worker's handlers work with. main.ts builds it from the browser's APIs; tests build
// it from fakes. Nothing here is state that must survive the worker: that is all in storage.
import type { ContentMessage, IndexChangedMessage, ListProgressMessage } from '../protocol/messages.ts';
import type { ListReader } from '../storage/lists.ts';
import type { Badge } from './badge.ts';
import { DbConnection, IdbStore } from '../storage/db.ts';
import { TabStates, type KeyValueArea } from './tab-state.ts';
import { Writer } from '../storage/writer.ts';
import { Saves } from './saves.ts';

export interface BrowserSide {
  setBadge(tabId: number, badge: Badge | null): Promise<void>;
  openTab(url: string): Promise<void>;
  sendToTab(tabId: number, msg: ContentMessage): Promise<void>;
  /** The URL the content script of the tab's top frame says it shows (content/ping); undefined when none answers. */
  pingTab(tabId: number): Promise<string | undefined>;
  /** Bytes the extension's storage uses (navigator.storage.estimate), when known. */
  usage(): Promise<number | undefined>;
  /** runtime.getURL(''). */
  baseUrl: string;
  /** Whether the reader granted the host permission of an origin (permissions.contains). */
  hasOrigin(origin: string): Promise<boolean>;
  /** Tells the extension's open pages (runtime.sendMessage). */
  broadcast(msg: ListProgressMessage | IndexChangedMessage): Promise<void>;
  /** The ids of every open tab (tabs.query: ids only, no permission needed), to tell them the ribbon's settings changed. */
  tabIds?(): Promise<number[]>;
}

export interface Services {
  conn: DbConnection;
  writer: Writer;
  store: IdbStore;
  tabs: TabStates;
  /** The saves of checked pages, queued after their verdicts were sent (saves.ts). */
  saves: Saves;
  browser: BrowserSide;
  /** The network, for the lists' downloads only. */
  fetch: typeof fetch;
  /** Reads and checks a list as it streams in (src/lists readList). */
  readList: ListReader;
  now(): number;
  /** Where the ribbon's dismissed stories are kept: storage.session, else storage.local. */
  ribbonArea: KeyValueArea;
}

export function createServices(opts: {
  dbName?: string;
  session: KeyValueArea | undefined;
  local: KeyValueArea;
  browser: BrowserSide;
  fetch?: typeof fetch;
  readList: ListReader;
  now?: () => number;
  /** A cheap extension API call, made while saves are pending so the browser does not stop the worker. */
  keepAlive?: () => Promise<unknown>;
}): Services {
  const conn = new DbConnection(opts.dbName);
  const writer = new Writer(conn);
  return {
    conn,
    writer,
    store: new IdbStore(conn),
    tabs: new TabStates(opts.session, opts.local),
    saves: new Saves(opts.keepAlive),
    browser: opts.browser,
    fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
    readList: opts.readList,
    now: opts.now ?? Date.now,
    ribbonArea: opts.session ?? opts.local,
  };
}
