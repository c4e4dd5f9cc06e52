// What the story page says of each article, in words: its role in the story (the original, or
// what it took from which article, credited or not) and who took from it. Pure: no DOM.
import type { Verdict } from '../../index/types.ts';
import type { StoryLink, StoryView, ViewArticle } from '../../protocol/views.ts';
import { outletName, percent } from '../../ui/format.ts';

export type Role = 'original' | Verdict | 'other';

/** The link an article is shown by: the one to the story's original, else its strongest. */
export function mainLink(view: StoryView, id: string): StoryLink | undefined {
  const out = view.links.filter((l) => l.from === id);
  return out.find((l) => l.to === view.original) ?? [...out].sort((a, b) => b.ofPage - a.ofPage)[0];
}

export function roleOf(view: StoryView, id: string): Role {
  if (id === view.original) return 'original';
  return mainLink(view, id)?.verdict ?? 'other';
}

/** The badge of a role. */
export const ROLE_WORDS: Record<Role, string> = {
  original: 'Original',
  copy: 'Copied',
  'partial-copy': 'Edited',
  rewrite: 'Rewritten',
  related: 'Followed',
  unrelated: 'Same story',
  other: 'Same story',
};

const VERB: Record<Verdict, string> = {
  copy: 'Copied from',
  'partial-copy': 'Partly copied from',
  rewrite: 'Rewritten from',
  related: 'Followed the story of',
  unrelated: 'Mentions',
};

/** A sentence in parts: words, and names (page- or list-supplied) that the page isolates in <bdi>. */
export type Part = string | { name: string };

/** The sentence as plain text (tests, and places that take text only). */
export const plain = (parts: readonly Part[]): string => parts.map((p) => (typeof p === 'string' ? p : p.name)).join('');

/** "Partly copied from Axios: 39% of its text is found there, and it carries 65% of it. Credits Axios." */
export function linkSentence(link: StoryLink, to: ViewArticle): Part[] {
  const name = { name: outletName(to) };
  const shares = link.verdict === 'related' ? '' : `: ${percent(link.ofPage)} of its text is found there, and it carries ${percent(link.ofOriginal)} of it`;
  return [`${VERB[link.verdict]} `, name, `${shares}. ${link.credited ? 'Credits' : 'Does not credit'} `, name, '.'];
}

/** "Taken by JNS (edited, credited); Al Mayadeen English (rewritten, credited)." */
export function takenBySentence(view: StoryView, id: string, byId: ReadonlyMap<string, ViewArticle>): Part[] {
  const takers = view.links.flatMap((l) => {
    // Each taker is named by the link it is shown by (not every related article it also matched).
    const a = l.to === id && mainLink(view, l.from) === l ? byId.get(l.from) : undefined;
    return a ? [{ name: outletName(a) }, ` (${ROLE_WORDS[l.verdict].toLowerCase()}, ${l.credited ? 'credited' : 'not credited'})`] : [];
  });
  if (takers.length === 0) return [];
  const parts: Part[] = ['Taken by '];
  for (let i = 0; i < takers.length; i += 2) parts.push(...(i > 0 ? ['; '] : []), takers[i], takers[i + 1]);
  return [...parts, '.'];
}

/** "5 articles: published first by Axios; 1 copied, 1 edited, 2 rewritten, 1 followed." */
export function storySummary(view: StoryView, byId: ReadonlyMap<string, ViewArticle>): Part[] {
  const n = view.articles.length;
  const first = view.original ? byId.get(view.original) : undefined;
  const counts = new Map<Role, number>();
  for (const a of view.articles) {
    const r = roleOf(view, a.id);
    if (r !== 'original') counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const rest = [...counts].map(([r, k]) => `${k} ${ROLE_WORDS[r].toLowerCase()}`);
  const tail = `${rest.length ? `; ${rest.join(', ')}` : ''}.`;
  const lead = `${n} article${n === 1 ? '' : 's'}`;
  return first ? [`${lead}: published first by `, { name: outletName(first) }, tail] : [`${lead}: no original found among them`, tail];
}

/** "31 Mar 2024, 14:00" in local time. */
export function whenText(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
