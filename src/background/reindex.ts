// When the engine's signature parameters change (a new release), stored signatures can no
// longer be compared with new ones. The index keeps every article's text and metadata, so it
// rebuilds itself from them instead of being thrown away. The work is resumable: the worker may
// be stopped part-way, and the next start carries on with the articles not yet rebuilt.
import { buildRecord, DEFAULT_PARAMS, paramsId, type ArticleRecord, type PageMeta, type SignatureParams } from '../index/index.ts';
import { readText, type DbConnection, type IdbStore } from '../storage/db.ts';
import { unpackText } from '../storage/texts.ts';
import type { Writer } from '../storage/writer.ts';

export interface ReindexResult {
  rebuilt: number;
  /** Articles stored without text (from packs without texts): they cannot be rebuilt and are removed. */
  dropped: number;
}

/** Page metadata recovered from a record, for texts stored without their page's metadata. */
export function metaFromRecord(r: ArticleRecord): PageMeta {
  const meta: PageMeta = { url: r.url, title: r.title, siteName: r.outlet };
  if (r.canonicalUrl) meta.canonicalUrl = r.canonicalUrl;
  if (r.publishedAt !== undefined) meta.publishedTime = new Date(r.publishedAt).toISOString();
  if (r.lang) meta.lang = r.lang;
  return meta;
}

export async function reindexIfNeeded(
  s: { conn: DbConnection; writer: Writer; store: IdbStore },
  params: SignatureParams = DEFAULT_PARAMS,
): Promise<ReindexResult> {
  const current = paramsId(params);
  const db = await s.conn.get();
  const marker = await db.get('meta', 'params');
  const result: ReindexResult = { rebuilt: 0, dropped: 0 };
  if (marker?.key === 'params' && marker.params === current) return result;
  for await (const old of s.store.iterate()) {
    // A listed-only article has no text to rebuild from: its list's next update brings it anew.
    if (old.params === current || old.sketch) continue;
    const stored = await readText(s.conn, old.id);
    if (!stored) {
      await s.writer.deleteArticle(old.id);
      result.dropped++;
      continue;
    }
    const meta = stored.meta ?? metaFromRecord(old);
    const { record } = buildRecord(await unpackText(stored), meta, old.firstSeenAt, params);
    // Same article, same key and first sighting; the stored text stays as it is.
    await s.writer.putArticle({ ...record, id: old.id, firstSeenAt: old.firstSeenAt });
    result.rebuilt++;
  }
  await s.writer.markParams(current);
  return result;
}
