// Reuse lists (docs/lists.md): a generated list written as readers download it (gzip JSON Lines
// of text-free sketches), its bytes per article on disk; then in real headless Chromium and
// Firefox ESR (bench/browsers.ts), the list downloaded from a loopback server, read as a stream
// and installed in IndexedDB (a first subscription), the browser's storage estimate per listed
// article once the database has settled, the bench's pages checked against it (each check beside
// the same check with the lists' key filters off), the same pages against the list written in the
// other postings layout (another database, checks alternated), and the list installed again with
// a tenth of its articles replaced (an update).
import { writeList } from '../src/lists/write.ts';
import { listBucketBits } from '../src/storage/list-layout.ts';
import { BUCKET_BITS } from '../src/storage/postings.ts';
import type { ArticleRecord } from '../src/index/types.ts';
import { openBench, type BrowserName } from './browsers.ts';
import { COLD_CHECKS, IDLE_GAP_MS } from './lists-table.ts';
import type { AlongSample, CheckSample } from './lists-samples.ts';
import { quietMachine } from './quiet.ts';
import { Generator } from './corpus.ts';
import { ARTICLE_WORDS, makeQueries, type Query } from './queries.ts';
import { serveBenchPage } from './serve-page.ts';
import { summarize, type Summary } from './stats.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface ListSizeResult {
  articles: number;
  /** The list file as served (gzip), bytes per article. */
  fileBytesPerArticle: number;
  /** Subscribing: download, stream read and check, one install transaction; ms. */
  subscribeMs: number;
  /** Of which reading and checking the file. */
  readMs: number;
  /** Updating to a copy with a tenth of the articles replaced; ms. */
  updateMs: number;
  /** Progress reports the reader saw during the subscription. */
  progressEvents: number;
  /** The browser's storage estimate after subscribing, per listed article. */
  idbBytesPerArticle: number;
  /** The same estimate taken as soon as the install ended, before the database settled. */
  idbBytesAtOnce?: number;
  /** How long the estimate took to settle after the database was closed. */
  settleMs?: number;
  /** The profile's folder for the page's origin after subscribing, per listed article. */
  diskBytesPerArticle: number;
  check: Summary;
  /** The checks of each page the first time it is checked (whose buckets the browser has not
   * read since the install), and those of the later rounds. */
  firstTime?: Summary;
  again?: Summary;
  /** The p95 of each round of the checks (every page once), in order: how much it moves. */
  roundsP95?: number[];
  /** The same pages checked once each, each after IDLE_GAP_MS with nothing to do. */
  afterIdle?: Summary;
  /** Two dependent reads alone (a postings value, then the block it names: the least any check
   * waits for), back to back as many times as the checks, and each after IDLE_GAP_MS. */
  floor?: Summary;
  floorAfterIdle?: Summary;
  /** The first check of a store just opened, as in a worker just started (COLD_CHECKS of them);
   * the store's prepare() (the lists and key filters read as the worker starts); the first check
   * once that has ended. */
  cold?: Summary;
  prepare?: Summary;
  prepared?: Summary;
  /** How long the machine took to go quiet after the install, before the checks were timed
   * (bench/quiet.ts), and whether it did within the time allowed. */
  quietMs?: number;
  quiet?: boolean;
  /** Checks of other pages made before the timed ones. */
  warmed?: number;
  /** The checks by how many requests each made for the list's postings values and blocks (at
   * most 8, 9 to 16, more), and the mean of each kind of request per check. */
  byRequests?: { label: string; check: Summary }[];
  requests?: { postings: number; blocks: number };
  /** Of each check: its key lookups (band and topic keys, in parallel), then its record reads. */
  lookup?: Summary;
  fetch?: Summary;
  /** The same pages checked against the list in this browser's postings layout and, in another
   * database, in the other layout, one right after the other. */
  layouts?: { bits: number; otherBits: number; own: Summary; other: Summary };
  /** A second pass of the same checks, each followed by the same check reading every bucket of
   * the list (no key filter) and by one reading every bucket the key filter allows (no band key
   * taken as that of a listed article found first): the checks as the product reads, and the two. */
  alongside?: Summary;
  everyBucket?: Summary;
  filterOnly?: Summary;
  byKind: Record<string, { check: Summary; named: number; flagged: number; pages: number }>;
  error?: string;
}

export interface ListsResult {
  browser: BrowserName;
  version: string;
  sizes: ListSizeResult[];
}

const T0 = Date.UTC(2026, 0, 1);

/** The groups checks are summarised in by the requests they make for the list's postings values
 * and blocks: each request of a check adds to its time (a request to IndexedDB costs about a
 * quarter of a millisecond here, whether or not it goes out with others). */
const REQUEST_GROUPS: [string, number, number][] = [
  ['at most 8', 0, 8],
  ['9 to 16', 9, 16],
  ['more than 16', 17, Infinity],
];

async function bytesOf(records: ArticleRecord[], name: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of writeList(
    records.map((record) => ({ record })),
    { name, publisher: 'Firsthand bench', expiresHours: 24 },
  ))
    parts.push(part);
  return Buffer.concat(parts);
}

/** One list of `size` articles: the planted originals of the bench's pages and generated articles. */
function listRecords(gen: Generator, planted: ArticleRecord[], size: number, from: number, tag: string): ArticleRecord[] {
  const out = [...planted];
  for (let i = from; out.length < size; i++) {
    const r = gen.record(gen.words(gen.length(ARTICLE_WORDS)), T0 + i);
    out.push({ ...r, id: `https://wire.example/${tag}/${i}`, url: `https://wire.example/${tag}/${i}` });
  }
  return out;
}

/** The storage estimate once it stops changing (two readings 2 s apart agree), within a minute. */
async function settledUsage(b: { usage(): Promise<number> }): Promise<{ usage: number; waitedMs: number }> {
  const t0 = Date.now();
  let last = await b.usage();
  while (Date.now() - t0 < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const now = await b.usage();
    if (now === last) break;
    last = now;
  }
  return { usage: last, waitedMs: Date.now() - t0 };
}

export async function benchLists(
  root: string,
  vocab: Vocabulary,
  names: readonly BrowserName[],
  opts: { sizes: number[]; perKind: number; rounds: number; checkRounds?: number; log: (s: string) => void },
): Promise<Partial<Record<BrowserName, ListsResult | { error: string }>>> {
  const gen = new Generator(vocab, 13);
  const { originals, queries } = makeQueries(gen, opts.perKind, T0);
  // Other pages of the same kinds, whose originals the list does not carry, checked before the
  // timed checks: the database read as a reader's has been, not only written.
  const warmQueries = makeQueries(new Generator(vocab, 29), opts.perKind, T0).queries;
  const files = new Map<string, Uint8Array>();
  const sizes: { size: number; fileBytes: number }[] = [];
  for (const size of opts.sizes) {
    opts.log(`  lists: writing a list of ${size} articles, and its update...`);
    const records = listRecords(gen, originals, size, 0, 'a');
    const first = await bytesOf(records, `Bench ${size}`);
    // The update: the same list with a tenth of its generated articles replaced by new ones.
    const keep = records.slice(0, size - Math.floor(size / 10));
    const update = await bytesOf([...keep, ...listRecords(gen, [], size - keep.length, 0, `b${size}`)], `Bench ${size}`);
    files.set(`/list-${size}.fhlist`, first);
    files.set(`/list-${size}-update.fhlist`, update);
    sizes.push({ size, fileBytes: first.byteLength });
  }
  const site = await serveBenchPage(root, 'bench/browser/lists-page.ts', 'Firsthand list bench', files);
  const results: Partial<Record<BrowserName, ListsResult | { error: string }>> = {};
  for (const name of names) {
    try {
      const out: ListSizeResult[] = [];
      let version = '';
      for (const { size, fileBytes } of sizes) {
        // A fresh profile per size: the storage estimate is of this list alone.
        const b = await openBench(name, `${site.url}/`);
        try {
          version = b.version;
          const u0 = await b.usage();
          const d0 = b.originBytes();
          opts.log(`  lists: subscribing to ${size} articles in ${name}...`);
          const sub = await b.call<{ ms: number; readMs: number; articles: number; progress: number; error?: string }>(
            'install',
            `${site.url}/list-${size}.fhlist`,
          );
          const uNow = await b.usage();
          // The database settled: closed, and its journal folded into it (Firefox's SQLite keeps
          // the whole transaction in a write-ahead log until an idle checkpoint, which doubles
          // the figure taken at once).
          await b.call('release');
          const { usage: u1, waitedMs } = await settledUsage(b);
          const d1 = b.originBytes();
          let layouts: ListSizeResult['layouts'];
          // The checks are timed once the browser's work after the install is done, as a
          // reader's checks come long after subscribing.
          const quiet = await quietMachine();
          const warmed = sub.error ? 0 : await b.call<number>('warm', warmQueries satisfies Query[], 2);
          opts.log(`  lists: ${name} quiet after ${(quiet.waitedMs / 1000).toFixed(0)} s${quiet.quiet ? '' : ' (not quiet: timed anyway)'}`);
          const { alone: samples, along } = sub.error
            ? { alone: [], along: [] }
            : await b.call<{
                alone: CheckSample[];
                along: AlongSample[];
              }>('check', queries satisfies Query[], opts.checkRounds ?? opts.rounds, opts.rounds);
          // The least any check waits for (two dependent reads), as many times as the checks, back
          // to back right after them; and after idle, each right after a check after idle.
          const floor = sub.error ? [] : await b.call<number[]>('floor', samples.length);
          const idle = sub.error
            ? { check: [], floor: [] }
            : await b.call<{ check: number[]; floor: number[] }>('idle', queries satisfies Query[], IDLE_GAP_MS);
          const cold = sub.error
            ? { cold: [], prepare: [], prepared: [] }
            : await b.call<{ cold: number[]; prepare: number[]; prepared: number[] }>('cold', queries satisfies Query[], COLD_CHECKS, IDLE_GAP_MS);
          if (!sub.error) {
            // The same list in the other layout (8 bucket bits, or those chosen where values fill
            // SQLite's pages), checked beside this browser's, after the storage was measured.
            const mine = name === 'firefox' ? listBucketBits(size, true) : BUCKET_BITS;
            const other = mine === BUCKET_BITS ? listBucketBits(size, true) : BUCKET_BITS;
            const inst = await b.call<{ ms: number; error?: string }>('installOther', `${site.url}/list-${size}.fhlist`, other);
            if (!inst.error) {
              const l = await b.call<{ own: number[]; other: number[] }>('layouts', queries satisfies Query[], opts.rounds);
              layouts = { bits: mine, otherBits: other, own: summarize(l.own), other: summarize(l.other) };
              opts.log(
                `  lists: ${name} layouts: ${mine} bits p50 ${layouts.own.p50.toFixed(1)} / p95 ${layouts.own.p95.toFixed(1)}; ${other} bits p50 ${layouts.other.p50.toFixed(1)} / p95 ${layouts.other.p95.toFixed(1)}`,
              );
            }
          }
          opts.log(`  lists: updating...`);
          // The same list's next copy, installed under the list subscribed to above.
          const upd = await b.call<{ ms: number; error?: string }>('install', `${site.url}/list-${size}-update.fhlist`, `${site.url}/list-${size}.fhlist`);
          const kinds = [...new Set(samples.map((s) => s.kind))];
          const first = samples.slice(0, queries.length);
          out.push({
            articles: size,
            fileBytesPerArticle: Math.round(fileBytes / size),
            subscribeMs: sub.ms,
            readMs: sub.readMs,
            updateMs: upd.ms,
            progressEvents: sub.progress,
            idbBytesPerArticle: Math.round((u1 - u0) / size),
            idbBytesAtOnce: Math.round((uNow - u0) / size),
            settleMs: waitedMs,
            diskBytesPerArticle: Math.round((d1 - d0) / size),
            check: summarize(samples.map((s) => s.ms)),
            firstTime: summarize(samples.filter((s) => s.round === 0).map((s) => s.ms)),
            again: summarize(samples.filter((s) => s.round > 0).map((s) => s.ms)),
            roundsP95: [...new Set(samples.map((s) => s.round))].map((r) => summarize(samples.filter((s) => s.round === r).map((s) => s.ms)).p95),
            byRequests: REQUEST_GROUPS.map(([label, lo, hi]) => ({
              label,
              samples: samples.filter((s) => s.postings + s.blocks >= lo && s.postings + s.blocks <= hi),
            }))
              .filter((g) => g.samples.length > 0)
              .map(({ label, samples: of }) => ({ label, check: summarize(of.map((s) => s.ms)) })),
            requests: {
              postings: samples.reduce((a, s) => a + s.postings, 0) / Math.max(1, samples.length),
              blocks: samples.reduce((a, s) => a + s.blocks, 0) / Math.max(1, samples.length),
            },
            lookup: summarize(samples.map((s) => s.lookupMs)),
            fetch: summarize(samples.map((s) => s.fetchMs)),
            afterIdle: summarize(idle.check),
            floor: summarize(floor),
            floorAfterIdle: summarize(idle.floor),
            cold: summarize(cold.cold),
            prepare: summarize(cold.prepare),
            prepared: summarize(cold.prepared),
            quietMs: quiet.waitedMs,
            warmed,
            quiet: quiet.quiet,
            alongside: summarize(along.map((s) => s.ms)),
            everyBucket: summarize(along.map((s) => s.everyMs)),
            filterOnly: summarize(along.map((s) => s.filterMs)),
            ...(layouts ? { layouts } : {}),
            byKind: Object.fromEntries(
              kinds.map((k) => {
                const of = first.filter((s) => s.kind === k);
                return [
                  k,
                  {
                    check: summarize(samples.filter((s) => s.kind === k).map((s) => s.ms)),
                    named: of.filter((s) => s.named).length,
                    flagged: of.filter((s) => s.flagged).length,
                    pages: of.length,
                  },
                ];
              }),
            ),
            ...(sub.error || upd.error ? { error: sub.error ?? upd.error } : {}),
          });
          const r = out[out.length - 1];
          opts.log(
            `  lists: ${name} ${size}: ${r.fileBytesPerArticle} B/article file, ${r.idbBytesPerArticle} B/article in IndexedDB (estimate; ${r.diskBytesPerArticle} B on disk), subscribe ${(r.subscribeMs / 1000).toFixed(1)} s, update ${(r.updateMs / 1000).toFixed(1)} s, check p50 ${r.check.p50.toFixed(1)} / p95 ${r.check.p95.toFixed(1)} ms (after ${IDLE_GAP_MS} ms idle p50 ${r.afterIdle?.p50.toFixed(1)} / p95 ${r.afterIdle?.p95.toFixed(1)}; first check of a store just opened p50 ${r.cold?.p50.toFixed(1)} / p95 ${r.cold?.p95.toFixed(1)}, its prepare() p50 ${r.prepare?.p50.toFixed(1)}, then a check p50 ${r.prepared?.p50.toFixed(1)} / p95 ${r.prepared?.p95.toFixed(1)}; two dependent reads alone p50 ${r.floor?.p50.toFixed(1)} / p95 ${r.floor?.p95.toFixed(1)}, after idle p50 ${r.floorAfterIdle?.p50.toFixed(1)} / p95 ${r.floorAfterIdle?.p95.toFixed(1)}; first time p50 ${r.firstTime?.p50.toFixed(1)} / p95 ${r.firstTime?.p95.toFixed(1)}, again p50 ${r.again?.p50.toFixed(1)} / p95 ${r.again?.p95.toFixed(1)}; lookups p50 ${r.lookup?.p50.toFixed(1)} / p95 ${r.lookup?.p95.toFixed(1)}, record reads p50 ${r.fetch?.p50.toFixed(1)} / p95 ${r.fetch?.p95.toFixed(1)}; alternated: as the product reads p50 ${r.alongside?.p50.toFixed(1)} / p95 ${r.alongside?.p95.toFixed(1)}, reading every bucket p50 ${r.everyBucket?.p50.toFixed(1)} / p95 ${r.everyBucket?.p95.toFixed(1)}; every bucket the filter allows p50 ${r.filterOnly?.p50.toFixed(1)} / p95 ${r.filterOnly?.p95.toFixed(1)})`,
          );
        } finally {
          await b.close();
        }
      }
      results[name] = { browser: name, version, sizes: out };
    } catch (err) {
      results[name] = { error: String(err) };
      opts.log(`  lists in ${name} failed: ${String(err)}`);
    }
  }
  await site.close();
  return results;
}
