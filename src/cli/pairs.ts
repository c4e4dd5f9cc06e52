// JSON Lines files of text pairs: {"id", "original", "candidate"[, "label"]} per line.
// A bad line is reported (file:line: problem) and skipped; the others are still read.
import { CliError, readTextFile } from './io.ts';

export interface Pair {
  line: number;
  id: string;
  original: string;
  candidate: string;
  label?: string;
}

export interface PairsResult {
  pairs: Pair[];
  /** One CliError per malformed line, in file order. */
  errors: CliError[];
}

export function readPairs(file: string, opts: { requireLabel?: boolean } = {}): PairsResult {
  const text = readTextFile(file);
  const pairs: Pair[] = [];
  const errors: CliError[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    const problem = parseLine(raw, i + 1, opts.requireLabel ?? false, pairs);
    if (problem) errors.push(new CliError(problem, file, i + 1));
  }
  if (!pairs.length && !errors.length) throw new CliError('no pairs in file', file);
  return { pairs, errors };
}

/** Parses one line into `out`; returns the problem in words when the line is malformed. */
function parseLine(raw: string, line: number, requireLabel: boolean, out: Pair[]): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return `invalid JSON (${e instanceof Error ? e.message.split('\n')[0] : 'parse error'})`;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'expected a JSON object with "id", "original" and "candidate"';
  const o = v as Record<string, unknown>;
  const id = o.id;
  if (typeof id !== 'string' && typeof id !== 'number') return 'missing "id" (a string or number)';
  for (const key of ['original', 'candidate'] as const) {
    const t = o[key];
    if (typeof t !== 'string') return `missing "${key}" (a string)`;
    if (!t.trim()) return `"${key}" is empty`;
  }
  const label = o.label;
  if (label !== undefined && typeof label !== 'string') return '"label" must be a string';
  if (requireLabel && (typeof label !== 'string' || !label.trim())) return 'missing "label"';
  out.push({
    line,
    id: String(id),
    original: o.original as string,
    candidate: o.candidate as string,
    ...(typeof label === 'string' ? { label: label.trim() } : {}),
  });
  return undefined;
}
