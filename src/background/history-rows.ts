// From stored checks to what the history and story pages show. Pure: the worker reads the checks
// (storage/history.ts) and hands them here.
//
// Every match of a check is one link between two articles, oriented from the later (the one that
// takes) to the earlier: a 'from' match links the page to it, a 'to' match links it to the page.
// The engine measures each pair from the later article's side, so `containment` is always the
// share of the later article found in the earlier and `coverage` the share of the earlier it carries.
import type { Verdict } from '../index/types.ts';
import type { HistoryRow, StoryLink, StoryView, ViewArticle } from '../protocol/views.ts';
import type { CheckEntry, CheckedMatch } from '../storage/history.ts';
import { headOf } from '../storage/history.ts';

/** Verdicts the history lists: copied, edited (partly copied), rewritten, followed (related). */
export const FLAGGED: readonly Verdict[] = ['copy', 'partial-copy', 'rewrite', 'related'];

const isFlagged = (v: Verdict) => FLAGGED.includes(v);

function rowOf(later: ViewArticle, earlier: ViewArticle, m: CheckedMatch, readAt: number): HistoryRow {
  return { page: later, original: earlier, verdict: m.verdict, ofPage: m.containment, ofOriginal: m.coverage, credited: m.credited, readAt };
}

/** The row a page's own check gives: its original, or (a follow-up) the earliest article it follows. */
function ownRow(e: CheckEntry): HistoryRow | undefined {
  if (!isFlagged(e.verdict)) return undefined;
  const followed = e.matches.filter((x) => x.direction === 'from' && isFlagged(x.verdict)).sort((a, b) => appeared(a) - appeared(b));
  const m = e.matches.find((x) => x.id === e.originalId) ?? followed[0];
  return m ? { ...rowOf(e.page, headOf(m), m, e.checkedAt), verdict: e.verdict } : undefined;
}

/**
 * One row per flagged page, newest first. A page's own check speaks for it; a page whose own
 * check found nothing earlier (it was read before its original) is listed from the check of the
 * original, read later, that found it taking from it.
 */
export function historyRows(entries: readonly CheckEntry[]): HistoryRow[] {
  const rows = new Map<string, HistoryRow>();
  for (const e of entries) {
    const own = ownRow(e);
    if (own) rows.set(e.id, own);
  }
  for (const e of entries) {
    for (const m of e.matches) {
      if (m.direction !== 'to' || !isFlagged(m.verdict) || rows.has(m.id)) continue;
      rows.set(m.id, rowOf(headOf(m), e.page, m, e.checkedAt));
    }
  }
  return [...rows.values()].sort((a, b) => b.readAt - a.readAt || a.page.outlet.localeCompare(b.page.outlet));
}

/** When an article appeared: its stated date, else when the reader first saw it. */
export const appeared = (a: ViewArticle): number => a.publishedAt ?? a.firstSeenAt;

/** Every link the checks name, one per pair (the most recent check's word on it). */
export function storyLinks(entries: readonly CheckEntry[]): StoryLink[] {
  const links = new Map<string, StoryLink & { at: number }>();
  for (const e of entries) {
    for (const m of e.matches) {
      const [from, to] = m.direction === 'from' ? [e.id, m.id] : [m.id, e.id];
      const key = `${from}\n${to}`;
      const old = links.get(key);
      if (old && old.at >= e.checkedAt) continue;
      links.set(key, { from, to, verdict: m.verdict, ofPage: m.containment, ofOriginal: m.coverage, credited: m.credited, at: e.checkedAt });
    }
  }
  return [...links.values()].map(({ at: _at, ...link }) => link);
}

/** Every article the checks name, the most recent naming of each. */
function storyArticles(entries: readonly CheckEntry[]): Map<string, ViewArticle> {
  const out = new Map<string, { a: ViewArticle; at: number }>();
  const put = (a: ViewArticle, at: number) => {
    const old = out.get(a.id);
    if (!old || old.at <= at) out.set(a.id, { a: old?.a.listed && !a.listed ? { ...a, listed: old.a.listed } : a, at });
  };
  for (const e of entries) {
    put(e.page, e.checkedAt);
    for (const m of e.matches) put(headOf(m), e.checkedAt);
  }
  return new Map([...out].map(([id, { a }]) => [id, a]));
}

/**
 * The story of `focus` from the checks around it: its articles earliest first, the links between
 * them, and its original: the earliest article that takes from nothing in the story and that
 * something takes from.
 */
export function storyOf(focus: ViewArticle, entries: readonly CheckEntry[]): StoryView {
  const found = storyArticles(entries);
  if (!found.has(focus.id)) found.set(focus.id, focus);
  const articles = [...found.values()].sort((a, b) => appeared(a) - appeared(b) || a.outlet.localeCompare(b.outlet));
  const links = storyLinks(entries).filter((l) => found.has(l.from) && found.has(l.to));
  const takes = new Set(links.map((l) => l.from));
  const taken = new Set(links.map((l) => l.to));
  const original = articles.find((a) => taken.has(a.id) && !takes.has(a.id));
  const view: StoryView = { focus: focus.id, articles, links };
  if (original) view.original = original.id;
  return view;
}
