// What the reader's own data takes: the sum of the sizes of the stored records of the articles
// they read or imported (the record, its text, its postings entries), measured from the stored
// data itself. Not navigator.storage.estimate(): the browser's figure counts the database files,
// which keep their pages (and grow with the log) after Clear, so it cannot show that a Clear
// deleted anything. Articles known from subscribed lists alone are not the reader's and are not counted.
import { DEFAULT_PARAMS } from '../index/params.ts';
import { TOPIC_KEYS } from '../index/topic.ts';
import type { DbConnection, StoredArticle, StoredText } from './db.ts';

/** Own articles measured one by one; past this many the rest are counted at the measured mean. */
export const MEASURED_ARTICLES = 400;
/** One postings entry: (band hash, article number), two 32-bit values. */
const POSTING_BYTES = 8;

export interface OwnUsage {
  /** The reader's own articles (read or imported). */
  articles: number;
  /** Bytes their stored data takes. */
  bytes: number;
  /** True when only the first MEASURED_ARTICLES were measured and the rest estimated from them. */
  estimated: boolean;
}

const encoder = new TextEncoder();
const utf8 = (s: string | undefined): number => (s ? encoder.encode(s).length : 0);

/** A stored value's size: its strings as UTF-8, its typed arrays' bytes, numbers as 8 bytes. */
export function valueBytes(v: unknown, depth = 0): number {
  if (v === null || v === undefined || depth > 6) return 0;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number') return 8;
  if (typeof v === 'boolean') return 1;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + valueBytes(x, depth + 1), 0);
  if (typeof v === 'object') {
    let n = 0;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) n += utf8(k) + valueBytes(x, depth + 1);
    return n;
  }
  return 0;
}

/** Bytes one own article takes: its record, its text and its entries in the postings. */
export function articleBytes(record: StoredArticle, text?: StoredText): number {
  const postings = (DEFAULT_PARAMS.bands + TOPIC_KEYS) * POSTING_BYTES;
  return valueBytes(record) + valueBytes(text) + postings;
}

/** What the reader's own articles take, read from the stores: the first `limit` of them (by the
 * firstSeenAt index, which holds the reader's own articles only) measured, the rest counted at their mean. */
export async function ownUsage(conn: DbConnection, limit = MEASURED_ARTICLES): Promise<OwnUsage> {
  const db = await conn.get();
  const tx = db.transaction(['articles', 'texts']);
  const byTime = tx.objectStore('articles').index('firstSeenAt');
  const [articles, records] = await Promise.all([byTime.count(), byTime.getAll(null, limit)]);
  const texts = await Promise.all(records.map((r) => (r.key === undefined ? Promise.resolve(undefined) : tx.objectStore('texts').get(r.key))));
  let bytes = 0;
  records.forEach((r, i) => (bytes += articleBytes(r, texts[i])));
  if (records.length === 0) return { articles, bytes: 0, estimated: articles > 0 };
  const estimated = articles > records.length;
  return { articles, bytes: estimated ? Math.round((bytes / records.length) * articles) : bytes, estimated };
}
