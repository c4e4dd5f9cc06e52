// `firsthand check FILE --db PACK`: what the extension would say about a page, from the command line.
import { checkArticle, type CheckResult, type MatchSummary } from '../index/index.ts';
import { truncate } from '../shared/text.ts';
import { VERDICT_WORDS, creditLines, date, num, passageLines, pct } from './format.ts';
import { usageError } from './io.ts';
import { loadArticleFile, type MetaDefaults } from './load.ts';
import { Output } from './output.ts';
import { readPack, recordOf, storeOf } from './pack.ts';

export const CHECK_HELP = `Usage:
  firsthand check FILE --db PACK [--json] [--sensitivity low|normal|high]
                  [--outlet NAME] [--published DATE]

Checks an article file (plain text or HTML) against the articles in PACK, as the extension
does on a page: the verdict, which stored article is the original (by date, first-seen time
and credits), containment and coverage, every related stored article, the sources the file
credits and the evidence for the choice of original.

Options:
  --db PACK              the pack file (see: firsthand index --help)
  --json                 print the engine's CheckResult as JSON
  --sensitivity LEVEL    low, normal (default) or high
  --outlet NAME          outlet of FILE if it names none (plain text)
  --published DATE       publication date (ISO 8601) of FILE if it states none
  -h, --help             this help
`;

const SENSITIVITY = ['low', 'normal', 'high'] as const;
type Sensitivity = (typeof SENSITIVITY)[number];

export function parseSensitivity(v: string | undefined): Sensitivity {
  if (v === undefined) return 'normal';
  if ((SENSITIVITY as readonly string[]).includes(v)) return v as Sensitivity;
  throw usageError(`--sensitivity must be low, normal or high, not "${v}"`);
}

export async function check(file: string, pack: string, json: boolean, sensitivity: Sensitivity, defaults: MetaDefaults, out: Output): Promise<number> {
  const store = storeOf(readPack(pack));
  const article = await loadArticleFile(file, defaults);
  const { record, fp } = recordOf(article);
  const result = await checkArticle(store, { record, fp }, { sensitivity });
  if (json) {
    out.line(JSON.stringify(result, null, 2));
    return 0;
  }
  out.line(report(file, record.title, article.text, result).join('\n'));
  return 0;
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
  return `${VERDICT_WORDS[m.verdict].split(' (')[0]}, score ${num(m.score)}, containment ${pct(m.containment)}, coverage ${pct(m.coverage)}: ${m.outlet}, "${truncate(m.title, 60)}" (${date(m.publishedAt ?? m.firstSeenAt).slice(0, 10)}; ${dir})`;
}
