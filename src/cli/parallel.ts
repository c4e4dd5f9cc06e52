// Batch commands (`compare --pairs`, `check FILE...`) share their items with one worker thread
// when the input is big: the items are cut into chunks, and the main thread and the worker each
// take the next chunk from a shared counter until none is left. Each item is prepared on either
// thread (a pair compared; a file read, extracted and fingerprinted) and finished on the main
// thread (a file checked against the pack, which only the main thread holds); every item's result
// is text to print (a stdout line or a stderr line), kept by index and printed in input order once
// all are done, so the output is byte for byte what the one-thread loop prints. A chunk the worker
// took but never returned (it could not start, or failed) is done again on the main thread.
// FIRSTHAND_CLI_THREADS=1 keeps every command on one thread; =2 shares any input of two items or more,
// however busy the machine is.
import { availableParallelism, loadavg } from 'node:os';
import { Worker, workerData, parentPort } from 'node:worker_threads';
import { isPoolWorker, poolWorkerMain } from './pool.ts';

export type ItemFn = (i: number) => Promise<Entry> | Entry;

/** What one item gives: a line for stdout, a line for stderr, or an error that ends the command. */
export type Entry = { out: string } | { err: string } | { fatal: string };

/** Does the part of item i that either thread can do; what it returns is sent between threads. */
export type PrepareFn<W> = (i: number) => Promise<W> | W;

/** The work of a batch command, set up the same way on either thread from a cloneable `job`. */
export interface Batch<J, W> {
  /** Items per chunk: enough that taking one is cheap beside doing it. */
  chunk: number;
  /** Fewer items than this stay on one thread: starting a worker would cost more than it saves. */
  minItems: number;
  /** Prepares the work on the worker and returns the function that prepares item i. */
  open(job: J): Promise<PrepareFn<W>>;
}

/** One item's prepared value, or the error that ended its chunk. */
type Slot<W> = { v: W } | { fatal: string };

interface WorkerInput {
  kind: string;
  job: unknown;
  items: number;
  chunks: number;
  counter: SharedArrayBuffer;
}

type WorkerMessage = { chunk: number; slots: Slot<unknown>[] } | { done: true };

const BATCHES = new Map<string, Batch<never, unknown>>();

export function registerBatch<J, W>(kind: string, batch: Batch<J, W>): void {
  BATCHES.set(kind, batch as Batch<never, unknown>);
}

/**
 * How many threads a batch of `items` uses: 1 or 2. Two only when a core is free (the load average
 * of the last minute leaves one): on a machine whose cores are all busy, a second thread takes
 * turns with the first and only adds the cost of starting it.
 */
export function threadsFor(items: number, minItems: number): number {
  const forced = process.env.FIRSTHAND_CLI_THREADS;
  if (forced === '1') return 1;
  if (forced === '2') return items >= 2 ? 2 : 1;
  const cores = availableParallelism();
  return items >= minItems && cores >= 2 && loadavg()[0] <= cores - 1 ? 2 : 1;
}

/** Prepares items [from, to) in order; an item that throws ends the chunk with a fatal slot. */
async function runChunk<W>(prepare: PrepareFn<W>, from: number, to: number): Promise<Slot<W>[]> {
  const slots: Slot<W>[] = [];
  for (let i = from; i < to; i++) {
    try {
      const v = prepare(i);
      slots.push({ v: v instanceof Promise ? await v : v });
    } catch (err) {
      slots.push({ fatal: err instanceof Error ? err.message : String(err) });
      break;
    }
  }
  return slots;
}

/** A batch under way: the worker (when the input is big enough) has started taking chunks. */
export class RunningBatch<W> {
  private readonly chunks: number;
  private readonly chunk: number;
  private readonly next: Int32Array;
  private readonly results: (Slot<W>[] | undefined)[];
  private readonly helper: Promise<void> | undefined;

  constructor(
    kind: string,
    job: unknown,
    private readonly items: number,
  ) {
    const batch = BATCHES.get(kind);
    if (!batch) throw new Error(`no batch "${kind}"`);
    this.chunk = batch.chunk;
    this.chunks = Math.ceil(items / batch.chunk);
    this.results = new Array<Slot<W>[] | undefined>(this.chunks);
    const counter = new SharedArrayBuffer(4);
    this.next = new Int32Array(counter);
    this.helper =
      threadsFor(items, batch.minItems) > 1 ? startWorker({ kind, job, items, chunks: this.chunks, counter }, this.results as Slot<unknown>[][]) : undefined;
  }

  /** Stops the batch before it is run (e.g. the pack could not be read): the worker takes no more chunks. */
  cancel(): void {
    Atomics.store(this.next, 0, this.chunks);
  }

  /**
   * Every item's entry, in input order, up to and including the first fatal one (nothing after it
   * runs in a one-thread loop either). `prepare` does on this thread what the worker does (the
   * worker sets up its own from the job, with the batch registered under the same kind); `finish`
   * turns a prepared item into its entry, on this thread.
   */
  async run(prepare: PrepareFn<W>, finish: (i: number, w: W) => Promise<Entry> | Entry): Promise<Entry[]> {
    const span = (c: number) => [c * this.chunk, Math.min(this.items, (c + 1) * this.chunk)] as const;
    const entries: (Entry[] | undefined)[] = new Array<Entry[] | undefined>(this.chunks);
    const finishChunk = async (c: number, slots: Slot<W>[]): Promise<Entry[]> => {
      const out: Entry[] = [];
      for (let k = 0; k < slots.length; k++) {
        const s = slots[k];
        if ('fatal' in s) {
          out.push(s);
          break;
        }
        try {
          out.push(await finish(span(c)[0] + k, s.v));
        } catch (err) {
          out.push({ fatal: err instanceof Error ? err.message : String(err) });
          break;
        }
      }
      return out;
    };
    for (let c = Atomics.add(this.next, 0, 1); c < this.chunks; c = Atomics.add(this.next, 0, 1)) {
      const done = await finishChunk(c, await runChunk(prepare, ...span(c)));
      entries[c] = done;
      if (done.some((e) => 'fatal' in e)) {
        // Nothing after a fatal item is printed: the worker need not take more.
        Atomics.store(this.next, 0, this.chunks);
        break;
      }
    }
    await this.helper;
    const all: Entry[] = [];
    for (let c = 0; c < this.chunks; c++) {
      // Taken by the worker but not returned: done here.
      const done = entries[c] ?? (await finishChunk(c, this.results[c] ?? (await runChunk(prepare, ...span(c)))));
      for (const e of done) {
        all.push(e);
        if ('fatal' in e) return all;
      }
    }
    return all;
  }
}

/** Prints the entries in order; a fatal entry ends the command as the one-thread loop's exception did. */
export function printEntries(entries: Entry[], out: { line(s: string): void; err(s: string): void }): void {
  for (const e of entries) {
    if ('out' in e) out.line(e.out);
    else if ('err' in e) out.err(e.err);
    else throw new Error(e.fatal);
  }
}

/** Starts the worker; the promise settles when it has finished (or failed), its chunks stored in `results`. */
function startWorker(input: WorkerInput, results: (Slot<unknown>[] | undefined)[]): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // The launcher loads the CLI in the worker as it does on the main thread (see bin/firsthand.js);
      // the CLI's sources and its bundle (.tmp/cli/) both sit two folders below the project root.
      worker = new Worker(new URL('../../bin/firsthand.js', import.meta.url), { workerData: input, stdout: true, stderr: true });
    } catch {
      resolve();
      return;
    }
    let settled = false;
    const end = () => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve();
    };
    worker.on('message', (m: WorkerMessage) => {
      if ('done' in m) end();
      else results[m.chunk] = m.slots;
    });
    worker.on('error', end);
    worker.on('exit', end);
  });
}

/** The worker's side: opens the same batch and takes chunks until none is left. */
export async function workerMain(): Promise<void> {
  // A worker of a pool (pool.ts) rather than of a batch.
  if (isPoolWorker()) return poolWorkerMain();
  const input = workerData as WorkerInput;
  const port = parentPort;
  if (!port) return;
  const batch = BATCHES.get(input.kind);
  const next = new Int32Array(input.counter);
  try {
    if (batch) {
      const prepare = await batch.open(input.job as never);
      for (let c = Atomics.add(next, 0, 1); c < input.chunks; c = Atomics.add(next, 0, 1)) {
        const from = c * batch.chunk;
        const slots = await runChunk(prepare, from, Math.min(from + batch.chunk, input.items));
        port.postMessage({ chunk: c, slots } satisfies WorkerMessage);
        if (slots.some((e) => 'fatal' in e)) Atomics.store(next, 0, input.chunks);
      }
    }
  } finally {
    port.postMessage({ done: true } satisfies WorkerMessage);
  }
}
