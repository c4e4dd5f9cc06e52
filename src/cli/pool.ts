// A pool of worker threads for a stream of work whose length is not known in advance (`corpus
// ingest`: documents as a WARC or JSON Lines file yields them). The main thread sends numbered
// chunks, each to the worker with the fewest in flight, and gets each chunk's results back in the
// order it sent them, whichever worker finished first, so what it writes is what the one-thread
// loop writes. A worker that fails or exits has its chunks done again on the main thread.
// FIRSTHAND_CLI_THREADS=N sets the number of workers (1: none, all work on the main thread).
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';

/** What a worker does with one chunk; the same function runs on the main thread when there is no worker. */
export type PoolTask<I, O> = (items: I[]) => Promise<O[]>;

const TASKS = new Map<string, PoolTask<never, unknown>>();

/** Registers a task under a name, at module load, so a worker loading the CLI knows it too. */
export function registerPoolTask<I, O>(kind: string, task: PoolTask<I, O>): void {
  TASKS.set(kind, task as PoolTask<never, unknown>);
}

interface PoolInput {
  pool: string;
}

type ToWorker = { seq: number; items: unknown[] };
type FromWorker = { seq: number; out?: unknown[]; error?: string };

/** Workers a pool of this task starts: one per core unless FIRSTHAND_CLI_THREADS says otherwise. */
export function poolSize(): number {
  const forced = Number(process.env.FIRSTHAND_CLI_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return forced === 1 ? 0 : forced;
  const cores = availableParallelism();
  return cores >= 2 ? cores : 0;
}

interface Slot {
  worker: Worker | undefined;
  inFlight: Map<number, unknown[]>;
}

export class Pool<I, O> {
  private readonly task: PoolTask<I, O>;
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve: (o: O[]) => void; reject: (e: Error) => void }>();
  private seq = 0;

  constructor(
    kind: string,
    workers = poolSize(),
    /** Chunks in flight per worker before send() waits for one to come back. */
    private readonly depth = 2,
  ) {
    const task = TASKS.get(kind);
    if (!task) throw new Error(`no pool task "${kind}"`);
    this.task = task as PoolTask<I, O>;
    for (let i = 0; i < workers; i++) this.slots.push(this.start(kind));
  }

  /** Workers running. */
  get threads(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  private start(kind: string): Slot {
    const slot: Slot = { worker: undefined, inFlight: new Map() };
    try {
      // The launcher loads the CLI in the worker as on the main thread (bin/firsthand.js, parallel.ts).
      slot.worker = new Worker(new URL('../../bin/firsthand.js', import.meta.url), { workerData: { pool: kind } satisfies PoolInput });
    } catch {
      return slot;
    }
    const w = slot.worker;
    w.on('message', (m: FromWorker) => {
      const items = slot.inFlight.get(m.seq);
      slot.inFlight.delete(m.seq);
      const waiter = this.waiting.get(m.seq);
      if (!waiter || !items) return;
      this.waiting.delete(m.seq);
      if (m.error !== undefined) waiter.reject(new Error(m.error));
      else waiter.resolve(m.out as O[]);
    });
    const lost = (): void => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      // What the worker took and never returned is done here.
      for (const [seq, items] of slot.inFlight) this.local(seq, items as I[]);
      slot.inFlight.clear();
    };
    w.on('error', lost);
    w.on('exit', lost);
    return slot;
  }

  private local(seq: number, items: I[]): void {
    const waiter = this.waiting.get(seq);
    if (!waiter) return;
    this.waiting.delete(seq);
    this.task(items as never).then(waiter.resolve, waiter.reject);
  }

  /** Chunks a caller should have sent and not yet taken back before it waits for the oldest: `depth`
   * per worker, or `depth` on the main thread when there is none (each then runs as it is sent). */
  get capacity(): number {
    return Math.max(1, this.threads) * this.depth;
  }

  /** Sends a chunk; the promise gives its results. */
  send(items: I[]): Promise<O[]> {
    const seq = this.seq++;
    const result = new Promise<O[]>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    const live = this.slots.filter((s) => s.worker);
    if (live.length === 0) this.local(seq, items);
    else {
      const slot = live.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
      slot.inFlight.set(seq, items);
      slot.worker!.postMessage({ seq, items } satisfies ToWorker);
    }
    return result;
  }

  async close(): Promise<void> {
    const running = this.slots.flatMap((s) => (s.worker ? [s.worker] : []));
    for (const s of this.slots) s.worker = undefined;
    await Promise.all(running.map((w) => w.terminate()));
  }
}

/** The worker's side of a pool: does each chunk it is sent with the task registered under its kind. */
export function isPoolWorker(): boolean {
  return Boolean(workerData && typeof (workerData as Partial<PoolInput>).pool === 'string');
}

export function poolWorkerMain(): void {
  const port = parentPort;
  const task = TASKS.get((workerData as PoolInput).pool);
  if (!port) return;
  port.on('message', (m: ToWorker) => {
    if (!task) {
      port.postMessage({ seq: m.seq, error: 'no such task in this worker' } satisfies FromWorker);
      return;
    }
    task(m.items as never).then(
      (out) => port.postMessage({ seq: m.seq, out } satisfies FromWorker),
      (err: unknown) => port.postMessage({ seq: m.seq, error: err instanceof Error ? err.message : String(err) } satisfies FromWorker),
    );
  });
}
