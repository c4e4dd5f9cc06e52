// Reading a pack from pieces of its text, for files too large to be one string. The checks are
// pack.ts's own (frame, articles, count), applied element by element as the pieces arrive.
import { jsonProblem } from './json-where.ts';
import { ArticleReader, checkCount, checkFrame, PackError, refuseBinary, type PackItem } from './pack.ts';
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
export async function parsePackChunks(chunks: AsyncIterable<string>, expected: SignatureParams = DEFAULT_PARAMS): Promise<{ params: SignatureParams; items: PackItem[] }> {
  const reader = new ArticleReader(expected);
  /** The file without the articles' elements. */
  const frame: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** At depth 1: whether the next string is a key, the key last read, whether its value begins next. */
  let expectKey = false;
  let key = '';
  let keyStart = -1;
  let keyParts: string[] = [];
  let valueNext = false;
  /** Inside the top-level "articles" list, whose elements are at depth 2. */
  let inArticles = false;
  let articlesSeen = false;
  /** The element being read: its text so far; a number or literal ends at a delimiter. */
  let element: string[] = [];
  let inElement = false;
  let inPrimitive = false;
  let elementStart = -1;
  let elements = 0;
  let needComma = false;
  /** The first problem met in the articles, thrown once the frame is known to be a pack's. */
  let deferred: unknown;
  let first = true;
  let seenAny = false;

  const finishElement = (text: string) => {
    inElement = false;
    inPrimitive = false;
    needComma = true;
    elements++;
    element = [];
    elementStart = -1;
    if (deferred !== undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      deferred = new PackError(`not a Firsthand pack: the file is not valid JSON: article ${elements}: ${(e as Error).message.slice(0, 120)}`);
      return;
    }
    try {
      reader.add(value);
    } catch (e) {
      deferred = e;
    }
  };

  for await (let chunk of chunks) {
    if (first && chunk.length) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      refuseBinary(chunk);
      first = false;
    }
    if (!seenAny && chunk.trim() !== '') seenAny = true;
    let frameStart = 0;
    elementStart = inElement ? 0 : -1;
    keyStart = inString && keyParts.length ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === C.Backslash) escaped = true;
        else if (c === C.Quote) {
          inString = false;
          if (keyStart !== -1) {
            keyParts.push(chunk.slice(keyStart, i));
            key = keyParts.join('');
            keyParts = [];
            keyStart = -1;
          }
          // An element that is a string (not an article: its check says so).
          if (inElement && depth === 2) {
            element.push(chunk.slice(elementStart, i + 1));
            finishElement(element.join(''));
          }
        }
        continue;
      }
      if (inPrimitive) {
        if (!(c === C.Comma || c === C.CloseBracket || c === C.CloseBrace || isSpace(c))) continue;
        element.push(chunk.slice(elementStart, i));
        finishElement(element.join(''));
      }
      if (inArticles && depth === 2 && !inElement) {
        if (isSpace(c)) continue;
        if (c === C.Comma && needComma) {
          needComma = false;
          continue;
        }
        if (c === C.CloseBracket) {
          // The list ends (after an element, or empty); the frame keeps an empty list.
          if (!needComma && elements > 0) deferred ??= new PackError(`not a Firsthand pack: the file is not valid JSON: a comma with no article after it, after article ${elements}`);
          inArticles = false;
          depth = 1;
          frameStart = i;
          continue;
        }
        if (needComma || c === C.Comma) {
          deferred ??= new PackError(`not a Firsthand pack: the file is not valid JSON: unexpected "${chunk[i]}" after article ${elements}`);
          if (c === C.Comma) continue;
        }
        inElement = true;
        elementStart = i;
        element = [];
        if (c !== C.OpenBrace && c !== C.OpenBracket && c !== C.Quote) {
          inPrimitive = true;
          continue;
        }
      }
      if (c === C.Quote) {
        inString = true;
        if (depth === 1 && expectKey) {
          keyStart = i + 1;
          keyParts = [];
          expectKey = false;
        } else if (depth === 1) valueNext = false;
        continue;
      }
      if (c === C.OpenBrace || c === C.OpenBracket) {
        if (depth === 1 && c === C.OpenBracket && valueNext && key === 'articles' && !articlesSeen) {
          articlesSeen = true;
          inArticles = true;
          frame.push(chunk.slice(frameStart, i + 1));
          depth = 2;
          valueNext = false;
          needComma = false;
          continue;
        }
        depth++;
        if (depth === 1) expectKey = c === C.OpenBrace;
        valueNext = false;
        continue;
      }
      if (c === C.CloseBrace || c === C.CloseBracket) {
        depth--;
        if (inElement && depth === 2) {
          element.push(chunk.slice(elementStart, i + 1));
          finishElement(element.join(''));
        }
        continue;
      }
      if (depth === 1) {
        if (c === C.Comma) expectKey = true;
        else if (c === C.Colon) valueNext = true;
        else if (!isSpace(c)) valueNext = false;
      }
    }
    if (!inArticles) frame.push(chunk.slice(frameStart));
    if (inElement) element.push(chunk.slice(elementStart));
    if (keyStart !== -1) keyParts.push(chunk.slice(keyStart));
  }
  if (inPrimitive) finishElement(element.join(''));
  if (!seenAny) throw new PackError('the file is empty');
  if (inArticles || inString || depth !== 0) throw new PackError('not a Firsthand pack: the file is not valid JSON: it ends early (was it cut short?)');
  const text = frame.join('');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const p = jsonProblem(text);
    const where = p ? p.problem : (e as Error).message.slice(0, 120);
    throw new PackError(`not a Firsthand pack: the file is not valid JSON: ${where}`);
  }
  checkFrame(doc, expected);
  if (deferred !== undefined) throw deferred;
  checkCount(doc as Record<string, unknown>, reader.items.length);
  return { params: expected, items: reader.items };
}
