// The history and story pages' requests, and the keeping of each page's check that they are built
// from. A page's check is kept after the page is saved, in the save queue (the check and the save
// are the page handler's business); Clear empties the history with the index.
import type { CheckResult } from '../index/types.ts';
import type { HistoryView, StoryView, ViewArticle } from '../protocol/views.ts';
import { errorText } from '../shared/errors.ts';
import { checkEntry, checksAround, clearChecks, deleteCheck, headOf, presentIds, putCheck, recentChecks, type CheckEntry } from '../storage/history.ts';
import { historyRows, storyOf } from './history-rows.ts';
import type { Handlers } from './router.ts';
import type { Services } from './services.ts';

/** Checks read for the history (newest first), and rows sent at most. */
export const HISTORY_CHECKS = 5000;
export const HISTORY_ROWS = 2000;
/** How far a story is gathered: rounds of "checks around these articles", and articles at most. */
export const STORY_ROUNDS = 3;
export const STORY_MAX_ARTICLES = 80;

/** The story page of an article. */
export function storyUrl(s: Services, ref: string): string {
  return `${s.browser.baseUrl}src/popup/story.html?${new URLSearchParams({ id: ref })}`;
}

/** The flagged pages, newest first; rows whose page or original has left the index are not shown. */
export async function historyView(s: Services): Promise<HistoryView> {
  const rows = historyRows(await recentChecks(s.conn, HISTORY_CHECKS));
  const present = await presentIds(
    s.conn,
    rows.flatMap((r) => [r.page.id, r.original.id]),
  );
  const kept = rows.filter((r) => present.has(r.page.id) && present.has(r.original.id));
  return { rows: kept.slice(0, HISTORY_ROWS), more: Math.max(0, kept.length - HISTORY_ROWS) };
}

/** The article a story is asked for: by its id, its address without the fragment, or the address a check read it at. */
async function resolveArticle(s: Services, ref: string): Promise<ViewArticle> {
  for (const id of new Set([ref, ref.replace(/#.*$/, '')])) {
    const record = await s.store.get(id);
    if (record) return headOf(record);
  }
  const entries = await recentChecks(s.conn, HISTORY_CHECKS);
  const named = entries.flatMap((e) => [e.page, ...e.matches]).find((a) => a.url === ref);
  if (named) return headOf(named);
  throw new Error('This article is not in your index. Read it with Firsthand on, then open its story again.');
}

/** The checks around an article, a few rounds out: the checks of the articles met, and those naming them. */
async function gather(s: Services, focus: string): Promise<Map<string, CheckEntry>> {
  const entries = new Map<string, CheckEntry>();
  const seen = new Set([focus]);
  let frontier = [focus];
  for (let round = 0; round < STORY_ROUNDS && frontier.length > 0; round++) {
    const next: string[] = [];
    for (const e of await checksAround(s.conn, frontier)) {
      entries.set(e.id, e);
      for (const id of [e.id, ...e.matchIds]) {
        if (seen.has(id) || seen.size >= STORY_MAX_ARTICLES) continue;
        seen.add(id);
        next.push(id);
      }
    }
    frontier = next;
  }
  return entries;
}

export async function storyView(s: Services, ref: string): Promise<StoryView> {
  const focus = await resolveArticle(s, ref);
  const entries = [...(await gather(s, focus.id)).values()];
  const present = await presentIds(
    s.conn,
    entries.flatMap((e) => [e.id, ...e.matchIds]),
  );
  const kept = entries.filter((e) => present.has(e.id)).map((e) => ({ ...e, matches: e.matches.filter((m) => present.has(m.id)) }));
  return storyOf(focus, kept);
}

/** Keeps what the history needs of a page's check: replaced by each new check of the page. */
export async function recordCheck(s: Services, pageId: string, result: CheckResult): Promise<void> {
  const record = await s.store.get(pageId);
  if (!record) return;
  const entry = checkEntry(record, result, s.now());
  if (entry) await putCheck(s.conn, entry);
  else await deleteCheck(s.conn, pageId);
}

/**
 * Wraps the page and Clear handlers: each page checked and saved has its check kept once it is
 * saved (a page not saved, as in a private window, has none); Clear forgets the history too.
 */
export function withHistory(s: Services, handlers: Handlers): void {
  const check = handlers['page/article'];
  handlers['page/article'] = async (msg, from) => {
    const state = await check(msg, from);
    const { pageId, result } = state;
    if (pageId && result) {
      // After the page's save, queued before it: the verdict is sent first (page.ts).
      void s.saves.run(() => recordCheck(s, pageId, result)).catch((err: unknown) => console.warn('Firsthand: check not kept in the history:', errorText(err)));
    }
    return state;
  };
  // Either Clear (with or without an undo copy) forgets the history: it names articles that went.
  const clear = handlers['ui/clear'];
  handlers['ui/clear'] = async (msg, from) => {
    const stats = await clear(msg, from);
    await clearChecks(s.conn);
    return stats;
  };
  const forget = handlers['library/clear-forget'];
  handlers['library/clear-forget'] = async (msg, from) => {
    const stats = await forget(msg, from);
    await clearChecks(s.conn);
    return stats;
  };
}

type ViewHandlers = Pick<Handlers, 'view/history' | 'view/story' | 'view/open-story'>;

export function viewHandlers(s: Services): ViewHandlers {
  return {
    'view/history': () => historyView(s),
    'view/story': (m) => storyView(s, m.ref),
    'view/open-story': async (m) => {
      await s.browser.openTab(storyUrl(s, m.ref));
      return null;
    },
  };
}
