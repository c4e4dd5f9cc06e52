// Runs inside one of the extension's own pages (same origin as its worker, so the same
// IndexedDB): fills the reader's index with generated articles through the extension's own
// writer, as packs of 500 articles imported one after another (index only, no texts): the same
// records the worker would have stored after that many visits, whatever the database schema.
// Or subscribes the reader to a reuse list (`list`): the example list's originals and generated
// articles, installed as the worker installs a list it downloaded. Bundled as an IIFE by
// bench/page-browsers.ts and evaluated in the page.
import { DB_NAME, DbConnection } from '../../src/storage/db.ts';
import { Writer } from '../../src/storage/writer.ts';
import { encodePack, parsePack } from '../../src/index/pack.ts';
import { listedRecord } from '../../src/index/sketch.ts';
import { readList } from '../../src/lists/read.ts';
import { installList, listIdForUrl, listInfoOf } from '../../src/storage/lists.ts';
import { Generator } from '../corpus.ts';
import { ARTICLE_WORDS } from '../queries.ts';
import type { Vocabulary } from '../vocabulary.ts';

const conn = new DbConnection(DB_NAME);
const writer = new Writer(conn);
let gen: Generator | undefined;
let serial = 0;

const api = {
  setup(vocab: { words: string[]; cumulative: number[]; stream: number[] }, seed: number): void {
    const v: Vocabulary = { words: vocab.words, cumulative: Float64Array.from(vocab.cumulative), stream: vocab.stream };
    gen = new Generator(v, seed);
  },
  /** Adds `n` generated articles; returns the seconds it took and the articles the index then holds. */
  async fill(n: number): Promise<{ seconds: number; count: number }> {
    const g = gen;
    if (!g) throw new Error('setup first');
    const t0 = performance.now();
    // Seen over the past month, before the pages the benchmark loads.
    const from = Date.now() - 30 * 86_400_000;
    for (let done = 0; done < n; done += 500) {
      const records = Array.from({ length: Math.min(500, n - done) }, () => g.record(g.words(g.length(ARTICLE_WORDS)), from + serial++ * 60_000));
      // Through a pack's text, as an import is, without the reader's retention limits.
      await writer.importItems(parsePack(encodePack(records.map((record) => ({ record })))).items);
    }
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, count: await (await conn.get()).count('articles') };
  },
  /** Subscribes the reader to a list at `url` holding the list file `example` (base64) and `n`
   * generated articles (text-free, as lists are); returns the seconds it took and its articles. */
  async list(example: string, n: number, url: string): Promise<{ seconds: number; articles: number }> {
    const g = gen;
    if (!g) throw new Error('setup first');
    const t0 = performance.now();
    const bytes = Uint8Array.from(atob(example), (c) => c.charCodeAt(0));
    const content = await readList(new Blob([bytes]).stream());
    const from = Date.now() - 30 * 86_400_000;
    const items = [...content.items];
    for (let i = 0; i < n; i++) {
      const r = g.record(g.words(g.length(ARTICLE_WORDS)), from + i * 1000);
      const at = `https://wire.example/listed/${i}`;
      items.push({ record: listedRecord({ ...r, id: at, url: at }) });
    }
    const all = { ...content, items };
    const id = listIdForUrl(url);
    await installList(conn, id, all, listInfoOf(id, all, { url }, Date.now()));
    return { seconds: (performance.now() - t0) / 1000, articles: items.length };
  },
};

(globalThis as unknown as { firsthandBenchFill: typeof api }).firsthandBenchFill = api;
