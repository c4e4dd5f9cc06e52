// The reader's corrections ("this is not a copy"), kept in the index database's "meta" store as
// one entry: a few pairs at most, read whole by each check. Every change is one transaction; an
// import merges a pack's corrections in the transaction that writes its articles (import.ts).
import { excludedFor, MAX_CORRECTIONS, mergeCorrections, pairKey, type Correction } from '../index/pack-corrections.ts';
import type { DbConnection, FirsthandDB } from './db.ts';
import type { IDBPObjectStore, StoreNames } from 'idb';
import { runTx } from './tx.ts';

/** The "meta" store inside a readwrite transaction that includes it. */
export type MetaStore = IDBPObjectStore<FirsthandDB, StoreNames<FirsthandDB>[], 'meta', 'readwrite'>;

/** Every correction, oldest first. */
export async function readCorrections(conn: DbConnection): Promise<Correction[]> {
  const entry = await (await conn.get()).get('meta', 'corrections');
  return entry?.key === 'corrections' ? [...entry.corrections].sort((a, b) => a.at - b.at) : [];
}

/** The articles a check of this page must skip. */
export async function excludedForPage(conn: DbConnection, pageId: string): Promise<Set<string>> {
  return excludedFor(await readCorrections(conn), pageId);
}

async function readIn(meta: MetaStore): Promise<Correction[]> {
  const entry = await meta.get('corrections');
  return entry?.key === 'corrections' ? entry.corrections : [];
}

async function writeIn(meta: MetaStore, corrections: Correction[]): Promise<void> {
  if (corrections.length === 0) await meta.delete('corrections');
  else await meta.put({ key: 'corrections', corrections });
}

/** Merges corrections (an import's) inside the caller's transaction; refuses to go past MAX_CORRECTIONS. */
export async function mergeCorrectionsIn(meta: MetaStore, incoming: readonly Correction[]): Promise<number> {
  if (incoming.length === 0) return 0;
  const kept = await readIn(meta);
  const merged = mergeCorrections(kept, incoming);
  if (merged.length > MAX_CORRECTIONS)
    throw new Error(`Firsthand keeps at most ${MAX_CORRECTIONS} "not a copy" corrections; this would make ${merged.length}.`);
  await writeIn(meta, merged);
  return merged.length - kept.length;
}

/** Drops every correction that names one of these article ids, inside the caller's transaction. */
export async function dropCorrectionsOfIn(meta: MetaStore, ids: ReadonlySet<string>): Promise<void> {
  const kept = await readIn(meta);
  const left = kept.filter((c) => !ids.has(c.page) && !ids.has(c.original));
  if (left.length !== kept.length) await writeIn(meta, left);
}

/** Remembers that `page` is not a copy of `original`. */
export async function addCorrection(conn: DbConnection, page: string, original: string, now: number): Promise<Correction[]> {
  if (page === original) throw new Error('An article cannot be a copy of itself.');
  const db = await conn.get();
  const tx = db.transaction('meta', 'readwrite');
  await runTx(tx, () => mergeCorrectionsIn(tx.store, [{ page, original, at: now }]));
  return readCorrections(conn);
}

/** Forgets the correction of this pair (either way round); the pair may be flagged again. */
export async function removeCorrection(conn: DbConnection, page: string, original: string): Promise<Correction[]> {
  const db = await conn.get();
  const tx = db.transaction('meta', 'readwrite');
  const key = pairKey(page, original);
  await runTx(tx, async () =>
    writeIn(
      tx.store,
      (await readIn(tx.store)).filter((c) => pairKey(c.page, c.original) !== key),
    ),
  );
  return readCorrections(conn);
}

/** Forgets every correction (Clear). */
export async function clearCorrections(conn: DbConnection): Promise<void> {
  await (await conn.get()).delete('meta', 'corrections');
}
