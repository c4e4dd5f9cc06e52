// Reading and writing pack files (the extension's export format) from the CLI.
import { buildRecord, encodePack, MemoryStore, PackError, parsePack, type PackItem } from '../index/index.ts';
import { CliError, fileMtime, readTextFile, readTextFileIfExists, writeFileAtomic } from './io.ts';
import type { LoadedArticle } from './load.ts';

/** Reads and validates a pack; a missing file is an empty pack only when `allowMissing`. */
export function readPack(file: string, allowMissing = false): PackItem[] {
  const text = allowMissing ? readTextFileIfExists(file) : readTextFile(file);
  if (text === undefined) return [];
  try {
    return parsePack(text).items;
  } catch (e) {
    if (e instanceof PackError) throw new CliError(e.message, file);
    if (e instanceof SyntaxError) throw new CliError(`not a pack: invalid JSON (${e.message})`, file);
    throw e;
  }
}

export function writePack(file: string, items: Iterable<PackItem>): void {
  writeFileAtomic(file, encodePack(items));
}

export function storeOf(items: PackItem[]): MemoryStore {
  const store = new MemoryStore();
  for (const it of items) store.putSync(it.record);
  return store;
}

/** The record for a loaded file; first seen = the file's modification time. */
export function recordOf(a: LoadedArticle): ReturnType<typeof buildRecord> {
  return buildRecord(a.text, a.meta, Math.round(fileMtime(a.file) ?? Date.now()));
}
