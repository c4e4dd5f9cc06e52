// The IndexedDB rows of `npm run bench` (bench/idb.ts), each Chromium row with its Firefox twin
// right below it, beside the targets of round 2 (1: check, 2: bytes per article, 3: import).
import type { BrowserName } from './browsers.ts';
import type { IdbResult } from './idb.ts';
import { fmt } from './stats.ts';

/** A row and the measure it is a twin under (the same measure and size in the other browser). */
export interface Keyed {
  key: string;
  row: string[];
}

const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
const NAMES: Record<BrowserName, string> = { chromium: 'Chromium', firefox: 'Firefox' };
/** Round 2, row 1. */
export const CHECK_P95_MS = 8;
/** Round 2, row 2: the index, texts apart. */
export const INDEX_BYTES = 1536;
/** Round 2, row 3: import or list update of 100k articles. */
export const IMPORT_100K_MS = 20_000;

/** Rows of every browser, twins side by side, in the order of the first browser's rows; a row
 * the same in both (a measure outside the browsers) once. */
export function sideBySide(...parts: Keyed[][]): string[][] {
  const keys: string[] = [];
  for (const part of parts) for (const { key } of part) if (!keys.includes(key)) keys.push(key);
  const out: string[][] = [];
  for (const key of keys)
    for (const part of parts) for (const { key: k2, row } of part) if (k2 === key && !out.some((o) => o.join('|') === row.join('|'))) out.push(row);
  return out;
}

export function idbRows(name: BrowserName, b: IdbResult | { error: string } | undefined): Keyed[] {
  const B = NAMES[name];
  if (!b) return [];
  if ('error' in b) return [{ key: 'error', row: [`${B} IndexedDB`, b.error.slice(0, 300), '', '', 'not run'] }];
  const rows: Keyed[] = [];
  const base = b.sizes[0];
  for (const z of b.sizes) {
    const growth = z.check.p50 / base.check.p50;
    const growth95 = z.check.p95 / base.check.p95;
    const target =
      z.articles > 100_000
        ? 'the curve to 1M (reported)'
        : z.articles === 100_000
          ? `p95 <= ${CHECK_P95_MS} ms at 100k; <= 2x its own 1k figure`
          : `p95 <= ${CHECK_P95_MS} ms at 100k`;
    rows.push({
      key: `check ${z.articles}`,
      row: [
        `1. Check, ${B} IndexedDB, ${k(z.articles)}`,
        `p50 ${fmt(z.check.p50, 1)} ms, p95 ${fmt(z.check.p95, 1)} ms; of which band-key lookups p50 ${fmt(z.candidates.p50, 1)} ms${z.fillSeconds ? `; filled in ${fmt(z.fillSeconds, 0)} s` : ''}`,
        target,
        z === base ? 'baseline' : `${growth.toFixed(2)}x the 1k p50 (p95 ${growth95.toFixed(2)}x)`,
        z.articles > 100_000 ? '' : z.articles === 100_000 ? met(z.check.p95 <= CHECK_P95_MS && growth <= 2) : met(z.check.p95 <= CHECK_P95_MS),
      ],
    });
    rows.push({
      key: `save ${z.articles}`,
      row: [
        `1. Saving a read article, ${B} IndexedDB, ${k(z.articles)}`,
        `p50 ${fmt(z.save.p50, 1)} ms, p95 ${fmt(z.save.p95, 1)} ms (n=${z.save.n}): text compressed, record written, band postings read, changed and written`,
        'reported',
        "in the worker, after the verdict is sent: the next check and the extension's pages wait for it",
        '',
      ],
    });
  }
  for (const x of b.notRun ?? [])
    rows.push({ key: `check ${x.articles}`, row: [`1. Check, ${B} IndexedDB, ${k(x.articles)}`, `not run: ${x.reason}`, 'the curve to 1M', '', 'not run'] });
  const s = b.storage;
  const how =
    s.source === 'estimate'
      ? `navigator.storage.estimate; the profile's folder for the origin said ${s.diskIndexBytesPerArticle} B`
      : `the profile's folder for the origin on disk; navigator.storage.estimate said ${s.estimateIndexBytesPerArticle} B`;
  rows.push({
    key: 'storage',
    row: [
      `2. Storage per article, ${B} IndexedDB`,
      `index ${s.indexBytesPerArticle} B (${s.articles} articles; ${how}); text kept for the comparison page, gzip ${s.textBytesPerArticle} B (${s.textArticles} texts; the estimate said ${s.textEstimateBytesPerArticle} B)`,
      '<= 1.5 KB per article (index; texts apart)',
      `${(s.indexBytesPerArticle / INDEX_BYTES).toFixed(2)}x the budget; writes ${Math.round(b.writeRate)} articles/s`,
      met(s.indexBytesPerArticle <= INDEX_BYTES),
    ],
  });
  for (const x of b.bulk) {
    const rate = x.articles / (x.importMs / 1000);
    rows.push({
      key: `bulk ${x.articles}`,
      row: [
        `3. Export / import, ${B}, ${k(x.articles)} articles`,
        x.exportError
          ? `export failed: ${x.exportError.slice(0, 160)}`
          : `export ${fmt(x.exportMs / 1000, 1)} s (${x.packMB.toFixed(0)} MB pack); import ${x.importError ? 'failed: ' + x.importError.slice(0, 120) : fmt(x.importMs / 1000, 1) + ' s' + (x.parseMs !== undefined ? ` (of which reading and validating ${fmt(x.parseMs / 1000, 1)} s${x.indexMs !== undefined ? `, band postings ${fmt(x.indexMs / 1000, 1)} s` : ''})` : '')}`,
        '100k <= 20 s',
        x.importError || x.exportError
          ? ''
          : x.articles >= 100_000
            ? `${Math.round(rate)} articles/s imported`
            : `${Math.round(rate)} articles/s imported: 100k would take ~${Math.round(100_000 / rate)} s at this rate`,
        met(!x.importError && !x.exportError && x.importMs * (100_000 / x.articles) <= IMPORT_100K_MS),
      ],
    });
  }
  return rows;
}
