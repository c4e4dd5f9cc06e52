// WARC and WARC.gz crawls, read as a stream: each HTML page the crawler fetched with status 200
// becomes a document; everything else (requests, images, redirects, revisits, metadata) is passed by.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AsyncIterReader, LimitReader, WARCParser, type WARCRecord } from 'warcio';
import { charsetOf, concat, decodeHtml, fileChunks } from './bytes.ts';
import { httpUrl, mb, statesDate } from './html.ts';
import { checkAborted, MAX_DOC_BYTES, SourceError, type ReadContext, type SourceDoc } from './types.ts';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\b/i;
const DECODABLE = /^(|identity|gzip|x-gzip|deflate)$/i;

export async function* readWarc(file: string, gzipped: boolean, ctx: ReadContext): AsyncGenerator<SourceDoc> {
  // Errors of the file or of the gzip layer, kept so a failure deep inside warcio is reported as what it is.
  let streamError: unknown;
  const raw = fileChunks(file, ctx);
  let data: AsyncIterable<Uint8Array> = raw;
  let done: Promise<void> | undefined;
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  if (gzipped) {
    gunzip = createGunzip();
    done = pipeline(Readable.from(raw), gunzip).catch((e: unknown) => {
      streamError ??= e;
    });
    data = gunzip;
  }
  const watched = async function* (): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of data) yield chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
    } catch (e) {
      streamError ??= e;
      throw e;
    }
  };
  const parser = new WARCParser(new AsyncIterReader(watched(), null));
  let index = 0;
  let where = { index: 0, offset: 0 };
  const fail: (e: unknown) => never = (e) => {
    if (e instanceof SourceError || ctx.signal?.aborted) throw e;
    const cause = streamError ?? e;
    const code = (cause as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String(cause))) {
      throw new SourceError('the gzip data ends inside this record (the file is truncated)', file, undefined, where);
    }
    if (code?.startsWith('Z_')) throw new SourceError(`corrupt gzip data in this record: ${message(cause)}`, file, undefined, where);
    throw new SourceError(`cannot read this record: ${message(cause)}`, file, undefined, where);
  };
  try {
    for (;;) {
      checkAborted(ctx.signal);
      let record: WARCRecord | null;
      try {
        record = await parser.parse();
      } catch (e) {
        where = { index: index + 1, offset: parser.offset };
        fail(e);
      }
      if (!record) break;
      index++;
      where = { index, offset: parser.offset };
      if (streamError) fail(streamError);
      if (!/^WARC\/1\.[01]\s*$/.test(record.warcHeaders.statusline)) {
        throw new SourceError(
          index === 1
            ? 'not a WARC file (it does not start with a WARC/1.0 or WARC/1.1 header)'
            : "not a WARC record header (the file is corrupt or the previous record's Content-Length is wrong)",
          file,
          undefined,
          where,
        );
      }
      const from = `${file} record ${index} (byte ${where.offset})`;
      let doc: SourceDoc | undefined;
      try {
        doc = await pageOf(record, from, ctx);
      } catch (e) {
        fail(e);
      }
      await drain(record, file, where);
      if (doc) yield doc;
    }
    if (streamError) fail(streamError);
    await done;
    if (streamError) fail(streamError);
  } catch (e) {
    fail(e);
  } finally {
    // Stopped early (the caller broke off, or an error): close the file.
    if (gunzip) gunzip.destroy();
    else await raw.return(undefined);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reads what is left of the record's block; a block shorter than its Content-Length means the file was cut. */
async function drain(record: WARCRecord, file: string, where: { index: number; offset: number }): Promise<void> {
  const reader = record._reader;
  if (!(reader instanceof LimitReader)) return;
  // Whatever the decoding reader left (it stops early on a body over the limit) comes through the limit.
  for await (const _ of reader) {
    // discarded
  }
  if (reader.limit > 0) {
    throw new SourceError(
      `the record is cut short: ${reader.limit} of its ${record.warcContentLength} bytes are missing (the file is truncated)`,
      file,
      undefined,
      where,
    );
  }
  record.consumed = 'skipped';
}

async function pageOf(record: WARCRecord, from: string, ctx: ReadContext): Promise<SourceDoc | undefined> {
  const type = record.warcType;
  let contentType: string | null | undefined;
  if (type === 'response') {
    const info = record.getResponseInfo();
    if (!info || Number(info.status) !== 200) return undefined;
    contentType = info.headers.get('content-type');
  } else if (type === 'resource') {
    contentType = record.warcContentType;
  } else {
    return undefined;
  }
  if (!contentType || !HTML_TYPE.test(contentType)) return undefined;
  const url = httpUrl(record.warcTargetURI?.trim());
  if (!url) {
    ctx.warn(from, `skipped: WARC-Target-URI ${JSON.stringify(record.warcTargetURI ?? '')} is not an http(s) URL`);
    return undefined;
  }
  if (record.warcContentLength > MAX_DOC_BYTES) {
    ctx.warn(from, `skipped: record of ${mb(record.warcContentLength)}, over the ${mb(MAX_DOC_BYTES)} limit`);
    return undefined;
  }
  const encoding = record.httpHeaders?.headers.get('content-encoding')?.trim() ?? '';
  if (!DECODABLE.test(encoding)) {
    ctx.warn(from, `skipped: page body in Content-Encoding "${encoding}", which this reader does not decode`);
    return undefined;
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record.contentReader) {
    size += chunk.length;
    if (size > MAX_DOC_BYTES) {
      ctx.warn(from, `skipped: page body over ${mb(MAX_DOC_BYTES)} once decoded`);
      return undefined;
    }
    parts.push(chunk);
  }
  const html = decodeHtml(concat(parts, size), charsetOf(contentType));
  if (!html.trim()) return undefined;
  const doc: SourceDoc = { url, html, from };
  // The crawl date stands in for the publication date only when the page states none.
  const date = record.warcDate ? Date.parse(record.warcDate) : NaN;
  if (!statesDate(html) && Number.isFinite(date)) doc.published = new Date(date).toISOString();
  return doc;
}
