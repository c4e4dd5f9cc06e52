// `firsthand compare`: one original against one candidate, or many pairs from a JSON Lines file.
import {
  compareTexts,
  creditsOutlet,
  DEFAULT_PARAMS,
  extractCredits,
  hostOf,
  outletKey,
  score,
  tokenHashes,
  verdictOf,
  type Comparison,
} from '../index/index.ts';
import { measure } from '../index/verify.ts';
import { truncate } from '../shared/text.ts';
import { VERDICT_WORDS, creditLines, num, passageLines, passageText, pct, round4 } from './format.ts';
import { loadArticleFile } from './load.ts';
import { readPairs } from './pairs.ts';
import { Output } from './output.ts';
import { printEntries, registerBatch, RunningBatch, type Entry } from './parallel.ts';

export const COMPARE_HELP = `Usage:
  firsthand compare ORIGINAL CANDIDATE [--json] [--outlet NAME]
  firsthand compare --pairs FILE.jsonl

Measures how much of CANDIDATE derives from ORIGINAL. Each file is plain UTF-8 text or an
HTML page (recognised by its content; the article is extracted as in the extension).

Prints the verdict (copy, partial copy, rewrite, related, unrelated), the score, containment
(share of the candidate found in the original), coverage (share of the original carried by
the candidate), Jaccard, the shared passages and the sources the candidate credits.

Options:
  --json           one JSON object instead of the report
  --outlet NAME    the original's outlet, for plain-text originals (HTML pages name
                   their own): a candidate that credits it needs less to count as a rewrite
  --pairs FILE     JSON Lines, one {"id","original","candidate"} per line (texts inline);
                   prints one {"id","verdict","score","containment","coverage","jaccard"}
                   line per pair. Bad lines are reported on stderr and skipped; the exit
                   code is 1 if any line was bad.
  -h, --help       this help
`;

/** The texts of the pairs to compare, in file order (what a worker thread is sent). */
interface PairsJob {
  pairs: { id: string; original: string; candidate: string }[];
}

/**
 * One pair's output line: the figures compareTexts gives (the same measure, verdict and score),
 * without placing the shared passages in the texts, which this line does not print.
 */
export function pairLine(p: { id: string; original: string; candidate: string }): string {
  const f = measure(tokenHashes(p.original, DEFAULT_PARAMS.seed).tokens, tokenHashes(p.candidate, DEFAULT_PARAMS.seed).tokens);
  return JSON.stringify({
    id: p.id,
    verdict: verdictOf(f),
    score: round4(score(f)),
    containment: round4(f.containment),
    coverage: round4(f.coverage),
    jaccard: round4(f.jaccard),
  });
}

const pairItem =
  (job: PairsJob) =>
  (i: number): Entry => ({ out: pairLine(job.pairs[i]) });

registerBatch<PairsJob, Entry>('pairs', { chunk: 16, minItems: 200, open: (job) => Promise.resolve(pairItem(job)) });

export async function comparePairs(file: string, out: Output): Promise<number> {
  const { pairs, errors } = readPairs(file);
  // Report bad lines first, in file order, so they are not lost in long output.
  for (const e of errors) out.err(e.format());
  const job: PairsJob = { pairs: pairs.map((p) => ({ id: p.id, original: p.original, candidate: p.candidate })) };
  const batch = new RunningBatch<Entry>('pairs', job, job.pairs.length);
  printEntries(await batch.run(pairItem(job), (_, e) => e), out);
  return errors.length ? 1 : 0;
}

export async function compareFiles(originalFile: string, candidateFile: string, json: boolean, outlet: string | undefined, out: Output): Promise<number> {
  const original = await loadArticleFile(originalFile);
  const candidate = await loadArticleFile(candidateFile);
  const credits = extractCredits(candidate.text, candidate.meta);
  // Whether the candidate credits the original's outlet (known from an HTML page or --outlet).
  const host = hostOf(original.meta.canonicalUrl) || hostOf(original.meta.url);
  const name = outlet ?? original.meta.siteName ?? '';
  const credited = (!!name || !!host) && creditsOutlet(credits, name ? outletKey(name) : '', host);
  const c: Comparison = compareTexts(original.text, candidate.text, { credited });
  if (json) {
    out.line(
      JSON.stringify(
        {
          original: { file: originalFile, title: original.meta.title ?? '' },
          candidate: { file: candidateFile, title: candidate.meta.title ?? '' },
          ...c,
          credited,
          passages: c.passages.map((p) => ({ ...p, text: passageText(p, candidate.text, original.text) })),
          credits,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const lines = [
    `Verdict:     ${VERDICT_WORDS[c.verdict]}`,
    `Score:       ${num(c.score)}`,
    `Original:    ${originalFile}${original.meta.title ? `  "${truncate(original.meta.title, 80)}"` : ''}`,
    `Candidate:   ${candidateFile}${candidate.meta.title ? `  "${truncate(candidate.meta.title, 80)}"` : ''}`,
    `Containment: ${pct(c.containment)} of the candidate is found in the original`,
    `Coverage:    ${pct(c.coverage)} of the original is carried by the candidate`,
    `Jaccard:     ${num(c.jaccard)}   in order: ${pct(c.ordered)}   shared vocabulary: ${pct(c.vocabulary)}`,
    `Shared passages (${c.passages.length}):`,
    ...(c.passages.length ? passageLines(c.passages, candidate.text, original.text) : ['  none']),
    `Credits the original: ${name || host ? (credited ? `yes (${name || host})` : `no (${name || host})`) : 'unknown (no outlet for the original; see --outlet)'}`,
    'Credited sources (in the candidate):',
    ...creditLines(credits),
  ];
  out.line(lines.join('\n'));
  return 0;
}
