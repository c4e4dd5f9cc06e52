// The reader's index as the browser keeps it: IndexedDB "firsthand", read from one of the
// extension's own pages (same origin as the worker), without a version so nothing is upgraded.
import type Browser from 'webextension-polyfill';
import type { Tab } from './types.ts';

export interface DbShape {
  version: number;
  /** Records per object store. */
  counts: Record<string, number>;
  /** Index names per object store. */
  indexes: Record<string, string[]>;
}

/** What the database holds once the pages checked so far are saved (the worker sends a verdict
 * before it saves the page; test builds answer ui/saves-settled when the saves are done);
 * undefined when it does not exist. `settle: false` reads the database as it is, without a
 * message that would start a stopped worker (and so upgrade an old database). */
export async function dbShape(ext: Tab, name = 'firsthand', opts: { settle?: boolean } = {}): Promise<DbShape | undefined> {
  return ext.evaluate(
    async ([dbName, settle]) => {
      const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
      // A store build does not know the message and answers with an error: nothing to wait for there.
      if (settle) await (g.browser ?? g.chrome).runtime.sendMessage({ type: 'ui/saves-settled' }).catch(() => undefined);
      const dbs = await indexedDB.databases?.();
      if (dbs && !dbs.some((d) => d.name === dbName)) return undefined;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        const counts: Record<string, number> = {};
        const indexes: Record<string, string[]> = {};
        for (const store of Array.from(db.objectStoreNames)) {
          const tx = db.transaction(store);
          const os = tx.objectStore(store);
          indexes[store] = Array.from(os.indexNames);
          counts[store] = await new Promise<number>((resolve, reject) => {
            const req = os.count();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
        }
        return { version: db.version, counts, indexes };
      } finally {
        db.close();
      }
    },
    [name, opts.settle !== false] as const,
  );
}

/** Every key of the extension's storage areas (local and, where it exists, session). */
export async function storageKeys(ext: Tab): Promise<{ local: string[]; session: string[] }> {
  return ext.evaluate(async () => {
    const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
    const api = g.browser ?? g.chrome;
    const session = (api.storage as { session?: Browser.Storage.StorageArea }).session;
    return {
      local: Object.keys(await api.storage.local.get(null)),
      session: session ? Object.keys(await session.get(null)) : [],
    };
  }, undefined);
}

/** The tab states the worker keeps (keys "tab:<id>", in storage.session or storage.local), as JSON text. */
export async function tabStatesText(ext: Tab): Promise<string[]> {
  return ext.evaluate(async () => {
    const g = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
    const api = g.browser ?? g.chrome;
    const session = (api.storage as { session?: Browser.Storage.StorageArea }).session;
    const all = { ...(await api.storage.local.get(null)), ...(session ? await session.get(null) : {}) };
    return Object.entries(all)
      .filter(([k]) => k.startsWith('tab:'))
      .map(([, v]) => JSON.stringify(v));
  }, undefined);
}
