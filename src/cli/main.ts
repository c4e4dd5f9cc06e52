// Entry point of the `firsthand` CLI: argument parsing, dispatch and error reporting.
// User errors print one line (`firsthand: <file>[:<line>]: <problem>`) and never a stack trace.
import { parseArgs } from 'node:util';
import { CHECK_HELP, check, parseSensitivity } from './check.ts';
import { COMPARE_HELP, compareFiles, comparePairs } from './compare.ts';
import { CORPUS_HELP, corpusGraph, corpusIngest, corpusWorkerCommand } from './corpus.ts';
import { EVAL_HELP, evaluate, evaluateLevels } from './eval.ts';
import { evaluateIndex, evaluateIndexLevels } from './eval-index.ts';
import { INDEX_HELP, indexAdd, indexList, indexStats } from './index-cmd.ts';
import { CliError, usageError } from './io.ts';
import { LIST_HELP, listBuild, listInfo, listKeygen, listMerge, type ListFlags } from './list.ts';
import type { MetaDefaults } from './load.ts';
import { Output } from './output.ts';

// The CLI's worker threads start through the launcher too (bin/firsthand.js), which calls this.
export { workerMain } from './parallel.ts';

export const USAGE = `firsthand: finds syndicated and recycled news copy, offline.

Usage:
  firsthand compare ORIGINAL CANDIDATE [--json]   how much of CANDIDATE derives from ORIGINAL
  firsthand compare --pairs FILE.jsonl            many pairs, one JSON line each
  firsthand index add FILE... --db PACK           add articles to a pack (the extension's export format)
  firsthand index list|stats --db PACK            what a pack holds
  firsthand check FILE... --db PACK|LIST [--json] check articles against a pack or a reuse list
  firsthand list build INPUT... --out LIST        a reuse list of original reporting (text-free)
                 [--name] [--publisher] [--description] [--homepage] [--expires] [--sign KEYFILE]
  firsthand list info LIST [--json]               what a list holds, its digest and signature
  firsthand list merge LIST... --out LIST         the union of lists
  firsthand list keygen --out KEYFILE             a new key to sign lists with
  firsthand eval PAIRS.jsonl [--index] [--json]   detection quality on a labelled corpus
                 [--sensitivity low|normal|high | --levels]
  firsthand corpus ingest INPUT... --store PATH   read a news archive into an on-disk store
  firsthand corpus worker --store redis://...     work on a Redis store's ingest queue
  firsthand corpus graph --store PATH --out DIR   its reuse graph: edges and stories

Run 'firsthand <command> --help' for the options of a command.
`;

type Flags = Record<string, string | boolean | undefined>;

function parse(command: string, argv: string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>): { flags: Flags; args: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { flags: values as Flags, args: positionals };
  } catch (e) {
    throw usageError(`${command}: ` + (e instanceof Error ? e.message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '') : String(e)));
  }
}

const META_OPTIONS = { outlet: { type: 'string' }, published: { type: 'string' } } as const;

function metaDefaults(flags: Flags): MetaDefaults {
  const published = flags.published;
  if (typeof published === 'string' && !Number.isFinite(Date.parse(published)))
    throw usageError(`--published must be a date such as 2024-03-31 or 2024-03-31T14:39:00Z, not "${published}"`);
  return {
    ...(typeof flags.outlet === 'string' && flags.outlet.trim() ? { outlet: flags.outlet.trim() } : {}),
    ...(typeof published === 'string' ? { published } : {}),
  };
}

function need(flags: Flags, name: string, command: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || !v) throw usageError(`${command}: --${name} is required`);
  return v;
}

function count(args: string[], n: number, command: string, what: string): void {
  if (args.length !== n) throw usageError(`${command}: expected ${what}, got ${args.length} argument${args.length === 1 ? '' : 's'}`);
}

async function run(argv: string[], out: Output): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'compare':
      return runCompare(rest, out);
    case 'index':
      return runIndex(rest, out);
    case 'check':
      return runCheck(rest, out);
    case 'list':
      return runList(rest, out);
    case 'eval':
      return runEval(rest, out);
    case 'corpus':
      return runCorpus(rest, out);
    case 'help':
    case '--help':
    case '-h':
      return help(out, USAGE);
    case undefined:
      process.stderr.write(USAGE);
      return 2;
    default:
      process.stderr.write(`firsthand: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

/** `compare ORIGINAL CANDIDATE` or `compare --pairs FILE`. */
function runCompare(rest: string[], out: Output): Promise<number> | number {
  const { flags, args } = parse('compare', rest, { json: { type: 'boolean' }, pairs: { type: 'string' }, outlet: { type: 'string' } });
  if (flags.help) return help(out, COMPARE_HELP);
  if (typeof flags.pairs === 'string') {
    count(args, 0, 'compare --pairs', 'no other files');
    return comparePairs(flags.pairs, out);
  }
  count(args, 2, 'compare', 'ORIGINAL and CANDIDATE');
  return compareFiles(args[0], args[1], flags.json === true, flags.outlet as string | undefined, out);
}

/** `index add|list|stats`. */
function runIndex(rest: string[], out: Output): Promise<number> | number {
  const [sub, ...more] = rest;
  const { flags, args } = parse('index', more, { db: { type: 'string' }, json: { type: 'boolean' }, text: { type: 'boolean' }, ...META_OPTIONS });
  if (flags.help || sub === '--help' || sub === '-h' || sub === undefined) return help(out, INDEX_HELP, sub === undefined);
  if (sub === 'add') {
    if (!args.length) throw usageError('index add: expected at least one FILE');
    return indexAdd(args, need(flags, 'db', 'index add'), flags.text === true, metaDefaults(flags), out);
  }
  if (sub === 'list' || sub === 'stats') {
    count(args, 0, `index ${sub}`, 'no files');
    const pack = need(flags, 'db', `index ${sub}`);
    return sub === 'list' ? indexList(pack, flags.json === true, out) : indexStats(pack, flags.json === true, out);
  }
  throw usageError(`index: unknown subcommand "${sub}" (add, list, stats)`);
}

const LIST_OPTIONS = {
  out: { type: 'string' },
  name: { type: 'string' },
  publisher: { type: 'string' },
  description: { type: 'string' },
  homepage: { type: 'string' },
  expires: { type: 'string' },
  sign: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function listFlags(flags: Flags): ListFlags {
  const pick = (k: keyof ListFlags) => (typeof flags[k] === 'string' ? { [k]: flags[k] as string } : {});
  return { ...pick('name'), ...pick('publisher'), ...pick('description'), ...pick('homepage'), ...pick('expires'), ...pick('sign') };
}

/** `list build|info|merge|keygen`. */
function runList(rest: string[], out: Output): Promise<number> | number {
  const [sub, ...more] = rest;
  const { flags, args } = parse('list', more, LIST_OPTIONS);
  if (flags.help || sub === '--help' || sub === '-h' || sub === undefined) return help(out, LIST_HELP, sub === undefined);
  switch (sub) {
    case 'build':
      if (!args.length) throw usageError('list build: expected at least one INPUT (files or folders)');
      return listBuild(args, need(flags, 'out', 'list build'), listFlags(flags), out);
    case 'info':
      count(args, 1, 'list info', 'one LIST');
      return listInfo(args[0], flags.json === true, out);
    case 'merge':
      if (args.length < 1) throw usageError('list merge: expected at least one LIST');
      return listMerge(args, need(flags, 'out', 'list merge'), listFlags(flags), out);
    case 'keygen':
      count(args, 0, 'list keygen', 'no files but --out KEYFILE');
      return listKeygen(need(flags, 'out', 'list keygen'), out);
    default:
      throw usageError(`list: unknown subcommand "${sub}" (build, info, merge, keygen)`);
  }
}

/** `corpus ingest|graph`. */
function runCorpus(rest: string[], out: Output): Promise<number> | number {
  const [sub, ...more] = rest;
  const { json: _json, ...listOptions } = LIST_OPTIONS;
  void _json;
  const { flags, args } = parse('corpus', more, { ...listOptions, store: { type: 'string' }, workers: { type: 'string' } });
  if (flags.help || sub === '--help' || sub === '-h' || sub === undefined) return help(out, CORPUS_HELP, sub === undefined);
  switch (sub) {
    case 'ingest':
      if (!args.length) throw usageError('corpus ingest: expected at least one INPUT (files or folders)');
      return corpusIngest(args, need(flags, 'store', 'corpus ingest'), out, workersFlag(flags.workers));
    case 'worker':
      count(args, 0, 'corpus worker', 'no files but --store redis://HOST:PORT');
      return corpusWorkerCommand(need(flags, 'store', 'corpus worker'), out);
    case 'graph':
      count(args, 0, 'corpus graph', 'no files but --store PATH and --out DIR');
      return corpusGraph(need(flags, 'store', 'corpus graph'), need(flags, 'out', 'corpus graph'), listFlags(flags), out);
    default:
      throw usageError(`corpus: unknown subcommand "${sub}" (ingest, worker, graph)`);
  }
}

function workersFlag(v: Flags[string]): { workers?: number } {
  if (v === undefined) return {};
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v) || n > 64) throw usageError(`--workers must be a whole number from 0 to 64, not "${String(v)}"`);
  return { workers: n };
}

/** `check FILE... --db PACK`. */
function runCheck(rest: string[], out: Output): Promise<number> | number {
  const { flags, args } = parse('check', rest, { db: { type: 'string' }, json: { type: 'boolean' }, sensitivity: { type: 'string' }, ...META_OPTIONS });
  if (flags.help) return help(out, CHECK_HELP);
  if (!args.length) throw usageError('check: expected at least one FILE');
  const sensitivity = parseSensitivity(flags.sensitivity as string | undefined);
  return check(args, need(flags, 'db', 'check'), flags.json === true, sensitivity, metaDefaults(flags), out);
}

/** `eval PAIRS.jsonl [--index] [--sensitivity LEVEL | --levels]`. */
function runEval(rest: string[], out: Output): Promise<number> | number {
  const { flags, args } = parse('eval', rest, {
    json: { type: 'boolean' },
    index: { type: 'boolean' },
    'as-list': { type: 'boolean' },
    sensitivity: { type: 'string' },
    levels: { type: 'boolean' },
  });
  if (flags.help) return help(out, EVAL_HELP);
  count(args, 1, 'eval', 'one PAIRS.jsonl file');
  const json = flags.json === true;
  const index = flags.index === true;
  const asList = flags['as-list'] === true;
  if (asList && !index) throw usageError('eval: --as-list indexes the originals as a list; it needs --index');
  if (flags.levels === true) {
    if (flags.sensitivity !== undefined) throw usageError('eval: --levels shows every level; leave out --sensitivity');
    return index ? evaluateIndexLevels(args[0], json, out, asList) : evaluateLevels(args[0], json, out);
  }
  const sensitivity = parseSensitivity(flags.sensitivity as string | undefined);
  return index ? evaluateIndex(args[0], json, out, sensitivity, asList) : evaluate(args[0], json, out, sensitivity);
}

/** Help goes to stdout with exit 0 when asked for, to stderr with exit 2 when the command was incomplete. */
function help(out: Output, text: string, incomplete = false): number {
  if (incomplete) {
    process.stderr.write(text);
    return 2;
  }
  out.line(text.trimEnd());
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const out = new Output();
  // A closed pipe (`firsthand ... | head`) ends the run quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  try {
    const code = await run(argv, out);
    out.flush();
    return code;
  } catch (e) {
    out.flush();
    if (e instanceof CliError) {
      const hint = e.exitCode === 2 && argv[0] ? ` (see: firsthand ${argv[0]} --help)` : '';
      process.stderr.write(`${e.format()}${hint}\n`);
      return e.exitCode;
    }
    // An unexpected failure: still one line, the stack only on request.
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`firsthand: ${message.split('\n')[0]}\n`);
    if (process.env.FIRSTHAND_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
