// The optional "corrections" section of a pack: the pairs a reader marked "not a copy" (this
// page, the original it was said to copy). Absent from packs made before it existed, which import
// as before; when present it is checked whole, like the articles, before anything is written.
import { fieldChecks, own, shown } from './fields.ts';
import { isRecord } from './guards.ts';
import { PackError } from './pack-error.ts';

/** A reader's "this is not a copy": checks of `page` skip `original`, and checks of `original` skip `page`. */
export interface Correction {
  /** The page's article id (its URL). */
  page: string;
  /** The id of the article it was said to copy. */
  original: string;
  /** When the reader said so (ms since 1970). */
  at: number;
}

/** At most this many corrections in a pack, and kept in an index. */
export const MAX_CORRECTIONS = 10_000;
const MAX_ID = 4096;

const { str, time } = fieldChecks((m) => new PackError(m));

/** The key of a pair, the same whichever side is named first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

function parseOne(v: unknown, i: number): Correction {
  const where = `corrections: entry ${i + 1}`;
  if (!isRecord(v)) throw new PackError(`${where} is not an object`);
  const page = str(v, 'page', where, MAX_ID)!;
  const original = str(v, 'original', where, MAX_ID)!;
  if (!page.trim() || !original.trim()) throw new PackError(`${where}: page and original must not be empty`);
  if (page === original) throw new PackError(`${where}: page and original are the same article`);
  return { page, original, at: time(v, 'at', where, true)! };
}

/** The corrections of a pack's frame (`undefined` when it has none); throws PackError naming the bad entry. */
export function parseCorrections(doc: Record<string, unknown>): Correction[] | undefined {
  const v = own(doc, 'corrections');
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new PackError(`"corrections" must be a list, not ${shown(v)}`);
  if (v.length > MAX_CORRECTIONS) throw new PackError(`"corrections" holds ${v.length} entries, at most ${MAX_CORRECTIONS} allowed`);
  return mergeCorrections([], v.map(parseOne));
}

/** `incoming` added to `kept`: one entry per pair, the earliest time kept. */
export function mergeCorrections(kept: readonly Correction[], incoming: readonly Correction[]): Correction[] {
  const byPair = new Map<string, Correction>();
  for (const c of [...kept, ...incoming]) {
    const key = pairKey(c.page, c.original);
    const seen = byPair.get(key);
    if (!seen || c.at < seen.at) byPair.set(key, { page: c.page, original: c.original, at: c.at });
  }
  return [...byPair.values()];
}

/** The articles a check of `pageId` must skip: the other side of every pair naming it. */
export function excludedFor(corrections: readonly Correction[], pageId: string): Set<string> {
  const out = new Set<string>();
  for (const c of corrections) {
    if (c.page === pageId) out.add(c.original);
    else if (c.original === pageId) out.add(c.page);
  }
  return out;
}
