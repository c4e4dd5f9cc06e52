// `corpus ingest` into a Redis store, and `corpus worker`: the work shared through a job queue
// (BullMQ) in the same cluster, so ingest workers on many machines read one archive together.
//
// The command that reads the inputs (the feeder) puts their documents on the queue in chunks; any
// worker takes a chunk, reads its documents into records and stores them. A chunk's job id is
// made from its input and its place there, so a chunk put on the queue twice (the feeder run
// again after a stop) is one job. A job that fails (a master died mid-write) runs again after a
// pause, and every write it makes is idempotent (src/corpus/redis-store.ts), so nothing is
// stored twice. When a job is done its worker leaves a mark, made durable on the replicas; the
// feeder keeps each chunk's documents until its mark is there, puts a chunk whose job was lost
// back on the queue, and moves an input's resume point past the chunks that are done, in order.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { clusterClient, parseRedisUrl, type RedisCorpusStore } from '../corpus/redis-store.ts';
import type { ArticleRecord } from '../index/index.ts';
import { documentsAfter, ingestSummary, interruptible, progressNote, RECORDS_TASK, type IngestCounts, type Made, type RecordJob } from './corpus-records.ts';
import type { Output } from './output.ts';
import { Pool, poolSize } from './pool.ts';
import type { Planned, SourceDoc } from './sources/index.ts';
import { progressBar } from './sources/progress.ts';

const QUEUE = 'ingest';
/** Documents per job. */
const CHUNK = 64;
/** Chunks the feeder keeps on the queue (and in memory) before it waits for the oldest. */
const AHEAD = 32;
/** A job that failed runs again this often, a second apart: long enough to outlast a failover. */
const ATTEMPTS = 120;

interface ChunkData {
  docs: SourceDoc[];
  now: number;
}

/** What a worker's mark says of a chunk. */
interface ChunkDone {
  added: number;
  known: number;
  skipped: { from: string; message: string }[];
  attempts: number;
}

const doneKey = (store: RedisCorpusStore): string => `${store.prefix}:{${store.prefix}}:done`;

/** The queue's keys share the store's hash tag: BullMQ's scripts need every key of a queue on one slot. */
function queueOptions(store: RedisCorpusStore, blocking = false): { connection: ReturnType<typeof clusterClient>; prefix: string } {
  return { connection: blocking ? clusterClient(parseRedisUrl(store.url), { blocking: true }) : store.redis, prefix: `{${store.prefix}}` };
}

/** Starts a queue worker in this process: it reads each chunk's documents on the pool's threads and stores the records. */
export function startWorker(store: RedisCorpusStore, onChunk?: (done: ChunkDone) => void): { close(): Promise<void> } {
  const pool = new Pool<RecordJob, Made>(RECORDS_TASK);
  const opts = queueOptions(store, true);
  const worker = new Worker<ChunkData, ChunkDone>(
    QUEUE,
    async (job: Job<ChunkData, ChunkDone>) => {
      const made = await pool.send(job.data.docs.map((doc) => ({ doc, now: job.data.now })));
      const records: ArticleRecord[] = [];
      const skipped: ChunkDone['skipped'] = [];
      for (const m of made) {
        if ('record' in m) records.push(m.record);
        else skipped.push({ from: m.from, message: m.skipped });
      }
      const added = await store.addBatch(records);
      const done: ChunkDone = { added, known: records.length - added, skipped, attempts: job.attemptsMade + 1 };
      await store.redis.hset(doneKey(store), job.id!, JSON.stringify(done));
      await store.durable();
      onChunk?.(done);
      return done;
    },
    { ...opts, concurrency: Math.max(1, poolSize()), autorun: true },
  );
  // A failed attempt is retried by the queue; the error is not this process's end.
  worker.on('error', () => {});
  return {
    async close() {
      // The job in hand is finished first; a connection to a master that died may never answer
      // the worker's goodbye, so it is given a few seconds and then cut.
      await Promise.race([worker.close(), sleep(5000)]);
      opts.connection.disconnect();
      await pool.close();
    },
  };
}

/** `corpus worker --store redis://…`: works on the queue until Ctrl-C (finishing the job in hand). */
export async function corpusWorker(store: RedisCorpusStore, out: Output): Promise<number> {
  let chunks = 0;
  let added = 0;
  const worker = startWorker(store, (d) => {
    chunks++;
    added += d.added;
  });
  // On stderr at once (stdout is written at the end): whoever started the worker sees it is running.
  process.stderr.write(`corpus worker: taking jobs from ${store.url} (Ctrl-C stops after the job in hand)\n`);
  await new Promise<void>((res) => {
    process.once('SIGINT', res);
    process.once('SIGTERM', res);
  });
  await worker.close();
  out.line(`corpus worker: ${chunks} job${chunks === 1 ? '' : 's'} done, ${added} article${added === 1 ? '' : 's'} added`);
  return 0;
}

/** A chunk's job id: its input, the input's size and time, and the document it ends at. */
function jobId(inputKey: string, stamp: string, end: number): string {
  return `${createHash('sha1').update(inputKey).digest('hex').slice(0, 16)}-${stamp.replace(/[^0-9]/g, '.')}-${end}`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one of the feeder's own commands again while the cluster fails over (a master lost: its
 * connection closes, its slots move to a replica), a second apart, for up to a minute; then the
 * error stands. Every command it is given can be run twice.
 */
async function persist<T>(command: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await command();
    } catch (e) {
      if (attempt >= 60) throw e;
      await sleep(1000);
    }
  }
}

/**
 * `corpus ingest INPUT... --store redis://…`: puts the documents of the planned inputs on the
 * queue, with `workers` queue workers of its own in this process (0: only feed, other machines
 * work), and returns once every chunk is stored.
 */
export async function clusterIngest(plan: Planned[], store: RedisCorpusStore, out: Output, opts: { workers: number; now: number }): Promise<number> {
  const queue = new Queue<ChunkData, ChunkDone>(QUEUE, queueOptions(store));
  const workers = Array.from({ length: opts.workers }, () => startWorker(store));
  const interrupt = interruptible();
  const bar = progressBar('corpus ingest');
  const totalBytes = plan.reduce((n, p) => n + p.size, 0);
  const counts: Required<IngestCounts> = { added: 0, known: 0, skipped: 0, resumed: 0, retried: 0 };
  const note = (): string => progressNote(counts);
  let bytesBefore = 0;
  try {
    for (const { file, size } of plan) {
      if (interrupt.stopping) break;
      const key = resolve(file);
      const s = statSync(file);
      const stamp = `${s.size}:${Math.round(s.mtimeMs)}`;
      const before = await persist(() => store.resumePoint(key));
      const from = before && before.stamp === stamp ? before : undefined;
      if (from?.done) {
        counts.resumed++;
        bytesBefore += size;
        continue;
      }
      // Chunks on the queue, oldest first, with their documents until they are done.
      const pending: { id: string; end: number; data: ChunkData; done: boolean; checked: number }[] = [];
      let through = from?.docs ?? 0;
      const add = async (c: (typeof pending)[number]): Promise<void> => {
        await persist(() =>
          queue.add('chunk', c.data, {
            jobId: c.id,
            attempts: ATTEMPTS,
            backoff: { type: 'fixed', delay: 1000 },
            removeOnComplete: true,
            removeOnFail: 1000,
          }),
        );
      };
      /** Waits until the oldest chunk is done, taking the marks of any that are; moves the resume point on. */
      const settle = async (all: boolean): Promise<void> => {
        while (pending.length && (all || pending.length >= AHEAD) && !interrupt.stopping) {
          const marks = await persist(() => store.redis.hmget(doneKey(store), ...pending.map((p) => p.id)));
          const now = Date.now();
          for (let i = 0; i < pending.length; i++) {
            const p = pending[i];
            const mark = marks[i];
            if (mark && !p.done) {
              p.done = true;
              const d = JSON.parse(mark) as ChunkDone;
              counts.added += d.added;
              counts.known += d.known;
              counts.skipped += d.skipped.length;
              if (d.attempts > 1) counts.retried++;
              for (const k of d.skipped) bar.log(`firsthand: ${k.from}: skipped: ${k.message}`);
            } else if (!mark && now - p.checked > 3000) {
              // A job that is neither done nor on the queue was lost (a failover took it): put it back.
              p.checked = now;
              const job = await persist(() => queue.getJob(p.id));
              if (!job) await add(p);
              else if ((await persist(() => job.getState())) === 'failed') throw new Error(`a job failed ${ATTEMPTS} times: ${job.failedReason}`);
            }
          }
          const finished: string[] = [];
          while (pending.length && pending[0].done) {
            const p = pending.shift()!;
            through = p.end;
            finished.push(p.id);
          }
          if (finished.length) {
            await persist(() => store.setResumePoint(key, { docs: through, done: false, stamp }));
            await persist(() => store.redis.hdel(doneKey(store), ...finished));
          } else await sleep(100);
          if (!all && pending.length < AHEAD) break;
        }
      };
      let docs = 0;
      let chunk: SourceDoc[] = [];
      const send = async (): Promise<void> => {
        if (!chunk.length) return;
        const p = { id: jobId(key, stamp, docs), end: docs, data: { docs: chunk, now: opts.now }, done: false, checked: Date.now() };
        chunk = [];
        pending.push(p);
        await add(p);
      };
      for await (const { doc, n } of documentsAfter(file, from?.docs ?? 0, counts, bar, (bytes) => bar.update(bytesBefore + bytes, totalBytes, note()))) {
        docs = n;
        chunk.push(doc);
        if (chunk.length >= CHUNK) await send();
        await settle(false);
        if (interrupt.stopping) break;
      }
      await send();
      // Stopped: the chunks on the queue stay there for the workers, and a run again waits for them.
      if (!interrupt.stopping) await settle(true);
      if (!interrupt.stopping) await persist(() => store.setResumePoint(key, { docs: Math.max(through, docs), done: true, stamp }));
      bytesBefore += size;
    }
  } finally {
    interrupt.release();
    await Promise.all(workers.map((w) => w.close()));
    await Promise.race([queue.close(), sleep(5000)]);
    bar.done(`corpus ingest: ${note()}`);
  }
  const total = await persist(() => store.count());
  out.line(ingestSummary(store.url, counts, total, interrupt.stopping));
  return interrupt.stopping ? 130 : 0;
}
