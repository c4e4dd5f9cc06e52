// "Listed by <publisher> in <list>": how the ribbon, the popup and the comparison page say that an
// article is known from reuse lists the reader subscribed to. The publisher's and the list's names
// are list-supplied text: each goes in as a text node inside its own <bdi>, so a right-to-left
// name, or one carrying bidirectional controls, cannot reorder the words around it.
import type { ListedBy } from '../index/types.ts';
import { collapse, truncate } from '../shared/text.ts';
import { el } from './dom.ts';
import { pluralKey, t, tParts } from './i18n.ts';

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
    const pair: [string, string] = [name(l.publisher, t('ui_unnamed_publisher')), name(l.list, t('ui_unnamed_list'))];
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
  return listedParts(pairs, (s) => s).join('');
}

/** The sentence's parts in the interface language: its own words as strings, each name as `wrap` makes it. */
function listedParts<T>(pairs: [string, string][], wrap: (name: string) => T): (T | string)[] {
  const names = pairs.slice(0, LISTED_SHOWN).flat().map(wrap);
  const rest = pairs.length - LISTED_SHOWN;
  if (rest > 0) return tParts<T>(pluralKey('ui_listed_more', rest), ...names, String(rest));
  return tParts<T>(names.length > 2 ? 'ui_listed_two' : 'ui_listed_one', ...names);
}

/** The same sentence as an element: each name in its own <bdi>. Null when the article is not listed. */
export function listedLine(doc: Document, listed: readonly ListedBy[] | undefined, cls = 'listed'): HTMLElement | null {
  const pairs = listedPairs(listed);
  if (pairs.length === 0) return null;
  return el(doc, 'p', { class: cls }, ...listedParts(pairs, (text) => el(doc, 'bdi', { text })));
}
