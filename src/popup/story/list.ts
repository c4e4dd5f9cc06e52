// The story in words, earliest first: when each article appeared, what it is in the story (the
// original marked), a link to it, what it took from whom, credited or not, and who took from it.
// Titles and outlet names are page- or list-supplied: each is text inside its own <bdi>.
import type { StoryView, ViewArticle } from '../../protocol/views.ts';
import { el, safeHref } from '../../ui/dom.ts';
import { outletName } from '../../ui/format.ts';
import { t, tNodes } from '../../ui/i18n.ts';
import { listedLine } from '../../ui/listed.ts';
import { linkSentence, mainLink, roleOf, roleWord, takenBySentence, whenText, type Part } from './words.ts';

/** A sentence's parts as nodes: each name in its own <bdi>. */
export function partsOf(doc: Document, parts: readonly Part[]): (string | HTMLElement)[] {
  return parts.map((p) => (typeof p === 'string' ? p : el(doc, 'bdi', { text: p.name })));
}

/** When an article appeared: its stated date, else when the reader first saw it. */
export const appearedAt = (a: ViewArticle): number => a.publishedAt ?? a.firstSeenAt;

/** The comparison page of a page and its original, relative to the story page. */
function compareHref(page: string, original: string): string {
  return `compare.html?${new URLSearchParams({ page, original })}`;
}

function heading(doc: Document, view: StoryView, a: ViewArticle): HTMLElement {
  const title = el(doc, 'bdi', { text: a.title || a.url });
  const href = safeHref(a.url);
  const link = href ? el(doc, 'a', { attrs: { href, target: '_blank', rel: 'noreferrer' } }, title) : title;
  const here = a.id === view.focus ? el(doc, 'span', { class: 'chip here', text: t('story_thisPage') }) : null;
  return el(doc, 'h3', { class: 'item-title' }, link, ' ', here);
}

function relation(doc: Document, view: StoryView, a: ViewArticle, byId: ReadonlyMap<string, ViewArticle>): HTMLElement | null {
  const link = mainLink(view, a.id);
  const to = link && byId.get(link.to);
  if (!link || !to) return null;
  const p = el(doc, 'p', { class: 'relation' }, ...partsOf(doc, linkSentence(link, to)));
  if (link.verdict !== 'related')
    p.append(
      ' ',
      el(
        doc,
        'a',
        { attrs: { href: compareHref(a.id, to.id) } },
        t('story_compare'),
        el(doc, 'span', { class: 'visually-hidden' }, ' ', ...tNodes('story_compareWith', el(doc, 'bdi', { text: outletName(to) }))),
      ),
    );
  return p;
}

function item(doc: Document, view: StoryView, a: ViewArticle, byId: ReadonlyMap<string, ViewArticle>): HTMLLIElement {
  const role = roleOf(view, a.id);
  const taken = takenBySentence(view, a.id, byId);
  return el(
    doc,
    'li',
    { class: `story-item v-${role === 'other' ? 'none' : role} role-${role}` },
    el(
      doc,
      'div',
      { class: 'item-meta' },
      el(doc, 'time', { text: whenText(appearedAt(a)), attrs: { datetime: new Date(appearedAt(a)).toISOString() } }),
      el(doc, 'span', { class: 'badge', text: roleWord(role) }),
      el(doc, 'bdi', { class: 'item-outlet', text: outletName(a) }),
    ),
    heading(doc, view, a),
    role === 'original' ? el(doc, 'p', { class: 'relation', text: t('story_publishedFirst') }) : relation(doc, view, a, byId),
    taken.length ? el(doc, 'p', { class: 'taken' }, ...partsOf(doc, taken)) : null,
    listedLine(doc, a.listed),
  );
}

export function storyList(doc: Document, view: StoryView): HTMLOListElement {
  const byId = new Map(view.articles.map((a) => [a.id, a]));
  return el(doc, 'ol', { class: 'story-list' }, ...view.articles.map((a) => item(doc, view, a, byId)));
}
