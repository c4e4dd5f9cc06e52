// Faults, in Chromium (its DevTools protocol can stop the extension's worker): the worker
// stopped in the middle of a large import and of a page's write; a database left by the older
// schema; one from a newer version. The index must hold all or nothing, still open, and the
// reader must be told when it cannot be used, with nothing destroyed.
import type Browser from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecord, DEFAULT_PARAMS, encodePack, type PackItem } from '../../src/index/index.ts';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { LOAD_ARTICLES } from '../fixtures/site/load.ts';
import { DB_VERSION } from '../../src/storage/db-schema.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { Devtools } from './harness/devtools.ts';
import { ask, gotoExtensionPage, pageText, POPUP_PATH } from './harness/extension.ts';
import { dbShape } from './harness/index-db.ts';
import { newProfileDir } from './harness/session.ts';
import type { Tab } from './harness/types.ts';
import { poll } from './harness/wait.ts';
import { Console, PARTLY_COPIED_FROM_AXIOS, read } from './steps.ts';

const BULK = 1200;

/** A pack of BULK distinct articles with their texts, as a newsroom might share. */
function bulkPack(): string {
  const items: PackItem[] = [];
  for (let i = 0; i < BULK; i++) {
    const a = LOAD_ARTICLES[i % 40];
    const text = `Bulletin ${i}. ${a.paragraphs.join('\n\n')}`;
    const { record } = buildRecord(
      text,
      { url: `https://www.bulk-archive.com/${i}`, siteName: 'Bulk Archive', title: `Bulletin ${i}` },
      Date.UTC(2024, 0, 1) + i,
    );
    items.push({ record, text });
  }
  return encodePack(items, DEFAULT_PARAMS);
}

/** Sends an import without waiting; the reply (or its failure) lands on window.__importReply. */
function startImport(ui: Tab, text: string): Promise<void> {
  return ui.evaluate((t) => {
    const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser; __importReply?: string };
    const api = g.browser ?? g.chrome;
    g.__importReply = 'pending';
    api.runtime.sendMessage({ type: 'ui/import', text: t }).then(
      (r: unknown) => {
        g.__importReply = JSON.stringify(r);
      },
      (e: unknown) => {
        g.__importReply = `failed: ${String(e)}`;
      },
    );
  }, text);
}

const importReply = (ui: Tab) => ui.evaluate(() => (globalThis as unknown as { __importReply?: string }).__importReply ?? '', undefined);

/**
 * Runs in an extension page (the worker stopped): rewrites the database as the first release
 * left it, schema version 1, with the same articles, texts and settings. Version-1 records are
 * keyed by URL and carry their band keys as strings; texts are keyed by URL.
 */
async function downgradeToV1(ui: Tab): Promise<number> {
  return ui.evaluate(async () => {
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const current = await req(indexedDB.open('firsthand'));
    const read = (store: string) => req(current.transaction(store).objectStore(store).getAll()) as Promise<Record<string, unknown>[]>;
    const [articles, texts, meta] = [await read('articles'), await read('texts'), await read('meta')];
    current.close();
    await req(indexedDB.deleteDatabase('firsthand'));
    const open = indexedDB.open('firsthand', 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      const a = db.createObjectStore('articles', { keyPath: 'id' });
      a.createIndex('bandKeys', 'bandKeys', { multiEntry: true });
      a.createIndex('firstSeenAt', 'firstSeenAt');
      db.createObjectStore('texts', { keyPath: 'id' });
      db.createObjectStore('meta', { keyPath: 'key' });
    };
    const v1 = await req(open);
    const idOf = new Map<unknown, unknown>();
    const tx = v1.transaction(['articles', 'texts', 'meta'], 'readwrite');
    for (const { key, ...record } of articles) {
      idOf.set(key, record.id);
      tx.objectStore('articles').put({ ...record, bandKeys: [`0:${String(record.id)}`, `1:${String(record.id)}`] });
    }
    for (const { key, ...stored } of texts) if (idOf.has(key)) tx.objectStore('texts').put({ ...stored, id: idOf.get(key) });
    for (const m of meta) tx.objectStore('meta').put(m);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
    v1.close();
    return articles.length;
  }, undefined);
}

/** Runs in an extension page (the worker stopped): stamps the database with a newer version, data untouched. */
async function stampVersion(ui: Tab, version: number): Promise<void> {
  await ui.evaluate(async (v) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('firsthand', v);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
  }, version);
}

let site: Site;
let dt: Devtools;
let ext: Console;
const stats = async () => ask<{ articles: number; error?: string }>(await ext.get(), { type: 'ui/stats' });

beforeAll(async () => {
  site = await startSite();
  dt = await Devtools.launch(site, newProfileDir('chromium-faults'));
  ext = new Console(dt.session);
});
afterAll(async () => {
  await dt?.close();
  await site?.close();
});

describe('chromium: faults', () => {
  it('the worker stopped mid-import leaves all of the import or none, and the index still opens', async () => {
    const pack = bulkPack();
    const outcomes: string[] = [];
    // Stops at several points of the import, and last once it has replied (-1).
    for (const delay of [50, 250, 600, 1200, 2500, -1]) {
      const ui = await ext.get();
      expect((await stats()).articles).toBe(0);
      await startImport(ui, pack);
      if (delay >= 0) await new Promise((r) => setTimeout(r, delay));
      else await poll('the import to finish', async () => ((await importReply(ui)).includes('"ok":true') ? true : undefined), 60_000, 100);
      const replied = (await importReply(ui)) !== 'pending';
      await dt.stopWorker();
      // The next message starts a new worker, which opens the index as it was left.
      const after = await poll('the restarted worker to answer', async () => stats().catch(() => undefined), 30_000, 200);
      expect(after.error).toBeUndefined();
      expect([0, BULK]).toContain(after.articles);
      const shape = await dbShape(ui);
      expect(shape?.counts.articles).toBe(after.articles);
      expect(shape?.counts.texts).toBe(after.articles);
      outcomes.push(`${delay} ms: ${after.articles === BULK ? 'all' : 'none'}${replied ? ' (had finished)' : ' (stopped mid-import)'}`);
      if (after.articles) await ask(ui, { type: 'ui/clear' });
    }
    console.info(`chromium faults, worker stopped during a ${BULK}-article import: ${outcomes.join('; ')}`);
    expect(outcomes.some((o) => o.includes('stopped mid-import'))).toBe(true);
    expect(outcomes[outcomes.length - 1]).toBe('-1 ms: all (had finished)');
  });

  it('the worker stopped while a page is being saved leaves the article whole or absent', async () => {
    let survived = 0;
    for (const key of ['001', '002', '003']) {
      const tab = await dt.session.open(articleUrl(articleByKey(key)));
      await dt.stopWorker();
      await tab.close();
      const s = await poll('the restarted worker to answer', async () => stats().catch(() => undefined), 30_000, 200);
      const shape = await dbShape(await ext.get());
      expect(shape?.counts.articles).toBe(s.articles);
      expect(shape?.counts.texts).toBe(s.articles);
      survived++;
    }
    // The index still works: read again, each page is checked and saved.
    await read(dt.session, '001');
    const copy = await read(dt.session, '002');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    console.info(`chromium faults: ${survived} worker stops during a page's check and write survived`);
  });

  it('a database left by the first schema (version 1) is upgraded with its articles and texts kept', async () => {
    const ui = await ext.get();
    const before = await dbShape(ui);
    await dt.stopWorker();
    const kept = await downgradeToV1(ui);
    expect(kept).toBe(before?.counts.articles);
    expect(kept).toBeGreaterThanOrEqual(2);
    expect((await dbShape(ui, 'firsthand', { settle: false }))?.version).toBe(1);
    // The next message starts the worker, which upgrades the database as it opens it.
    expect((await stats()).articles).toBe(kept);
    const after = await dbShape(ui);
    expect(after?.version).toBe(DB_VERSION);
    expect(after?.counts.articles).toBe(kept);
    expect(after?.counts.texts).toBe(before?.counts.texts);
    // The upgraded index still finds the original (band keys recomputed) and shows the texts.
    const copy = await read(dt.session, '002');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    const view = await ask<{ original: { text: string } }>(ui, {
      type: 'ui/compare',
      pageId: articleUrl(articleByKey('002')),
      originalId: articleUrl(articleByKey('001')),
    });
    expect(view.original.text.length).toBeGreaterThan(500);
  });

  it('a database from a newer version is left alone, and the reader is told', async () => {
    const ui = await ext.get();
    const before = await dbShape(ui);
    await dt.stopWorker();
    await stampVersion(ui, 99);
    const s = await stats();
    expect(s.error).toBe('The index could not be opened: it was saved by a newer version of Firsthand. Update Firsthand to use it; nothing was deleted.');
    await gotoExtensionPage(ui, POPUP_PATH);
    const text = await pageText(ui, /could not be opened/);
    expect(text).toMatch(/saved by a newer version of Firsthand\. Update Firsthand to use it; nothing was deleted\./);
    // Pages are still answered, with the reason.
    const copy = await read(dt.session, '002');
    expect(copy.verdict).toBe('none');
    // Nothing was destroyed: the newer database still holds every article.
    const shape = await dbShape(ui);
    expect(shape?.version).toBe(99);
    expect(shape?.counts).toEqual(before?.counts);
    console.info(`chromium faults: a version-99 index left as it was; the reader is told "${s.error}"`);
  });
});
