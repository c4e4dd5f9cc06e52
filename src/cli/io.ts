// File input and output for the CLI, with one-line errors instead of stack traces.
import { isUtf8 } from 'node:buffer';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** An error the user caused (bad file, bad option): printed as one line, never with a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly exitCode = 1,
  ) {
    super(message);
  }

  /** `firsthand: <file>[:<line>]: <problem>` */
  format(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `firsthand: ${where}${this.message}`;
  }
}

/** Wrong usage (unknown option, missing argument): exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, undefined, undefined, 2);
}

/** Reads a UTF-8 text file; refuses directories, binary data, invalid UTF-8 and empty text. */
export function readTextFile(file: string): string {
  const bytes = readBytes(file);
  if (isUtf16(bytes)) throw new CliError('UTF-16 text, expected UTF-8 (save the file as UTF-8)', file);
  if (bytes.includes(0)) throw new CliError('binary file (contains NUL bytes), expected UTF-8 text', file);
  // Validated, then decoded without checks: the text a strict TextDecoder gives, in far less time
  // on a pack of many megabytes. Like the decoder, a leading byte-order mark is dropped (and one more after it).
  if (!isUtf8(bytes)) throw new CliError('not valid UTF-8 text', file);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw new CliError('empty file', file);
  return text;
}

/** A byte-order mark of UTF-16, or ASCII text with every other byte NUL (UTF-16 without a mark). */
function isUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length, 64) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) evenNul++;
    if (bytes[i + 1] === 0 && bytes[i] !== 0) oddNul++;
  }
  return evenNul === n / 2 || oddNul === n / 2;
}

/** Like readTextFile, but undefined when the file does not exist. */
export function readTextFileIfExists(file: string): string | undefined {
  try {
    statSync(file);
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    // Any other failure (no permission, a loop of links) is reported by readTextFile below.
  }
  return readTextFile(file);
}

function readBytes(file: string): Buffer {
  try {
    if (statSync(file).isDirectory()) throw new CliError('is a directory, expected a file', file);
    return readFileSync(file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(describeFsError(e), file);
  }
}

export function fileMtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    // No time to give (the caller falls back to now); reading the file reports why it is unreadable.
    return undefined;
  }
}

/** Writes through a temporary file in the same folder and a rename, so readers never see half a file. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // The temporary file was never created.
    }
    throw new CliError(`cannot write: ${describeFsError(e)}`, file);
  }
}

function errno(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function describeFsError(e: unknown): string {
  switch (errno(e)) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a parent of this path is not a directory';
    case 'ENOSPC':
      return 'no space left on device';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
