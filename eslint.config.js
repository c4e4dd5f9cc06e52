// ESLint: correctness and the architecture only. Style belongs to the formatter (prettier).
//   - JS and typescript-eslint recommended rules (without type information, to stay fast;
//     `npm run lint:promises` adds the type-aware promise rules, see eslint.promises.config.js);
//   - the import zones between the extension's contexts (scripts/architecture.mjs has the table);
//   - no import cycles; Node built-ins only in the CLI; webextension-polyfill only in the
//     worker and the pages; no package at all in the engine and the shared helpers.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import { CONTEXTS, NO_PACKAGES, NODE_CONTEXTS, POLYFILL_CONTEXTS } from './scripts/architecture.mjs';

const contexts = Object.keys(CONTEXTS);

/** One zone per context: its files may not import the src/ folders outside its row of the table. */
const zones = contexts.map((ctx) => {
  const allowed = new Set([ctx, ...CONTEXTS[ctx]]);
  const from = contexts.filter((c) => !allowed.has(c)).map((c) => `./src/${c}`);
  const may = CONTEXTS[ctx].length ? CONTEXTS[ctx].join(', ') : 'nothing outside it';
  return { target: `./src/${ctx}`, from, message: `src/${ctx} may import only src/${ctx} and ${may} (scripts/architecture.mjs).` };
});
// The product never imports the tests, benchmarks or scripts.
zones.push({ target: './src', from: ['./tests', './bench', './scripts'], message: 'src/ may not import tests, bench or scripts.' });

const dirs = (list) => list.map((c) => `src/${c}/**`);
const TS = '**/*.{ts,mts,cts}';

export default defineConfig(
  {
    ignores: ['dist/**', 'dist-test/**', 'artifacts/**', 'node_modules/**', '.tmp/**', 'bench/results.json'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended.map((c) => ({ ...c, files: c.files ?? [TS] })),
  {
    files: [TS],
    rules: {
      // Unused names are the compiler's (noUnusedLocals/noUnusedParameters); one report is enough.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle reads the files an import leads to: it must parse TypeScript to follow them.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    // Node built-ins: the CLI only (tests, bench, scripts and configs are outside src/).
    files: dirs(contexts.filter((c) => !NODE_CONTEXTS.includes(c))),
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    files: dirs(contexts.filter((c) => !POLYFILL_CONTEXTS.includes(c) && !NO_PACKAGES.includes(c))),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'Only the worker (src/background) and the pages (src/popup) use webextension-polyfill; the content script uses src/content/runtime.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: dirs(NO_PACKAGES),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\.{1,2}/)', message: 'The engine and the shared helpers import no package: only relative paths.' }] },
      ],
    },
  },
);
