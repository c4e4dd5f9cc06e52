// A source document read into an article record, on whichever thread or machine does the work:
// the worker threads of `corpus ingest` (src/cli/pool.ts) and the queue workers of a Redis store
// (src/cli/corpus-queue.ts) run the same function.
import { buildRecord, type ArticleRecord } from '../index/index.ts';
import { loaded } from './list.ts';
import { registerPoolTask } from './pool.ts';
import { readSources, type SourceDoc } from './sources/index.ts';

/** One document read into a record, or why it was skipped. */
export type Made = { record: ArticleRecord } | { from: string; skipped: string };

/** A document to read, and the time to record as when it was first seen. */
export interface RecordJob {
  doc: SourceDoc;
  now: number;
}

/** A source document as a record. */
export async function makeRecord(doc: SourceDoc, now: number): Promise<Made> {
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

export const RECORDS_TASK = 'corpus-records';

registerPoolTask<RecordJob, Made>(RECORDS_TASK, async (jobs) => {
  const out: Made[] = [];
  for (const j of jobs) out.push(await makeRecord(j.doc, j.now));
  return out;
});

/** What an ingest has done so far, for its progress bar and its last line. */
export interface IngestCounts {
  added: number;
  known: number;
  skipped: number;
  /** Inputs read to their end by an earlier run. */
  resumed: number;
  /** Queue jobs that ran again after a failure (a Redis store). */
  retried?: number;
}

/** The progress bar's note: "N added, N already stored, N skipped". */
export function progressNote(c: IngestCounts): string {
  return `${c.added} added` + (c.known ? `, ${c.known} already stored` : '') + (c.skipped ? `, ${c.skipped} skipped` : '');
}

/** The ingest's last line. */
export function ingestSummary(store: string, c: IngestCounts, total: number, stopped: boolean): string {
  return (
    `${store}: ${c.added} article${c.added === 1 ? '' : 's'} added` +
    (c.known ? `, ${c.known} already stored` : '') +
    (c.skipped ? `, ${c.skipped} skipped` : '') +
    (c.resumed ? `, ${c.resumed} input${c.resumed === 1 ? '' : 's'} read before` : '') +
    (c.retried ? `, ${c.retried} job${c.retried === 1 ? '' : 's'} ran again after a failure` : '') +
    `; ${total} in the store` +
    (stopped ? '. Stopped: run the same command again to go on.' : '')
  );
}

/**
 * The documents of one input after its resume point, numbered from 1 at the input's start (a
 * document read before the last stop is counted, not yielded). A warning counts as skipped and
 * goes to the bar's log.
 */
export async function* documentsAfter(
  file: string,
  resumeAfter: number,
  counts: IngestCounts,
  bar: { log(s: string): void },
  onBytes: (bytes: number) => void,
): AsyncIterable<{ doc: SourceDoc; n: number }> {
  let n = 0;
  for await (const doc of readSources([file], {
    onProgress: (p) => onBytes(p.bytes),
    onWarning: (w) => {
      counts.skipped++;
      bar.log(`firsthand: warning: ${w.from}: ${w.message}`);
    },
  })) {
    n++;
    if (n > resumeAfter) yield { doc, n };
  }
}

/** Ctrl-C asks an ingest to stop after the chunk in hand: `stopping` says whether it was pressed. */
export function interruptible(): { readonly stopping: boolean; release(): void } {
  let stopping = false;
  const stop = (): void => {
    stopping = true;
  };
  process.once('SIGINT', stop);
  return {
    get stopping() {
      return stopping;
    },
    release: () => void process.off('SIGINT', stop),
  };
}
