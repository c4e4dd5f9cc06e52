// What the story page says of each article, in words: its role in the story (the original, or
// what it took from which article, credited or not) and who took from it. Pure: no DOM.
import type { Verdict } from '../../index/types.ts';
import type { StoryLink, StoryView, ViewArticle } from '../../protocol/views.ts';
import { outletName, percent } from '../../ui/format.ts';
import { pluralKey, t, uiLocale, type MessageKey } from '../../ui/i18n.ts';

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

const ROLE_KEYS: Record<Role, MessageKey> = {
  original: 'story_roleOriginal',
  copy: 'story_roleCopy',
  'partial-copy': 'story_rolePartial',
  rewrite: 'story_roleRewrite',
  related: 'story_roleRelated',
  unrelated: 'story_roleOther',
  other: 'story_roleOther',
};

/** The badge of a role, in the interface's language. */
export const roleWord = (role: Role): string => t(ROLE_KEYS[role]);

/** The sentence of a link with its shares, by verdict (related links have none). */
const LINK_KEYS: Record<Exclude<Verdict, 'related'>, MessageKey> = {
  copy: 'story_linkCopy',
  'partial-copy': 'story_linkPartial',
  rewrite: 'story_linkRewrite',
  unrelated: 'story_linkUnrelated',
};

/** A sentence in parts: words, and names (page- or list-supplied) that the page isolates in <bdi>. */
export type Part = string | { name: string };

/** Private-use marks standing for substitutions while a message is filled; no translation holds them. */
const MARK = /\uE000(\d+)\uE001/;

/**
 * A message as parts: its own words as strings, each substitution (words, a name, or parts) where
 * the translation puts it. Names are never filled into the message text.
 */
export function tParts(key: MessageKey, ...subs: (Part | readonly Part[])[]): Part[] {
  const text = t(key, ...subs.map((_, i) => `\uE000${i}\uE001`));
  const out: Part[] = [];
  for (const piece of text.split(/(\uE000\d+\uE001)/)) {
    const m = MARK.exec(piece);
    if (!m) {
      if (piece) out.push(piece);
      continue;
    }
    const sub = subs[Number(m[1])];
    if (Array.isArray(sub)) out.push(...(sub as readonly Part[]));
    else out.push(sub as Part);
  }
  return out;
}

/** The sentence as plain text (tests, and places that take text only). */
export const plain = (parts: readonly Part[]): string => parts.map((p) => (typeof p === 'string' ? p : p.name)).join('');

/** "Partly copied from Axios: 39% of its text is found there, and it carries 65% of it. Credits Axios." */
export function linkSentence(link: StoryLink, to: ViewArticle): Part[] {
  const name = { name: outletName(to) };
  const first =
    link.verdict === 'related' ? tParts('story_linkRelated', name) : tParts(LINK_KEYS[link.verdict], name, percent(link.ofPage), percent(link.ofOriginal));
  return [...first, ' ', ...tParts(link.credited ? 'story_credits' : 'story_doesNotCredit', name)];
}

/** "Taken by JNS (edited, credited); Al Mayadeen English (rewritten, credited)." */
export function takenBySentence(view: StoryView, id: string, byId: ReadonlyMap<string, ViewArticle>): Part[] {
  const takers = view.links.flatMap((l) => {
    // Each taker is named by the link it is shown by (not every related article it also matched).
    const a = l.to === id && mainLink(view, l.from) === l ? byId.get(l.from) : undefined;
    return a ? [tParts(l.credited ? 'story_takerCredited' : 'story_takerUncredited', { name: outletName(a) }, roleWord(l.verdict).toLowerCase())] : [];
  });
  if (takers.length === 0) return [];
  const separator = `${t('story_takerSeparator')} `;
  return tParts(
    'story_takenBy',
    takers.flatMap((parts, i) => (i > 0 ? [separator, ...parts] : parts)),
  );
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
  const rest = [...counts].map(([r, k]) => t('story_roleCount', k, roleWord(r).toLowerCase()));
  const roles = rest.join(`${t('story_roleSeparator')} `);
  if (first) {
    const name = { name: outletName(first) };
    return rest.length ? tParts(pluralKey('story_summaryFirstRoles', n), String(n), name, roles) : tParts(pluralKey('story_summaryFirst', n), String(n), name);
  }
  return rest.length ? tParts(pluralKey('story_summaryNoneRoles', n), String(n), roles) : tParts(pluralKey('story_summaryNone', n), String(n));
}

/** "31 Mar 2024, 14:00" in local time, in the interface's language (English keeps this form). */
export function whenText(ms: number): string {
  const { lang } = uiLocale();
  if (!/^en\b/i.test(lang)) {
    try {
      return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
    } catch {
      // An unknown language: the English form below.
    }
  }
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
