// What the popup reads of the index itself: when the checked page appeared (its own record), so
// other articles can be said to be earlier or later than it; and the index/changed broadcast.
import type { PageDates } from './relation.ts';
import { connection } from './bulk.ts';

/** The checked page's stated date and first sighting, from its record; undefined when it is not stored or cannot be read. */
export async function pageDates(pageId: string | undefined): Promise<PageDates | undefined> {
  if (!pageId) return undefined;
  try {
    const db = await connection().get();
    const stored = await db.getFromIndex('articles', 'id', pageId);
    if (!stored) return undefined;
    const dates: PageDates = {};
    if (stored.publishedAt !== undefined) dates.publishedAt = stored.publishedAt;
    if (stored.firstSeenAt !== undefined) dates.firstSeenAt = stored.firstSeenAt;
    return dates;
  } catch {
    return undefined;
  }
}

/** The worker's broadcast that the index changed (cleared, say): `{ type: 'index/changed', reason }`. */
export function isIndexChanged(msg: unknown): msg is { type: 'index/changed'; reason?: string } {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'index/changed';
}
