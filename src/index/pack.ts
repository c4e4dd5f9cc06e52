// The pack: one versioned JSON file holding an index, shared by the extension's export/import
// and the CLI. Documented in README ("Pack format"). Validated whole before anything is written.
import { decodeU32, encodeU32 } from './base64.ts';
import { bandKeys } from './minhash.ts';
import { hostKey } from './outlet.ts';
import { DEFAULT_PARAMS, paramsDiff, paramsId } from './params.ts';
import type { ArticleRecord, Credit, SignatureParams } from './types.ts';

export const PACK_FORMAT = 'firsthand-pack';
export const PACK_VERSION = 1;
export const MAX_PACK_ARTICLES = 500_000;
const MAX_URL = 4096;
const MAX_TITLE = 1000;
const MAX_TEXT = 2_000_000;
const MAX_TOKENS = 200_000;
const CREDIT_KINDS = new Set(['dateline', 'text', 'link', 'meta', 'jsonld']);

export class PackError extends Error {
  override name = 'PackError';
}

export interface PackItem {
  record: ArticleRecord;
  text?: string;
}

export function encodePack(items: Iterable<PackItem>, params: SignatureParams = DEFAULT_PARAMS): string {
  const articles: unknown[] = [];
  for (const { record: r, text } of items) {
    articles.push({
      id: r.id,
      url: r.url,
      ...(r.canonicalUrl ? { canonicalUrl: r.canonicalUrl } : {}),
      title: r.title,
      outlet: r.outlet,
      outletKey: r.outletKey,
      host: r.host,
      ...(r.publishedAt !== undefined ? { publishedAt: r.publishedAt } : {}),
      firstSeenAt: r.firstSeenAt,
      ...(r.lang ? { lang: r.lang } : {}),
      wordCount: r.wordCount,
      signature: encodeU32(r.signature),
      tokens: encodeU32(r.tokens),
      credits: r.credits,
      ...(text !== undefined ? { text } : {}),
    });
  }
  return JSON.stringify({ format: PACK_FORMAT, version: PACK_VERSION, params, createdAt: new Date().toISOString(), count: articles.length, articles });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

function str(o: Record<string, unknown>, k: string, where: string, max: number, required = true): string | undefined {
  const v = own(o, k);
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') throw new PackError(`${where}: ${k} ${v === undefined ? 'is missing' : 'must be text'}`);
  if (v.length > max) throw new PackError(`${where}: ${k} is ${v.length} characters long, at most ${max} allowed`);
  return v;
}

function time(o: Record<string, unknown>, k: string, where: string, required: boolean): number | undefined {
  const v = own(o, k);
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 8.64e15)
    throw new PackError(`${where}: ${k} must be a time in ms since 1970 (got ${JSON.stringify(v)?.slice(0, 40)})`);
  return v;
}

function url(o: Record<string, unknown>, k: string, where: string, required: boolean): string | undefined {
  const v = str(o, k, where, MAX_URL, required);
  if (v === undefined || v === '') return v;
  if (!/^(https?|file):\/\//i.test(v)) throw new PackError(`${where}: ${k} must be an http(s) or file URL`);
  return v;
}

function parseParams(v: unknown): SignatureParams {
  if (!isObj(v)) throw new PackError('params: missing or not an object');
  const sh = own(v, 'shingle');
  return {
    hash: own(v, 'hash') as SignatureParams['hash'],
    seed: own(v, 'seed') as number,
    numPerm: own(v, 'numPerm') as number,
    shingle: isObj(sh) ? { kind: own(sh, 'kind') as 'content-word', size: own(sh, 'size') as number } : ({} as SignatureParams['shingle']),
    bands: own(v, 'bands') as number,
    rows: own(v, 'rows') as number,
    tokenizer: own(v, 'tokenizer') as number,
  };
}

function parseCredits(v: unknown, where: string): Credit[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 100) throw new PackError(`${where}: credits must be a list of at most 100`);
  return v.map((c, i) => {
    const w = `${where}: credit ${i + 1}`;
    if (!isObj(c)) throw new PackError(`${w} is not an object`);
    const kind = own(c, 'kind');
    if (typeof kind !== 'string' || !CREDIT_KINDS.has(kind)) throw new PackError(`${w}: unknown kind ${JSON.stringify(kind)?.slice(0, 40)}`);
    const host = str(c, 'host', w, 253, false);
    return {
      outlet: str(c, 'outlet', w, 200)!,
      key: str(c, 'key', w, 200)!,
      kind: kind as Credit['kind'],
      evidence: str(c, 'evidence', w, 400)!,
      ...(host ? { host } : {}),
    };
  });
}

function parseArticle(a: unknown, i: number, params: SignatureParams, pid: string): PackItem {
  const where = `article ${i + 1}`;
  if (!isObj(a)) throw new PackError(`${where}: not an object`);
  const id = str(a, 'id', where, MAX_URL)!;
  if (!id.trim()) throw new PackError(`${where}: id is empty`);
  const signature = decodeU32(str(a, 'signature', where, params.numPerm * 8)!);
  if (!signature || signature.length !== params.numPerm)
    throw new PackError(`${where}: signature must be base64 of ${params.numPerm} 32-bit values`);
  const tokens = decodeU32(str(a, 'tokens', where, MAX_TOKENS * 6)!);
  if (!tokens) throw new PackError(`${where}: tokens must be base64 of 32-bit values`);
  const wordCount = own(a, 'wordCount');
  if (typeof wordCount !== 'number' || !Number.isInteger(wordCount) || wordCount < 0)
    throw new PackError(`${where}: wordCount must be a whole number >= 0`);
  const host = str(a, 'host', where, 253)!;
  const outlet = str(a, 'outlet', where, 200)!;
  const canonicalUrl = url(a, 'canonicalUrl', where, false);
  const publishedAt = time(a, 'publishedAt', where, false);
  const lang = str(a, 'lang', where, 35, false);
  const text = str(a, 'text', where, MAX_TEXT, false);
  const record: ArticleRecord = {
    id,
    url: url(a, 'url', where, true)!,
    ...(canonicalUrl ? { canonicalUrl } : {}),
    title: str(a, 'title', where, MAX_TITLE)!,
    outlet,
    outletKey: str(a, 'outletKey', where, 200, false) || hostKey(host),
    host,
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    firstSeenAt: time(a, 'firstSeenAt', where, true)!,
    ...(lang ? { lang } : {}),
    wordCount,
    params: pid,
    signature,
    bandKeys: bandKeys(signature, params),
    tokens,
    credits: parseCredits(own(a, 'credits'), where),
  };
  return text !== undefined ? { record, text } : { record };
}

/** Reads a pack; throws PackError naming what is wrong and where. Nothing is returned unless all of it is valid. */
export function parsePack(text: string, expected: SignatureParams = DEFAULT_PARAMS): { params: SignatureParams; items: PackItem[] } {
  if (typeof text !== 'string' || text.trim() === '') throw new PackError('the file is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new PackError(`not a Firsthand pack: the file is not valid JSON (${(e as Error).message.slice(0, 80)})`);
  }
  if (!isObj(doc) || own(doc, 'format') !== PACK_FORMAT) throw new PackError(`not a Firsthand pack: "format" must be "${PACK_FORMAT}"`);
  const version = own(doc, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new PackError('pack version is missing or not a whole number');
  if (version > PACK_VERSION)
    throw new PackError(`pack version ${version} was made by a newer Firsthand; this one reads version ${PACK_VERSION}`);
  const params = parseParams(own(doc, 'params'));
  const diff = paramsDiff(expected, params);
  if (diff.length) throw new PackError(`the pack was made with other signature parameters (${diff.join('; ')}); its articles cannot be compared with this index`);
  const articles = own(doc, 'articles');
  if (!Array.isArray(articles)) throw new PackError('"articles" must be a list');
  if (articles.length > MAX_PACK_ARTICLES) throw new PackError(`the pack holds ${articles.length} articles, at most ${MAX_PACK_ARTICLES} can be imported at once`);
  const pid = paramsId(expected);
  const seen = new Map<string, number>();
  const items = articles.map((a, i) => {
    const item = parseArticle(a, i, expected, pid);
    const first = seen.get(item.record.id);
    if (first !== undefined) throw new PackError(`article ${i + 1}: duplicate id, the same as article ${first + 1}`);
    seen.set(item.record.id, i);
    return item;
  });
  return { params: expected, items };
}
