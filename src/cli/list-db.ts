// `check --db`: a pack or a list. A list's articles are known by their text-free sketches; a
// match among them is named as "listed by <publisher> in <list>".
import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import type { CheckResult, ListedBy, MatchSummary } from '../index/index.ts';
import { readListFile } from './list.ts';
import { readPack, storeOf } from './pack.ts';
import type { MemoryStore } from '../index/index.ts';

/** Whether the file is a list (its first line, gzip-compressed or not, says "kind": "list") rather than a pack. */
export function isListFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    // Not readable: the pack reader says why.
    return false;
  }
  try {
    const head = Buffer.alloc(65_536);
    let bytes = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        // The opening of the file: its first 512 compressed bytes inflate to at most 530 KB, and
        // hold the header's beginning, where "kind" is.
        bytes = gunzipSync(bytes.subarray(0, 512), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 });
      } catch {
        // Not gzip after all, or damaged: the pack reader says what it is.
        return false;
      }
    }
    const firstLine = bytes.subarray(0, 65_536).toString('utf8').split('\n', 1)[0];
    return /"kind"\s*:\s*"list"/.test(firstLine);
  } finally {
    closeSync(fd);
  }
}

export interface Db {
  store: MemoryStore;
  /** The lists that carry each listed article, by article id. */
  listed: Map<string, ListedBy[]>;
}

export async function openDb(file: string): Promise<Db> {
  if (!isListFile(file)) return { store: storeOf(readPack(file)), listed: new Map() };
  const list = await readListFile(file);
  const by: ListedBy = { list: list.header.list.name, publisher: list.header.list.publisher, source: file };
  const listed = new Map<string, ListedBy[]>();
  for (const it of list.items) listed.set(it.record.id, [by]);
  return { store: storeOf(list.items), listed };
}

/** The result with its listed matches named (as the worker names them from the records' lists). */
export function withListed(result: CheckResult, listed: Map<string, ListedBy[]>): CheckResult {
  if (!listed.size) return result;
  const mark = (m: MatchSummary): MatchSummary => {
    const by = listed.get(m.id);
    return by ? { ...m, listed: by, textFree: true } : m;
  };
  return {
    ...result,
    ...(result.original ? { original: mark(result.original) } : {}),
    ...(result.closest ? { closest: mark(result.closest) } : {}),
    matches: result.matches.map(mark),
  };
}

/** "listed by <publisher> in <list>" for each list. */
export function listedWords(by: ListedBy[]): string {
  return by.map((b) => `listed by ${b.publisher} in ${b.list}`).join('; ');
}
