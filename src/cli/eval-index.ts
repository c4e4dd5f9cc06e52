// `firsthand eval PAIRS.jsonl --index`: detection quality as the extension sees it. Every
// distinct original goes into one index; each candidate is checked against all of them, so a
// candidate must be found by its bands, pass the prefilter and be told apart from the other
// stories, and what counts is which original it is said to derive from.
import { buildRecord, checkArticle, listedRecord, MemoryStore, verdictOf, type ArticleRecord, type CheckResult, type Sensitivity } from '../index/index.ts';
import { measure } from '../index/verify.ts';
import { rocAuc } from './auc.ts';
import { LEVELS, renderLevels, type LevelsReport } from './eval.ts';
import { compareLabels, labelClass } from './labels.ts';
import { fromText } from './load.ts';
import { Output } from './output.ts';
import { readPairs, type Pair } from './pairs.ts';

/**
 * Every original is seen a day before every candidate and no text states a publication time,
 * so the order is original -> candidate, as the corpora mean it, and no date decides anything else.
 */
const ORIGINALS_SEEN_AT = Date.UTC(2000, 0, 1);
const CANDIDATES_SEEN_AT = ORIGINALS_SEEN_AT + 24 * 3600 * 1000;

export interface IndexLabelRow {
  label: string;
  n: number;
  /** The pair's own original is among the check's matches, whatever the verdict (related too). */
  ownFound: number;
  /** The check flags the candidate (copy, partial copy, rewrite) and names its own original. */
  ownFlagged: number;
  /** The check flags the candidate and names a different original than the pair's. */
  otherNamed: number;
  /** Of those, the named original is of another story: not one the corpus labels this candidate as
   * derived from, and unrelated (compared directly, both ways) to every original the corpus pairs
   * it with as the same story (derived or written independently). A named original related to
   * those (another agency's story of the same event, or a copy of one) is not counted here. */
  wrongNamed: number;
  /** Ids of the pairs counted in otherNamed and in wrongNamed. */
  otherNamedIds: string[];
  wrongNamedIds: string[];
}

export interface IndexEvalReport {
  mode: 'index';
  /** The originals were indexed as listed articles (their sketches only, as a reuse list carries them). */
  asList: boolean;
  /** Distinct candidates flagged naming an original of another story (wrongNamed, counted once per candidate). */
  wrongChecks: number;
  sensitivity: Sensitivity;
  pairs: number;
  badLines: number;
  /** Distinct originals in the index. */
  originals: number;
  /** Distinct candidates checked (a candidate in several pairs is checked once). */
  candidates: number;
  labels: IndexLabelRow[];
  /** ROC AUC of the own original's match score (0 when it is not among the matches). */
  aucVsHard: number;
  aucVsAll: number;
  positives: number;
  hardNegatives: number;
  allNegatives: number;
}

/** Distinct texts numbered in file order: several pairs share one agency story or one answer. */
function numbered(texts: Iterable<string>): Map<string, number> {
  const n = new Map<string, number>();
  for (const t of texts) if (!n.has(t)) n.set(t, n.size);
  return n;
}

/** The record of a text as `firsthand index add` makes it from a plain-text file of that name. */
function recordOfText(text: string, name: string, firstSeenAt: number): ReturnType<typeof buildRecord> {
  const a = fromText(name, text, `file:///firsthand-eval/${name}`);
  return buildRecord(a.text, a.meta, firstSeenAt);
}

const originalId = (n: number): string => `file:///firsthand-eval/original-${n}`;

/** For each candidate text, the originals the corpus says it derives from (its positive pairs). */
function labelledSources(pairs: Pair[], originals: Map<string, number>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of pairs) {
    if (labelClass(p.label ?? '') !== 'positive') continue;
    let s = out.get(p.candidate);
    if (!s) out.set(p.candidate, (s = new Set()));
    s.add(originalId(originals.get(p.original) ?? -1));
  }
  return out;
}

/** For each candidate text, the originals the corpus pairs it with as the same story (derived or independent). */
function storySources(pairs: Pair[], originals: Map<string, number>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of pairs) {
    const c = labelClass(p.label ?? '');
    if (c !== 'positive' && c !== 'hard-negative') continue;
    let s = out.get(p.candidate);
    if (!s) out.set(p.candidate, (s = new Set()));
    s.add(originalId(originals.get(p.original) ?? -1));
  }
  return out;
}

/** Two originals of one story: compared directly, one is at least related to the other. */
function sameStory(a: ArticleRecord | undefined, b: ArticleRecord | undefined): boolean {
  if (!a || !b) return false;
  return verdictOf(measure(a.tokens, b.tokens)) !== 'unrelated' || verdictOf(measure(b.tokens, a.tokens)) !== 'unrelated';
}

/** Checks every distinct candidate once against one index of every distinct original. */
async function checkAll(
  pairs: Pair[],
  originals: Map<string, number>,
  byId: Map<string, ArticleRecord>,
  sensitivity: Sensitivity,
  asList: boolean,
): Promise<Map<string, CheckResult>> {
  const store = new MemoryStore();
  for (const [text, n] of originals) {
    const { record } = recordOfText(text, `original-${n}`, ORIGINALS_SEEN_AT);
    // Listed: the index holds what a reuse list carries, the sketch; the full record stays at hand
    // to tell which stories are the same.
    store.putSync(asList ? listedRecord(record) : record);
    byId.set(record.id, record);
  }
  const results = new Map<string, CheckResult>();
  for (const [text, n] of numbered(pairs.map((p) => p.candidate))) {
    const page = recordOfText(text, `candidate-${n}`, CANDIDATES_SEEN_AT);
    results.set(text, await checkArticle(store, page, { sensitivity }));
  }
  return results;
}

function emptyRow(label: string): IndexLabelRow {
  return { label, n: 0, ownFound: 0, ownFlagged: 0, otherNamed: 0, wrongNamed: 0, otherNamedIds: [], wrongNamedIds: [] };
}

export async function evaluateIndex(file: string, json: boolean, out: Output, sensitivity: Sensitivity = 'normal', asList = false): Promise<number> {
  const { pairs, errors } = readPairs(file, { requireLabel: true });
  for (const e of errors) out.err(e.format());
  const report = await indexReport(pairs, errors.length, sensitivity, asList);
  if (json) out.line(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2));
  else out.line(renderIndexReport(file, report).join('\n'));
  return errors.length ? 1 : 0;
}

/** `eval --index --levels`: the index check at every level, own original flagged and wrong story named. */
export async function evaluateIndexLevels(file: string, json: boolean, out: Output, asList = false): Promise<number> {
  const { pairs, errors } = readPairs(file, { requireLabel: true });
  for (const e of errors) out.err(e.format());
  const reports: IndexEvalReport[] = [];
  for (const level of LEVELS) reports.push(await indexReport(pairs, errors.length, level, asList));
  const row = (r: IndexEvalReport, label: string): IndexLabelRow | undefined => r.labels.find((l) => l.label === label);
  const report: LevelsReport = {
    mode: 'index-levels',
    pairs: pairs.length,
    badLines: errors.length,
    levels: LEVELS,
    labels: reports[0].labels.map((l) => ({
      label: l.label,
      n: l.n,
      flagged: reports.map((r) => row(r, l.label)?.ownFlagged ?? 0),
      wrongStory: reports.map((r) => row(r, l.label)?.wrongNamed ?? 0),
    })),
  };
  out.line(json ? JSON.stringify(report, null, 2) : renderLevels(file, report).join('\n'));
  return errors.length ? 1 : 0;
}

async function indexReport(pairs: Pair[], badLines: number, sensitivity: Sensitivity, asList = false): Promise<IndexEvalReport> {
  const originals = numbered(pairs.map((p) => p.original));
  const sources = labelledSources(pairs, originals);
  const stories = storySources(pairs, originals);
  const byId = new Map<string, ArticleRecord>();
  const results = await checkAll(pairs, originals, byId, sensitivity, asList);
  const wrongCandidates = new Set<string>();
  const rows = new Map<string, IndexLabelRow>();
  const scores = { positive: [] as number[], 'hard-negative': [] as number[], 'easy-negative': [] as number[], other: [] as number[] };
  for (const p of pairs) {
    const label = p.label ?? '';
    const own = originalId(originals.get(p.original) ?? -1);
    const r = results.get(p.candidate);
    if (!r) continue;
    let row = rows.get(label);
    if (!row) rows.set(label, (row = emptyRow(label)));
    row.n++;
    const match = r.matches.find((m) => m.id === own);
    if (match) row.ownFound++;
    if (r.original?.id === own) row.ownFlagged++;
    else if (r.original) {
      row.otherNamed++;
      row.otherNamedIds.push(p.id);
      const named = byId.get(r.original.id);
      const story = [...(stories.get(p.candidate) ?? [])];
      if (!sources.get(p.candidate)?.has(r.original.id) && !story.some((id) => id === r.original!.id || sameStory(named, byId.get(id)))) {
        wrongCandidates.add(p.candidate);
        row.wrongNamed++;
        row.wrongNamedIds.push(p.id);
      }
    }
    scores[labelClass(label)].push(match?.score ?? 0);
  }
  const pos = scores.positive;
  const hard = scores['hard-negative'];
  const all = [...hard, ...scores['easy-negative']];
  return {
    mode: 'index',
    asList,
    wrongChecks: wrongCandidates.size,
    sensitivity,
    pairs: pairs.length,
    badLines,
    originals: originals.size,
    candidates: results.size,
    labels: [...rows.values()].sort((a, b) => compareLabels(a.label, b.label)),
    aucVsHard: rocAuc(pos, hard),
    aucVsAll: rocAuc(pos, all),
    positives: pos.length,
    hardNegatives: hard.length,
    allNegatives: all.length,
  };
}

const share = (k: number, n: number): string => `${k} (${n ? ((k / n) * 100).toFixed(0) : '0'}%)`;

export function renderIndexReport(file: string, r: IndexEvalReport): string[] {
  const w = 14;
  const head = ['label'.padEnd(12), 'n'.padStart(5), ...['own found', 'own flagged', 'other named', 'wrong story'].map((h) => h.padStart(w))].join(' ');
  const lines = [
    `${file}: ${r.pairs} pairs${r.badLines ? `, ${r.badLines} bad lines skipped` : ''}; ` +
      `${r.originals} distinct originals in one index${r.asList ? ' as listed articles (sketches only, no text)' : ''}, ${r.candidates} distinct candidates each checked against it` +
      (r.sensitivity === 'normal' ? '' : `; sensitivity ${r.sensitivity}`),
    '',
    head,
  ];
  for (const row of r.labels)
    lines.push(
      [
        row.label.padEnd(12),
        String(row.n).padStart(5),
        ...[row.ownFound, row.ownFlagged, row.otherNamed, row.wrongNamed].map((k) => share(k, row.n).padStart(w)),
      ].join(' '),
    );
  const auc = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
  lines.push(
    '',
    "own found:   the pair's own original is among the matches (any verdict, related too)",
    'own flagged: flagged as copy, partial copy or rewrite, naming the own original',
    'other named: flagged, naming a different original',
    'wrong story: of those, an original of another story: not derived from by the corpus, and unrelated (compared',
    "             directly) to every original the corpus pairs the candidate with (another agency's story of the",
    '             same event, or a copy of one, is not counted)',
    '',
    `ROC AUC of the own original's match score (0 when not found), derived (${r.positives}) vs hard negatives (${r.hardNegatives}): ${auc(r.aucVsHard)}`,
    `ROC AUC of the own original's match score (0 when not found), derived (${r.positives}) vs all negatives (${r.allNegatives}):  ${auc(r.aucVsAll)}`,
  );
  lines.push(
    `Checks flagged naming an original of another story: ${r.wrongChecks} of ${r.candidates} (${((r.wrongChecks / Math.max(1, r.candidates)) * 100).toFixed(1)}%)`,
  );
  const wrong = r.labels.filter((l) => l.wrongNamedIds.length);
  if (wrong.length) lines.push('Pairs whose candidate is flagged against the wrong story:', ...wrong.map((l) => `  ${l.label}: ${l.wrongNamedIds.join(' ')}`));
  return lines;
}
