// The library page's requests (browse, delete, Clear and forget), the reader's "not a copy"
// corrections (from the extension's pages and from a page's ribbon), and Undo Clear.
import type { CorrectionView, PageNotACopyMessage } from '../protocol/messages.ts';
import type { Correction } from '../index/index.ts';
import { browse, deleteArticle } from '../storage/browse.ts';
import { addCorrection, readCorrections, removeCorrection } from '../storage/corrections.ts';
import { clearIndex, forgetSnapshot, restoreSnapshot, undoStatus } from '../storage/undo.ts';
import type { Handlers, PageSender } from './router.ts';
import type { Services } from './services.ts';
import { indexCleared } from './tab-sync.ts';
import { indexStats } from './ui.ts';

type LibraryHandlers = {
  [K in keyof Handlers as K extends `library/${string}` | `corrections/${string}` | `undo/${string}` | 'page/not-a-copy' ? K : never]: Handlers[K];
};

/** The corrections with what the index still knows of each side. */
async function correctionViews(s: Services, corrections: readonly Correction[]): Promise<CorrectionView[]> {
  const ids = [...new Set(corrections.flatMap((c) => [c.page, c.original]))];
  const records = new Map((await s.store.fetch(ids)).map((r) => [r.id, r]));
  return corrections.map((c) => {
    const view: CorrectionView = { page: c.page, original: c.original, at: c.at };
    const page = records.get(c.page);
    const original = records.get(c.original);
    if (page) Object.assign(view, { pageTitle: page.title, pageOutlet: page.outlet });
    if (original) Object.assign(view, { originalTitle: original.title, originalOutlet: original.outlet });
    return view;
  });
}

/** Marks a pair "not a copy": both articles must be in the index. */
async function markNotACopy(s: Services, pageId: string, originalId: string): Promise<CorrectionView[]> {
  const found = await s.store.fetch([pageId, originalId]);
  if (found.length < 2) throw new Error('Both articles must be in your index to mark them as not a copy; one of them is no longer there.');
  return correctionViews(s, await addCorrection(s.conn, pageId, originalId, s.now()));
}

/** The ribbon's "Not a copy": only for the page this tab reported and one of its matches. */
async function pageNotACopy(s: Services, msg: PageNotACopyMessage, from: PageSender): Promise<null> {
  const state = await s.tabs.get(from.tabId);
  const result = state?.result;
  if (!state?.pageId || !result) throw new Error('This tab has no checked article in your index.');
  const known = result.original?.id === msg.originalId || result.matches.some((m) => m.id === msg.originalId);
  if (!known) throw new Error("That article is not among this page's matches.");
  await addCorrection(s.conn, state.pageId, msg.originalId, s.now());
  return null;
}

export function libraryHandlers(s: Services): LibraryHandlers {
  return {
    'page/not-a-copy': (m, from) => pageNotACopy(s, m, from),
    'library/browse': (m) => browse(s.conn, m.query, m.after),
    'library/delete': (m) => deleteArticle(s.conn, m.id),
    'library/clear-forget': async () => {
      await clearIndex(s.conn, { keepUndo: false, now: s.now() });
      await indexCleared(s);
      return indexStats(s);
    },
    'corrections/add': (m) => markNotACopy(s, m.pageId, m.originalId),
    'corrections/remove': async (m) => correctionViews(s, await removeCorrection(s.conn, m.pageId, m.originalId)),
    'corrections/list': async () => correctionViews(s, await readCorrections(s.conn)),
    'undo/status': () => undoStatus(s.conn, s.now()),
    'undo/restore': () => restoreSnapshot(s.conn, s.now()),
    'undo/forget': () => forgetSnapshot(s.conn),
  };
}
