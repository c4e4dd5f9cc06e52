// Runs in a plain Chromium page (bundled by bench/lists.ts): a reuse list downloaded from the
// loopback server, read as a stream (src/lists readList) and installed in IndexedDB in one
// transaction (src/storage/lists.ts installList), as the worker subscribes and updates; then the
// pages of the benchmark checked against it.
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { installList, listIdForUrl, listInfoOf, getList } from '../../src/storage/lists.ts';
import { readList } from '../../src/lists/read.ts';
import { checkArticle } from '../../src/index/check.ts';
import { buildRecord } from '../../src/index/record.ts';
import { isDerived } from '../../src/index/verdict.ts';

const conn = new DbConnection('firsthand-bench-lists');
const store = new IdbStore(conn);

interface Query {
  kind: string;
  text: string;
  originalId?: string;
}

const api = {
  /** Downloads the copy at `url` and installs it as the list subscribed at `listUrl` (a first
   * subscription, or an update of that list). */
  async install(url: string, listUrl = url): Promise<{ ms: number; readMs: number; articles: number; progress: number; error?: string }> {
    const t0 = performance.now();
    let progress = 0;
    try {
      const res = await fetch(url, { cache: 'no-store', credentials: 'omit' });
      const content = await readList(res.body!, { onProgress: () => progress++ });
      const t1 = performance.now();
      const id = listIdForUrl(listUrl);
      const previous = await getList(conn, id);
      const info = listInfoOf(id, content, { url: listUrl }, Date.now(), previous);
      await installList(conn, id, content, info, () => progress++);
      return { ms: performance.now() - t0, readMs: t1 - t0, articles: content.items.length, progress };
    } catch (err) {
      return { ms: performance.now() - t0, readMs: NaN, articles: 0, progress, error: String(err) };
    }
  },
  async usage(): Promise<number> {
    return (await navigator.storage.estimate()).usage ?? 0;
  },
  /** Full checks of every page, `rounds` times: ms, and whether a planted copy named its listed original. */
  async check(queries: Query[], rounds: number): Promise<{ kind: string; ms: number; named: boolean; flagged: boolean }[]> {
    const built = queries.map((q) => ({ q, page: buildRecord(q.text, { url: `https://www.reader.example/${Math.random()}` }, Date.now()) }));
    for (const { page } of built.slice(0, 10)) await checkArticle(store, page);
    const out: { kind: string; ms: number; named: boolean; flagged: boolean }[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const { q, page } of built) {
        const t0 = performance.now();
        const result = await checkArticle(store, page);
        out.push({
          kind: q.kind,
          ms: performance.now() - t0,
          named: q.originalId !== undefined && result.original?.id === q.originalId,
          flagged: isDerived(result.verdict),
        });
      }
    }
    return out;
  },
  count: () => store.count(),
};

(globalThis as unknown as { bench: typeof api }).bench = api;
