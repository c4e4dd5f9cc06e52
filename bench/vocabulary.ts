// Real words for generated articles: content words of the seed articles, the fixture pages and
// the English prose shipped with the installed packages (README files in node_modules), counted,
// so that generated texts draw words with natural (Zipfian) frequencies and share common phrases
// the way real news does. No random letters: shingle statistics follow real text. Only files that
// change with the lockfile or the test fixtures are read (not this repository's own docs), so an
// edit of the docs leaves the generated corpus, and what one run is compared with, as it was.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { contentWords } from '../src/index/tokenize.ts';

export interface Vocabulary {
  words: string[];
  /** Cumulative weights for sampling by frequency. */
  cumulative: Float64Array;
  /** Content-word runs of the source texts, to plant common phrases. */
  stream: number[];
}

function* markdownFiles(dir: string, depth = 0): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    if (name.toLowerCase().endsWith('.md')) yield p;
    else if (depth < 4 && !name.startsWith('.') && statSync(p).isDirectory()) yield* markdownFiles(p, depth + 1);
  }
}

/** Prose only: code blocks, inline code, links' targets and markup removed. */
function prose(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, '\n')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
}

export function loadVocabulary(root: string): Vocabulary {
  const texts: string[] = [];
  const seeds = join(root, 'tests/fixtures/seeds');
  for (const f of readdirSync(seeds).sort()) if (f.endsWith('.txt')) texts.push(readFileSync(join(seeds, f), 'utf8'));
  const html = join(root, 'tests/fixtures/html');
  for (const f of readdirSync(html).sort()) texts.push(prose(readFileSync(join(html, f), 'utf8')));
  for (const f of markdownFiles(join(root, 'node_modules'))) texts.push(prose(readFileSync(f, 'utf8')));

  const index = new Map<string, number>();
  const counts: number[] = [];
  const words: string[] = [];
  const stream: number[] = [];
  for (const text of texts) {
    for (const w of contentWords(text).words) {
      // Only words that tokenise back to themselves, so a generated text has exactly these tokens.
      if (!/^[\p{L}][\p{L}\p{N}]*$/u.test(w) || w.length > 20) continue;
      let i = index.get(w);
      if (i === undefined) {
        const again = contentWords(w).words;
        if (again.length !== 1 || again[0] !== w) continue;
        index.set(w, (i = words.length));
        words.push(w);
        counts.push(0);
      }
      counts[i]++;
      stream.push(i);
    }
  }
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) cumulative[i] = sum += counts[i];
  return { words, cumulative, stream };
}
