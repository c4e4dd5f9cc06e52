// Targets 1, 2 and 3 in real headless browsers (Chromium and Firefox ESR): the extension's
// IndexedDB modules on a generated index, served as a plain loopback page (bundled here with
// esbuild, which vite brings along) and driven through bench/browsers.ts.
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openBench, type BrowserName } from './browsers.ts';
import { serveBenchPage } from './serve-page.ts';
import { summarize, type Summary } from './stats.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface IdbSize {
  articles: number;
  fillSeconds: number;
  check: Summary;
  candidates: Summary;
  /** Saving one read article (the worker's write per page), ms. */
  save: Summary;
  byKind: Record<string, Summary>;
}

export interface IdbResult {
  browser: BrowserName;
  version: string;
  sizes: IdbSize[];
  storage: {
    articles: number;
    /** Per article, from the figure named by `source`. */
    indexBytesPerArticle: number;
    /** Where the index figure comes from: the browser's estimate, or the profile's folder for the origin. */
    source: 'estimate' | 'disk';
    estimateIndexBytesPerArticle: number;
    diskIndexBytesPerArticle: number;
    textArticles: number;
    textBytesPerArticle: number;
    textEstimateBytesPerArticle: number;
  };
  /** Articles written per second in batches of 5,000 (index only). */
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
  /** A size asked for (1M, Chromium with --full) and not run, with the reason. */
  notRun?: { articles: number; reason: string }[];
}

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

/** Projected seconds to grow the index from `from` to `to` articles at the rate of the last fill. */
const projected = (z: IdbSize, prev: number, from: number, to: number): number => (z.fillSeconds / Math.max(1, z.articles - prev)) * (to - from);
/** Bytes per article Chromium's index took on disk, with room to spare. */
const DISK_PER_ARTICLE = 8_000;

export async function benchIdb(
  root: string,
  vocab: Vocabulary,
  name: BrowserName,
  opts: { sizes: number[]; bulkSizes: number[]; perKind: number; rounds: number; log: (s: string) => void; million?: { seconds: number } },
): Promise<IdbResult> {
  const site = await serveBenchPage(root, 'bench/browser/idb-page.ts', 'Firsthand bench');
  const label = name;
  const b = await openBench(name, `${site.url}/`);
  try {
    const v = { words: vocab.words, cumulative: [...vocab.cumulative], stream: vocab.stream };
    const planted = await b.call<number>('setup', v, opts.perKind);

    // Storage: the index alone, then the texts alone, from the browser's own usage estimate and
    // from the profile's folder for the page's origin.
    const storageN = Math.min(opts.sizes[opts.sizes.length - 1], 10_000);
    const u0 = await b.usage();
    const d0 = b.originBytes();
    const fill0 = await b.call<number>('fill', storageN, false);
    const u1 = await b.usage();
    const d1 = b.originBytes();
    const textN = 2000;
    const gzipBytes = await b.call<number>('addTexts', textN);
    const t1 = await b.usage();
    const n = storageN - planted;
    const estimatePer = Math.round((u1 - u0) / n);
    const diskPer = Math.round((d1 - d0) / n);
    // Firefox's estimate can lag the files it has just written; a figure off the disk's by more
    // than half is not taken.
    const source = estimatePer > 0 && (diskPer <= 0 || Math.abs(estimatePer - diskPer) <= diskPer / 2) ? 'estimate' : 'disk';
    const storage = {
      articles: n,
      indexBytesPerArticle: source === 'estimate' ? estimatePer : diskPer,
      source,
      estimateIndexBytesPerArticle: estimatePer,
      diskIndexBytesPerArticle: diskPer,
      textArticles: textN,
      textBytesPerArticle: Math.round(gzipBytes / textN),
      // The estimate of a few MB of texts is at the mercy of compactions; the gzip bytes are exact.
      textEstimateBytesPerArticle: Math.round((t1 - u1) / textN),
    } as const;
    const writeRate = n / fill0;
    opts.log(
      `  ${label}: ${storage.indexBytesPerArticle} B/article index (${source}; estimate ${estimatePer} B, disk ${diskPer} B), ${storage.textBytesPerArticle} B/article text, ${Math.round(writeRate)} articles/s written`,
    );

    const sizes: IdbSize[] = [];
    const bulk: IdbResult['bulk'] = [];
    const notRun: { articles: number; reason: string }[] = [];
    let count = await b.call<number>('reset');
    const all = [...new Set([...opts.sizes, ...opts.bulkSizes])].sort((a, c) => a - c);
    if (opts.million) all.push(1_000_000);
    for (const size of all) {
      if (size === 1_000_000 && opts.million) {
        const last = sizes[sizes.length - 1];
        const prev = sizes[sizes.length - 2]?.articles ?? planted;
        const seconds = last ? projected(last, prev, count, size) : Infinity;
        const free = statfsSync(tmpdir());
        const room = free.bavail * free.bsize;
        const reason = !last
          ? 'no smaller size was filled to measure the rate by'
          : seconds > opts.million.seconds
            ? `filling to 1M would take ~${Math.round(seconds / 60)} min at the rate of the last fill (${Math.round((last.articles - prev) / last.fillSeconds)} articles/s), over the ${Math.round(opts.million.seconds / 60)} min allowed`
            : room < size * DISK_PER_ARTICLE
              ? `${(room / 1e9).toFixed(0)} GB free in ${tmpdir()}, ~${((size * DISK_PER_ARTICLE) / 1e9).toFixed(0)} GB needed`
              : undefined;
        if (reason) {
          opts.log(`  ${label}: 1M not run: ${reason}`);
          notRun.push({ articles: size, reason });
          continue;
        }
      }
      const fillSeconds = size > count ? await b.call<number>('fill', size, false) : 0;
      count = Math.max(count, size);
      if (opts.sizes.includes(size) || size === 1_000_000) {
        opts.log(`  ${label}: checking at ${size} articles (filled in ${fillSeconds.toFixed(0)} s)...`);
        const samples = await b.call<{ kind: string; ms: number; candidateMs: number }[]>('check', opts.rounds);
        sizes.push(checks(samples, size, fillSeconds, await b.call<number[]>('saveOne', 30)));
      }
      if (opts.bulkSizes.includes(size)) {
        opts.log(`  ${label}: export and import of ${size} articles...`);
        const e = await b.call<{ ms: number; chars: number; error?: string }>('exportPack');
        const i = e.error
          ? { ms: NaN, error: 'no pack to import' }
          : await b.call<{ ms: number; parseMs?: number; indexMs?: number; error?: string }>('importPack');
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
    return { browser: name, version: b.version, sizes, storage, writeRate, bulk, ...(notRun.length ? { notRun } : {}) };
  } finally {
    await b.close();
    await site.close();
  }
}
