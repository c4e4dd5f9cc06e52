// Export and import from the popup itself: an extension page shares the worker's IndexedDB, so
// the pack never travels through runtime messaging (which Chrome caps at 64 MiB) and an index of
// 100k articles exports and imports whole. The worker keeps nothing of the index in memory: it
// reads the database again for the next page.
import { DbConnection } from '../background/db.ts';
import { exportParts, importPackText } from '../background/pack-io.ts';
import { importErrorText, Writer } from '../background/writer.ts';
import { formatBytes, formatCount } from '../shared/format.ts';
import type { ImportResult } from '../shared/messages.ts';

/** The largest file a page can read as one text (V8 strings stop at 2^29 characters). */
export const MAX_IMPORT_BYTES = 500_000_000;

let conn: DbConnection | undefined;
const connection = () => (conn ??= new DbConnection());

export async function exportLocally(onProgress: (done: number) => void): Promise<{ blob: Blob; articles: number }> {
  const { parts, articles } = await exportParts(connection(), onProgress);
  return { blob: new Blob(parts, { type: 'application/json' }), articles };
}

/** Reads, validates whole and imports a pack file; `say` hears each step in the reader's words. */
export async function importLocally(file: Blob & { name?: string }, say: (text: string) => void): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES)
    throw new Error(`This file cannot be imported: it is ${formatBytes(file.size)}, and at most ${formatBytes(MAX_IMPORT_BYTES)} can be read at once.`);
  // Decoded as UTF-8 here rather than by Blob.text(): Chromium's Blob.text() follows a UTF-16
  // byte-order mark and Firefox's does not, and a file must import the same in both.
  const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
  say(`Checking ${file.name ?? 'the file'}…`);
  const c = connection();
  try {
    return await importPackText(c, new Writer(c), text, (p) =>
      say(
        p.phase === 'compressing'
          ? `Preparing texts… ${formatCount(p.done)} of ${formatCount(p.total)}`
          : p.phase === 'writing'
            ? `Importing… ${formatCount(p.done)} of ${formatCount(p.total)}`
            : `Indexing… ${Math.floor((100 * p.done) / Math.max(1, p.total))}%`,
      ),
    );
  } catch (err) {
    throw new Error(importErrorText(err));
  }
}
