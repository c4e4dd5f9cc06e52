// Undo after Clear. Clear keeps what it removes (the reader's articles, texts and corrections) as
// a pack, in the index database, for UNDO_HOURS or until the next Clear, whichever comes first;
// "Undo Clear" imports it back whole (merged with anything read since) and deletes it. The reader
// can delete it at once ("forget now"), and "Clear and forget now" keeps nothing at all.
import type { ImportResult, UndoStatus } from '../protocol/messages.ts';
import type { DbConnection, UndoSnapshot } from './db.ts';
import { importPack } from './import.ts';
import { exportParts } from './pack-io.ts';
import { clearCorrections } from './corrections.ts';
import { clearOwn } from './lists.ts';

/** How long a Clear can be undone. */
export const UNDO_HOURS = 24;
const HOUR = 3_600_000;

/** What the reader is told of a kept snapshot. */
function statusOf(undo: UndoSnapshot | undefined): UndoStatus {
  if (!undo) return { kept: false };
  const { clearedAt, expiresAt, articles, corrections } = undo;
  return { kept: true, clearedAt, expiresAt, articles, corrections };
}

async function readSnapshot(conn: DbConnection): Promise<UndoSnapshot | undefined> {
  const entry = await (await conn.get()).get('meta', 'undo-clear');
  return entry?.key === 'undo-clear' ? entry.undo : undefined;
}

/** Deletes the kept snapshot, if any. */
export async function forgetSnapshot(conn: DbConnection): Promise<UndoStatus> {
  await (await conn.get()).delete('meta', 'undo-clear');
  return { kept: false };
}

/** The kept snapshot, once an expired one is deleted. */
export async function undoStatus(conn: DbConnection, now: number): Promise<UndoStatus> {
  const undo = await readSnapshot(conn);
  if (undo && undo.expiresAt <= now) return forgetSnapshot(conn);
  return statusOf(undo);
}

/**
 * Keeps the reader's index as it is now, before a Clear, replacing what an earlier Clear kept.
 * With nothing to keep (an empty index), nothing is kept.
 */
export async function keepSnapshot(conn: DbConnection, now: number): Promise<UndoStatus> {
  const { parts, articles, corrections = 0 } = await exportParts(conn);
  if (articles === 0 && corrections === 0) return forgetSnapshot(conn);
  const undo: UndoSnapshot = { clearedAt: now, expiresAt: now + UNDO_HOURS * HOUR, articles, corrections, parts };
  await (await conn.get()).put('meta', { key: 'undo-clear', undo });
  return statusOf(undo);
}

async function* pieces(parts: readonly string[]): AsyncIterable<string> {
  for (const p of parts) yield p;
}

/** Brings back what the last Clear removed, whole or not at all, then deletes the snapshot. */
export async function restoreSnapshot(conn: DbConnection, now: number): Promise<ImportResult> {
  const status = await undoStatus(conn, now);
  const undo = status.kept ? await readSnapshot(conn) : undefined;
  if (!undo) throw new Error(`There is nothing to undo: a Clear can be undone for ${UNDO_HOURS} hours, until the next Clear, or until you forget it.`);
  const result = await importPack(conn, pieces(undo.parts), { now });
  await forgetSnapshot(conn);
  return result;
}

/**
 * Clear: forgets every article the reader read or imported (lists stay: lists.ts clearOwn) and
 * every correction. With `keepUndo`, what is removed is kept first (keepSnapshot), and dropped
 * again should the Clear fail; without, any copy an earlier Clear kept is deleted too.
 */
export async function clearIndex(conn: DbConnection, opts: { keepUndo: boolean; now: number }): Promise<UndoStatus> {
  // A copy that cannot be kept (a full disk) must not stop the Clear: it clears without one.
  const status = opts.keepUndo ? await keepSnapshot(conn, opts.now).catch(() => forgetSnapshot(conn)) : await forgetSnapshot(conn);
  try {
    await clearOwn(conn);
    await clearCorrections(conn);
  } catch (err) {
    if (opts.keepUndo) await forgetSnapshot(conn).catch(() => {});
    throw err;
  }
  conn.problem = undefined;
  return status;
}
