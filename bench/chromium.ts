// Targets 2, 5 and 6 in real headless Chromium: the extension's IndexedDB modules on a generated
// index, served as a plain loopback page (bundled here with esbuild, which vite brings along).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { summarize, type Summary } from './stats.ts';
import type { Vocabulary } from './vocabulary.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface IdbSize {
  articles: number;
  fillSeconds: number;
  check: Summary;
  candidates: Summary;
  /** Saving one read article (the worker's write per page), ms. */
  save: Summary;
  byKind: Record<string, Summary>;
}

export interface ChromiumResult {
  version: string;
  sizes: IdbSize[];
  storage: { articles: number; indexBytesPerArticle: number; textArticles: number; textBytesPerArticle: number; textEstimateBytesPerArticle: number };
  /** Articles written per second in batches of 500 (index only). */
  writeRate: number;
  bulk: {
    articles: number;
    exportMs: number;
    packMB: number;
    importMs: number;
    parseMs?: number;
    indexMs?: number;
    exportError?: string;
    importError?: string;
  }[];
}

async function serve(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const out = await build({
    entryPoints: [join(root, 'bench/browser/idb-page.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
  });
  const js = out.outputFiles[0].text;
  const html = '<!doctype html><meta charset="utf-8"><title>Firsthand bench</title><script type="module" src="/bench.js"></script>';
  const server = http.createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

type Bench = Record<string, (...args: never[]) => Promise<unknown>>;
const call = <R>(page: Page, name: string, ...args: unknown[]): Promise<R> =>
  page.evaluate(([n, a]) => ((globalThis as unknown as { bench: Bench }).bench[n as string] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])), [
    name,
    args,
  ] as const) as Promise<R>;

function checks(samples: { kind: string; ms: number; candidateMs: number }[], articles: number, fillSeconds: number, save: number[]): IdbSize {
  const kinds = [...new Set(samples.map((s) => s.kind))];
  return {
    articles,
    fillSeconds,
    check: summarize(samples.map((s) => s.ms)),
    candidates: summarize(samples.map((s) => s.candidateMs)),
    save: summarize(save),
    byKind: Object.fromEntries(kinds.map((k) => [k, summarize(samples.filter((s) => s.kind === k).map((s) => s.ms))])),
  };
}

export async function benchChromium(
  root: string,
  vocab: Vocabulary,
  opts: { sizes: number[]; bulkSizes: number[]; perKind: number; rounds: number; log: (s: string) => void },
): Promise<ChromiumResult> {
  const site = await serve(root);
  const profile = mkdtempSync(join(tmpdir(), 'firsthand-bench-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(0);
    await page.goto(site.url);
    await page.waitForFunction(() => 'bench' in globalThis);
    const version = ctx.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    const v = { words: vocab.words, cumulative: [...vocab.cumulative], stream: vocab.stream };
    const planted = await call<number>(page, 'setup', v, opts.perKind);

    // Storage: the index alone, then the texts alone, from the browser's own usage estimate.
    const storageN = Math.min(opts.sizes[opts.sizes.length - 1], 10_000);
    const u0 = await call<number>(page, 'usage');
    const fill0 = await call<number>(page, 'fill', storageN, false);
    const u1 = await call<number>(page, 'usage');
    const textN = 2000;
    const t0 = await call<number>(page, 'usage');
    const gzipBytes = await call<number>(page, 'addTexts', textN);
    const t1 = await call<number>(page, 'usage');
    // The estimate of a few MB of texts is at the mercy of LevelDB's compactions; the gzip bytes are exact.
    const storage = {
      articles: storageN - planted,
      indexBytesPerArticle: Math.round((u1 - u0) / (storageN - planted)),
      textArticles: textN,
      textBytesPerArticle: Math.round(gzipBytes / textN),
      textEstimateBytesPerArticle: Math.round((t1 - t0) / textN),
    };
    const writeRate = (storageN - planted) / fill0;
    opts.log(
      `  chromium: ${storage.indexBytesPerArticle} B/article index, ${storage.textBytesPerArticle} B/article text, ${Math.round(writeRate)} articles/s written`,
    );

    const sizes: IdbSize[] = [];
    const bulk: ChromiumResult['bulk'] = [];
    let count = await call<number>(page, 'reset');
    const all = [...new Set([...opts.sizes, ...opts.bulkSizes])].sort((a, b) => a - b);
    for (const size of all) {
      const fillSeconds = size > count ? await call<number>(page, 'fill', size, false) : 0;
      count = Math.max(count, size);
      if (opts.sizes.includes(size)) {
        opts.log(`  chromium: checking at ${size} articles...`);
        const samples = await call<{ kind: string; ms: number; candidateMs: number }[]>(page, 'check', opts.rounds);
        sizes.push(checks(samples, size, fillSeconds, await call<number[]>(page, 'saveOne', 30)));
      }
      if (opts.bulkSizes.includes(size)) {
        opts.log(`  chromium: export and import of ${size} articles...`);
        const e = await call<{ ms: number; chars: number; error?: string }>(page, 'exportPack');
        const i = e.error
          ? { ms: NaN, error: 'no pack to import' }
          : await call<{ ms: number; parseMs?: number; indexMs?: number; error?: string }>(page, 'importPack');
        bulk.push({
          articles: size,
          exportMs: e.ms,
          packMB: e.chars / 1e6,
          importMs: i.ms,
          ...('parseMs' in i && i.parseMs !== undefined ? { parseMs: i.parseMs } : {}),
          ...('indexMs' in i && i.indexMs !== undefined ? { indexMs: i.indexMs } : {}),
          ...(e.error ? { exportError: e.error } : {}),
          ...(i.error ? { importError: i.error } : {}),
        });
      }
    }
    return { version, sizes, storage, writeRate, bulk };
  } finally {
    await ctx.close();
    await site.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
