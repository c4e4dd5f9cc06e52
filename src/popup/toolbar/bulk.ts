// Export and import from the popup itself: an extension page shares the worker's IndexedDB, so
// the pack never travels through runtime messaging (which Chrome caps at 64 MiB) and an index of
// 100k articles exports and imports whole. The worker keeps nothing of the index in memory: it
// reads the database again for the next page.
import { DbConnection } from '../../storage/db.ts';
import { importErrorText, importPack, type ImportProgress } from '../../storage/import.ts';
import { exportParts } from '../../storage/pack-io.ts';
import { ownUsage, type OwnUsage } from '../../storage/usage.ts';
import { formatBytes, formatCount } from '../../ui/format.ts';
import { t } from '../../ui/i18n.ts';
import type { ImportResult } from '../../protocol/messages.ts';

/** Files above this are read in pieces (parsePackChunks), never as one string: V8 strings stop at
 * 2^29 characters, and a pack of 100k articles with their texts is about 850 MB. */
export const STREAM_ABOVE = 64_000_000;
/** The largest file imported: what its articles take in memory while they are validated. */
export const MAX_IMPORT_BYTES = 2_000_000_000;
/** Bytes read and decoded per piece of a large file. */
const PIECE_BYTES = 8 << 20;

let conn: DbConnection | undefined;
/** This page's connection to the index database, opened on first use. */
export const connection = (): DbConnection => (conn ??= new DbConnection());

/** What the reader's own articles take, measured from the stored data. */
export function usageLocally(): Promise<OwnUsage> {
  return ownUsage(connection());
}

export async function exportLocally(onProgress: (done: number) => void): Promise<{ blob: Blob; articles: number }> {
  const { parts, articles } = await exportParts(connection(), onProgress);
  return { blob: new Blob(parts, { type: 'application/json' }), articles };
}

/** Reads, validates whole and imports a pack file; `say` hears each step in the reader's words. */
export async function importLocally(file: Blob & { name?: string }, say: (text: string) => void, streamAbove = STREAM_ABOVE): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) throw new Error(t('popup_import_too_big', formatBytes(file.size), formatBytes(MAX_IMPORT_BYTES)));
  const c = connection();
  const progress: ImportProgress = (p) =>
    say(
      p.phase === 'compressing'
        ? t('popup_preparing_texts', formatCount(p.done), formatCount(p.total))
        : p.phase === 'writing'
          ? t('popup_importing', formatCount(p.done), formatCount(p.total))
          : t('popup_indexing', Math.floor((100 * p.done) / Math.max(1, p.total))),
    );
  const name = file.name ?? t('popup_the_file');
  try {
    if (file.size > streamAbove) {
      const pieces = readPieces(file, (done) => say(t('popup_checking_file_pct', name, Math.floor((100 * done) / file.size))));
      return await importPack(c, pieces, { onProgress: progress });
    }
    // Decoded as UTF-8 here rather than by Blob.text(): Chromium's Blob.text() follows a UTF-16
    // byte-order mark and Firefox's does not, and a file must import the same in both.
    const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
    say(t('popup_checking_file', name));
    return await importPack(c, text, { onProgress: progress });
  } catch (err) {
    throw new Error(importErrorText(err), { cause: err });
  }
}

/** A file's text in pieces, decoded as UTF-8 across the cuts; `onRead` hears the bytes read so far. */
export async function* readPieces(file: Blob, onRead?: (bytes: number) => void, size = PIECE_BYTES): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < file.size; at += size) {
    yield decoder.decode(await file.slice(at, at + size).arrayBuffer(), { stream: true });
    onRead?.(Math.min(file.size, at + size));
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
