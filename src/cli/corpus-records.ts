// A source document read into an article record, on whichever thread or machine does the work:
// the worker threads of `corpus ingest` (src/cli/pool.ts) and the queue workers of a Redis store
// (src/cli/corpus-queue.ts) run the same function.
import { buildRecord, type ArticleRecord } from '../index/index.ts';
import { loaded } from './list.ts';
import { registerPoolTask } from './pool.ts';
import type { SourceDoc } from './sources/index.ts';

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
