// The shapes every input reader shares: the document it yields, its errors and warnings.
import { CliError } from '../io.ts';

/** One article page or article record read from an input. */
export interface SourceDoc {
  /** Absolute URL: the page's canonical link, the WARC target, the feed item's link, the JSON line's url (or file:// for a page without one). */
  url: string;
  title?: string;
  outlet?: string;
  /** ISO 8601. Unset when the page itself states its date (the extractor reads it there). */
  published?: string;
  /** Plain text (JSON Lines "text", Atom content of type text). */
  text?: string;
  /** Markup: a whole page (HTML files, WARC records) or an article body (feeds, JSON Lines "html"). */
  html?: string;
  /** Where it came from, for messages: `file`, `file:LINE` (JSON Lines), `file record N (byte B)` (WARC), `file item N (line L)` (feeds). */
  from: string;
}

export interface SourceProgress {
  /** Input files started so far. */
  files: number;
  /** Documents yielded so far. */
  docs: number;
  /** Bytes read from disk so far (compressed bytes for .warc.gz). */
  bytes: number;
  /** Size on disk of all inputs. */
  totalBytes?: number;
  /** Records, items, lines or pages skipped with a warning so far. */
  skipped: number;
}

export interface SourceWarning {
  from: string;
  message: string;
}

export interface ReadSourcesOptions {
  onProgress?(p: SourceProgress): void;
  /** A record, item, line or page skipped (too big, undecodable body, no link). Without it, warnings go to stderr as `firsthand: warning: FROM: MESSAGE`. */
  onWarning?(w: SourceWarning): void;
  signal?: AbortSignal;
}

/** An input that cannot be read as a whole: named file, and line or record where it went wrong. */
export class SourceError extends CliError {
  constructor(
    message: string,
    file?: string,
    line?: number,
    /** For WARC files: the record number (1-based) and its byte offset in the (uncompressed) data. */
    readonly record?: { index: number; offset: number },
  ) {
    super(record ? `record ${record.index} (byte ${record.offset}): ${message}` : message, file, line);
    this.name = 'SourceError';
  }
}

/** Largest record, item, line or page read; bigger ones are skipped with a warning. */
export const MAX_DOC_BYTES = 5 * 1024 * 1024;

/** What a reader needs from readSources: counting, warnings, cancellation. */
export interface ReadContext {
  signal?: AbortSignal;
  /** Bytes read from disk. */
  addBytes(n: number): void;
  warn(from: string, message: string): void;
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
}
