// `firsthand eval PAIRS.jsonl`: detection quality on a labelled corpus of text pairs.
import { compareTexts, fingerprint, SENSITIVITIES, type Sensitivity, type Verdict } from '../index/index.ts';
import { MIN_AGREEMENT } from '../index/check.ts';
import { rocAuc } from './auc.ts';
import { compareLabels, labelClass } from './labels.ts';
import { Output } from './output.ts';
import { readPairs, type Pair } from './pairs.ts';

export const EVAL_HELP = `Usage:
  firsthand eval PAIRS.jsonl [--index [--as-list]] [--sensitivity low|normal|high | --levels] [--json]
  npm run eval -- PAIRS.jsonl [--index [--as-list]] [--sensitivity LEVEL | --levels]

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
the own original's match score (0 when not found). With --as-list, the originals are indexed as
a reuse list carries them (their sketches: band and topic hashes, a sample of their shingles, no
text), so the same figures measure what a listed original loses against a read one.

With --levels, the same pairs are judged at each sensitivity level (low, normal, high) and one
table gives, per label, how many are flagged at each level: directly compared, flagged as copy,
partial copy or rewrite; with --index, flagged naming the own original, and flagged naming a
story the corpus never derives the candidate from.

Labels: positives cut, light, heavy (Clough & Stevenson), WD, PD (COUNTER) or copy,
partial-copy, rewrite; hard negatives non, ND or related; easy negatives unrelated. Other
labels are tabulated only.

Options:
  --index               check every candidate against an index of all the originals
  --as-list             with --index: the originals indexed as listed articles (sketches only)
  --sensitivity LEVEL   low, normal (default) or high: the options page's setting
  --levels              flag rates per label at all three levels side by side
  --json                one JSON object with the same numbers
  -h, --help            this help
`;

const VERDICTS: Verdict[] = ['copy', 'partial-copy', 'rewrite', 'related', 'unrelated'];
const FLAGGED = new Set<Verdict>(['copy', 'partial-copy', 'rewrite']);
/** The options page's levels, least flagged first. */
export const LEVELS = SENSITIVITIES;

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
  sensitivity: Sensitivity;
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

export function evaluate(file: string, json: boolean, out: Output, sensitivity: Sensitivity = 'normal'): number {
  const { pairs, errors } = readPairs(file, { requireLabel: true });
  for (const e of errors) out.err(e.format());
  const report = directReport(pairs, errors.length, sensitivity);
  if (json) out.line(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2));
  else out.line(renderReport(file, report).join('\n'));
  return errors.length ? 1 : 0;
}

function directReport(pairs: Pair[], badLines: number, sensitivity: Sensitivity): EvalReport {
  const rows = new Map<string, LabelRow & { sum: number }>();
  const pos: number[] = [];
  const hard: number[] = [];
  const easy: number[] = [];
  for (const p of pairs) {
    const label = p.label ?? '';
    const c = compareTexts(p.original, p.candidate, { sensitivity });
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
  return {
    sensitivity,
    pairs: pairs.length,
    badLines,
    labels,
    aucVsHard: rocAuc(pos, hard),
    aucVsAll: rocAuc(pos, [...hard, ...easy]),
    positives: pos.length,
    hardNegatives: hard.length,
    allNegatives: hard.length + easy.length,
    unrelatedFlagged: { n: unrelated?.n ?? 0, flagged, share: unrelated?.n ? flagged / unrelated.n : 0 },
  };
}

/** One label's flag rates at each level: `flagged[i]` of `n` pairs at `LEVELS[i]`. */
export interface LevelsRow {
  label: string;
  n: number;
  flagged: number[];
  /** --index only: of the flagged, those naming an original the corpus never derives the candidate from. */
  wrongStory?: number[];
}

export interface LevelsReport {
  mode: 'direct-levels' | 'index-levels';
  pairs: number;
  badLines: number;
  levels: readonly Sensitivity[];
  labels: LevelsRow[];
}

/** `eval --levels`: each pair compared directly, judged at every level. */
export function evaluateLevels(file: string, json: boolean, out: Output): number {
  const { pairs, errors } = readPairs(file, { requireLabel: true });
  for (const e of errors) out.err(e.format());
  const reports = LEVELS.map((level) => directReport(pairs, errors.length, level));
  const labels = reports[0].labels.map((row): LevelsRow => ({
    label: row.label,
    n: row.n,
    flagged: reports.map((r) => {
      const counts = r.labels.find((l) => l.label === row.label)?.counts;
      return counts ? [...FLAGGED].reduce((n, v) => n + counts[v], 0) : 0;
    }),
  }));
  const report: LevelsReport = { mode: 'direct-levels', pairs: pairs.length, badLines: errors.length, levels: LEVELS, labels };
  out.line(json ? JSON.stringify(report, null, 2) : renderLevels(file, report).join('\n'));
  return errors.length ? 1 : 0;
}

const shareOf = (k: number, n: number): string => `${k} (${n ? ((k / n) * 100).toFixed(0) : '0'}%)`;

export function renderLevels(file: string, r: LevelsReport): string[] {
  const w = 14;
  const index = r.mode === 'index-levels';
  const heads = index ? r.levels.flatMap((l) => [`${l} flagged`, `${l} wrong`]) : r.levels.map((l) => `${l}`);
  const lines = [
    `${file}: ${r.pairs} pairs${r.badLines ? `, ${r.badLines} bad lines skipped` : ''}`,
    '',
    index
      ? 'Flagged naming the own original (flagged), or an original of another story (wrong),'
      : 'Flagged as copy, partial copy or rewrite, each pair compared directly,',
    'at each sensitivity level:',
    '',
    ['label'.padEnd(12), 'n'.padStart(5), ...heads.map((h) => h.padStart(w))].join(' '),
  ];
  for (const row of r.labels) {
    const cells = r.levels.flatMap((_l, i) => [shareOf(row.flagged[i], row.n), ...(row.wrongStory ? [shareOf(row.wrongStory[i], row.n)] : [])]);
    lines.push([row.label.padEnd(12), String(row.n).padStart(5), ...cells.map((c) => c.padStart(w))].join(' '));
  }
  return lines;
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
  const level = r.sensitivity === 'normal' ? '' : `; sensitivity ${r.sensitivity}`;
  const lines = [`${file}: ${r.pairs} pairs${r.badLines ? `, ${r.badLines} bad lines skipped` : ''}${level}`, '', head];
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
