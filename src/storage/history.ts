// The history of checks: for every page the reader read whose check found related articles, the
// last such check (the "checks" store, schema step 7): when it was made, the page, its verdict
// and its matches, named as the reader was told of them. The history and story pages are built
// from these (background/views.ts); Clear empties the store with the index.
import type { ArticleHead, CheckResult, MatchSummary, Verdict } from '../index/types.ts';
import type { ViewArticle } from '../protocol/views.ts';
import type { DbConnection } from './db.ts';

/** One match of a stored check. */
export interface CheckedMatch extends ViewArticle {
  /** 'from': the page takes from this match; 'to': this match takes from the page. */
  direction: 'from' | 'to';
  verdict: Verdict;
  /** Share of the later article's text found in the earlier one. */
  containment: number;
  /** Share of the earlier article's text found in the later one. */
  coverage: number;
  /** The later of the two credits the earlier one's outlet. */
  credited: boolean;
}

export interface CheckEntry {
  /** The page's id (its article's id in the index). */
  id: string;
  checkedAt: number;
  page: ViewArticle;
  verdict: Verdict;
  credited: boolean;
  /** The match the check named as the page's original, when it named one. */
  originalId?: string;
  /** The matches, best first (at most MAX_CHECKED_MATCHES). */
  matches: CheckedMatch[];
  /** The matches' ids: the "matchIds" index finds the checks that name an article. */
  matchIds: string[];
}

/** Matches kept per check: a story's coverage, not every stock phrase shared. */
export const MAX_CHECKED_MATCHES = 24;

/** The head fields of an article, and nothing else of a record or a match. */
export function headOf(a: ArticleHead & { listed?: ViewArticle['listed'] }): ViewArticle {
  const head: ViewArticle = { id: a.id, url: a.url, title: a.title, outlet: a.outlet, host: a.host, firstSeenAt: a.firstSeenAt };
  if (a.publishedAt !== undefined) head.publishedAt = a.publishedAt;
  if (a.listed?.length) head.listed = a.listed.map(({ list, publisher, source }) => ({ list, publisher, source }));
  return head;
}

function checkedMatch(m: MatchSummary): CheckedMatch {
  const { direction, verdict, containment, coverage, credited } = m;
  return { ...headOf(m), direction, verdict, containment, coverage, credited };
}

/** What is kept of a page's check; null when it found nothing related (nothing to keep). */
export function checkEntry(page: ArticleHead, result: CheckResult, checkedAt: number): CheckEntry | null {
  const matches = result.matches
    .filter((m) => m.id !== page.id)
    .slice(0, MAX_CHECKED_MATCHES)
    .map(checkedMatch);
  const original = result.original;
  if (original && !matches.some((m) => m.id === original.id)) matches.unshift(checkedMatch(original));
  if (matches.length === 0) return null;
  const entry: CheckEntry = {
    id: page.id,
    checkedAt,
    page: headOf(page),
    verdict: result.verdict,
    credited: result.credited,
    matches,
    matchIds: matches.map((m) => m.id),
  };
  if (original) entry.originalId = original.id;
  return entry;
}

/** Keeps a page's check, replacing its previous one. */
export async function putCheck(conn: DbConnection, entry: CheckEntry): Promise<void> {
  const db = await conn.get();
  await db.put('checks', entry);
}

/** Forgets a page's check (its page found nothing related this time). */
export async function deleteCheck(conn: DbConnection, id: string): Promise<void> {
  const db = await conn.get();
  await db.delete('checks', id);
}

export async function clearChecks(conn: DbConnection): Promise<void> {
  const db = await conn.get();
  await db.clear('checks');
}

/** The most recent checks, newest first. */
export async function recentChecks(conn: DbConnection, limit: number): Promise<CheckEntry[]> {
  const db = await conn.get();
  const out: CheckEntry[] = [];
  let cursor = await db.transaction('checks').store.index('checkedAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** The checks of these articles and the checks that name them, all in one transaction. */
export async function checksAround(conn: DbConnection, ids: readonly string[]): Promise<CheckEntry[]> {
  if (ids.length === 0) return [];
  const db = await conn.get();
  const store = db.transaction('checks').store;
  const found = await Promise.all(ids.flatMap((id) => [store.get(id).then((e) => (e ? [e] : [])), store.index('matchIds').getAll(id)]));
  const byId = new Map<string, CheckEntry>();
  for (const e of found.flat()) byId.set(e.id, e);
  return [...byId.values()];
}

/** Which of these ids are articles of the index (read, imported or listed) right now. */
export async function presentIds(conn: DbConnection, ids: Iterable<string>): Promise<Set<string>> {
  const db = await conn.get();
  const index = db.transaction('articles').store.index('id');
  const unique = [...new Set(ids)];
  const counts = await Promise.all(unique.map((id) => index.count(id)));
  return new Set(unique.filter((_, i) => counts[i] > 0));
}
