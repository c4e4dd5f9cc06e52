// The rows of `npm run bench` for reuse lists (bench/lists.ts), beside the targets, one set per
// browser (twins side by side through bench/idb-table.ts sideBySide).
import type { BrowserName } from './browsers.ts';
import { CHECK_P95_MS, IMPORT_100K_MS, INDEX_BYTES, type Keyed } from './idb-table.ts';
import type { ListRibbonResult, RibbonLoads } from './list-ribbon.ts';
import type { ListsResult } from './lists.ts';
import { RIBBON_P50_MS } from './page-table.ts';
import { fmt } from './stats.ts';

/** The pause before each check of the idle pass: a reader's checks come seconds apart, and a
 * browser's IndexedDB threads (and this machine's CPUs) fall idle between them. */
export const IDLE_GAP_MS = 500;

/** Checks by a store just opened (a worker just started), each with its prepared twin. */
export const COLD_CHECKS = 20;

const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
const NAMES: Record<BrowserName, string> = { chromium: 'Chromium', firefox: 'Firefox' };

export function listRows(name: BrowserName, r: ListsResult | { error: string } | undefined): Keyed[] {
  const B = NAMES[name];
  if (!r) return [];
  if ('error' in r) return [{ key: 'lists error', row: [`Lists, ${B}`, r.error.slice(0, 300), '', '', 'not run'] }];
  const rows: Keyed[] = [];
  for (const z of r.sizes) {
    const n = k(z.articles);
    const key = (what: string) => `${what} ${z.articles}`;
    if (z.error) {
      rows.push({ key: key('failed'), row: [`L. List of ${n}, ${B}`, `failed: ${z.error.slice(0, 160)}`, '', '', '**not met**'] });
      continue;
    }
    // The file is the same bytes whichever browser downloads it: sideBySide prints the row once.
    rows.push({
      key: key('file'),
      row: [
        `L1. List file, ${n} articles`,
        `${z.fileBytesPerArticle} B per article (gzip JSON Lines of text-free sketches)`,
        '<= 1 KB per article on disk',
        `${(z.fileBytesPerArticle / 1024).toFixed(2)}x the budget`,
        met(z.fileBytesPerArticle <= 1024),
      ],
    });
    rows.push({
      key: key('idb'),
      row: [
        `L1. Listed articles in ${B} IndexedDB, ${n}`,
        `${z.idbBytesPerArticle} B per article (navigator.storage.estimate after subscribing, fresh profile${z.idbBytesAtOnce !== undefined ? `, once the database was closed and the estimate stopped changing (${fmt((z.settleMs ?? 0) / 1000, 0)} s); ${z.idbBytesAtOnce} B taken as soon as the install ended` : ''}; the profile's folder for the origin said ${z.diskBytesPerArticle} B)`,
        '<= 1.5 KB per article',
        `${(z.idbBytesPerArticle / INDEX_BYTES).toFixed(2)}x the budget`,
        met(z.idbBytesPerArticle <= INDEX_BYTES),
      ],
    });
    const scale = 100_000 / z.articles;
    rows.push({
      key: key('install'),
      row: [
        `L6. Subscribe + update, ${B}, ${n}`,
        `subscribe ${fmt(z.subscribeMs / 1000, 1)} s (of which download and reading ${fmt(z.readMs / 1000, 1)} s; ${z.progressEvents} progress reports), update with a tenth replaced ${fmt(z.updateMs / 1000, 1)} s`,
        'subscribe or update of 100k <= 20 s each, progress shown',
        z.articles >= 100_000
          ? `${fmt((z.subscribeMs + z.updateMs) / 1000, 1)} s together`
          : `100k would take ~${Math.round((z.subscribeMs / 1000) * scale)} s + ~${Math.round((z.updateMs / 1000) * scale)} s at this rate`,
        met(z.subscribeMs * scale <= IMPORT_100K_MS && z.updateMs * scale <= IMPORT_100K_MS && z.progressEvents > 0),
      ],
    });
    const kinds = Object.entries(z.byKind)
      .filter(([kind]) => kind !== 'unrelated')
      .map(([kind, v]) => `${kind} ${v.named}/${v.pages}`)
      .join(', ');
    const unrelated = z.byKind.unrelated;
    rows.push({
      key: key('check'),
      row: [
        `L6. Check against the list, ${B}, ${n}`,
        `p50 ${fmt(z.check.p50, 1)} ms, p95 ${fmt(z.check.p95, 1)} ms (n=${z.check.n}, checks one after another${z.roundsP95 && z.roundsP95.length > 1 ? `, ${z.roundsP95.length} rounds of every page, each round's p95 ${fmt(Math.min(...z.roundsP95), 1)} to ${fmt(Math.max(...z.roundsP95), 1)} ms` : ''}${z.warmed ? `, after ${z.warmed} checks of other pages` : ''}${z.quietMs !== undefined ? `, once the machine was quiet after the install (under 10% CPU for 3 s: ${z.quiet ? `after ${fmt(z.quietMs / 1000, 0)} s` : `not within ${fmt(z.quietMs / 1000, 0)} s`})` : ''})${z.lookup && z.fetch ? `; of which key lookups p50 ${fmt(z.lookup.p50, 1)} / p95 ${fmt(z.lookup.p95, 1)} ms, record reads p50 ${fmt(z.fetch.p50, 1)} / p95 ${fmt(z.fetch.p95, 1)} ms` : ''}${z.requests ? `; requests per check for the list's postings values and blocks, mean ${fmt(z.requests.postings, 1)} and ${fmt(z.requests.blocks, 1)}` : ''}${z.byRequests?.length ? `; the checks by those requests: ${z.byRequests.map((g) => `${g.label} p50 ${fmt(g.check.p50, 1)} / p95 ${fmt(g.check.p95, 1)} ms (n=${g.check.n})`).join(', ')}` : ''}${z.afterIdle ? `; the same pages checked once each after ${IDLE_GAP_MS} ms with nothing to do (as a reader's checks come): p50 ${fmt(z.afterIdle.p50, 1)} / p95 ${fmt(z.afterIdle.p95, 1)} ms (n=${z.afterIdle.n})` : ''}${z.floor && z.floorAfterIdle ? `; two dependent reads alone, the least any check waits for (a postings value, then the block of a listed article it holds, in one transaction): p50 ${fmt(z.floor.p50, 1)} / p95 ${fmt(z.floor.p95, 1)} ms back to back (n=${z.floor.n}), p50 ${fmt(z.floorAfterIdle.p50, 1)} / p95 ${fmt(z.floorAfterIdle.p95, 1)} ms after ${IDLE_GAP_MS} ms idle` : ''}${z.cold && z.prepare && z.prepared ? `; the first check of a store just opened, as in a worker just started (a new connection, no lists or key filters in memory yet; n=${z.cold.n}): p50 ${fmt(z.cold.p50, 1)} / p95 ${fmt(z.cold.p95, 1)} ms; reading the lists and filters first (prepare(), which the worker starts as it wakes, while the page is extracted): p50 ${fmt(z.prepare.p50, 1)} / p95 ${fmt(z.prepare.p95, 1)} ms, then the check p50 ${fmt(z.prepared.p50, 1)} / p95 ${fmt(z.prepared.p95, 1)} ms` : ''}${z.alongside && z.everyBucket && z.filterOnly ? `; a second pass, each check followed by the same check reading every bucket of the list (no key filter) and by one reading every bucket the key filter allows (no band key taken as a listed article's found first): as the product reads p50 ${fmt(z.alongside.p50, 1)} / p95 ${fmt(z.alongside.p95, 1)} ms, every bucket p50 ${fmt(z.everyBucket.p50, 1)} / p95 ${fmt(z.everyBucket.p95, 1)} ms, every bucket the filter allows p50 ${fmt(z.filterOnly.p50, 1)} / p95 ${fmt(z.filterOnly.p95, 1)} ms` : ''}${z.layouts ? `; against the same list written with ${z.layouts.otherBits} bucket bits instead of ${z.layouts.bits} (another database, checks alternated): p50 ${fmt(z.layouts.other.p50, 1)} / p95 ${fmt(z.layouts.other.p95, 1)} ms, against ${fmt(z.layouts.own.p50, 1)} / ${fmt(z.layouts.own.p95, 1)}` : ''}; listed original named: ${kinds}; unrelated pages flagged ${unrelated?.flagged ?? 0}/${unrelated?.pages ?? 0}`,
        `p95 <= ${CHECK_P95_MS} ms (the check target, row 1)`,
        'the reader read none of these originals',
        z.articles >= 100_000 ? met(z.check.p95 <= CHECK_P95_MS) : '',
      ],
    });
  }
  return rows;
}

const loads = (l: RibbonLoads) =>
  `p50 ${fmt(l.fromNavigation.p50, 1)} / p95 ${fmt(l.fromNavigation.p95, 1)} ms from navigation start, p50 ${fmt(l.fromLoad.p50, 1)} ms after the load event (ribbon on ${l.shown} of ${l.loads} loads, flagged on ${l.flagged})`;

/** The load-to-ribbon rows with a reuse list (bench/list-ribbon.ts), one per browser. */
export function listRibbonRows(results: ListRibbonResult[] | undefined): string[][] {
  const rows: string[][] = [];
  for (const r of results ?? []) {
    const B = NAMES[r.browser];
    if (r.error || !r.list || !r.read) {
      rows.push([
        `L7. Load to ribbon with a list, ${B}`,
        `failed: ${(r.error ?? 'no loads').slice(0, 200)}`,
        `p50 <= ${RIBBON_P50_MS} ms (row 5)`,
        '',
        'not run',
      ]);
      continue;
    }
    const n = k(r.generated ?? r.listed ?? 0);
    const stopped =
      r.list.stopped && r.read.stopped
        ? `; the worker stopped before each load, as the browser stops an idle one (${r.stopsFound} stops found a worker to stop): the list ${loads(r.list.stopped)}; the original read ${loads(r.read.stopped)}`
        : '; the background page cannot be stopped from outside in this browser: loads with it running only';
    rows.push([
      `L7. Load to ribbon, seed copy page, original known from a ${n}-article list, ${B}`,
      `${r.listed} listed articles; the worker running: ${loads(r.list.running)}; a reader who read the original instead (no list, the seed pages read): ${loads(r.read.running)}${stopped}`,
      `p50 <= ${RIBBON_P50_MS} ms (row 5)`,
      `the list ${fmt(r.list.running.fromNavigation.p50 / r.read.running.fromNavigation.p50, 2)}x the original read (worker running)${r.list.stopped && r.read.stopped ? `, ${fmt(r.list.stopped.fromNavigation.p50 / r.read.stopped.fromNavigation.p50, 2)}x (worker stopped)` : ''}; loads alternated; list installed in ${fmt(r.installSeconds ?? 0, 1)} s`,
      met(r.list.running.fromNavigation.p50 <= RIBBON_P50_MS),
    ]);
  }
  return rows;
}
