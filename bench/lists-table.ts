// The rows of `npm run bench` for reuse lists (bench/lists.ts), beside the targets.
import type { ListsResult } from './lists.ts';
import { fmt } from './stats.ts';

const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

export function listRows(r: ListsResult | { error: string } | undefined): string[][] {
  if (!r) return [];
  if ('error' in r) return [['Lists', r.error, '', '', 'not run']];
  const rows: string[][] = [];
  for (const z of r.sizes) {
    const n = k(z.articles);
    if (z.error) {
      rows.push([`L. List of ${n}`, `failed: ${z.error.slice(0, 160)}`, '', '', '**not met**']);
      continue;
    }
    rows.push([
      `L1. List file, ${n} articles`,
      `${z.fileBytesPerArticle} B per article (gzip JSON Lines of text-free sketches)`,
      '<= 1 KB per article on disk',
      `${(z.fileBytesPerArticle / 1024).toFixed(2)}x the budget`,
      met(z.fileBytesPerArticle <= 1024),
    ]);
    rows.push([
      `L1. Listed articles in IndexedDB, ${n}`,
      `${z.idbBytesPerArticle} B per article (navigator.storage.estimate after subscribing, fresh profile)`,
      '<= 1.5 KB per article',
      `${(z.idbBytesPerArticle / 1536).toFixed(2)}x the budget`,
      met(z.idbBytesPerArticle <= 1536),
    ]);
    const total = z.subscribeMs + z.updateMs;
    rows.push([
      `L6. Subscribe + update, Chromium, ${n}`,
      `subscribe ${fmt(z.subscribeMs / 1000, 1)} s (of which download and reading ${fmt(z.readMs / 1000, 1)} s; ${z.progressEvents} progress reports), update with a tenth replaced ${fmt(z.updateMs / 1000, 1)} s`,
      '100k subscribed and updated <= 30 s',
      z.articles >= 100_000 ? `${fmt(total / 1000, 1)} s together` : `100k would take ~${Math.round((total / 1000) * (100_000 / z.articles))} s at this rate`,
      met(total * (100_000 / z.articles) <= 30_000),
    ]);
    const kinds = Object.entries(z.byKind)
      .filter(([kind]) => kind !== 'unrelated')
      .map(([kind, v]) => `${kind} ${v.named}/${v.pages}`)
      .join(', ');
    const unrelated = z.byKind.unrelated;
    rows.push([
      `L6. Check against the list, Chromium, ${n}`,
      `p50 ${fmt(z.check.p50, 1)} ms, p95 ${fmt(z.check.p95, 1)} ms (n=${z.check.n}); listed original named: ${kinds}; unrelated pages flagged ${unrelated?.flagged ?? 0}/${unrelated?.pages ?? 0}`,
      'p95 within the check targets (row 2)',
      'the reader read none of these originals',
      '',
    ]);
  }
  return rows;
}
