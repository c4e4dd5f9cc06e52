// Runs in a plain Chromium page (bundled by bench/chromium.ts): the extension's own IndexedDB
// modules (db.ts, writer.ts) and the engine, on a generated index, timed where they run.
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { importPack } from '../../src/storage/import.ts';
import { exportParts } from '../../src/storage/pack-io.ts';
import { readPieces, STREAM_ABOVE } from '../../src/popup/toolbar/bulk.ts';
import { packText } from '../../src/storage/texts.ts';
import { Writer } from '../../src/storage/writer.ts';
import { checkArticle } from '../../src/index/check.ts';
import { buildRecord } from '../../src/index/record.ts';
import type { ArticleRecord } from '../../src/index/types.ts';
import { Generator } from '../corpus.ts';
import { ARTICLE_WORDS, makeQueries, type Query } from '../queries.ts';
import type { Vocabulary } from '../vocabulary.ts';

const conn = new DbConnection('firsthand-bench');
const writer = new Writer(conn);
const store = new IdbStore(conn);
let gen: Generator;
let queries: Query[] = [];
let count = 0;
let planted: { records: ArticleRecord[]; texts: string[] } = { records: [], texts: [] };
const T0 = Date.UTC(2026, 0, 1);
/** Articles per import transaction while filling: each writes every band bucket it touches once. */
const FILL_BATCH = 5000;

/** Stores articles as the extension does (the writer's batched import, one transaction). */
async function putBatch(records: ArticleRecord[], texts: string[] | undefined): Promise<void> {
  await writer.importItems(records.map((record, i) => (texts ? { record, text: texts[i] } : { record })));
}

const api = {
  async setup(vocab: { words: string[]; cumulative: number[]; stream: number[] }, perKind: number): Promise<number> {
    const v: Vocabulary = { words: vocab.words, cumulative: Float64Array.from(vocab.cumulative), stream: vocab.stream };
    gen = new Generator(v);
    const made = makeQueries(gen, perKind, T0);
    queries = made.queries;
    planted = { records: made.originals, texts: made.originalTexts };
    await putBatch(made.originals, made.originalTexts);
    count = made.originals.length;
    return count;
  },
  /** Adds distractors up to `size` articles; with texts when asked (gzip, as the extension keeps them). */
  async fill(size: number, withTexts: boolean): Promise<number> {
    const t0 = performance.now();
    while (count < size) {
      const batch: ArticleRecord[] = [];
      const texts: string[] = [];
      for (let i = 0; i < FILL_BATCH && count < size; i++, count++) {
        const words = gen.words(gen.length(ARTICLE_WORDS));
        batch.push(gen.record(words, T0 + count));
        if (withTexts) texts.push(gen.text(words));
      }
      await putBatch(batch, withTexts ? texts : undefined);
    }
    return (performance.now() - t0) / 1000;
  },
  /** What the worker does for each article page read: one article and its text saved (gzip, the
   * band buckets read, changed and written), `n` times; each is deleted again after it is timed. */
  async saveOne(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const words = gen.words(gen.length(ARTICLE_WORDS));
      const record = { ...gen.record(words, Date.now()), id: `https://save.example/${i}`, url: `https://save.example/${i}` };
      const t0 = performance.now();
      await writer.putArticle(record, gen.text(words));
      out.push(performance.now() - t0);
      await writer.deleteArticle(record.id);
    }
    return out;
  },
  /** Full checks (candidates, record reads, verification, verdict) of every query, `rounds` times. */
  async check(rounds: number): Promise<{ kind: string; ms: number; candidateMs: number }[]> {
    const built = queries.map((q) => ({ q, page: buildRecord(q.text, { url: `https://www.reader.example/${Math.random()}` }, Date.now()) }));
    for (const { page } of built.slice(0, 20)) await checkArticle(store, page);
    const out: { kind: string; ms: number; candidateMs: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const { q, page } of built) {
        const t0 = performance.now();
        await store.candidates(page.record.bandKeys);
        const t1 = performance.now();
        await checkArticle(store, page);
        out.push({ kind: q.kind, ms: performance.now() - t1, candidateMs: t1 - t0 });
      }
    }
    return out;
  },
  async usage(): Promise<number> {
    return (await navigator.storage.estimate()).usage ?? 0;
  },
  /** The popup's export: the pack built in pieces into a Blob (no runtime messaging). */
  async exportPack(): Promise<{ ms: number; chars: number; error?: string }> {
    const t0 = performance.now();
    try {
      const { parts, chars } = await exportParts(conn);
      (globalThis as { lastPack?: Blob }).lastPack = new Blob(parts, { type: 'application/json' });
      return { ms: performance.now() - t0, chars };
    } catch (err) {
      return { ms: performance.now() - t0, chars: 0, error: String(err) };
    }
  },
  /** The popup's import of that file into an empty index: read, decode, validate whole, write in one transaction. */
  async importPack(): Promise<{ ms: number; added?: number; parseMs?: number; indexMs?: number; error?: string }> {
    const blob = (globalThis as { lastPack?: Blob }).lastPack;
    await writer.clear();
    const t0 = performance.now();
    try {
      let parseMs: number | undefined;
      let written: number | undefined;
      // As the popup does: a file too large for one string is read in pieces.
      const onProgress = (p: { phase: string; done: number; total: number }) => {
        parseMs ??= performance.now() - t0;
        if (p.phase === 'writing' && p.done === p.total) written = performance.now();
        (globalThis as { importProgress?: string }).importProgress = `${p.phase} ${p.done} of ${p.total}`;
      };
      const pack = blob!.size > STREAM_ABOVE ? readPieces(blob!) : new TextDecoder('utf-8').decode(await blob!.arrayBuffer());
      const r = await importPack(conn, pack, { onProgress });
      const end = performance.now();
      return { ms: end - t0, added: r.added, parseMs, ...(written !== undefined ? { indexMs: end - written } : {}) };
    } catch (err) {
      return { ms: performance.now() - t0, error: String(err) };
    }
  },
  /** Texts for `n` more articles (gzip, as the extension keeps them), under numbers of their own. */
  async addTexts(n: number): Promise<number> {
    let bytes = 0;
    for (let done = 0; done < n; done += 500) {
      const stored = await Promise.all(Array.from({ length: Math.min(500, n - done) }, () => packText(gen.text(gen.words(gen.length(ARTICLE_WORDS))))));
      const db = await conn.get();
      const tx = db.transaction('texts', 'readwrite');
      stored.forEach((s, i) => {
        bytes += s.gzip?.byteLength ?? s.text?.length ?? 0;
        // Under numbers no article uses: these texts are measured, never read.
        void tx.store.put({ ...s, key: 1e12 + done + i });
      });
      await tx.done;
    }
    return bytes;
  },
  /** Back to the planted originals alone. */
  async reset(): Promise<number> {
    await writer.clear();
    await putBatch(planted.records, planted.texts);
    return (count = planted.records.length);
  },
  count: () => store.count(),
};

(globalThis as unknown as { bench: typeof api }).bench = api;
