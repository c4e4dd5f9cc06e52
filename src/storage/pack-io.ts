// Export and import of the whole index as a pack, sized for indexes of 100k articles: the export
// is built in pieces (one per batch of articles, never one string, which V8 caps at 512M
// characters), and an import is validated whole (a large file read in pieces), then written in one
// transaction in batches.
// Runs wherever the database is: the popup (an extension page, same origin as the worker) does
// this itself rather than sending the pack through runtime messaging, which Chrome caps at 64 MiB.
import { DEFAULT_PARAMS, encodeArticle, packFrame, parsePack, parsePackChunks, type PackItem, type SignatureParams } from '../index/index.ts';
import type { ImportResult } from '../protocol/messages.ts';
import { fromStored, readBatches, type DbConnection } from './db.ts';
import { loadSettings } from './settings.ts';
import { unpackText } from './texts.ts';
import type { ImportProgress, Writer } from './writer.ts';

const EXPORT_BATCH = 500;

export interface PackParts {
  /** Concatenated, the pack's JSON text: what encodePack gives for the same articles. */
  parts: string[];
  articles: number;
  chars: number;
}

/** The whole index, texts included, as pack pieces; `onProgress` hears the articles done so far. */
export async function exportParts(conn: DbConnection, onProgress?: (done: number) => void, params: SignatureParams = DEFAULT_PARAMS): Promise<PackParts> {
  const parts: string[] = [];
  let articles = 0;
  let chars = 0;
  for await (const batch of readBatches(conn, true, EXPORT_BATCH)) {
    const items: PackItem[] = await Promise.all(
      batch.map(async ({ record, text }) => {
        const item: PackItem = { record: fromStored(record, params) };
        if (text) item.text = await unpackText(text);
        return item;
      }),
    );
    const json = (articles ? ',' : '') + items.map(encodeArticle).join(',');
    parts.push(json);
    chars += json.length;
    articles += items.length;
    onProgress?.(articles);
  }
  const { head, tail } = packFrame(articles, params);
  parts.unshift(head);
  parts.push(tail);
  return { parts, articles, chars: chars + head.length + tail.length };
}

/**
 * Imports a pack's text: validated whole first (PackError names what is wrong and where; nothing
 * is written then), then merged in one transaction, then the reader's retention limits applied.
 */
export async function importPackText(conn: DbConnection, writer: Writer, json: string, onProgress?: ImportProgress, now = Date.now()): Promise<ImportResult> {
  const { items } = parsePack(json);
  const settings = await loadSettings(conn);
  return writer.importItems(items, settings, now, onProgress);
}

/** importPackText for a file read in pieces (too large for one string): the same checks, then the same writes. */
export async function importPackChunks(conn: DbConnection, writer: Writer, chunks: AsyncIterable<string>, onProgress?: ImportProgress, now = Date.now()): Promise<ImportResult> {
  const { items } = await parsePackChunks(chunks);
  const settings = await loadSettings(conn);
  return writer.importItems(items, settings, now, onProgress);
}
