// The list file format (docs/lists.md): its header, article lines and trailer, their bounds and
// their checks. Pure: the stream reading is read.ts's, the writing write.ts's.
import { decodeU32, encodeU32 } from '../index/base64.ts';
import { fieldChecks, own, shown } from '../index/fields.ts';
import { isRecord } from '../index/guards.ts';
import { hostKey } from '../index/outlet.ts';
import { PACK_FORMAT, type PackItem } from '../index/pack.ts';
import { DEFAULT_PARAMS, paramsDiff, paramsId } from '../index/params.ts';
import { ALL_SHINGLES, LIST_BAND_STRIDE, SKETCH_NUMBERS, SKETCH_SAMPLE, sketchBandKeys } from '../index/sketch.ts';
import { TOPIC_KEYS } from '../index/topic.ts';
import type { ArticleRecord, ListSketch, SignatureParams } from '../index/types.ts';

/** A list is a pack of version 2 with `"kind": "list"`. */
export const LIST_VERSION = 2;
export const LIST_KIND = 'list';
/** Bounds, checked as the bytes arrive (docs/lists.md). */
export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_LINE_BYTES = 16 * 1024;
export const MAX_TRAILER_BYTES = 1024;
export const MAX_LIST_ARTICLES = 500_000;
/** The longest expiry hint a list may give (a year); the reader bounds it further (1 h to 7 days). */
export const MAX_EXPIRES_HOURS = 8760;

const MAX_URL = 4096;
const MAX_TITLE = 1000;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;
const MAX_WORDS = 10_000_000;
const MAX_TOKENS = 200_000;

/** What the reader is told when a list is refused: "This list cannot be used: <reason>". */
export class ListError extends Error {
  override name = 'ListError';
  constructor(readonly reason: string) {
    super(`This list cannot be used: ${reason}`);
  }
}

/** The publisher's description of a list: the header's "list" object. */
export interface ListMeta {
  name: string;
  publisher: string;
  description?: string;
  /** An http(s) page about the list. */
  homepage?: string;
  /** How often the publisher means to update it: a hint, bounded by the reader. */
  expiresHours?: number;
}

export interface ListHeader {
  format: typeof PACK_FORMAT;
  version: typeof LIST_VERSION;
  kind: typeof LIST_KIND;
  params: SignatureParams;
  /** ISO 8601. */
  createdAt: string;
  count: number;
  list: ListMeta;
}

export interface ListTrailer {
  digest: string;
  signature?: string;
  publicKey?: string;
}

const { str, time: timeOf, credits: parseCredits } = fieldChecks((m) => new ListError(m));
const what = (v: unknown): string => (Array.isArray(v) ? 'a list' : v === null ? 'null' : `a ${typeof v}`);

function int(o: Record<string, unknown>, k: string, where: string, min: number, max: number): number {
  const v = own(o, k);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new ListError(`${where}: ${k} must be a whole number from ${min} to ${max} (got ${v === undefined ? 'nothing' : shown(v)})`);
  return v;
}

const time = (o: Record<string, unknown>, k: string, where: string): number | undefined => timeOf(o, k, where, false);

function webUrl(o: Record<string, unknown>, k: string, where: string, required: boolean): string | undefined {
  const v = str(o, k, where, MAX_URL, required);
  if (v === undefined || (v === '' && !required)) return undefined;
  if (!/^https?:\/\/[^\s/]/i.test(v)) throw new ListError(`${where}: ${k} must be an http(s) address, not ${shown(v)}`);
  return v;
}

function parseParams(v: unknown): SignatureParams {
  if (!isRecord(v)) throw new ListError('its header has no signature parameters ("params")');
  const sh = own(v, 'shingle');
  const num = (o: Record<string, unknown>, k: string): number => {
    const x = own(o, k);
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new ListError(`its header's params.${k} must be a number, not ${shown(x)}`);
    return x;
  };
  if (typeof own(v, 'hash') !== 'string') throw new ListError(`its header's params.hash must be text, not ${shown(own(v, 'hash'))}`);
  if (!isRecord(sh) || typeof own(sh, 'kind') !== 'string') throw new ListError("its header's params.shingle is missing or not an object");
  return {
    hash: own(v, 'hash') as SignatureParams['hash'],
    seed: num(v, 'seed'),
    numPerm: num(v, 'numPerm'),
    shingle: { kind: own(sh, 'kind') as 'content-word', size: num(sh, 'size') },
    bands: num(v, 'bands'),
    rows: num(v, 'rows'),
    tokenizer: num(v, 'tokenizer'),
  };
}

/** Checks the publisher's fields (also used by the writer, so that it never writes a list the reader refuses). */
export function checkMeta(v: unknown, where = "its header's list"): ListMeta {
  if (!isRecord(v)) throw new ListError(`${where} description ("list") is ${v === undefined ? 'missing' : `${what(v)}, not an object`}`);
  const name = str(v, 'name', where, MAX_NAME)!.trim();
  if (!name) throw new ListError(`${where}: name is empty`);
  const publisher = str(v, 'publisher', where, MAX_NAME)!.trim();
  if (!publisher) throw new ListError(`${where}: publisher is empty`);
  const description = str(v, 'description', where, MAX_DESCRIPTION, false);
  const homepage = webUrl(v, 'homepage', where, false);
  const expires = own(v, 'expiresHours');
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isFinite(expires) || expires <= 0 || expires > MAX_EXPIRES_HOURS))
    throw new ListError(`${where}: expiresHours must be a number of hours above 0 and at most ${MAX_EXPIRES_HOURS} (got ${shown(expires)})`);
  return {
    name,
    publisher,
    ...(description ? { description } : {}),
    ...(homepage ? { homepage } : {}),
    ...(expires !== undefined ? { expiresHours: expires as number } : {}),
  };
}

/** The first line, parsed: a list's header, or a refusal saying what the file is instead. */
export function checkHeader(doc: unknown, expected: SignatureParams, maxArticles: number): ListHeader {
  if (!isRecord(doc)) throw new ListError(`it is not a Firsthand list: its first line holds ${what(doc)}, not a list header`);
  const format = own(doc, 'format');
  if (format !== PACK_FORMAT)
    throw new ListError(`it is not a Firsthand list: "format" must be "${PACK_FORMAT}"${format === undefined ? ' and is missing' : `, not ${shown(format)}`}`);
  const version = own(doc, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new ListError(`its "version" must be a whole number${version === undefined ? ' and is missing' : `, not ${shown(version)}`}`);
  if (version > LIST_VERSION) throw new ListError(`it is a list of version ${version}, made by a newer Firsthand; this one reads version ${LIST_VERSION}`);
  if (version < LIST_VERSION || own(doc, 'kind') !== LIST_KIND)
    throw new ListError(`it is a Firsthand pack, not a list (its header has no "kind": "${LIST_KIND}"); import it as a pack instead`);
  const params = parseParams(own(doc, 'params'));
  const diff = paramsDiff(expected, params);
  if (diff.length) throw new ListError(`it was made with other signature parameters (${diff.join('; ')}); its articles cannot be compared with this index`);
  const createdAt = str(doc, 'createdAt', 'its header', 40)!;
  if (!Number.isFinite(Date.parse(createdAt))) throw new ListError(`its header's createdAt must be a date (ISO 8601), not ${shown(createdAt)}`);
  const count = own(doc, 'count');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    throw new ListError(`its header's "count" must be the whole number of articles${count === undefined ? ' and is missing' : `, not ${shown(count)}`}`);
  if (count > maxArticles) throw new ListError(`its header says it holds ${count} articles, at most ${maxArticles} are accepted`);
  const list = checkMeta(own(doc, 'list'));
  return { format: PACK_FORMAT, version: LIST_VERSION, kind: LIST_KIND, params: expected, createdAt, count, list };
}

function u32s(o: Record<string, unknown>, k: string, where: string, min: number, max: number): Uint32Array {
  const v = own(o, k);
  const values = typeof v === 'string' && v.length <= max * 8 ? decodeU32(v) : undefined;
  if (!values) throw new ListError(`${where}: sketch.${k} must be base64 of 32-bit values`);
  if (values.length < min || values.length > max)
    throw new ListError(`${where}: sketch.${k} holds ${values.length} values, ${min === max ? `exactly ${min}` : `from ${min} to ${max}`} expected`);
  return values;
}

function parseSketch(v: unknown, where: string, params: SignatureParams): ListSketch {
  if (!isRecord(v)) throw new ListError(`${where}: sketch is ${v === undefined ? 'missing' : `${what(v)}, not an object`}`);
  const bands = Math.ceil(params.bands / LIST_BAND_STRIDE);
  const sketch: ListSketch = {
    bands: u32s(v, 'bands', where, bands, bands),
    topic: u32s(v, 'topic', where, 0, TOPIC_KEYS),
    vocabulary: int(v, 'vocabulary', `${where}: sketch`, 0, MAX_TOKENS),
    sample: u32s(v, 'sample', where, 0, SKETCH_SAMPLE),
    threshold: int(v, 'threshold', `${where}: sketch`, 0, ALL_SHINGLES),
    shingles: int(v, 'shingles', `${where}: sketch`, 0, MAX_TOKENS),
    tokens: int(v, 'tokens', `${where}: sketch`, 0, MAX_TOKENS),
    numbers: u32s(v, 'numbers', where, 0, SKETCH_NUMBERS),
  };
  return sketch;
}

/** The fields that would put text (or what text can be rebuilt from) into a list. */
const TEXT_FIELDS = ['text', 'tokens', 'signature'] as const;

/** One article line, parsed and checked: a listed record (sketch set, no signature or tokens, lists unset). */
export function checkArticle(doc: unknown, n: number, header: ListHeader): PackItem {
  const where = `article ${n}`;
  if (!isRecord(doc)) throw new ListError(`${where} is ${what(doc)}, not an article`);
  for (const k of TEXT_FIELDS)
    if (own(doc, k) !== undefined)
      throw new ListError(`${where} carries "${k}"; a list is text-free and may not carry its articles' text, tokens or signatures`);
  const id = str(doc, 'id', where, MAX_URL)!;
  if (!id.trim()) throw new ListError(`${where}: id is empty`);
  const host = str(doc, 'host', where, 253)!;
  const canonicalUrl = webUrl(doc, 'canonicalUrl', where, false);
  const publishedAt = time(doc, 'publishedAt', where);
  const firstSeenAt = time(doc, 'firstSeenAt', where);
  const lang = str(doc, 'lang', where, 35, false);
  const sketch = parseSketch(own(doc, 'sketch'), where, header.params);
  const record: ArticleRecord = {
    id,
    url: webUrl(doc, 'url', where, true)!,
    ...(canonicalUrl ? { canonicalUrl } : {}),
    title: str(doc, 'title', where, MAX_TITLE)!,
    outlet: str(doc, 'outlet', where, 200)!,
    outletKey: str(doc, 'outletKey', where, 200, false) || hostKey(host),
    host,
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    // A list need not say when its publisher first saw an article: then it was first seen when published, or when the list was made.
    firstSeenAt: firstSeenAt ?? publishedAt ?? Date.parse(header.createdAt),
    ...(lang ? { lang } : {}),
    wordCount: int(doc, 'wordCount', where, 0, MAX_WORDS),
    params: paramsId(header.params),
    signature: new Uint32Array(0),
    bandKeys: sketchBandKeys(sketch),
    tokens: new Uint32Array(0),
    credits: parseCredits(own(doc, 'credits'), where),
    sketch,
  };
  return { record };
}

/** The trailer line: the digest, and the signature with its public key when signed. */
export function checkTrailer(doc: unknown): ListTrailer {
  if (!isRecord(doc)) throw new ListError(`its last line is ${what(doc)}, not the trailer`);
  const digest = own(doc, 'digest');
  if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new ListError(`its trailer's digest must be "sha256:" and 64 hex digits, not ${shown(digest)}`);
  const signature = own(doc, 'signature');
  const publicKey = own(doc, 'publicKey');
  if ((signature === undefined) !== (publicKey === undefined))
    throw new ListError(`its trailer has a ${signature === undefined ? 'public key without a signature' : 'signature without a public key'}`);
  if (signature !== undefined && (typeof signature !== 'string' || bytesOfBase64(signature)?.length !== 64))
    throw new ListError("its trailer's signature must be base64 of a 64-byte Ed25519 signature");
  if (publicKey !== undefined && (typeof publicKey !== 'string' || bytesOfBase64(publicKey)?.length !== 32))
    throw new ListError("its trailer's publicKey must be base64 of a 32-byte Ed25519 public key");
  return { digest, ...(signature !== undefined ? { signature: signature as string, publicKey: publicKey as string } : {}) };
}

/** One article as a list line holds it (without the newline). A full record is sketched first. */
export function encodeListArticle(r: ArticleRecord): string {
  const s = r.sketch;
  if (!s) throw new Error(`encodeListArticle: ${r.id} has no sketch`);
  return JSON.stringify({
    id: r.id,
    url: r.url,
    ...(r.canonicalUrl && r.canonicalUrl !== r.url ? { canonicalUrl: r.canonicalUrl } : {}),
    title: r.title,
    outlet: r.outlet,
    outletKey: r.outletKey,
    host: r.host,
    ...(r.publishedAt !== undefined ? { publishedAt: r.publishedAt } : {}),
    firstSeenAt: r.firstSeenAt,
    ...(r.lang ? { lang: r.lang } : {}),
    wordCount: r.wordCount,
    ...(r.credits.length ? { credits: r.credits } : {}),
    sketch: {
      bands: encodeU32(s.bands),
      topic: encodeU32(s.topic),
      vocabulary: s.vocabulary,
      sample: encodeU32(s.sample),
      threshold: s.threshold,
      shingles: s.shingles,
      tokens: s.tokens,
      numbers: encodeU32(s.numbers),
    },
  });
}

export function encodeHeader(count: number, meta: ListMeta, params: SignatureParams = DEFAULT_PARAMS, createdAt = new Date()): string {
  const list = checkMeta(meta, 'the list');
  return JSON.stringify({ format: PACK_FORMAT, version: LIST_VERSION, kind: LIST_KIND, params, createdAt: createdAt.toISOString(), count, list });
}

/** Base64 of bytes (the key and signature fields). */
export function base64OfBytes(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

/** Bytes of base64; undefined when it is not base64. */
export function bytesOfBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
