// `firsthand corpus ingest` and `corpus graph`: the engine over a news archive rather than one
// reader's index. Ingest reads WARC, JSON Lines, feeds and HTML into the embedded store
// (src/corpus/store.ts) and can be stopped and run again: each input file's resume point is
// written in the same transaction as the articles read from it, and an article's id is stored
// once, so nothing is counted twice. Graph checks every stored article against the others and
// writes the reuse edges and the stories.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CorpusStore, CorpusStoreError } from '../corpus/store.ts';
import { edgesCsv, jsonLines, reuseGraph, storiesCsv } from '../corpus/graph.ts';
import { reportHtml, type ArticleHead } from '../corpus/report.ts';
import { buildRecord, type ArticleRecord, type PackItem } from '../index/index.ts';
import { writeList } from '../lists/write.ts';
import { CliError, usageError, writeFileAtomic } from './io.ts';
import { loaded, metaOf, signingKey, writeBytesAtomic, type ListFlags } from './list.ts';
import { Output } from './output.ts';
import { Pool, registerPoolTask } from './pool.ts';
import { planSources, readSources, type SourceDoc } from './sources/index.ts';
import { progressBar } from './sources/progress.ts';

export const CORPUS_HELP = `Usage:
  firsthand corpus ingest INPUT... --store PATH    read a news archive into a store (a folder)
  firsthand corpus graph --store PATH --out DIR    write its reuse graph
                 [--name] [--publisher] [--description] [--homepage] [--expires] [--sign KEYFILE]

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

/** Articles written per transaction: a larger one copies each page of the postings' B-tree fewer
 * times (256 per transaction, unsorted, took 2.2x as long at 20k articles), and a stop loses at most this many to reading again. */
const BATCH = 2048;

function openStore(path: string): CorpusStore {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw usageError(`--store ${path}: only a folder on this machine is supported for now (a path, not a URL)`);
  try {
    return CorpusStore.open(path);
  } catch (e) {
    throw new CliError(e instanceof CorpusStoreError ? e.message : String(e));
  }
}

/** An input file's size and modification time: a file changed since its resume point is read again. */
function stampOf(file: string): string {
  const s = statSync(file);
  return `${s.size}:${Math.round(s.mtimeMs)}`;
}

/** One document read into a record, or why it was skipped. */
type Made = { record: ArticleRecord } | { from: string; skipped: string };

/** A source document as a record (on whichever thread the pool gives it to). */
async function makeRecord(doc: SourceDoc, now: number): Promise<Made> {
  try {
    const a = await loaded(doc);
    const { record } = buildRecord(a.text, a.meta, now);
    if (record.publishedAt !== undefined) record.firstSeenAt = Math.min(record.firstSeenAt, record.publishedAt);
    if (!record.wordCount) throw new Error('no words');
    return { record };
  } catch (e) {
    return { from: doc.from, skipped: e instanceof Error ? e.message : String(e) };
  }
}

interface Job {
  doc: SourceDoc;
  now: number;
}

registerPoolTask<Job, Made>('corpus-records', async (jobs) => {
  const out: Made[] = [];
  for (const j of jobs) out.push(await makeRecord(j.doc, j.now));
  return out;
});

/** Documents per chunk handed to a thread. */
const CHUNK = 16;
/** Below this much input, starting worker threads costs more than they save (unless FIRSTHAND_CLI_THREADS asks for them). */
const POOL_BYTES = 1 << 20;

export async function corpusIngest(inputs: string[], storePath: string, out: Output, now = Date.now()): Promise<number> {
  const plan = await planSources(inputs);
  const store = openStore(storePath);
  let stopping = false;
  const stop = (): void => {
    stopping = true;
  };
  process.once('SIGINT', stop);
  const bar = progressBar('corpus ingest');
  const totalBytes = plan.reduce((n, p) => n + p.size, 0);
  const pool = new Pool<Job, Made>('corpus-records', totalBytes >= POOL_BYTES || process.env.FIRSTHAND_CLI_THREADS ? undefined : 0);
  const counts = { added: 0, known: 0, skipped: 0, resumed: 0 };
  let bytesBefore = 0;
  const note = (): string =>
    `${counts.added} added` + (counts.known ? `, ${counts.known} already stored` : '') + (counts.skipped ? `, ${counts.skipped} skipped` : '');
  try {
    for (const { file, size } of plan) {
      if (stopping) break;
      const key = resolve(file);
      const stamp = stampOf(file);
      const before = store.resumePoint(key);
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
          } else if (store.has(made.record.id)) counts.known++;
          else batch.push(made.record);
        }
        through = end;
        if (batch.length >= BATCH) await write(false);
      };
      let chunk: Job[] = [];
      const sendChunk = (): void => {
        if (chunk.length) sent.push({ results: pool.send(chunk), through: docs });
        chunk = [];
      };
      for await (const doc of readSources([file], {
        onProgress: (p) => bar.update(bytesBefore + p.bytes, totalBytes, note()),
        onWarning: (w) => {
          counts.skipped++;
          bar.log(`firsthand: warning: ${w.from}: ${w.message}`);
        },
      })) {
        docs++;
        // Read before the last stop: already in the store.
        if (from && docs <= from.docs) continue;
        chunk.push({ doc, now });
        if (chunk.length >= CHUNK) sendChunk();
        // Read ahead no further than the threads can use: the records in memory, and the resume
        // point's lag behind the reading, stay bounded.
        while (sent.length >= pool.capacity) await takeOldest();
        if (stopping) break;
      }
      sendChunk();
      while (sent.length) await takeOldest();
      // A document read but not sent (a warning, or skipped before the resume point) counts too.
      if (!stopping) through = Math.max(through, docs);
      await write(!stopping);
      bytesBefore += size;
    }
  } finally {
    process.off('SIGINT', stop);
    await pool.close();
    bar.done(`corpus ingest: ${note()}`);
  }
  const total = await store.count();
  await store.close();
  out.line(
    `${storePath}: ${counts.added} article${counts.added === 1 ? '' : 's'} added` +
      (counts.known ? `, ${counts.known} already stored` : '') +
      (counts.skipped ? `, ${counts.skipped} skipped` : '') +
      (counts.resumed ? `, ${counts.resumed} input${counts.resumed === 1 ? '' : 's'} read before` : '') +
      `; ${total} in the store` +
      (stopping ? '. Stopped: run the same command again to go on.' : ''),
  );
  return stopping ? 130 : 0;
}

export async function corpusGraph(storePath: string, outDir: string, flags: ListFlags, out: Output, now = Date.now()): Promise<number> {
  if (!existsSync(storePath)) throw new CliError('no store here: run "firsthand corpus ingest INPUT... --store PATH" first', storePath);
  const meta = metaOf(flags, { name: `Originals in ${basename(resolve(storePath))}`, publisher: 'unknown publisher', expiresHours: 24 });
  const key = await signingKey(flags.sign);
  const store = openStore(storePath);
  try {
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
