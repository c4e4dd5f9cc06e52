// Articles as the "articles" store holds them: the reader's own, without their band keys
// (recomputed from the signature). Schema versions 6 and 7 kept listed articles there too, in the
// compact form of StoredListed (or whole): read here so that the step to version 8 can move them
// to the reuse-list stores (list-layout.ts).
import { bandKeys } from '../index/minhash.ts';
import { DEFAULT_PARAMS, paramsId } from '../index/params.ts';
import type { ArticleRecord, Credit, SignatureParams } from '../index/types.ts';
import { sketchBandKeys } from '../index/sketch.ts';
import { storedBandKeys } from './postings.ts';
import { packSketch, storedSketch } from './sketch-pack.ts';

/** An article as stored: the record without its band keys (recomputed from the signature, or
 * from the sketch of a listed article), under its number. A listed-only article (one with a
 * `sketch`) keeps when it was listed as `listedAt` instead of `firstSeenAt`, so the firstSeenAt
 * index, which retention walks, holds the reader's own articles only; it is stored in the compact
 * form of StoredListed, or (as the first release with lists stored it, and when its figures do
 * not fit that form) whole, its sketch an object. */
export type StoredArticle = StoredFull | StoredListed;

/** The reader's own article (or a listed one stored whole): the record without its band keys. */
export type StoredFull = Omit<ArticleRecord, 'bandKeys' | 'firstSeenAt'> & { firstSeenAt?: number; listedAt?: number; key?: number };

/**
 * A listed-only article as stored: only what cannot be derived. Its signature and word hashes
 * (always empty) are not stored, nor its URL when it is its id, its canonical URL when it is its
 * URL (`true`), its parameters when they are the default ones, its credits when there are none;
 * its sketch is packed in one array (sketch-pack.ts).
 */
export interface StoredListed {
  key?: number;
  id: string;
  lists?: string[];
  listedAt: number;
  firstSeenAt?: undefined;
  url?: string;
  canonicalUrl?: string | true;
  title: string;
  outlet: string;
  outletKey: string;
  host: string;
  publishedAt?: number;
  lang?: string;
  wordCount: number;
  params?: string;
  credits?: Credit[];
  sketch: Uint32Array;
}

/** True for an article stored in the compact listed form. */
export function isCompactListed(s: StoredArticle): s is StoredListed {
  return s.sketch instanceof Uint32Array;
}

/** The parameters every list is made with today: a listed article made with them does not store them. */
const LISTED_PARAMS = paramsId(DEFAULT_PARAMS);

/** The stored form of a record (its number is assigned by the writer). */
export function toStored(record: ArticleRecord, key?: number): StoredArticle {
  const { bandKeys: _bands, ...rest } = record;
  if (record.sketch) {
    const compact = toStoredListed(record, key);
    if (compact) return compact;
    // A listed-only article: out of the firstSeenAt index (see StoredArticle).
    const { firstSeenAt, ...listed } = rest;
    return key === undefined ? { ...listed, listedAt: firstSeenAt } : { ...listed, listedAt: firstSeenAt, key };
  }
  return key === undefined ? rest : { ...rest, key };
}

/** The compact form of a listed-only record; undefined when it has hashes or figures that form cannot hold. */
function toStoredListed(r: ArticleRecord, key: number | undefined): StoredListed | undefined {
  const sketch = r.sketch && packSketch(r.sketch);
  if (!sketch || r.signature.length || r.tokens.length) return undefined;
  const out: StoredListed = {
    id: r.id,
    listedAt: r.firstSeenAt,
    title: r.title,
    outlet: r.outlet,
    outletKey: r.outletKey,
    host: r.host,
    wordCount: r.wordCount,
    sketch,
  };
  if (key !== undefined) out.key = key;
  if (r.lists !== undefined) out.lists = r.lists;
  if (r.url !== r.id) out.url = r.url;
  if (r.canonicalUrl !== undefined) out.canonicalUrl = r.canonicalUrl === r.url ? true : r.canonicalUrl;
  if (r.publishedAt !== undefined) out.publishedAt = r.publishedAt;
  if (r.lang !== undefined) out.lang = r.lang;
  if (r.params !== LISTED_PARAMS) out.params = r.params;
  if (r.credits.length) out.credits = r.credits;
  return out;
}

/** The record of a listed-only article stored in the compact form: exactly the record it was made from. */
function fromStoredListed(s: StoredListed): ArticleRecord {
  const sketch = storedSketch(s.sketch);
  const url = s.url ?? s.id;
  const r: ArticleRecord = {
    id: s.id,
    url,
    title: s.title,
    outlet: s.outlet,
    outletKey: s.outletKey,
    host: s.host,
    firstSeenAt: s.listedAt,
    wordCount: s.wordCount,
    params: s.params ?? LISTED_PARAMS,
    signature: new Uint32Array(0),
    bandKeys: sketchBandKeys(sketch),
    tokens: new Uint32Array(0),
    credits: s.credits ?? [],
    sketch,
  };
  if (s.canonicalUrl !== undefined) r.canonicalUrl = s.canonicalUrl === true ? url : s.canonicalUrl;
  if (s.publishedAt !== undefined) r.publishedAt = s.publishedAt;
  if (s.lang !== undefined) r.lang = s.lang;
  if (s.lists !== undefined) r.lists = s.lists;
  return r;
}

/** When an article seen again was first seen: the earlier of its two sightings. A listed-only
 * article was never seen by the reader: it does not count. */
export function firstSeen(record: { firstSeenAt: number }, stored: { firstSeenAt?: number; sketch?: unknown } | undefined): number {
  return stored && !stored.sketch && stored.firstSeenAt !== undefined ? Math.min(stored.firstSeenAt, record.firstSeenAt) : record.firstSeenAt;
}

/** The record of a stored article: band keys recomputed from its signature (with the parameters
 * it was made with, when they are older ones), or from its sketch; a listed-only article's
 * `firstSeenAt` is when it was listed. */
export function fromStored(stored: StoredArticle, params: SignatureParams): ArticleRecord {
  if (isCompactListed(stored)) return fromStoredListed(stored);
  const { key: _key, listedAt, firstSeenAt, ...rest } = stored;
  const seen = firstSeenAt ?? listedAt ?? 0;
  if (stored.sketch) return { ...rest, firstSeenAt: seen, bandKeys: sketchBandKeys(stored.sketch) };
  const keys = stored.params === paramsId(params) ? bandKeys(stored.signature, params) : storedBandKeys(stored);
  return { ...rest, firstSeenAt: seen, bandKeys: keys };
}
