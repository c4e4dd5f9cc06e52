// "Listed by <publisher> in <list>": how the ribbon, the popup and the comparison page say that an
// article is known from reuse lists the reader subscribed to. The publisher's and the list's names
// are list-supplied text: each goes in as a text node inside its own <bdi>, so a right-to-left
// name, or one carrying bidirectional controls, cannot reorder the words around it.
import type { ListedBy } from '../index/types.ts';
import { collapse, truncate } from '../shared/text.ts';
import { el } from './dom.ts';

/** Lists named one by one; the rest are counted ("and 2 more lists"). */
export const LISTED_SHOWN = 2;
/** Characters of a publisher's or a list's name shown (the whole name is in the list itself). */
const NAME_CHARS = 60;

function name(s: string, fallback: string): string {
  return truncate(collapse(s), NAME_CHARS) || fallback;
}

/** The lists an article is known from, each as [publisher, list], duplicates dropped. */
export function listedPairs(listed: readonly ListedBy[] | undefined): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const l of listed ?? []) {
    const pair: [string, string] = [name(l.publisher, 'an unnamed publisher'), name(l.list, 'an unnamed list')];
    const key = pair.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pair);
  }
  return out;
}

/** "Listed by Reuters in World wire; by AP in Scoops; and 1 more list." — plain text, for a
 * ribbon's summary string and for tests. Empty when the article is not listed. */
export function listedSentence(listed: readonly ListedBy[] | undefined): string {
  const pairs = listedPairs(listed);
  if (pairs.length === 0) return '';
  const shown = pairs.slice(0, LISTED_SHOWN).map(([p, l], i) => `${i === 0 ? 'Listed by' : 'by'} ${p} in ${l}`);
  const rest = pairs.length - shown.length;
  return `${shown.join('; ')}${rest > 0 ? `; and ${rest} more list${rest === 1 ? '' : 's'}` : ''}.`;
}

/** The same sentence as an element: each name in its own <bdi>. Null when the article is not listed. */
export function listedLine(doc: Document, listed: readonly ListedBy[] | undefined, cls = 'listed'): HTMLElement | null {
  const pairs = listedPairs(listed);
  if (pairs.length === 0) return null;
  const line = el(doc, 'p', { class: cls });
  pairs.slice(0, LISTED_SHOWN).forEach(([publisher, list], i) => {
    if (i > 0) line.append('; ');
    line.append(i === 0 ? 'Listed by ' : 'by ', el(doc, 'bdi', { text: publisher }), ' in ', el(doc, 'bdi', { text: list }));
  });
  const rest = pairs.length - LISTED_SHOWN;
  line.append(rest > 0 ? `; and ${rest} more list${rest === 1 ? '' : 's'}.` : '.');
  return line;
}
