// Reading input files in chunks, counting bytes for the progress bar, and decoding text.
import { createReadStream } from 'node:fs';
import { checkAborted, type ReadContext } from './types.ts';

const CHUNK = 256 * 1024;

/** The file's bytes in chunks of up to 256 KB, each counted with ctx.addBytes. */
export async function* fileChunks(file: string, ctx: ReadContext): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      checkAborted(ctx.signal);
      ctx.addBytes(chunk.length);
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    }
  } finally {
    stream.destroy();
  }
}

/**
 * The lines of a byte stream (split on LF, a CR before it dropped), each with its 1-based number.
 * A line longer than `max` bytes is not kept: it comes as `{ tooLong: true }` with its length.
 */
export async function* byteLines(chunks: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<{ line: number; bytes?: Uint8Array; tooLong?: number }> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let overflow = false;
  let line = 1;
  const finish = (): { line: number; bytes?: Uint8Array; tooLong?: number } => {
    const at = line++;
    if (overflow) {
      const out = { line: at, tooLong: size };
      parts = [];
      size = 0;
      overflow = false;
      return out;
    }
    const bytes = concat(parts, size);
    parts = [];
    size = 0;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    return { line: at, bytes: bytes.subarray(0, end) };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      size += end - start;
      if (!overflow && size > max) {
        overflow = true;
        parts = [];
      }
      if (!overflow && end > start) parts.push(chunk.subarray(start, end));
      if (nl < 0) break;
      yield finish();
      start = nl + 1;
    }
  }
  if (size > 0 || overflow) yield finish();
}

export function concat(parts: Uint8Array[], size = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const ascii = new TextDecoder('latin1');

/**
 * Decodes an HTML page: byte-order mark, then the charset the server sent, then a `<meta charset>`
 * in the first 1024 bytes, then UTF-8. Undecodable bytes become U+FFFD.
 */
export function decodeHtml(bytes: Uint8Array, httpCharset?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  }
  const head = ascii.decode(bytes.subarray(0, 1024));
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  for (const label of [httpCharset, meta]) {
    if (!label) continue;
    try {
      // A page that claims UTF-16 in ASCII-compatible bytes is lying (the HTML standard reads UTF-8).
      const decoder = new TextDecoder(/^utf-16/i.test(label) ? 'utf-8' : label);
      return decoder.decode(bytes);
    } catch {
      // Unknown label: try the next one.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** The charset parameter of a Content-Type header. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] : undefined;
}
