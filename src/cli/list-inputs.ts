// The articles `firsthand list build` reads: HTML and plain text files, and folders of them.
// The same contract as the input readers of src/cli/sources (readSources, SourceDoc), which read
// WARC, RSS/Atom and JSON Lines too; this minimal one is replaced by them once they land.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, readTextFile } from './io.ts';

export interface SourceDoc {
  url: string;
  title?: string;
  outlet?: string;
  published?: string;
  text?: string;
  html?: string;
  /** Where it was read from (a file, or a file and a record in it). */
  from: string;
}

export interface SourceProgress {
  files: number;
  docs: number;
  bytes: number;
  total?: number;
}

const ARTICLE_FILES = new Set(['.html', '.htm', '.xhtml', '.txt']);
/** Inputs the full readers of src/cli/sources read (WARC, feeds, JSON Lines). */
const NOT_YET = /\.(warc|warc\.gz|gz|jsonl|json|xml|rss|atom)$/i;

/** The article files under the inputs: files as given, folders walked in name order (hidden entries skipped). */
function articleFiles(inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (ARTICLE_FILES.has(extname(name).toLowerCase())) out.push(path);
    }
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new CliError('no such file or folder', input);
    }
    if (st.isDirectory()) walk(input);
    else if (NOT_YET.test(input))
      throw new CliError('this build reads HTML and text files and folders of them; WARC, RSS/Atom and JSON Lines are not read here', input);
    else out.push(input);
  }
  return out;
}

/** One SourceDoc per article file; HTML is told by its content (looksLikeHtml) by the caller. */
export async function* readSources(inputs: string[], opts: { onProgress?(p: SourceProgress): void } = {}): AsyncIterable<SourceDoc> {
  const files = articleFiles(inputs);
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const raw = readTextFile(file);
    bytes += statSync(file).size;
    const url = pathToFileURL(resolve(file)).href;
    yield /\.x?html?$/i.test(file) || raw.trimStart().startsWith('<') ? { url, html: raw, from: file } : { url, text: raw, from: file };
    opts.onProgress?.({ files: i + 1, docs: i + 1, bytes, total: files.length });
  }
}
