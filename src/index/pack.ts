// The pack: one versioned JSON file holding an index, shared by the extension's export/import
// and the CLI. Documented in README ("Pack format"). Validated whole before anything is written.
import { fieldChecks, own, shown } from './fields.ts';
import { isRecord } from './guards.ts';
import { decodeU32, encodeU32 } from './base64.ts';
import { jsonProblem } from './json-where.ts';
import { bandKeys } from './minhash.ts';
import { hostKey } from './outlet.ts';
import { DEFAULT_PARAMS, paramsDiff, paramsId } from './params.ts';
import type { ArticleRecord, SignatureParams } from './types.ts';
import { PackError } from './pack-error.ts';
import { parseCorrections, type Correction } from './pack-corrections.ts';

export const PACK_FORMAT = 'firsthand-pack';
export const PACK_VERSION = 1;
export const MAX_PACK_ARTICLES = 500_000;
const MAX_URL = 4096;
const MAX_TITLE = 1000;
const MAX_TEXT = 2_000_000;
const MAX_TOKENS = 200_000;
/** Far above any article; a bound so that a forged count cannot reach the reader as "1e+300 words". */
const MAX_WORDS = 10_000_000;

export { PackError };

export interface PackItem {
  record: ArticleRecord;
  text?: string;
}

/** One article as a pack holds it (a plain object, ready for JSON). */
function packArticle({ record: r, text }: PackItem): unknown {
  return {
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
  };
}

export function encodePack(items: Iterable<PackItem>, params: SignatureParams = DEFAULT_PARAMS, corrections?: readonly Correction[]): string {
  const articles: unknown[] = [];
  for (const item of items) articles.push(packArticle(item));
  const extra = corrections?.length ? { corrections } : {};
  return JSON.stringify({
    format: PACK_FORMAT,
    version: PACK_VERSION,
    params,
    createdAt: new Date().toISOString(),
    count: articles.length,
    ...extra,
    articles,
  });
}

/**
 * A pack written piece by piece, for indexes too large for one string: `head`, then each
 * article's JSON (encodeArticle) separated by commas, then `tail` give exactly what encodePack
 * gives for the same articles.
 */
export function packFrame(
  count: number,
  params: SignatureParams = DEFAULT_PARAMS,
  createdAt = new Date(),
  corrections?: readonly Correction[],
): { head: string; tail: string } {
  const extra = corrections?.length ? { corrections } : {};
  const head = JSON.stringify({ format: PACK_FORMAT, version: PACK_VERSION, params, createdAt: createdAt.toISOString(), count, ...extra });
  return { head: `${head.slice(0, -1)},"articles":[`, tail: ']}' };
}

export function encodeArticle(item: PackItem): string {
  return JSON.stringify(packArticle(item));
}

const { str, time, credits: parseCredits } = fieldChecks((m) => new PackError(m));

function url(o: Record<string, unknown>, k: string, where: string, required: boolean): string | undefined {
  const v = str(o, k, where, MAX_URL, required);
  if (v === undefined || v === '') return v;
  if (!/^(https?|file):\/\//i.test(v)) throw new PackError(`${where}: ${k} must be an http(s) or file URL, not ${shown(v)}`);
  return v;
}

/** A parameter of the wrong type is named as such, rather than compared ("256 vs 256" for "256"). */
function paramType(o: Record<string, unknown>, k: string, type: 'number' | 'string', where: string): void {
  const v = own(o, k);
  if (v === undefined) throw new PackError(`${where}.${k} is missing`);
  if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) throw new PackError(`${where}.${k} must be a ${type}, not ${shown(v)}`);
}

function parseParams(v: unknown): SignatureParams {
  if (!isRecord(v)) throw new PackError('params: missing or not an object');
  paramType(v, 'hash', 'string', 'params');
  for (const k of ['seed', 'numPerm', 'bands', 'rows', 'tokenizer']) paramType(v, k, 'number', 'params');
  const sh = own(v, 'shingle');
  if (!isRecord(sh)) throw new PackError('params.shingle: missing or not an object');
  paramType(sh, 'kind', 'string', 'params.shingle');
  paramType(sh, 'size', 'number', 'params.shingle');
  return {
    hash: own(v, 'hash') as SignatureParams['hash'],
    seed: own(v, 'seed') as number,
    numPerm: own(v, 'numPerm') as number,
    shingle: isRecord(sh) ? { kind: own(sh, 'kind') as 'content-word', size: own(sh, 'size') as number } : ({} as SignatureParams['shingle']),
    bands: own(v, 'bands') as number,
    rows: own(v, 'rows') as number,
    tokenizer: own(v, 'tokenizer') as number,
  };
}

function parseArticle(a: unknown, i: number, params: SignatureParams, pid: string): PackItem {
  const where = `article ${i + 1}`;
  if (!isRecord(a)) throw new PackError(`${where}: not an object`);
  const id = str(a, 'id', where, MAX_URL)!;
  if (!id.trim()) throw new PackError(`${where}: id is empty`);
  const signature = decodeU32(str(a, 'signature', where, params.numPerm * 8)!);
  if (!signature || signature.length !== params.numPerm) throw new PackError(`${where}: signature must be base64 of ${params.numPerm} 32-bit values`);
  const tokens = decodeU32(str(a, 'tokens', where, MAX_TOKENS * 6)!);
  if (!tokens) throw new PackError(`${where}: tokens must be base64 of 32-bit values`);
  if (tokens.length > MAX_TOKENS) throw new PackError(`${where}: tokens holds ${tokens.length} values, at most ${MAX_TOKENS} allowed`);
  const wordCount = own(a, 'wordCount');
  if (typeof wordCount !== 'number' || !Number.isInteger(wordCount) || wordCount < 0 || wordCount > MAX_WORDS)
    throw new PackError(`${where}: wordCount must be a whole number from 0 to ${MAX_WORDS} (got ${shown(wordCount)})`);
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

/** The NUL test of a file's opening: UTF-16 or binary read as UTF-8. */
export function refuseBinary(text: string): void {
  const nul = text.indexOf('\u0000');
  if (nul !== -1 && nul < 4096) {
    // UTF-16 read as UTF-8: every other character of the opening is NUL.
    const head = text.slice(nul, nul + 64);
    const utf16 = head.length >= 8 && [...head].every((c, i) => (i % 2 === 0) === (c === '\u0000'));
    throw new PackError(
      utf16
        ? `not a Firsthand pack: the file is UTF-16 text (NUL characters from offset ${nul}); packs are UTF-8 JSON, save it as UTF-8`
        : `not a Firsthand pack: the file is binary, not UTF-8 text (NUL characters from offset ${nul}); packs are UTF-8 JSON`,
    );
  }
}

/** Checks the pack's frame (everything but the articles); returns its "articles" value. */
export function checkFrame(doc: unknown, expected: SignatureParams): unknown {
  if (!isRecord(doc))
    throw new PackError(`not a Firsthand pack: the file holds ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : `a ${typeof doc}`}, not a pack object`);
  const format = own(doc, 'format');
  if (format !== PACK_FORMAT)
    throw new PackError(`not a Firsthand pack: "format" must be "${PACK_FORMAT}"${format === undefined ? ' and is missing' : `, not ${shown(format)}`}`);
  const version = own(doc, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new PackError(`pack "version" must be a whole number from 1${version === undefined ? ' and is missing' : `, not ${shown(version)}`}`);
  if (version > PACK_VERSION) throw new PackError(`pack version ${version} was made by a newer Firsthand; this one reads version ${PACK_VERSION}`);
  const params = parseParams(own(doc, 'params'));
  const diff = paramsDiff(expected, params);
  if (diff.length)
    throw new PackError(`the pack was made with other signature parameters (${diff.join('; ')}); its articles cannot be compared with this index`);
  const articles = own(doc, 'articles');
  if (!Array.isArray(articles)) throw new PackError('"articles" must be a list');
  return articles;
}

/** A count that disagrees with the list means the file was cut or edited by hand. */
export function checkCount(doc: Record<string, unknown>, n: number): void {
  const count = own(doc, 'count');
  if (count !== undefined && count !== n) throw new PackError(`"count" says ${shown(count)} articles but the pack holds ${n}; the file was cut or edited`);
}

/** Articles of a pack one at a time, refusing a second article with the same id. */
export class ArticleReader {
  private readonly pid: string;
  private readonly seen = new Map<string, number>();
  readonly items: PackItem[] = [];

  constructor(private readonly expected: SignatureParams) {
    this.pid = paramsId(expected);
  }

  add(a: unknown): void {
    const i = this.items.length;
    if (i >= MAX_PACK_ARTICLES)
      throw new PackError(`the pack holds more than ${MAX_PACK_ARTICLES} articles, at most ${MAX_PACK_ARTICLES} can be imported at once`);
    const item = parseArticle(a, i, this.expected, this.pid);
    const first = this.seen.get(item.record.id);
    if (first !== undefined) throw new PackError(`article ${i + 1}: duplicate id, the same as article ${first + 1}`);
    this.seen.set(item.record.id, i);
    this.items.push(item);
  }
}

/** A pack read and checked whole: its articles and, when it has that section, the reader's corrections. */
export interface ParsedPack {
  params: SignatureParams;
  items: PackItem[];
  corrections?: Correction[];
}

/** Reads a pack; throws PackError naming what is wrong and where. Nothing is returned unless all of it is valid. */
export function parsePack(text: string, expected: SignatureParams = DEFAULT_PARAMS): ParsedPack {
  if (typeof text !== 'string' || text.trim() === '') throw new PackError('the file is empty');
  // A byte-order mark is harmless: editors on Windows add one to UTF-8 files.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  refuseBinary(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const p = jsonProblem(text);
    const where = p ? `${p.problem}, at line ${p.line}, column ${p.column}` : (e as Error).message.slice(0, 120);
    throw new PackError(`not a Firsthand pack: the file is not valid JSON: ${where}`);
  }
  const articles = checkFrame(doc, expected) as unknown[];
  if (articles.length > MAX_PACK_ARTICLES)
    throw new PackError(`the pack holds ${articles.length} articles, at most ${MAX_PACK_ARTICLES} can be imported at once`);
  const reader = new ArticleReader(expected);
  for (const a of articles) reader.add(a);
  // Checked after the articles, whose own problems say more.
  checkCount(doc as Record<string, unknown>, articles.length);
  return withCorrections({ params: expected, items: reader.items }, doc as Record<string, unknown>);
}

/** The parsed pack with its corrections section, when the frame has one (checked: parseCorrections). */
export function withCorrections(pack: ParsedPack, doc: Record<string, unknown>): ParsedPack {
  const corrections = parseCorrections(doc);
  return corrections ? { ...pack, corrections } : pack;
}
