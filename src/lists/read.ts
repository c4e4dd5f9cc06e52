// Reading a list as a stream (docs/lists.md): gzip or not, every bound checked as the bytes
// arrive (the reading stops and the stream is cancelled at the first problem), every line
// checked, then the digest and the signature. Nothing is returned unless all of it is valid.
import { sha256 } from '@noble/hashes/sha2.js';
import type { PackItem } from '../index/pack.ts';
import { DEFAULT_PARAMS } from '../index/params.ts';
import type { SignatureParams } from '../index/types.ts';
import {
  bytesOfBase64,
  checkArticle,
  checkHeader,
  checkTrailer,
  hex,
  ListError,
  MAX_HEADER_BYTES,
  MAX_LINE_BYTES,
  MAX_LIST_ARTICLES,
  MAX_TRAILER_BYTES,
  type ListHeader,
} from './format.ts';
import { verifyDigest } from './keys.ts';

export interface ReadListOptions {
  /** The public key (base64 of its 32 raw bytes) pinned when the reader subscribed: the list must be signed with it. */
  pinnedKey?: string;
  /** The most articles the caller accepts (at most MAX_LIST_ARTICLES). */
  maxArticles?: number;
  onProgress?(p: { articles: number; count: number; bytes: number }): void;
  params?: SignatureParams;
}

export interface ListContent {
  header: ListHeader;
  /** Listed records: the sketch set, no signature, tokens or text; `lists` unset. */
  items: PackItem[];
  /** "sha256:<hex>" of every byte before the trailer. */
  digest: string;
  /** Base64 of the raw Ed25519 public key the list is signed with; absent when unsigned. */
  publicKey?: string;
  /** Bytes read from the source (compressed when the file is). */
  bytes: number;
}

type Source = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NEWLINE = 0x0a;

/** Compressed bytes are handed to the inflater in pieces of at most this many bytes: deflate
 * inflates at most about 1,032 times, so one piece never becomes more than about 17 MB. */
const INFLATE_PIECE = 16 * 1024;

/** The source's bytes, counted as they are taken; the source is cancelled when the reading stops. */
async function* counted(source: Source, count: { bytes: number }): AsyncGenerator<Uint8Array> {
  if (source instanceof ReadableStream) {
    const reader = source.getReader();
    let done = false;
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) return void (done = true);
        if (!(r.value instanceof Uint8Array)) throw new ListError('its bytes could not be read');
        count.bytes += r.value.length;
        yield r.value;
      }
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
    }
  }
  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array)) throw new ListError('its bytes could not be read');
    count.bytes += chunk.length;
    yield chunk;
  }
}

const IDLE = Symbol('idle');
/** A macrotask (a message to itself: timers are throttled to 4 ms in browsers): what the inflater
 * had to give for the last piece has been given by then. */
function tick(): Promise<typeof IDLE> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(() => resolve(IDLE), 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve(IDLE);
    };
    port2.postMessage(null);
  });
}

/**
 * Inflates gzip with DecompressionStream, one small piece at a time, reading out what each piece
 * gives before the next goes in. (Piped, the stream takes in the whole input at once and inflates
 * it into memory: a compression bomb would be inflated whole before the first line is checked.)
 */
async function* inflate(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const ds = new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  let ended = false;
  const next = (): Promise<ReadableStreamReadResult<Uint8Array>> => (pending ??= reader.read());
  try {
    for await (const chunk of chunks)
      for (let i = 0; i < chunk.length; i += INFLATE_PIECE) {
        const written = writer.write(chunk.subarray(i, i + INFLATE_PIECE));
        const settled = written.then(tick, tick);
        for (;;) {
          const r = await Promise.race([next(), settled]);
          if (r === IDLE) break;
          pending = undefined;
          if (r.done) return void (ended = true);
          yield r.value;
        }
      }
    writer.close().catch(() => undefined);
    for (;;) {
      const r = await next();
      pending = undefined;
      if (r.done) return void (ended = true);
      yield r.value;
    }
  } finally {
    if (!ended) {
      pending?.catch(() => undefined);
      await reader.cancel().catch(() => undefined);
      await writer.abort().catch(() => undefined);
    }
  }
}

/** Whether the bytes begin with gzip's magic number; the bytes looked at are given back. */
async function sniff(chunks: AsyncGenerator<Uint8Array>): Promise<{ gzip: boolean; bytes: AsyncGenerator<Uint8Array> }> {
  const head: Uint8Array[] = [];
  let have = 0;
  while (have < 2) {
    const r = await chunks.next();
    if (r.done) break;
    head.push(r.value);
    have += r.value.length;
  }
  const all = head.length === 1 ? head[0] : concat(head);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (all.length) yield all;
    yield* chunks;
  }
  return { gzip: all[0] === 0x1f && all[1] === 0x8b, bytes: replay() };
}

/** The line machine: header, `count` articles, trailer; the digest over every byte before the trailer. */
class ListLines {
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private line = 0;
  private header?: ListHeader;
  private trailer?: ReturnType<typeof checkTrailer>;
  private readonly hash = sha256.create();
  private readonly seen = new Map<string, number>();
  readonly items: PackItem[] = [];
  total = 0;
  private digestBytes?: Uint8Array;

  constructor(
    private readonly params: SignatureParams,
    private readonly maxArticles: number,
  ) {}

  /** The most bytes the current line may have, without its newline. */
  private bound(): number {
    if (this.line === 0) return MAX_HEADER_BYTES;
    return this.header && this.line <= this.header.count ? MAX_LINE_BYTES : MAX_TRAILER_BYTES;
  }

  private what(): string {
    if (this.line === 0) return 'its header line';
    return this.header && this.line <= this.header.count ? `article line ${this.line}` : 'its trailer line';
  }

  feed(chunk: Uint8Array): void {
    this.total += chunk.length;
    let start = 0;
    while (start < chunk.length) {
      if (this.trailer) {
        // Only blank space may follow the trailer.
        for (let i = start; i < chunk.length; i++)
          if (!isBlank(chunk[i])) throw new ListError('there is more after its trailer line (the file was joined to another or edited)');
        return;
      }
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      if (this.partBytes + end - start > this.bound()) {
        if (this.header && this.line > this.header.count) throw this.moreThanCount();
        throw new ListError(`${this.what()} is longer than ${this.bound() / 1024} KB`);
      }
      if (nl === -1) {
        this.parts.push(chunk.subarray(start));
        this.partBytes += chunk.length - start;
        return;
      }
      this.parts.push(chunk.subarray(start, nl + 1));
      this.endLine();
      start = nl + 1;
    }
  }

  private moreThanCount(): ListError {
    return new ListError(`it holds more articles than the ${this.header!.count} its header says (a list far bigger than its header says, or an edited file)`);
  }

  private takeLine(): Uint8Array {
    const bytes = this.parts.length === 1 ? this.parts[0] : concat(this.parts);
    this.parts = [];
    this.partBytes = 0;
    return bytes;
  }

  private endLine(): void {
    const bytes = this.takeLine();
    const isTrailer = this.header !== undefined && this.line === this.header.count + 1;
    if (!isTrailer) this.hash.update(bytes);
    const doc = this.parse(bytes);
    if (this.line === 0) {
      this.header = checkHeader(doc, this.params, this.maxArticles);
    } else if (this.header && this.line <= this.header.count) {
      if (isObject(doc) && Object.prototype.hasOwnProperty.call(doc, 'digest') && !Object.prototype.hasOwnProperty.call(doc, 'id'))
        throw new ListError(`it ends after ${this.line - 1} articles but its header says ${this.header.count} (the file was cut or edited)`);
      const item = checkArticle(doc, this.line, this.header);
      const first = this.seen.get(item.record.id);
      if (first !== undefined) throw new ListError(`article ${this.line} has the same id as article ${first}`);
      this.seen.set(item.record.id, this.line);
      this.items.push(item);
    } else if (this.header) {
      if (!(isObject(doc) && Object.prototype.hasOwnProperty.call(doc, 'digest'))) throw this.moreThanCount();
      this.digestBytes = this.hash.digest();
      this.trailer = checkTrailer(doc);
    }
    this.line++;
  }

  private parse(bytes: Uint8Array): unknown {
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new ListError(`${this.what()} is not UTF-8 text${this.line === 0 ? ' (it is not a Firsthand list)' : ''}`);
    }
    if (this.line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.includes('\u0000'))
      throw new ListError(
        `${this.what()} holds NUL characters: ${this.line === 0 ? 'it is not a Firsthand list (binary, or UTF-16 text)' : 'the file is damaged'}`,
      );
    if (this.line === 0 && text.trim() === '') throw new ListError('the file is empty');
    try {
      return JSON.parse(text);
    } catch {
      if (this.line === 0)
        throw new ListError(`it is not a Firsthand list: its first line is not a JSON header (it begins ${JSON.stringify(text.trim().slice(0, 24))})`);
      throw new ListError(`${this.what()} is not valid JSON`);
    }
  }

  /** The end of the bytes: a last line without its newline is read, then the trailer must have come. */
  finish(): { header: ListHeader; trailer: ReturnType<typeof checkTrailer>; digest: Uint8Array } {
    if (this.partBytes > 0 && !this.trailer) {
      const rest = this.takeLine();
      if (rest.some((b) => !isBlank(b)) && this.complete(rest)) {
        this.parts = [rest];
        this.partBytes = rest.length;
        this.endLine();
      }
    }
    if (!this.header) throw new ListError('the file is empty');
    if (!this.trailer || !this.digestBytes) {
      const n = Math.min(this.line - 1, this.header.count);
      throw new ListError(
        n < this.header.count
          ? `it ends after ${n} of the ${this.header.count} articles its header says, without its trailer (was the download cut short?)`
          : 'it ends without its trailer line (was the download cut short?)',
      );
    }
    return { header: this.header, trailer: this.trailer, digest: this.digestBytes };
  }

  /** Whether a last line without its newline is whole JSON (else the file was cut inside it). */
  private complete(bytes: Uint8Array): boolean {
    try {
      JSON.parse(utf8.decode(bytes));
      return true;
    } catch {
      return false;
    }
  }

  get articles(): number {
    return this.items.length;
  }

  get count(): number {
    return this.header?.count ?? 0;
  }
}

const isBlank = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Reads a list; throws ListError ("This list cannot be used: ...") at the first problem, having
 * stopped reading and cancelled the source. Nothing is returned unless all of it is valid: every
 * line, the digest, and the signature (with `pinnedKey`, it must be that key's).
 */
export async function readList(source: Source, opts: ReadListOptions = {}): Promise<ListContent> {
  const params = opts.params ?? DEFAULT_PARAMS;
  const maxArticles = Math.min(opts.maxArticles ?? MAX_LIST_ARTICLES, MAX_LIST_ARTICLES);
  const count = { bytes: 0 };
  const lines = new ListLines(params, maxArticles);
  const raw = counted(source, count);
  let decoded: AsyncGenerator<Uint8Array> | undefined;
  try {
    const sniffed = await sniff(raw);
    const gzip = sniffed.gzip;
    decoded = gzip ? inflate(sniffed.bytes) : sniffed.bytes;
    for (;;) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await decoded.next();
      } catch (e) {
        if (e instanceof ListError) throw e;
        throw new ListError(
          gzip
            ? 'its gzip compression is damaged or cut short (was the download interrupted?)'
            : `it could not be read (${String((e as Error)?.message ?? e).slice(0, 80)})`,
        );
      }
      if (r.done) break;
      lines.feed(r.value);
      opts.onProgress?.({ articles: lines.articles, count: lines.count, bytes: count.bytes });
    }
  } catch (e) {
    // Stop reading: the rest of a hostile file is never fetched or inflated.
    await decoded?.return(undefined).catch(() => undefined);
    await raw.return(undefined).catch(() => undefined);
    throw e;
  }
  const { header, trailer, digest } = lines.finish();
  const digestText = `sha256:${hex(digest)}`;
  if (trailer.digest !== digestText) throw new ListError('its digest does not match its content (the file was changed or damaged after it was made)');
  if (opts.pinnedKey !== undefined && trailer.publicKey === undefined)
    throw new ListError(
      `it is not signed, but when you subscribed it was signed with the key ${keyName(opts.pinnedKey)}; an unsigned update may not come from its publisher`,
    );
  if (opts.pinnedKey !== undefined && trailer.publicKey !== opts.pinnedKey)
    throw new ListError(
      `it is signed with another key (${keyName(trailer.publicKey!)}) than the one it was signed with when you subscribed (${keyName(opts.pinnedKey)}); the publisher's key changed, or someone else made this file`,
    );
  if (trailer.publicKey !== undefined && !(await verifyDigest(digest, bytesOfBase64(trailer.signature!)!, bytesOfBase64(trailer.publicKey)!)))
    throw new ListError('its signature does not verify with its key (the file was changed after it was signed, or the signature is forged)');
  opts.onProgress?.({ articles: lines.articles, count: header.count, bytes: count.bytes });
  return { header, items: lines.items, digest: digestText, ...(trailer.publicKey ? { publicKey: trailer.publicKey } : {}), bytes: count.bytes };
}

/** A key as the reader is shown it: its first 12 base64 characters. */
export const keyName = (key: string): string => `${key.slice(0, 12)}…`;
