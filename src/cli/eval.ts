// `firsthand eval PAIRS.jsonl`: detection quality on a labelled corpus of text pairs.
import { compareTexts, fingerprint, type Verdict } from '../index/index.ts';
import { MIN_AGREEMENT } from '../index/check.ts';
import { rocAuc } from './auc.ts';
import { compareLabels, labelClass } from './labels.ts';
import { Output } from './output.ts';
import { readPairs } from './pairs.ts';

export const EVAL_HELP = `Usage:
  firsthand eval PAIRS.jsonl [--index] [--json]
  npm run eval -- PAIRS.jsonl [--index]

Reads labelled pairs {"id","original","candidate","label"}, one JSON object a line.

Without --index, each pair is compared directly (the original against its candidate) and the
report gives:
  - a table of verdicts per label (counts and shares);
  - ROC AUC of the score, derived pairs against hard negatives and against all negatives;
  - the share of 'unrelated' pairs that got a flagged verdict (copy, partial copy, rewrite);
  - per label, how many candidates share an LSH band with their original (what an index finds).

With --index, every distinct original goes into one index and each candidate is checked
against all of them, as the extension checks a page (originals seen first, no stated dates).
Per label: how often the pair's own original is among the matches at all, how often the
candidate is flagged naming its own original, how often a different original is named (and
how often that one is not a story the corpus says the candidate derives from); and ROC AUC of
the own original's match score (0 when not found).

Labels: positives cut, light, heavy (Clough & Stevenson), WD, PD (COUNTER) or copy,
partial-copy, rewrite; hard negatives non, ND or related; easy negatives unrelated. Other
labels are tabulated only.

Options:
  --index      check every candidate against an index of all the originals
  --json       one JSON object with the same numbers
  -h, --help   this help
`;

const VERDICTS: Verdict[] = ['copy', 'partial-copy', 'rewrite', 'related', 'unrelated'];
const FLAGGED = new Set<Verdict>(['copy', 'partial-copy', 'rewrite']);

interface LabelRow {
  label: string;
  n: number;
  counts: Record<Verdict, number>;
  meanScore: number;
  /** Pairs whose candidate shares at least one LSH band with the original: what an index lookup would find. */
  retrieved: number;
  /** Of those, how many pass the check's signature prefilter (MIN_AGREEMENT), i.e. would be verified. */
  verified: number;
}

export interface EvalReport {
  pairs: number;
  badLines: number;
  labels: LabelRow[];
  aucVsHard: number;
  aucVsAll: number;
  positives: number;
  hardNegatives: number;
  allNegatives: number;
  unrelatedFlagged: { n: number; flagged: number; share: number };
}

export function evaluate(file: string, json: boolean, out: Output): number {
  const { pairs, errors } = readPairs(file, { requireLabel: true });
  for (const e of errors) out.err(e.format());
  const rows = new Map<string, LabelRow & { sum: number }>();
  const pos: number[] = [];
  const hard: number[] = [];
  const easy: number[] = [];
  for (const p of pairs) {
    const label = p.label ?? '';
    const c = compareTexts(p.original, p.candidate);
    let row = rows.get(label);
    if (!row) {
      row = { label, n: 0, counts: { copy: 0, 'partial-copy': 0, rewrite: 0, related: 0, unrelated: 0 }, meanScore: 0, retrieved: 0, verified: 0, sum: 0 };
      rows.set(label, row);
    }
    row.n++;
    row.counts[c.verdict]++;
    const a = fingerprint(p.original);
    const b = fingerprint(p.candidate);
    const bands = new Set(a.bandKeys);
    if (b.bandKeys.some((k) => bands.has(k))) {
      row.retrieved++;
      let agree = 0;
      for (let i = 0; i < a.signature.length; i++) if (a.signature[i] === b.signature[i]) agree++;
      if (agree >= MIN_AGREEMENT) row.verified++;
    }
    row.sum += c.score;
    const cls = labelClass(label);
    if (cls === 'positive') pos.push(c.score);
    else if (cls === 'hard-negative') hard.push(c.score);
    else if (cls === 'easy-negative') easy.push(c.score);
  }
  const labels = [...rows.values()].sort((a, b) => compareLabels(a.label, b.label)).map(({ sum, ...r }) => ({ ...r, meanScore: r.n ? sum / r.n : 0 }));
  const unrelated = rows.get('unrelated');
  const flagged = unrelated ? VERDICTS.filter((v) => FLAGGED.has(v)).reduce((n, v) => n + unrelated.counts[v], 0) : 0;
  const report: EvalReport = {
    pairs: pairs.length,
    badLines: errors.length,
    labels,
    aucVsHard: rocAuc(pos, hard),
    aucVsAll: rocAuc(pos, [...hard, ...easy]),
    positives: pos.length,
    hardNegatives: hard.length,
    allNegatives: hard.length + easy.length,
    unrelatedFlagged: { n: unrelated?.n ?? 0, flagged, share: unrelated?.n ? flagged / unrelated.n : 0 },
  };
  if (json) out.line(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2));
  else out.line(renderReport(file, report).join('\n'));
  return errors.length ? 1 : 0;
}

export function renderReport(file: string, r: EvalReport): string[] {
  const w = 16;
  const head = [
    'label'.padEnd(12),
    'n'.padStart(5),
    ...VERDICTS.map((v) => v.padStart(w)),
    'mean score'.padStart(12),
    'LSH found'.padStart(10),
    'verified'.padStart(9),
  ].join(' ');
  const lines = [`${file}: ${r.pairs} pairs${r.badLines ? `, ${r.badLines} bad lines skipped` : ''}`, '', head];
  for (const row of r.labels) {
    const cells = VERDICTS.map((v) => {
      const n = row.counts[v];
      return `${n} (${((n / row.n) * 100).toFixed(0)}%)`.padStart(w);
    });
    lines.push(
      [
        row.label.padEnd(12),
        String(row.n).padStart(5),
        ...cells,
        row.meanScore.toFixed(3).padStart(12),
        `${row.retrieved}/${row.n}`.padStart(10),
        `${row.verified}/${row.n}`.padStart(9),
      ].join(' '),
    );
  }
  const auc = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
  lines.push(
    '',
    `ROC AUC of score, derived (${r.positives}) vs hard negatives (${r.hardNegatives}): ${auc(r.aucVsHard)}`,
    `ROC AUC of score, derived (${r.positives}) vs all negatives (${r.allNegatives}):  ${auc(r.aucVsAll)}`,
    `Unrelated pairs flagged as copy, partial copy or rewrite: ${r.unrelatedFlagged.flagged} of ${r.unrelatedFlagged.n}` +
      (r.unrelatedFlagged.n ? ` (${(r.unrelatedFlagged.share * 100).toFixed(1)}%)` : ''),
  );
  return lines;
}
