// `firsthand check FILE --db PACK`: what the extension would say about a page, from the command line.
import {
  checkArticle,
  SENSITIVITIES,
  type ArticleRecord,
  type CheckResult,
  type Fingerprint,
  type ListedBy,
  type MatchSummary,
  type Sensitivity,
  type Store,
} from '../index/index.ts';
import { truncate } from '../shared/text.ts';
import { VERDICT_WORDS, creditLines, date, num, passageLines, pct } from './format.ts';
import { CliError, usageError } from './io.ts';
import { loadArticleFile, type MetaDefaults } from './load.ts';
import { Output } from './output.ts';
import { listedWords, openDb, withListed } from './list-db.ts';
import { recordOf } from './pack.ts';
import { printEntries, registerBatch, RunningBatch, type Entry, type PrepareFn } from './parallel.ts';

export const CHECK_HELP = `Usage:
  firsthand check FILE... --db PACK|LIST [--json] [--sensitivity low|normal|high]
                  [--outlet NAME] [--published DATE]

Checks article files (plain text or HTML) against the articles in PACK or in a reuse LIST
(see: firsthand list --help), as the extension does on a page: the verdict, which stored article is the original (by date, first-seen time
and credits), containment and coverage, every related stored article, the sources the file
credits and the evidence for the choice of original.

With several files the pack is read once; each report is headed by "==> FILE <==", or with
--json each file is one JSON line {"file": FILE, ...the CheckResult}. A file that cannot be
read gets one line on stderr, the others are still checked, and the exit code is 1.

Options:
  --db PACK|LIST         the pack file (see: firsthand index --help) or a reuse list; an
                         original from a list is named "listed by <publisher> in <list>"
  --json                 print the engine's CheckResult as JSON (one line per file when
                         there are several)
  --sensitivity LEVEL    low, normal (default) or high
  --outlet NAME          outlet of FILE if it names none (plain text)
  --published DATE       publication date (ISO 8601) of FILE if it states none
  -h, --help             this help
`;

export function parseSensitivity(v: string | undefined): Sensitivity {
  if (v === undefined) return 'normal';
  if ((SENSITIVITIES as readonly string[]).includes(v)) return v as Sensitivity;
  throw usageError(`--sensitivity must be low, normal or high, not "${v}"`);
}

/** What a worker thread needs to read the files as the main thread does. */
interface CheckJob {
  files: string[];
  defaults: MetaDefaults;
}

/** A file read, its article extracted and fingerprinted (what a worker sends back), or why it could not be. */
type Prepared = { article: { text: string; title: string; record: ArticleRecord; fp: Fingerprint } } | { err: string };

function fileError(file: string, e: unknown): string {
  return e instanceof CliError ? e.format() : `firsthand: ${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
}

function prepareFile(job: CheckJob): PrepareFn<Prepared> {
  return async (i: number): Promise<Prepared> => {
    const file = job.files[i];
    try {
      const a = await loadArticleFile(file, job.defaults);
      const { record, fp } = recordOf(a);
      return { article: { text: a.text, title: record.title, record, fp } };
    } catch (e) {
      return { err: fileError(file, e) };
    }
  };
}

// Reading and extracting the pages is most of the work after the pack: the worker does that part
// from the start (while this thread reads the pack), and this thread checks what it sends.
registerBatch<CheckJob, Prepared>('check', { chunk: 4, minItems: 24, open: (job) => Promise.resolve(prepareFile(job)) });

export async function check(files: string[], pack: string, json: boolean, sensitivity: Sensitivity, defaults: MetaDefaults, out: Output): Promise<number> {
  const job: CheckJob = { files, defaults };
  const batch = files.length > 1 ? new RunningBatch<Prepared>('check', job, files.length) : undefined;
  let db: Awaited<ReturnType<typeof openDb>>;
  try {
    db = await openDb(pack);
  } catch (e) {
    batch?.cancel();
    throw e;
  }
  const { store, listed } = db;
  if (!batch) return checkOne(store, listed, files[0], json, sensitivity, defaults, out);
  const entries = await batch.run(prepareFile(job), async (i, p): Promise<Entry> => {
    const file = files[i];
    // One bad file among many: say which and why on one line, and go on with the others.
    if ('err' in p) return { err: p.err };
    try {
      const { text, title, record, fp } = p.article;
      const result = withListed(await checkArticle(store, { record, fp }, { sensitivity }), listed);
      if (json) return { out: JSON.stringify({ file, ...result }) };
      return { out: [`==> ${file} <==`, ...report(file, title, text, result), ''].join('\n') };
    } catch (e) {
      return { err: fileError(file, e) };
    }
  });
  printEntries(entries, out);
  return entries.some((e) => 'err' in e) ? 1 : 0;
}

/** One file, as the command has always printed it: pretty JSON or the report; an error ends the command. */
async function checkOne(
  store: Store,
  listed: Map<string, ListedBy[]>,
  file: string,
  json: boolean,
  sensitivity: Sensitivity,
  defaults: MetaDefaults,
  out: Output,
): Promise<number> {
  const { text, title, result } = await checkFile(store, listed, file, sensitivity, defaults);
  if (json) {
    out.line(JSON.stringify(result, null, 2));
    return 0;
  }
  out.line(report(file, title, text, result).join('\n'));
  return 0;
}

async function checkFile(
  store: Store,
  listed: Map<string, ListedBy[]>,
  file: string,
  sensitivity: Sensitivity,
  defaults: MetaDefaults,
): Promise<{ text: string; title: string; result: CheckResult }> {
  const article = await loadArticleFile(file, defaults);
  const { record, fp } = recordOf(article);
  const result = withListed(await checkArticle(store, { record, fp }, { sensitivity }), listed);
  return { text: article.text, title: record.title, result };
}

function report(file: string, title: string, text: string, r: CheckResult): string[] {
  const lines = [
    `Checked:     ${file}${title ? `  "${truncate(title, 80)}"` : ''}`,
    `Verdict:     ${VERDICT_WORDS[r.verdict]}${r.verdict === 'unrelated' ? '' : `  (score ${num(r.score)})`}`,
  ];
  const o = r.original;
  if (o) {
    lines.push(
      `Original:    ${o.outlet}, "${truncate(o.title, 80)}"`,
      `             published ${date(o.publishedAt)}, first seen ${date(o.firstSeenAt)}`,
      `             ${o.url}`,
      ...(o.listed ? [`Listed:      ${listedWords(o.listed)}${o.textFree ? ' (its text is not in the list)' : ''}`] : []),
      `Containment: ${pct(o.containment)} of this article is found in the original`,
      `Coverage:    ${pct(o.coverage)} of the original is carried by this article`,
      `Credited:    ${r.credited ? `yes, this article credits ${o.outlet}` : `no, this article does not credit ${o.outlet}`}`,
      `Shared passages (${o.passages.length}):`,
      ...(o.passages.length ? passageLines(o.passages, text) : ['  none']),
    );
  } else {
    lines.push('Original:    none in the index');
  }
  lines.push(`Related articles in the index (${r.matches.length}):`);
  if (!r.matches.length) lines.push('  none');
  for (const m of r.matches.slice(0, 10)) lines.push(`  ${matchLine(m)}`);
  if (r.matches.length > 10) lines.push(`  … and ${r.matches.length - 10} more`);
  lines.push('Credited sources (in this article):', ...creditLines(r.credits));
  if (r.evidence.length) lines.push('Evidence:', ...r.evidence.map((e) => `  - ${e}`));
  return lines;
}

function matchLine(m: MatchSummary): string {
  const dir = m.direction === 'from' ? 'this article derives from it' : 'it derives from this article';
  return `${VERDICT_WORDS[m.verdict].split(' (')[0]}, score ${num(m.score)}, containment ${pct(m.containment)}, coverage ${pct(m.coverage)}: ${m.outlet}, "${truncate(m.title, 60)}" (${date(m.publishedAt ?? m.firstSeenAt).slice(0, 10)}; ${dir}${m.listed ? `; ${listedWords(m.listed)}` : ''})`;
}
