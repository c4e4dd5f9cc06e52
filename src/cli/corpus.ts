// `firsthand corpus ingest` and `corpus graph`: the engine over a news archive rather than one
// reader's index. Ingest reads WARC, JSON Lines, feeds and HTML into the embedded store
// (src/corpus/store.ts) and can be stopped and run again: each input file's resume point is
// written in the same transaction as the articles read from it, and an article's id is stored
// once, so nothing is counted twice. Graph checks every stored article against the others and
// writes the reuse edges and the stories.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CorpusStore, CorpusStoreError, type ArchiveStore } from '../corpus/store.ts';
import { RedisCorpusStore } from '../corpus/redis-store.ts';
import { clusterIngest, corpusWorker } from './corpus-queue.ts';
import { edgesCsv, jsonLines, reuseGraph, storiesCsv } from '../corpus/graph.ts';
import { reportHtml, type ArticleHead } from '../corpus/report.ts';
import type { ArticleRecord, PackItem } from '../index/index.ts';
import { writeList } from '../lists/write.ts';
import { CliError, usageError, writeFileAtomic } from './io.ts';
import { metaOf, signingKey, writeBytesAtomic, type ListFlags } from './list.ts';
import { documentsAfter, ingestSummary, interruptible, progressNote, RECORDS_TASK, type IngestCounts, type Made, type RecordJob } from './corpus-records.ts';
import { Output } from './output.ts';
import { Pool } from './pool.ts';
import { planSources } from './sources/index.ts';
import { progressBar } from './sources/progress.ts';

export const CORPUS_HELP = `Usage:
  firsthand corpus ingest INPUT... --store STORE   read a news archive into a store
                 [--workers N]                  (Redis) queue workers in this process; 0: only feed
  firsthand corpus worker --store redis://...      work on a Redis store's ingest queue (any machine)
  firsthand corpus graph --store STORE --out DIR   write its reuse graph
                 [--name] [--publisher] [--description] [--homepage] [--expires] [--sign KEYFILE]

STORE is a folder (an embedded LMDB store on this machine, created by the first ingest) or a Redis
Cluster: redis://HOST:PORT[,HOST:PORT...][/PREFIX]. On Redis, ingest puts the documents on a job
queue in the cluster (the jobs carry the documents); every "corpus worker", on this machine or
another, takes jobs from it, and a job that fails (a master lost mid-write) runs again.

ingest reads WARC and WARC.gz files, JSON Lines ({"url","title","outlet","published","text" or
"html"}), RSS and Atom feeds, HTML files, and folders of them. Stopped (Ctrl-C, a crash) and run
again with the same inputs, it goes on where it stopped: nothing is read into the store twice.

graph checks every stored article against all the others and writes to DIR:
  edges.jsonl, edges.csv      one line per reuse: original, copy, verdict, containment (share of the
                              copy found in the original), coverage (share of the original the copy
                              carries), credited, and whether it is the original named for the copy
  stories.jsonl, stories.csv  articles that share a story (reuse, or the same facts reported apart)
  report.html                 one page to open in a browser: outlets ranked by uncredited reuse, the
                              most-copied originals, and the timeline of the largest stories
  originals.fhlist            a reuse list of the articles that derive from no other, for readers
                              of the extension to subscribe to (the list options as in list build)
`;

/**
 * Articles written per transaction. Each article adds about 176 postings at random places in the
 * postings' B-tree, and a transaction copies every page it touches once: the more articles per
 * transaction, the more postings share a page copy. With 2,048 the rate fell as the store grew
 * (682 articles/s over the first 20k, 205/s past 90k); with 16,384 it held at 546/s to 164k (the
 * bench's generated archive, 400k articles, 2 worker threads, the store's count read every 30 s).
 * A stop loses at most this many to reading again; the batch's records and postings are held in
 * memory until it is written. FIRSTHAND_CORPUS_BATCH=N chooses another size.
 */
function batchSize(): number {
  const n = Number(process.env.FIRSTHAND_CORPUS_BATCH);
  return Number.isInteger(n) && n >= 1 ? n : 16_384;
}

const isUrl = (store: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(store);

async function openStore(path: string): Promise<ArchiveStore> {
  if (isUrl(path) && !path.startsWith('redis://'))
    throw usageError(`--store ${path}: a store is a folder on this machine or a Redis Cluster (redis://HOST:PORT)`);
  try {
    return path.startsWith('redis://') ? await RedisCorpusStore.open(path) : CorpusStore.open(path);
  } catch (e) {
    throw new CliError(e instanceof CorpusStoreError ? e.message : String(e));
  }
}

/** `corpus worker --store redis://…`. */
export async function corpusWorkerCommand(storeUrl: string, out: Output): Promise<number> {
  if (!storeUrl.startsWith('redis://'))
    throw usageError('corpus worker: --store must be a Redis Cluster (redis://HOST:PORT): workers share a store on a folder only through one ingest');
  const store = (await openStore(storeUrl)) as RedisCorpusStore;
  try {
    return await corpusWorker(store, out);
  } finally {
    await store.close();
  }
}

/** An input file's size and modification time: a file changed since its resume point is read again. */
function stampOf(file: string): string {
  const s = statSync(file);
  return `${s.size}:${Math.round(s.mtimeMs)}`;
}

/** Documents per chunk handed to a thread. */
const CHUNK = 16;
/** Below this much input, starting worker threads costs more than they save (unless FIRSTHAND_CLI_THREADS asks for them). */
const POOL_BYTES = 1 << 20;

export async function corpusIngest(inputs: string[], storePath: string, out: Output, opts: { workers?: number; now?: number } = {}): Promise<number> {
  const now = opts.now ?? Date.now();
  if (opts.workers !== undefined && !storePath.startsWith('redis://'))
    throw usageError('corpus ingest: --workers is for a Redis store; on a folder, FIRSTHAND_CLI_THREADS sets the threads');
  const plan = await planSources(inputs);
  const opened = await openStore(storePath);
  if (opened instanceof RedisCorpusStore) {
    try {
      return await clusterIngest(plan, opened, out, { workers: opts.workers ?? 1, now });
    } finally {
      await opened.close();
    }
  }
  const store = opened;
  const interrupt = interruptible();
  const bar = progressBar('corpus ingest');
  const totalBytes = plan.reduce((n, p) => n + p.size, 0);
  const pool = new Pool<RecordJob, Made>(RECORDS_TASK, totalBytes >= POOL_BYTES || process.env.FIRSTHAND_CLI_THREADS ? undefined : 0);
  const counts: IngestCounts = { added: 0, known: 0, skipped: 0, resumed: 0 };
  let bytesBefore = 0;
  const note = (): string => progressNote(counts);
  try {
    for (const { file, size } of plan) {
      if (interrupt.stopping) break;
      const key = resolve(file);
      const stamp = stampOf(file);
      const before = await store.resumePoint(key);
      const from = before && before.stamp === stamp ? before : undefined;
      if (from?.done) {
        counts.resumed++;
        bytesBefore += size;
        bar.update(bytesBefore, totalBytes, note());
        continue;
      }
      let docs = 0;
      // Documents up to this one are in `batch` or in the store.
      let through = from?.docs ?? 0;
      let batch: ArticleRecord[] = [];
      const write = async (done: boolean): Promise<void> => {
        const added = await store.addBatch(batch, { key, point: { docs: through, done, stamp } });
        counts.added += added;
        counts.known += batch.length - added;
        batch = [];
      };
      // Chunks sent to the pool, in the order they were read; taken back in that order.
      const sent: { results: Promise<Made[]>; through: number }[] = [];
      const takeOldest = async (): Promise<void> => {
        const { results, through: end } = sent.shift()!;
        for (const made of await results) {
          if ('skipped' in made) {
            counts.skipped++;
            bar.log(`firsthand: ${made.from}: skipped: ${made.skipped}`);
          } else if (await store.has(made.record.id)) counts.known++;
          else batch.push(made.record);
        }
        through = end;
        if (batch.length >= batchSize()) await write(false);
      };
      let chunk: RecordJob[] = [];
      const sendChunk = (): void => {
        if (chunk.length) sent.push({ results: pool.send(chunk), through: docs });
        chunk = [];
      };
      for await (const { doc, n } of documentsAfter(file, from?.docs ?? 0, counts, bar, (bytes) => bar.update(bytesBefore + bytes, totalBytes, note()))) {
        docs = n;
        chunk.push({ doc, now });
        if (chunk.length >= CHUNK) sendChunk();
        // Read ahead no further than the threads can use: the records in memory, and the resume
        // point's lag behind the reading, stay bounded.
        while (sent.length >= pool.capacity) await takeOldest();
        if (interrupt.stopping) break;
      }
      sendChunk();
      while (sent.length) await takeOldest();
      // A document read but not sent (a warning, or skipped before the resume point) counts too.
      if (!interrupt.stopping) through = Math.max(through, docs);
      await write(!interrupt.stopping);
      bytesBefore += size;
    }
  } finally {
    interrupt.release();
    await pool.close();
    bar.done(`corpus ingest: ${note()}`);
  }
  const total = await store.count();
  await store.close();
  out.line(ingestSummary(storePath, counts, total, interrupt.stopping));
  return interrupt.stopping ? 130 : 0;
}

export async function corpusGraph(storePath: string, outDir: string, flags: ListFlags, out: Output, now = Date.now()): Promise<number> {
  if (!isUrl(storePath) && !existsSync(storePath)) throw new CliError('no store here: run "firsthand corpus ingest INPUT... --store PATH" first', storePath);
  const key = await signingKey(flags.sign);
  const store = await openStore(storePath);
  try {
    // A list's default name: the store's folder, or a Redis store's prefix (not its servers' addresses).
    const label = store instanceof RedisCorpusStore ? store.prefix : basename(resolve(storePath));
    const meta = metaOf(flags, { name: `Originals in ${label}`, publisher: 'unknown publisher', expiresHours: 24 });
    const total = await store.count();
    if (total === 0) throw new CliError('the store holds no articles: run "firsthand corpus ingest" first', storePath);
    const bar = progressBar('corpus graph', { unit: 'count' });
    const graph = await reuseGraph(store, { onProgress: (done, all) => bar.update(done, all) });
    bar.done(`corpus graph: ${graph.articles} articles checked`);
    mkdirSync(outDir, { recursive: true });
    writeFileAtomic(join(outDir, 'edges.jsonl'), jsonLines(graph.edges));
    writeFileAtomic(join(outDir, 'edges.csv'), edgesCsv(graph.edges));
    writeFileAtomic(join(outDir, 'stories.jsonl'), jsonLines(graph.stories));
    writeFileAtomic(join(outDir, 'stories.csv'), storiesCsv(graph.stories));
    const head = async (id: string): Promise<ArticleHead | undefined> => {
      const r = await store.get(id);
      return r && { id: r.id, url: r.url, title: r.title, outlet: r.outlet, date: r.publishedAt ?? r.firstSeenAt };
    };
    writeFileAtomic(join(outDir, 'report.html'), await reportHtml({ graph, outletArticles: graph.outletArticles, head, now }));
    // The list: every article with a web address that derives from no other (copies collapse onto their originals).
    const copies = new Set(graph.edges.filter((e) => e.named).map((e) => e.copy));
    const items: PackItem[] = [];
    for await (const record of store.iterate()) if (!copies.has(record.id) && /^https?:\/\//i.test(record.url)) items.push({ record });
    items.sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
    const listed = items.length ? await writeBytesAtomic(join(outDir, 'originals.fhlist'), writeList(items, meta, { count: items.length, ...(key ?? {}) })) : 0;
    out.line(
      `${outDir}: ${graph.edges.length} reuse edge${graph.edges.length === 1 ? '' : 's'} (${copies.size} of ${graph.articles} articles derive from another), ` +
        `${graph.stories.length} stor${graph.stories.length === 1 ? 'y' : 'ies'} of two or more articles; report.html; ` +
        (items.length
          ? `originals.fhlist: ${items.length} original${items.length === 1 ? '' : 's'} (${listed} bytes)`
          : 'no original with a web address to list'),
    );
    return 0;
  } finally {
    await store.close();
  }
}
