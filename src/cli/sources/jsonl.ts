// JSON Lines: one article per line, {"url","title","outlet","published","text" or "html"}.
// Blank lines are passed by. A line that is not such an object refuses the whole file (the
// message names the line): a list built from half a file would look complete and not be.
// A line over the size limit is skipped with a warning.
import { byteLines, fileChunks } from './bytes.ts';
import { httpUrl, mb } from './html.ts';
import { MAX_DOC_BYTES, SourceError, type ReadContext, type SourceDoc } from './types.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const FIELDS = ['url', 'title', 'outlet', 'published', 'text', 'html'] as const;

export async function* readJsonLines(file: string, ctx: ReadContext): AsyncGenerator<SourceDoc> {
  for await (const { line, bytes, tooLong } of byteLines(fileChunks(file, ctx), MAX_DOC_BYTES)) {
    const from = `${file}:${line}`;
    if (tooLong !== undefined) {
      ctx.warn(from, `skipped: line of ${mb(tooLong)}, over the ${mb(MAX_DOC_BYTES)} limit`);
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new SourceError('not valid UTF-8 text', file, line);
    }
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) continue;
    yield parseLine(text, file, line, from);
  }
}

function parseLine(text: string, file: string, line: number, from: string): SourceDoc {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SourceError(`not valid JSON (${(e as Error).message})`, file, line);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SourceError(
      `expected a JSON object {"url", "title", "outlet", "published", "text" or "html"}, got ${Array.isArray(value) ? 'an array' : typeof value}`,
      file,
      line,
    );
  }
  const obj = value as Record<string, unknown>;
  for (const k of FIELDS) {
    if (obj[k] !== undefined && obj[k] !== null && typeof obj[k] !== 'string') throw new SourceError(`"${k}" must be a string`, file, line);
  }
  const str = (k: (typeof FIELDS)[number]) => (typeof obj[k] === 'string' && obj[k].trim() ? obj[k] : undefined);
  const rawUrl = str('url');
  if (!rawUrl) throw new SourceError('missing "url"', file, line);
  const url = httpUrl(rawUrl.trim());
  if (!url) throw new SourceError(`"url" ${JSON.stringify(rawUrl.slice(0, 200))} is not an absolute http(s) URL`, file, line);
  const doc: SourceDoc = { url, from };
  const body = str('html') ?? str('text');
  if (!body) throw new SourceError('needs "text" or "html" (the article itself)', file, line);
  if (str('html')) doc.html = str('html');
  else doc.text = str('text');
  const title = str('title');
  if (title) doc.title = title.replace(/\s+/g, ' ').trim();
  const outlet = str('outlet');
  if (outlet) doc.outlet = outlet.replace(/\s+/g, ' ').trim();
  const published = str('published');
  if (published) {
    const t = Date.parse(published.trim());
    if (!Number.isFinite(t))
      throw new SourceError(`"published" ${JSON.stringify(published.slice(0, 100))} is not a date (use ISO 8601, e.g. 2024-05-01T10:00:00Z)`, file, line);
    doc.published = new Date(t).toISOString();
  }
  return doc;
}
