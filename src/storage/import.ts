// Merging a pack into the index, all or nothing: the whole file is validated first (parsePack
// and parsePackChunks throw PackError naming what is wrong and where), texts are compressed, and
// only then one transaction writes everything, in batches; the reader's retention limits are
// applied last. The worker (a pack sent as text) and the popup (a file, read in pieces when
// large) both import through importPack.
import { indexKeys, PackError, parsePack, parsePackChunks, type ArticleRecord, type Correction, type PackItem } from '../index/index.ts';
import { mergeCorrectionsIn } from './corrections.ts';
import type { ImportResult } from '../protocol/messages.ts';
import { errorText } from '../shared/errors.ts';
import { firstSeen, toStored, type DbConnection, type TextBody } from './db.ts';
import { PostingsChanges, applyChanges, storedKeys } from './postings.ts';
import { enforceRetention, type RetentionLimits } from './retention.ts';
import { loadSettings } from './settings.ts';
import { packText } from './texts.ts';
import { isQuotaError, runTx, StorageFullError } from './tx.ts';

/** Articles compressed, then written, per step of an import (one transaction for all of them). */
const IMPORT_BATCH = 2000;

/** How far an import has come: texts compressed, articles written, then band keys indexed. */
export type ImportProgress = (p: { phase: 'compressing' | 'writing' | 'indexing'; done: number; total: number }) => void;

/** An article of the pack on its way in: its text is compressed (`body`) before the transaction. */
interface Entry {
  record: ArticleRecord;
  text?: string;
  body?: TextBody;
}

/**
 * Imports a pack, given whole (a string) or in pieces (a file too large for one string): the same
 * checks, then the same writes, then the retention limits of the stored settings.
 */
export async function importPack(
  conn: DbConnection,
  pack: string | AsyncIterable<string>,
  opts: { onProgress?: ImportProgress; now?: number } = {},
): Promise<ImportResult> {
  const { items, corrections } = typeof pack === 'string' ? parsePack(pack) : await parsePackChunks(pack);
  const settings = await loadSettings(conn);
  return importItems(conn, items, settings, opts.now, opts.onProgress, corrections);
}

/**
 * Merges items already parsed and validated, and the pack's corrections (in the same
 * transaction). A record already present keeps its number, the earliest first-seen time and its
 * stored text unless the pack brings one.
 */
export async function importItems(
  conn: DbConnection,
  items: readonly PackItem[],
  limits?: RetentionLimits,
  now = Date.now(),
  onProgress?: ImportProgress,
  corrections: readonly Correction[] = [],
): Promise<ImportResult> {
  const entries = mergeById(items);
  await compressTexts(entries, onProgress);
  let counts: { added: number; updated: number; corrections?: number };
  try {
    counts = await writeEntries(conn, entries, onProgress, corrections);
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError('Storage is full: nothing was imported. Free disk space and try again.');
    throw err;
  }
  const evicted = limits ? await enforceRetention(conn, limits, now) : 0;
  return { ...counts, evicted };
}

/** One entry per id: the last record and text given for it, seen first when any of them was. */
function mergeById(items: readonly PackItem[]): Entry[] {
  const merged = new Map<string, Entry>();
  for (const item of items) {
    const seen = merged.get(item.record.id);
    if (!seen) merged.set(item.record.id, { record: { ...item.record }, text: item.text });
    else {
      seen.record = { ...item.record, firstSeenAt: firstSeen(item.record, seen.record) };
      seen.text = item.text ?? seen.text;
    }
  }
  return [...merged.values()];
}

/** Compresses the texts before the transaction opens: it would commit while waiting on anything else. */
async function compressTexts(entries: Entry[], onProgress?: ImportProgress): Promise<void> {
  if (!entries.some((e) => e.text !== undefined)) return;
  for (let i = 0; i < entries.length; i += IMPORT_BATCH) {
    await Promise.all(entries.slice(i, i + IMPORT_BATCH).map(compressText));
    onProgress?.({ phase: 'compressing', done: Math.min(i + IMPORT_BATCH, entries.length), total: entries.length });
  }
}

async function compressText(e: Entry): Promise<void> {
  if (e.text === undefined) return;
  e.body = await packText(e.text);
  // Only the compressed text is kept from here on: a large import holds less in memory.
  e.text = undefined;
}

/** Writes every entry in one transaction; band keys are gathered for the whole import, then each touched bucket is written once. */
async function writeEntries(
  conn: DbConnection,
  entries: Entry[],
  onProgress: ImportProgress | undefined,
  corrections: readonly Correction[],
): Promise<{ added: number; updated: number; corrections?: number }> {
  const db = await conn.get();
  const tx = db.transaction(['articles', 'postings', 'texts', 'meta'], 'readwrite');
  const articles = tx.objectStore('articles');
  const texts = tx.objectStore('texts');
  const byId = articles.index('id');
  const counts: { added: number; updated: number; corrections?: number } = { added: 0, updated: 0 };
  await runTx(tx, async () => {
    if (corrections.length) counts.corrections = await mergeCorrectionsIn(tx.objectStore('meta'), corrections);
    const empty = (await articles.count()) === 0;
    const changes = new PostingsChanges();
    for (let i = 0; i < entries.length; i += IMPORT_BATCH) {
      const batch = entries.slice(i, i + IMPORT_BATCH);
      const existing = empty ? [] : await Promise.all(batch.map((e) => byId.get(e.record.id)));
      const requests: Promise<unknown>[] = [];
      const keys: Promise<number>[] = [];
      try {
        batch.forEach((entry, j) => {
          const old = existing[j];
          if (old) {
            counts.updated++;
            entry.record.firstSeenAt = firstSeen(entry.record, old);
            if (old.key !== undefined) changes.remove(old.key, storedKeys(old));
          } else counts.added++;
          // A new article is numbered by the store; a number is never given out twice. A listed
          // article imported is the reader's own: its lists' entries stay apart (list-layout.ts).
          const { lists: _lists, ...own } = entry.record;
          const put = articles.put(toStored(own, old?.key));
          keys.push(put);
          if (entry.body) requests.push(put.then((key) => texts.put({ ...entry.body!, key })));
        });
      } catch (err) {
        // A request that cannot even be issued aborts the transaction: those already issued then
        // fail with AbortError, which runTx replaces with the transaction's own error, so theirs
        // are not reported.
        for (const r of [...requests, ...keys]) r.catch(() => {});
        throw err;
      }
      const numbers = await Promise.all(keys);
      batch.forEach(({ record }, j) => changes.add(numbers[j], indexKeys(record)));
      await Promise.all(requests);
      onProgress?.({ phase: 'writing', done: Math.min(i + IMPORT_BATCH, entries.length), total: entries.length });
    }
    await applyChanges(tx.objectStore('postings'), changes, {
      empty,
      onProgress: (done, total) => onProgress?.({ phase: 'indexing', done, total }),
    });
  });
  return counts;
}

/** A reader-facing message for a failed import. */
export function importErrorText(err: unknown): string {
  if (err instanceof PackError) return `This file cannot be imported: ${err.message}`;
  if (err instanceof StorageFullError) return err.message;
  return `Import failed, nothing was changed: ${errorText(err)}`;
}
