// Writing a list (docs/lists.md): header, one line per article, trailer with the digest and, when
// a key is given, the Ed25519 signature; gzip-compressed as it is produced.
import { sha256 } from '@noble/hashes/sha2.js';
import type { PackItem } from '../index/pack.ts';
import { DEFAULT_PARAMS } from '../index/params.ts';
import { listedRecord } from '../index/sketch.ts';
import type { ArticleRecord, SignatureParams } from '../index/types.ts';
import { base64OfBytes, encodeHeader, encodeListArticle, hex, MAX_LINE_BYTES, MAX_LIST_ARTICLES, type ListMeta } from './format.ts';
import { signDigest } from './keys.ts';

export interface WriteListOptions {
  /** Signs the list: the private key, and its raw 32-byte public key (both, or neither). */
  privateKey?: CryptoKey;
  publicKey?: Uint8Array;
  /** The number of items, when known: the items are then streamed, not held (a wrong count throws). */
  count?: number;
  /** gzip (the default) or plain JSON Lines. */
  gzip?: boolean;
  params?: SignatureParams;
  createdAt?: Date;
}

const utf8 = new TextEncoder();

/** The listed form of an item: a record with a sketch is kept, a full record is sketched. */
export function listedOf(r: ArticleRecord, params: SignatureParams = DEFAULT_PARAMS): ArticleRecord {
  return r.sketch ? r : listedRecord(r, params);
}

/** The list's lines, each with its newline, the trailer last. */
async function* listLines(items: Iterable<PackItem> | AsyncIterable<PackItem>, meta: ListMeta, opts: WriteListOptions): AsyncGenerator<Uint8Array> {
  if ((opts.privateKey === undefined) !== (opts.publicKey === undefined)) throw new Error('writeList: give both privateKey and publicKey to sign, or neither');
  const params = opts.params ?? DEFAULT_PARAMS;
  const hash = sha256.create();
  const seen = new Set<string>();
  const line = (r: ArticleRecord): Uint8Array => {
    if (seen.has(r.id)) throw new Error(`writeList: two articles with the id ${r.id}`);
    seen.add(r.id);
    const bytes = utf8.encode(`${encodeListArticle(listedOf(r, params))}\n`);
    if (bytes.length > MAX_LINE_BYTES) throw new Error(`writeList: the line of ${r.id} is ${bytes.length} bytes, at most ${MAX_LINE_BYTES} allowed`);
    return bytes;
  };
  const emit = (bytes: Uint8Array): Uint8Array => (hash.update(bytes), bytes);
  const header = (count: number): Uint8Array => {
    if (count > MAX_LIST_ARTICLES) throw new Error(`writeList: ${count} articles, at most ${MAX_LIST_ARTICLES} in a list`);
    return utf8.encode(`${encodeHeader(count, meta, params, opts.createdAt)}\n`);
  };
  if (opts.count !== undefined) {
    yield emit(header(opts.count));
    let n = 0;
    for await (const it of items) {
      if (++n > opts.count) throw new Error(`writeList: more items than the count given (${opts.count})`);
      yield emit(line(it.record));
    }
    if (n !== opts.count) throw new Error(`writeList: ${n} items, but the count given was ${opts.count}`);
  } else {
    const lines: Uint8Array[] = [];
    for await (const it of items) lines.push(line(it.record));
    yield emit(header(lines.length));
    for (const l of lines) yield emit(l);
  }
  const digest = hash.digest();
  const trailer: Record<string, string> = { digest: `sha256:${hex(digest)}` };
  if (opts.privateKey && opts.publicKey) {
    trailer.signature = base64OfBytes(await signDigest(digest, opts.privateKey));
    trailer.publicKey = base64OfBytes(opts.publicKey);
  }
  yield utf8.encode(`${JSON.stringify(trailer)}\n`);
}

/** The list file's bytes, gzip-compressed unless `gzip: false`. Items may be full records or listed ones. */
export async function* writeList(items: Iterable<PackItem> | AsyncIterable<PackItem>, meta: ListMeta, opts: WriteListOptions = {}): AsyncGenerator<Uint8Array> {
  const lines = listLines(items, meta, opts);
  if (opts.gzip === false) {
    yield* lines;
    return;
  }
  const cs = new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;
  const writer = cs.writable.getWriter();
  // The producer writes while this generator reads: with backpressure, one waits for the other.
  const produced = (async () => {
    try {
      for await (const bytes of lines) await writer.write(bytes);
      await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => undefined);
      throw e;
    }
  })();
  const reader = cs.readable.getReader();
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        // The producer's own error says more than the aborted stream's.
        await produced;
        throw e;
      }
      if (r.done) break;
      yield r.value;
    }
    await produced;
  } finally {
    reader.releaseLock();
    produced.catch(() => undefined);
  }
}
