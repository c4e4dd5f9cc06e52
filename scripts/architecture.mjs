// The extension's contexts and which of them each may import: one table for the lint zones
// (eslint.config.js) and the architecture test (tests/unit/architecture.test.ts).

/**
 * Folder under src/ -> the other src/ folders its files may import.
 * Everything in src/ belongs to one of these; tests/, bench/ and scripts/ may import anything.
 */
export const CONTEXTS = {
  // The pure engine: no browser or Node API, no package.
  index: [],
  // Pure helpers for every context (errors, text).
  shared: ['index'],
  // Reuse lists: their file format, read as a stream (digest, signature, bounds), written and merged.
  lists: ['index', 'shared'],
  // Message types and their runtime checks.
  protocol: ['index', 'shared'],
  // The IndexedDB layer the worker and the pages share.
  storage: ['index', 'shared', 'protocol', 'lists'],
  // Readability and page metadata: the quick test for the content script, extraction from a page's
  // HTML for the worker (Firefox's event page) and the offscreen document, and the CLI.
  extract: ['index', 'shared'],
  // The small UI kit the ribbon and the pages share.
  ui: ['index', 'shared', 'protocol'],
  // The worker.
  background: ['index', 'shared', 'protocol', 'storage', 'lists', 'extract'],
  // Chrome's offscreen document: extracts pages for the worker, which has no DOM there.
  offscreen: ['index', 'shared', 'protocol', 'extract'],
  // The content script.
  content: ['index', 'shared', 'protocol', 'extract', 'ui'],
  // The extension pages (toolbar popup, options, compare).
  popup: ['index', 'shared', 'protocol', 'storage', 'ui', 'lists'],
  // The archive engine: the embedded on-disk store and the reuse graph (Node).
  corpus: ['index', 'shared'],
  // The Node CLI.
  cli: ['index', 'shared', 'extract', 'lists', 'corpus'],
};

/** Contexts that may import no package at all (only src/ files of the contexts they may import). */
export const NO_PACKAGES = ['index', 'shared'];

/** Contexts that may import Node built-ins (node:* or the bare names). */
export const NODE_CONTEXTS = ['cli', 'corpus'];

/** Contexts that may import webextension-polyfill (the content script uses src/content/runtime.ts). */
export const POLYFILL_CONTEXTS = ['background', 'popup'];
