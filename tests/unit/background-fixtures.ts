// Shared fakes for the background worker's unit tests: in-memory storage areas, a browser side
// that records what the worker asked of it, and records built by the real engine.
import 'fake-indexeddb/auto';
import { buildRecord, type ArticleRecord, type PageMeta, type Store } from '../../src/index/index.ts';
import type { DbConnection } from '../../src/storage/db.ts';
import { isListedRef, LISTED_BASE } from '../../src/storage/list-layout.ts';
import type { Badge } from '../../src/background/badge.ts';
import { createServices, type Services } from '../../src/background/services.ts';
import { withSaves } from '../../src/background/saves.ts';
import { testUiHandlers } from '../../src/background/test-handlers.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import type { KeyValueArea } from '../../src/background/tab-state.ts';
import type { ContentMessage, IndexChangedMessage, ListProgressMessage } from '../../src/protocol/messages.ts';
import type { ListReader } from '../../src/storage/lists.ts';
import { wordsFrom, seed } from './helpers.ts';

let counter = 0;
/** A database name no other test uses. */
export function freshDbName(): string {
  return `firsthand-test-${process.pid}-${++counter}`;
}

export class MemoryArea implements KeyValueArea {
  readonly data = new Map<string, unknown>();
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

export interface Recorded {
  badges: Map<number, Badge | null>;
  opened: string[];
  sent: { tabId: number; msg: ContentMessage }[];
  progress: ListProgressMessage[];
  /** What the worker told the extension's pages besides progress (index/changed). */
  told: IndexChangedMessage[];
  /** The URL each tab's content script answers content/ping with (none: no answer). */
  showing: Map<number, string>;
}

export const BASE_URL = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';

/** A list reader for tests that have no list to read: any call fails. */
const noReader: ListReader = async () => {
  throw new Error('this test reads no list');
};

export function testServices(opts: { session?: boolean; now?: () => number; fetch?: typeof fetch; readList?: ListReader; origins?: string[] } = {}): {
  s: Services;
  rec: Recorded;
  session: MemoryArea;
  local: MemoryArea;
} {
  const rec: Recorded = { badges: new Map(), opened: [], sent: [], progress: [], told: [], showing: new Map() };
  const session = new MemoryArea();
  const local = new MemoryArea();
  const s = createServices({
    dbName: freshDbName(),
    session: opts.session === false ? undefined : session,
    local,
    now: opts.now,
    browser: {
      setBadge: async (tabId, badge) => void rec.badges.set(tabId, badge),
      openTab: async (url) => void rec.opened.push(url),
      sendToTab: async (tabId, msg) => void rec.sent.push({ tabId, msg }),
      pingTab: async (tabId) => rec.showing.get(tabId),
      usage: async () => 12345,
      baseUrl: BASE_URL,
      hasOrigin: async (origin) => (opts.origins ?? []).includes(origin),
      broadcast: async (msg) => void (msg.type === 'lists/progress' ? rec.progress.push(msg) : rec.told.push(msg)),
    },
    fetch:
      opts.fetch ??
      (async () => {
        throw new Error('this test makes no request');
      }),
    readList: opts.readList ?? noReader,
  });
  return { s, rec, session, local };
}

/** The extension pages' requests as the worker wires them (main.ts): each waits for the saves pending. */
export function uiOf(s: Services): ReturnType<typeof uiHandlers> {
  const ui = uiHandlers(s);
  withSaves(s.saves, ui);
  return ui;
}

/** The test build's requests as the worker wires them: each waits for the saves pending. */
export function testOf(s: Services): ReturnType<typeof testUiHandlers> {
  const test = testUiHandlers(s);
  withSaves(s.saves, test);
  return test;
}

/** A generated article (distinct words per n) built by the engine, with a chosen first-seen time. */
export function syntheticArticle(n: number, firstSeenAt: number): { record: ArticleRecord; text: string; meta: PageMeta } {
  const words = wordsFrom(seed('004') + ' ' + seed('001'));
  const out: string[] = [];
  let x = (n * 2654435761) >>> 0;
  for (let i = 0; i < 220; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(words[x % words.length]);
  }
  const text = `Report number ${n}. ${out.join(' ')}.`;
  const meta: PageMeta = { url: `https://news${n % 3}.example/story/${n}`, siteName: `Outlet ${n % 3}`, title: `Story ${n}` };
  return { ...buildRecord(text, meta, firstSeenAt), text, meta };
}

/** Candidates of a store as ids with their band counts (the store's references read back to records). */
export async function candidateIds(store: Store, keys: readonly number[], maxPerKey?: number): Promise<{ id: string; hits: number }[]> {
  const hits = await store.candidates(keys, maxPerKey);
  const records = await Promise.all(hits.map(async (h) => (await store.fetch([h.ref]))[0]));
  return hits.map((h, i) => ({ id: records[i]?.id ?? `missing ${String(h.ref)}`, hits: h.hits }));
}

/** Every article number the band postings name, with how many band keys each has there. */
export async function postedArticles(conn: DbConnection): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const list of await (await conn.get()).getAll('postings')) for (let i = 1; i < list.length; i += 2) out.set(list[i], (out.get(list[i]) ?? 0) + 1);
  return out;
}

/** Ids of every article stored, the reader's own and the lists' (each once), sorted. */
export async function storedIds(conn: DbConnection): Promise<string[]> {
  const db = await conn.get();
  const own = (await db.getAll('articles')).map((a) => a.id);
  const listed = (await db.getAll('listBlocks')).flatMap((b) => b.entries.map((e) => e.id));
  return [...new Set([...own, ...listed])].sort();
}

/** Ids of the articles of list `id`'s blocks, sorted. */
export async function listedIds(conn: DbConnection, id: string): Promise<string[]> {
  const db = await conn.get();
  return (await db.getAll('listBlocks'))
    .filter((b) => b.list === id)
    .flatMap((b) => b.entries.map((e) => e.id))
    .sort();
}

/** Every reference the lists' postings hold, with the list whose postings hold it. */
export async function postedRefs(conn: DbConnection): Promise<{ ref: number; list: string }[]> {
  const db = await conn.get();
  const out: { ref: number; list: string }[] = [];
  let cursor = await db.transaction('listPostings').store.openCursor();
  while (cursor) {
    for (let i = 1; i < cursor.value.length; i += 2) out.push({ ref: cursor.value[i], list: cursor.key[1] });
    cursor = await cursor.continue();
  }
  return out;
}

/** True when every reference the lists' postings hold is an entry of a block of that list. */
export async function postingsConsistent(conn: DbConnection): Promise<boolean> {
  const db = await conn.get();
  for (const { ref, list } of await postedRefs(conn)) {
    if (!isListedRef(ref)) return false;
    const block = await db.get('listBlocks', Math.floor((ref - LISTED_BASE) / 256));
    if (block?.list !== list || !block.entries[(ref - LISTED_BASE) % 256]) return false;
  }
  return true;
}
