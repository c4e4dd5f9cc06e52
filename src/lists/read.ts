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

/** An async iterable as a stream whose cancel ends the iteration. */
function toStream(source: Source): ReadableStream<Uint8Array> {
  if (source instanceof ReadableStream) return source;
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** The raw bytes, counted, with the first bytes looked at: gzip is told by its magic number. */
async function openSource(source: Source, counted: { bytes: number }): Promise<{ stream: ReadableStream<Uint8Array>; gzip: boolean }> {
  const reader = toStream(source).getReader();
  const head: Uint8Array[] = [];
  let have = 0;
  while (have < 2) {
    const r = await reader.read();
    if (r.done) break;
    if (!(r.value instanceof Uint8Array)) throw new ListError('its bytes could not be read');
    head.push(r.value);
    have += r.value.length;
    counted.bytes += r.value.length;
  }
  const first = head.find((c) => c.length > 0);
  const second = first && first.length > 1 ? first[1] : head.filter((c) => c.length)[1]?.[0];
  const gzip = first?.[0] === 0x1f && second === 0x8b;
  const stream = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const next = head.shift();
      if (next) return controller.enqueue(next);
      const r = await reader.read();
      if (r.done) return controller.close();
      counted.bytes += r.value.length;
      controller.enqueue(r.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { stream, gzip };
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
      if (this.partBytes + end - start > this.bound())
        throw new ListError(`${this.what()} is longer than ${this.bound() / 1024} KB${this.tooBigHint()}`);
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

  private tooBigHint(): string {
    return this.header && this.line > this.header.count ? ' (a list far bigger than its header says, or a damaged file)' : '';
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
      if (!(isObject(doc) && Object.prototype.hasOwnProperty.call(doc, 'digest')))
        throw new ListError(`it holds more articles than the ${this.header.count} its header says (a list far bigger than its header says, or an edited file)`);
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
    if (this.line === 0 && text.trim() === '') throw new ListError('the file is empty');
    try {
      return JSON.parse(text);
    } catch {
      if (this.line === 0) throw new ListError(`it is not a Firsthand list: its first line is not a JSON header (it begins ${JSON.stringify(text.trim().slice(0, 24))})`);
      throw new ListError(`${this.what()} is not valid JSON`);
    }
  }

  /** The end of the bytes: a last line without its newline is read, then the trailer must have come. */
  finish(): { header: ListHeader; trailer: ReturnType<typeof checkTrailer>; digest: Uint8Array } {
    if (this.partBytes > 0 && !this.trailer) {
      const rest = this.takeLine();
      if (rest.some((b) => !isBlank(b))) {
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
  for (const p of parts) out.set(p, at), (at += p.length);
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
  const counted = { bytes: 0 };
  const lines = new ListLines(params, maxArticles);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    const { stream, gzip } = await openSource(source, counted);
    reader = (gzip ? stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : stream).getReader();
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        if (e instanceof ListError) throw e;
        throw new ListError(gzip ? 'its gzip compression is damaged or cut short (was the download interrupted?)' : `it could not be read (${String((e as Error)?.message ?? e).slice(0, 80)})`);
      }
      if (r.done) break;
      lines.feed(r.value);
      opts.onProgress?.({ articles: lines.articles, count: lines.count, bytes: counted.bytes });
    }
    reader = undefined;
  } catch (e) {
    // Stop reading: the rest of a hostile file is never fetched or inflated.
    reader?.cancel().catch(() => undefined);
    throw e;
  }
  const { header, trailer, digest } = lines.finish();
  const digestText = `sha256:${hex(digest)}`;
  if (trailer.digest !== digestText) throw new ListError('its digest does not match its content (the file was changed or damaged after it was made)');
  if (opts.pinnedKey !== undefined && trailer.publicKey === undefined)
    throw new ListError(`it is not signed, but when you subscribed it was signed with the key ${keyName(opts.pinnedKey)}; an unsigned update may not come from its publisher`);
  if (opts.pinnedKey !== undefined && trailer.publicKey !== opts.pinnedKey)
    throw new ListError(
      `it is signed with another key (${keyName(trailer.publicKey!)}) than the one it was signed with when you subscribed (${keyName(opts.pinnedKey)}); the publisher's key changed, or someone else made this file`,
    );
  if (trailer.publicKey !== undefined && !(await verifyDigest(digest, bytesOfBase64(trailer.signature!)!, bytesOfBase64(trailer.publicKey)!)))
    throw new ListError('its signature does not verify with its key (the file was changed after it was signed, or the signature is forged)');
  opts.onProgress?.({ articles: lines.articles, count: header.count, bytes: counted.bytes });
  return { header, items: lines.items, digest: digestText, ...(trailer.publicKey ? { publicKey: trailer.publicKey } : {}), bytes: counted.bytes };
}

/** A key as the reader is shown it: its first 12 base64 characters. */
export const keyName = (key: string): string => `${key.slice(0, 12)}…`;
