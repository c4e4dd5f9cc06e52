// Calls that a caller starts together, run as one (IdbStore: a check's lookups, then its reads,
// each in one IndexedDB transaction).

/**
 * Calls made in the same turn, run together: the first schedules the run for the end of the
 * turn (a microtask), and every call made before then joins it. `run` gets the calls in order and
 * returns a promise of each one's result, started at once (so they share its transaction).
 */
export class Batch<C, R> {
  private pending?: { call: C; resolve(r: R): void; reject(e: unknown): void }[];
  constructor(private readonly run: (calls: C[]) => Promise<Promise<R>[]>) {}

  add(call: C): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (!this.pending) {
        this.pending = [];
        queueMicrotask(() => this.flush());
      }
      this.pending.push({ call, resolve, reject });
    });
  }

  private flush(): void {
    const calls = this.pending ?? [];
    this.pending = undefined;
    this.run(calls.map((c) => c.call)).then(
      (results) => {
        results.forEach((r, i) => {
          r.then(calls[i].resolve, calls[i].reject);
        });
      },
      (e: unknown) => calls.forEach((c) => c.reject(e)),
    );
  }
}
