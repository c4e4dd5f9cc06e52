// Reading a pack from pieces of its text, for files too large to be one string. The checks are
// pack.ts's own (frame, articles, count), applied element by element as the pieces arrive.
import { jsonProblem } from './json-where.ts';
import { ArticleReader, checkCount, checkFrame, PackError, refuseBinary, withCorrections, type ParsedPack } from './pack.ts';
import { DEFAULT_PARAMS } from './params.ts';
import type { SignatureParams } from './types.ts';

const enum C {
  Quote = 0x22,
  Backslash = 0x5c,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  Comma = 0x2c,
  Colon = 0x3a,
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Reads a pack from pieces of its text, for files too large to be one string (V8 stops at 2^29
 * characters; a pack of 100k articles with their texts is about 850 MB). The top-level
 * "articles" list is cut into its elements as the pieces arrive, and each element is read with
 * JSON.parse and checked as parsePack checks it; everything else of the file is kept as a small
 * frame read at the end. The same checks as parsePack, in the same order: nothing is returned
 * unless all of it is valid, though a syntax error is located by article rather than by line.
 */
export async function parsePackChunks(chunks: AsyncIterable<string>, expected: SignatureParams = DEFAULT_PARAMS): Promise<ParsedPack> {
  const scanner = new PackScanner(expected);
  for await (const chunk of chunks) scanner.feed(chunk);
  return scanner.finish();
}

/**
 * The streaming scan of a pack's text: a JSON tokenizer just deep enough to find the top-level
 * "articles" list, cut it into elements (each handed to ArticleReader as it ends) and keep the
 * rest as the frame. Positions (`*Start`) are within the current piece; text that runs past the
 * end of a piece is carried in the `*Parts` lists.
 */
class PackScanner {
  private readonly reader: ArticleReader;
  /** The file without the articles' elements. */
  private readonly frame: string[] = [];
  /** Where the frame resumes in the current piece. */
  private frameStart = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** At depth 1: whether the next string is a key, the key last read, whether its value begins next. */
  private expectKey = false;
  private key = '';
  private keyStart = -1;
  private keyParts: string[] = [];
  private valueNext = false;
  /** Inside the top-level "articles" list, whose elements are at depth 2. */
  private inArticles = false;
  private articlesSeen = false;
  /** The element being read: its text so far; a number or literal ends at a delimiter. */
  private elementParts: string[] = [];
  private inElement = false;
  private inPrimitive = false;
  private elementStart = -1;
  private elements = 0;
  private needComma = false;
  /** The first problem met in the articles, thrown once the frame is known to be a pack's. */
  private deferred: unknown;
  private first = true;
  private seenAny = false;

  constructor(private readonly expected: SignatureParams) {
    this.reader = new ArticleReader(expected);
  }

  feed(piece: string): void {
    const chunk = this.first && piece.length ? this.opening(piece) : piece;
    if (!this.seenAny && chunk.trim() !== '') this.seenAny = true;
    this.frameStart = 0;
    this.elementStart = this.inElement ? 0 : -1;
    this.keyStart = this.inString && this.keyParts.length ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) this.step(chunk, i, chunk.charCodeAt(i));
    if (!this.inArticles) this.frame.push(chunk.slice(this.frameStart));
    if (this.inElement) this.elementParts.push(chunk.slice(this.elementStart));
    if (this.keyStart !== -1) this.keyParts.push(chunk.slice(this.keyStart));
  }

  /** The checks the whole file needs once read: complete, a pack's frame, then its articles and their count. */
  finish(): ParsedPack {
    if (this.inPrimitive) this.finishElement(this.elementParts.join(''));
    if (!this.seenAny) throw new PackError('the file is empty');
    if (this.inArticles || this.inString || this.depth !== 0)
      throw new PackError('not a Firsthand pack: the file is not valid JSON: it ends early (was it cut short?)');
    const doc = parseFrame(this.frame.join(''));
    checkFrame(doc, this.expected);
    if (this.deferred !== undefined) throw this.deferred;
    checkCount(doc as Record<string, unknown>, this.reader.items.length);
    return withCorrections({ params: this.expected, items: this.reader.items }, doc as Record<string, unknown>);
  }

  /** The first non-empty piece: without a byte-order mark, and refused when it is not text. */
  private opening(piece: string): string {
    const chunk = piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
    refuseBinary(chunk);
    this.first = false;
    return chunk;
  }

  private step(chunk: string, i: number, c: number): void {
    if (this.inString) return this.stringChar(chunk, i, c);
    if (this.inPrimitive) {
      if (!(c === C.Comma || c === C.CloseBracket || c === C.CloseBrace || isSpace(c))) return;
      this.endElement(chunk, i);
    }
    if (this.inArticles && this.depth === 2 && !this.inElement && this.betweenArticles(chunk, i, c)) return;
    if (c === C.Quote) return this.openString(i);
    if (c === C.OpenBrace || c === C.OpenBracket) return this.open(chunk, i, c);
    if (c === C.CloseBrace || c === C.CloseBracket) return this.close(chunk, i);
    if (this.depth === 1) this.framePunctuation(c);
  }

  private stringChar(chunk: string, i: number, c: number): void {
    if (this.escaped) this.escaped = false;
    else if (c === C.Backslash) this.escaped = true;
    else if (c === C.Quote) this.closeString(chunk, i);
  }

  private closeString(chunk: string, i: number): void {
    this.inString = false;
    if (this.keyStart !== -1) {
      this.keyParts.push(chunk.slice(this.keyStart, i));
      this.key = this.keyParts.join('');
      this.keyParts = [];
      this.keyStart = -1;
    }
    // An element that is a string (not an article: its check says so).
    if (this.inElement && this.depth === 2) this.endElement(chunk, i + 1);
  }

  /**
   * A character in the articles list where an element may begin: separators are consumed, an
   * element is started. True when the character is dealt with; false when it opens an element
   * (an object, list or string) that the tokenizer goes on to read.
   */
  private betweenArticles(chunk: string, i: number, c: number): boolean {
    if (isSpace(c)) return true;
    if (c === C.Comma && this.needComma) {
      this.needComma = false;
      return true;
    }
    if (c === C.CloseBracket) {
      this.endArticles(i);
      return true;
    }
    if (this.needComma || c === C.Comma) {
      this.deferred ??= new PackError(`not a Firsthand pack: the file is not valid JSON: unexpected "${chunk[i]}" after article ${this.elements}`);
      if (c === C.Comma) return true;
    }
    this.inElement = true;
    this.elementStart = i;
    this.elementParts = [];
    if (c !== C.OpenBrace && c !== C.OpenBracket && c !== C.Quote) {
      this.inPrimitive = true;
      return true;
    }
    return false;
  }

  /** The list ends (after an element, or empty); the frame keeps an empty list. */
  private endArticles(i: number): void {
    if (!this.needComma && this.elements > 0)
      this.deferred ??= new PackError(`not a Firsthand pack: the file is not valid JSON: a comma with no article after it, after article ${this.elements}`);
    this.inArticles = false;
    this.depth = 1;
    this.frameStart = i;
  }

  private openString(i: number): void {
    this.inString = true;
    if (this.depth === 1 && this.expectKey) {
      this.keyStart = i + 1;
      this.keyParts = [];
      this.expectKey = false;
    } else if (this.depth === 1) this.valueNext = false;
  }

  private open(chunk: string, i: number, c: number): void {
    if (this.depth === 1 && c === C.OpenBracket && this.valueNext && this.key === 'articles' && !this.articlesSeen) {
      this.articlesSeen = true;
      this.inArticles = true;
      this.frame.push(chunk.slice(this.frameStart, i + 1));
      this.depth = 2;
      this.valueNext = false;
      this.needComma = false;
      return;
    }
    this.depth++;
    if (this.depth === 1) this.expectKey = c === C.OpenBrace;
    this.valueNext = false;
  }

  private close(chunk: string, i: number): void {
    this.depth--;
    if (this.inElement && this.depth === 2) this.endElement(chunk, i + 1);
  }

  /** Between the top-level object's keys and values. */
  private framePunctuation(c: number): void {
    if (c === C.Comma) this.expectKey = true;
    else if (c === C.Colon) this.valueNext = true;
    else if (!isSpace(c)) this.valueNext = false;
  }

  /** The element ends before `end` in the current piece. */
  private endElement(chunk: string, end: number): void {
    this.elementParts.push(chunk.slice(this.elementStart, end));
    this.finishElement(this.elementParts.join(''));
  }

  private finishElement(text: string): void {
    this.inElement = false;
    this.inPrimitive = false;
    this.needComma = true;
    this.elements++;
    this.elementParts = [];
    this.elementStart = -1;
    if (this.deferred !== undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.deferred = new PackError(`not a Firsthand pack: the file is not valid JSON: article ${this.elements}: ${(e as Error).message.slice(0, 120)}`);
      return;
    }
    try {
      this.reader.add(value);
    } catch (e) {
      this.deferred = e;
    }
  }
}

/** The frame (the file without its articles' elements) as JSON; a syntax error located as parsePack locates it. */
function parseFrame(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const p = jsonProblem(text);
    const where = p ? p.problem : (e as Error).message.slice(0, 120);
    throw new PackError(`not a Firsthand pack: the file is not valid JSON: ${where}`);
  }
}
