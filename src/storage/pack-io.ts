// Export of the whole index as a pack, sized for indexes of 100k articles: built in pieces (one
// per batch of articles, never one string, which V8 caps at 512M characters). Runs wherever the
// database is: the popup (an extension page, same origin as the worker) does this itself rather
// than receiving the pack through runtime messaging, which Chrome caps at 64 MiB. Import is
// import.ts.
import { DEFAULT_PARAMS, encodeArticle, packFrame, type PackItem, type SignatureParams } from '../index/index.ts';
import { fromStored, readBatches, type DbConnection } from './db.ts';
import { unpackText } from './texts.ts';
import { readCorrections } from './corrections.ts';

const EXPORT_BATCH = 500;

export interface PackParts {
  /** "Not a copy" corrections carried in the pack's frame. */
  corrections?: number;
  /** Concatenated, the pack's JSON text: what encodePack gives for the same articles. */
  parts: string[];
  articles: number;
  chars: number;
}

/** The reader's whole index, texts and "not a copy" corrections included, as pack pieces;
 * `onProgress` hears the articles done so far. */
export async function exportParts(conn: DbConnection, onProgress?: (done: number) => void, params: SignatureParams = DEFAULT_PARAMS): Promise<PackParts> {
  const parts: string[] = [];
  let articles = 0;
  let chars = 0;
  for await (const batch of readBatches(conn, true, EXPORT_BATCH)) {
    // The reader's own articles only: a listed-only article belongs to its list (text-free, it is
    // not a pack article either).
    const own = batch.filter(({ record }) => !record.sketch);
    if (own.length === 0) continue;
    const items: PackItem[] = await Promise.all(
      own.map(async ({ record, text }) => {
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
  const corrections = await readCorrections(conn);
  const { head, tail } = packFrame(articles, params, new Date(), corrections);
  parts.unshift(head);
  parts.push(tail);
  return { parts, articles, chars: chars + head.length + tail.length, corrections: corrections.length };
}
