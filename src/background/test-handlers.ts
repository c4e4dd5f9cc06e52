// Test builds only: the worker's answers to ui/export and ui/import, through which end-to-end tests
// read and fill the index, to ui/lists-sweep, which runs the lists' update alarm now, and to
// ui/saves-settled, which answers once the pages checked so far are saved. Readers export and import in the popup itself (popup/toolbar/bulk.ts);
// a store build leaves these out, and the router drops both messages as unknown.
import type { ImportResult } from '../protocol/messages.ts';
import { MAX_PACK_CHARS } from '../protocol/validate.ts';
import { exportParts } from '../storage/pack-io.ts';
import { importErrorText, importPack } from '../storage/import.ts';
import { sweepLists } from './lists.ts';
import { commandTestHandler } from './ribbon-prefs.ts';
import type { TestHandlers } from './router.ts';
import type { Services } from './services.ts';

/** The whole index as a pack (JSON text), texts included, for a runtime message. */
export async function exportPack(s: Pick<Services, 'conn'>): Promise<string> {
  const { parts, articles, chars } = await exportParts(s.conn);
  // Chrome refuses runtime messages over 64 MiB; say so plainly rather than fail obscurely.
  if (chars > MAX_PACK_CHARS) {
    throw new Error(
      `Your index (${articles} articles, ${Math.round(chars / 1e6)} MB as a pack) is too large to send in one message; export it from the popup.`,
    );
  }
  return parts.join('');
}

/** Imports a pack sent as text, with the reader's retention settings. */
async function importSent(s: Services, text: string): Promise<ImportResult> {
  try {
    return await importPack(s.conn, text, { now: s.now() });
  } catch (err) {
    throw new Error(importErrorText(err), { cause: err });
  }
}

export function testUiHandlers(s: Services): TestHandlers {
  return {
    'ui/export': () => exportPack(s),
    'ui/import': (m) => importSent(s, m.text),
    'ui/lists-sweep': (m) => sweepLists(s, m.all),
    // The pages checked so far are saved (their verdicts were sent first): what a test reads next includes them.
    'ui/saves-settled': async () => {
      await s.saves.settled();
      return null;
    },
    ...commandTestHandler(s),
  };
}
