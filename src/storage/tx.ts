// Running one readwrite transaction of the index whole, and telling a full disk from other
// failures. Shared by every module that writes (writer.ts, import.ts, retention.ts).

/** The part of idb's transaction that `runTx` needs. */
export interface Transaction {
  done: Promise<void>;
  abort(): void;
  error: DOMException | null;
}

/**
 * Runs a transaction's work (which issues and awaits only the transaction's own requests: it
 * commits as soon as it waits on anything else), then waits for the transaction to commit. When
 * the work fails, the transaction is aborted so nothing of it is kept, and its own error
 * (QuotaExceededError, ConstraintError...) is thrown rather than the AbortError its pending
 * requests report first.
 */
export async function runTx<T>(tx: Transaction, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (err) {
    abortQuietly(tx);
    const txError = await tx.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    throw (err as { name?: string } | null)?.name === 'AbortError' && txError ? txError : err;
  }
  await tx.done;
  return result;
}

function abortQuietly(tx: Transaction): void {
  try {
    tx.abort();
  } catch {
    // Already finished: aborted by the failed request itself, or committed.
  }
}

/** True for the error browsers give when the storage quota is reached (Chrome, then Firefox). */
export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export const STORAGE_FULL =
  'Storage is full: Firsthand removed its oldest 10% of articles and still could not save this one. Free disk space, or lower "Keep at most" in the options.';

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}
