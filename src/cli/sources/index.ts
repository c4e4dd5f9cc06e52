// The inputs of `firsthand list build`: HTML pages, WARC crawls, RSS/Atom feeds and JSON Lines,
// as files or folders, read as one stream of documents.
//
// Refused (a SourceError naming the file, and the line or record): an input that does not exist
// or cannot be read; a file named on the command line whose kind cannot be told; a .warc/.warc.gz
// that is not a WARC, a truncated or corrupt one; malformed XML in a feed; a JSON line that is
// not an article object. Documents already yielded when a file turns out bad were read from its
// good part: the caller must write nothing until the stream ends without error.
//
// Skipped with a warning (onWarning, counted in progress.skipped): a page, record, item or line
// over 5 MB; a WARC page with an unusable target URI or an undecodable Content-Encoding; a feed
// item without a link or a body; an empty HTML file.
//
// Passed by silently: hidden files and folders (named .*) inside folders, files of other kinds
// inside folders (images, stylesheets, sitemaps), WARC records that are not HTML pages fetched
// with status 200 (requests, redirects, images, revisits, metadata), blank JSON lines.
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { readFeed } from './feed.ts';
import { readHtmlFile } from './html.ts';
import { readJsonLines } from './jsonl.ts';
import { readWarc } from './warc.ts';
import { checkAborted, SourceError, type ReadContext, type ReadSourcesOptions, type SourceDoc, type SourceProgress } from './types.ts';

export { MAX_DOC_BYTES, SourceError } from './types.ts';
export type { ReadSourcesOptions, SourceDoc, SourceProgress, SourceWarning } from './types.ts';

export type SourceKind = 'html' | 'warc' | 'warc.gz' | 'feed' | 'jsonl';

export interface Planned {
  file: string;
  kind: SourceKind;
  size: number;
}

/** Every document of every input, in order (folders sorted by name, recursively). */
export async function* readSources(inputs: string[], opts: ReadSourcesOptions = {}): AsyncGenerator<SourceDoc> {
  const { signal } = opts;
  const plan = await planSources(inputs, signal);
  const progress: SourceProgress = { files: 0, docs: 0, bytes: 0, totalBytes: plan.reduce((n, p) => n + p.size, 0), skipped: 0 };
  const report = () => opts.onProgress?.({ ...progress });
  const ctx: ReadContext = {
    signal,
    addBytes(n) {
      progress.bytes += n;
      report();
    },
    warn(from, message) {
      progress.skipped++;
      if (opts.onWarning) opts.onWarning({ from, message });
      else process.stderr.write(`firsthand: warning: ${from}: ${message}\n`);
    },
  };
  for (const { file, kind } of plan) {
    checkAborted(signal);
    progress.files++;
    report();
    for await (const doc of readOne(file, kind, ctx)) {
      checkAborted(signal);
      progress.docs++;
      report();
      yield doc;
    }
  }
}

function readOne(file: string, kind: SourceKind, ctx: ReadContext): AsyncGenerator<SourceDoc> {
  switch (kind) {
    case 'html':
      return readHtmlFile(file, ctx);
    case 'warc':
      return readWarc(file, false, ctx);
    case 'warc.gz':
      return readWarc(file, true, ctx);
    case 'feed':
      return readFeed(file, ctx);
    case 'jsonl':
      return readJsonLines(file, ctx);
  }
}

/** The files to read, their kinds and sizes; refuses missing inputs and files of unknown kind named on the command line. */
export async function planSources(inputs: string[], signal?: AbortSignal): Promise<Planned[]> {
  if (inputs.length === 0) throw new SourceError('no inputs given (HTML files, WARC files, RSS/Atom feeds, JSON Lines, or folders of them)');
  const out: Planned[] = [];
  const seen = new Set<string>();
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    checkAborted(signal);
    let info;
    let real;
    try {
      info = await stat(path);
      real = await realpath(path);
    } catch (e) {
      if (!explicit) return; // a dangling link inside a folder
      throw new SourceError(fsMessage(e), path);
    }
    if (seen.has(real)) return;
    seen.add(real);
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
      } catch (e) {
        throw new SourceError(fsMessage(e), path);
      }
      for (const name of names) await visit(join(path, name), false);
      return;
    }
    if (!info.isFile()) {
      if (explicit) throw new SourceError('not a regular file', path);
      return;
    }
    const kind = await kindOf(path, explicit);
    if (kind) out.push({ file: path, kind, size: info.size });
  };
  for (const input of inputs) await visit(input, true);
  if (out.length === 0) throw new SourceError('no HTML, WARC, RSS/Atom or JSON Lines files found', inputs.join(', '));
  return out;
}

function fsMessage(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return e instanceof Error ? e.message : String(e);
}

const EXPECTED = 'expected .html/.htm pages, .warc or .warc.gz crawls, .rss/.atom/.xml feeds, or .jsonl/.ndjson lines';

/**
 * The kind of a file, from its name and its first bytes. Undefined for a file of no known kind
 * inside a folder; a file named on the command line must be of a known kind.
 */
export async function kindOf(file: string, explicit: boolean): Promise<SourceKind | undefined> {
  const name = basename(file).toLowerCase();
  const ext = /\.(warc\.gz|[a-z0-9]+)$/.exec(name)?.[1] ?? '';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'rss' || ext === 'atom') return 'feed';
  const head = await firstBytes(file, 4096);
  if (ext === 'warc' || ext === 'warc.gz') {
    const kind = warcKind(head);
    if (kind) return kind;
    if (ext === 'warc.gz' && !isGzip(head)) throw new SourceError('not gzip data, expected a gzip-compressed WARC', file);
    throw new SourceError(`not a WARC file: it does not start with a WARC/1.0 or WARC/1.1 header${isGzip(head) ? ' once decompressed' : ''}`, file);
  }
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 2048)).replace(/^\uFEFF/, '');
  const root = rootElement(text);
  if (ext === 'xml') {
    if (root === 'rss' || root === 'RDF' || root === 'feed') return 'feed';
    if (!explicit) return undefined;
    throw new SourceError(root ? `root element <${root}>: not an RSS or Atom feed` : 'not an XML feed (no root element in its first bytes)', file);
  }
  if (!explicit) return undefined;
  const kind = warcKind(head);
  if (kind) return kind;
  if (root === 'rss' || root === 'RDF' || root === 'feed') return 'feed';
  if (/^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(text)) return 'html';
  if (/^\s*\{/.test(text)) return 'jsonl';
  throw new SourceError(`cannot tell what kind of input this is (${EXPECTED})`, file);
}

async function firstBytes(file: string, n: number): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const isGzip = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;
const startsWarc = (b: Uint8Array) => /^WARC\/1\.[01]\r?\n/.test(new TextDecoder('latin1').decode(b.subarray(0, 10)));

function warcKind(head: Uint8Array): SourceKind | undefined {
  if (startsWarc(head)) return 'warc';
  if (!isGzip(head)) return undefined;
  try {
    return startsWarc(gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH })) ? 'warc.gz' : undefined;
  } catch {
    return undefined;
  }
}

/** The name of the first element of an XML text, after its declaration, comments and DOCTYPE. */
function rootElement(text: string): string | undefined {
  const m = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w:.-]*)/i.exec(text);
  if (!m) return undefined;
  const name = m[1];
  return name.slice(name.indexOf(':') + 1);
}
