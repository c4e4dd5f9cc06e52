// Target 6 (CLI): `firsthand check FILE... --db PACK` over generated article pages saved as HTML
// (as a reader's browser saves them), against a pack of generated articles: files per second,
// timed around the whole command (process start and reading the pack included). A 10-file run in
// the same rounds tells the fixed cost (start-up, the pack) from the per-file rate.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePack } from '../src/index/pack.ts';
import type { Generator } from './corpus.ts';
import { ARTICLE_WORDS, KINDS } from './queries.ts';
import { now, summarize, type Summary } from './stats.ts';

export interface CheckFilesResult {
  files: number;
  packArticles: number;
  seconds: Summary;
  /** The same command on 10 of the files: start-up and reading the pack, mostly. */
  smallSeconds: Summary;
  filesPerSecond: number;
  /** Marginal rate between the 10-file and the full run: the fixed cost removed. */
  marginalFilesPerSecond: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A news page as a browser saves it: head metadata, navigation, the article, a footer. */
export function articlePage(n: number, title: string, paragraphs: string[]): string {
  const host = `www.page${n % 97}.example`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | Page ${n % 97}</title>
<link rel="canonical" href="https://${host}/news/${n}">
<meta property="og:site_name" content="Page ${n % 97}">
<meta property="article:published_time" content="2026-04-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${esc(title)}</h1><p class="byline">By Staff Writer</p>
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather warning issued</a></li></ul></aside></main>
<footer><p>© 2026 Page ${n % 97}. All rights reserved.</p></footer>
</body></html>
`;
}

export function benchCliCheck(root: string, gen: Generator, opts: { files: number; packArticles: number; runs: number }): CheckFilesResult {
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-check-'));
  try {
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    const originals: number[][] = [];
    const records = [];
    for (let i = 0; i < opts.packArticles; i++) {
      const words = gen.words(gen.length(ARTICLE_WORDS));
      if (i < opts.files) originals.push(words);
      records.push({ record: gen.record(words, t0 + i * 60_000) });
    }
    const pack = join(dir, 'pack.json');
    writeFileSync(pack, encodePack(records));
    const pages = join(dir, 'pages');
    mkdirSync(pages);
    const files: string[] = [];
    for (let i = 0; i < opts.files; i++) {
      const kind = KINDS[i % KINDS.length];
      const words = kind === 'unrelated' ? gen.words(gen.length(ARTICLE_WORDS)) : gen.plant(kind, originals[i]);
      const file = join(pages, `page-${String(i).padStart(4, '0')}.html`);
      const title = words
        .slice(0, 9)
        .map((w) => gen.vocab.words[w])
        .join(' ');
      writeFileSync(file, articlePage(i, title, gen.text(words).split('\n')));
      files.push(file);
    }
    const bin = join(root, 'bin/firsthand.js');
    const time = (list: string[]) => {
      const t = now();
      // Exit code 1 would mean a file could not be read: execFileSync throws, and the bench stops.
      execFileSync(process.execPath, [bin, 'check', ...list, '--db', pack], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
      return (now() - t) / 1000;
    };
    time(files.slice(0, 10));
    const bigS: number[] = [];
    const smallS: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      smallS.push(time(files.slice(0, 10)));
      bigS.push(time(files));
    }
    const b = summarize(bigS);
    const s = summarize(smallS);
    return {
      files: opts.files,
      packArticles: opts.packArticles,
      seconds: b,
      smallSeconds: s,
      filesPerSecond: opts.files / b.p50,
      marginalFilesPerSecond: (opts.files - 10) / (b.p50 - s.p50),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
