// The structure of src/, held without running the linter: the engine is pure (the language alone
// type-checks it: no DOM, no worker, no Node), and every import stays inside the zone table of
// scripts/architecture.mjs (the same table eslint.config.js enforces).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONTEXTS, NO_PACKAGES, NODE_CONTEXTS, POLYFILL_CONTEXTS, type Context } from '../../scripts/architecture.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');
const contexts = Object.keys(CONTEXTS) as Context[];

/** Every file under dir whose name ends in .ts (declarations included). */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const rel = (path: string): string => relative(root, path).split(sep).join('/');

/** The context a path belongs to: its first folder under src/, or null outside src/. */
function contextOf(path: string): string | null {
  const r = relative(src, path);
  if (r.startsWith('..') || r === '') return null;
  return r.split(sep)[0];
}

interface Import {
  specifier: string;
  line: number;
  /** Erased at run time: `import type`, `export type`, all-type specifiers, or an import('...') type. */
  typeOnly: boolean;
}

/** The module specifiers a file imports or re-exports, static and dynamic, with whether each is type-only. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (lit: ts.Node, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(lit)) return;
    out.push({ specifier: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const allTypes = !!clause && !clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, !!clause && (clause.isTypeOnly || allTypes));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A relative specifier's file, or null when nothing is there (imports name their .ts file). */
function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const isRelative = (s: string): boolean => s.startsWith('./') || s.startsWith('../');
const builtins = new Set(builtinModules);
const isNodeBuiltin = (s: string): boolean => s.startsWith('node:') || builtins.has(s.split('/')[0]);
/** 'idb' from 'idb/with-async-ittr', '@mozilla/readability' from itself. */
const packageName = (s: string): string => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);

const srcFiles = tsFiles(src);
const graph = new Map<string, { file: string; imp: Import; target: string | null }[]>();
for (const file of srcFiles) {
  graph.set(
    file,
    importsOf(file).map((imp) => ({ file, imp, target: isRelative(imp.specifier) ? resolveRelative(file, imp.specifier) : null })),
  );
}
const edges = [...graph.values()].flat();
const where = (e: { file: string; imp: Import }): string => `${rel(e.file)}:${e.imp.line} imports '${e.imp.specifier}'`;

describe('architecture: the engine is pure', () => {
  it('src/index and src/shared type-check with lib ES2022 only and no @types (no DOM, worker, Node or extension API)', () => {
    const files = [...tsFiles(join(src, 'index')), ...tsFiles(join(src, 'shared'))];
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      allowImportingTsExtensions: true,
      resolveJsonModule: true,
    };
    const program = ts.createProgram(files, options);
    const located = ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file ? rel(d.file.fileName) : ''}${at ? `:${at.line + 1}` : ''} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(located, 'the engine uses an API the language alone does not have').toEqual([]);
    // Nothing outside the engine and the shared helpers came into the program through an import.
    const outside = program
      .getSourceFiles()
      .filter((f) => !program.isSourceFileDefaultLibrary(f))
      .map((f) => resolve(f.fileName))
      .filter((f) => !['index', 'shared'].includes(contextOf(f) ?? ''));
    expect(outside.map(rel)).toEqual([]);
  }, 120_000);

  it('src/index imports only src/index files and no package or Node built-in', () => {
    const bad = edges
      .filter((e) => contextOf(e.file) === 'index')
      .filter((e) => !isRelative(e.imp.specifier) || !e.target || contextOf(e.target) !== 'index')
      .map(where);
    expect(bad).toEqual([]);
  });
});

describe('architecture: imports between contexts follow the zone table', () => {
  it('every file in src/ belongs to a known context', () => {
    const unknown = srcFiles.filter((f) => !contexts.includes(contextOf(f) as Context)).map(rel);
    expect(unknown).toEqual([]);
  });

  it('every relative import in src/ names a file that exists', () => {
    expect(edges.filter((e) => isRelative(e.imp.specifier) && !e.target).map(where)).toEqual([]);
  });

  it('src/ never imports tests, bench, scripts or anything else outside src/, save the English interface strings the browser ships', () => {
    // src/ui/i18n.ts falls back to the very file the browser reads (public/_locales/en), not a copy.
    const shipped = join(root, 'public', '_locales', 'en', 'messages.json');
    expect(edges.filter((e) => e.target && contextOf(e.target) === null && e.target !== shipped).map(where)).toEqual([]);
  });

  it('each context imports only itself and the contexts its row of scripts/architecture.mjs allows', () => {
    const bad = edges
      .filter((e) => e.target)
      .filter((e) => {
        const from = contextOf(e.file) as Context;
        const to = contextOf(e.target!) as Context;
        return to !== null && to !== from && !CONTEXTS[from]?.includes(to);
      })
      .map((e) => `${where(e)} (src/${contextOf(e.file)} may not import src/${contextOf(e.target!)})`);
    expect(bad).toEqual([]);
  });

  it('the engine and the shared helpers import no package', () => {
    const bad = edges.filter((e) => NO_PACKAGES.includes(contextOf(e.file) as Context) && !isRelative(e.imp.specifier)).map(where);
    expect(bad).toEqual([]);
  });

  it('Node built-ins are imported only by src/cli and src/corpus', () => {
    const bad = edges.filter((e) => isNodeBuiltin(e.imp.specifier) && !NODE_CONTEXTS.includes(contextOf(e.file) as Context)).map(where);
    expect(bad).toEqual([]);
  });

  it('webextension-polyfill is imported only by src/background and src/popup (not the content script)', () => {
    const bad = edges
      .filter((e) => !isRelative(e.imp.specifier) && packageName(e.imp.specifier) === 'webextension-polyfill')
      .filter((e) => !POLYFILL_CONTEXTS.includes(contextOf(e.file) as Context))
      .map(where);
    expect(bad).toEqual([]);
  });

  it('src/ has no import cycle (type-only imports, erased at run time, aside)', () => {
    const next = new Map<string, string[]>();
    for (const e of edges) if (e.target && !e.imp.typeOnly) next.set(e.file, [...(next.get(e.file) ?? []), e.target]);
    // Depth-first search; a grey node met again closes a cycle.
    const state = new Map<string, 'grey' | 'black'>();
    const cycles: string[] = [];
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'grey');
      stack.push(f);
      for (const t of next.get(f) ?? []) {
        if (state.get(t) === 'grey') cycles.push([...stack.slice(stack.indexOf(t)), t].map(rel).join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'black');
    };
    for (const f of srcFiles) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
