// The history's table: one row per flagged page, newest first. Titles and outlet names are
// page-supplied: each goes in as text inside its own <bdi>.
import type { HistoryRow, ViewArticle } from '../../protocol/views.ts';
import { el, safeHref } from '../../ui/dom.ts';
import { outletName, percent } from '../../ui/format.ts';
import { t, tNodes } from '../../ui/i18n.ts';
import { listedLine } from '../../ui/listed.ts';
import { dayText, verdictLabel } from './model.ts';

/** The story page of an article, relative to the history page. */
export function storyHref(id: string): string {
  return `story.html?${new URLSearchParams({ id })}`;
}

/** An article: its title linking to it, its outlet below, and the lists it is known from. */
export function articleCell(doc: Document, a: ViewArticle): HTMLElement {
  const title = el(doc, 'bdi', { text: a.title || a.url });
  const href = safeHref(a.url);
  const link = href
    ? el(doc, 'a', { class: 'title', attrs: { href, target: '_blank', rel: 'noreferrer' } }, title)
    : el(doc, 'span', { class: 'title' }, title);
  return el(doc, 'td', {}, link, el(doc, 'div', { class: 'outlet' }, el(doc, 'bdi', { text: outletName(a) })), listedLine(doc, a.listed));
}

function sharesCell(doc: Document, r: HistoryRow): HTMLElement {
  return el(
    doc,
    'td',
    { class: 'shares' },
    el(doc, 'div', {}, ...tNodes('history_shareOfPage', el(doc, 'strong', { text: percent(r.ofPage) }))),
    el(doc, 'div', {}, ...tNodes('history_shareOfOriginal', el(doc, 'strong', { text: percent(r.ofOriginal) }))),
  );
}

function storyCell(doc: Document, r: HistoryRow): HTMLElement {
  const link = el(
    doc,
    'a',
    { attrs: { href: storyHref(r.page.id) } },
    t('history_storyLink'),
    el(doc, 'span', { class: 'visually-hidden' }, ' ', ...tNodes('history_storyOf', el(doc, 'bdi', { text: r.page.title }))),
  );
  return el(doc, 'td', {}, link);
}

export function historyRow(doc: Document, r: HistoryRow): HTMLTableRowElement {
  return el(
    doc,
    'tr',
    { class: `v-${r.verdict}` },
    el(doc, 'td', { class: 'read' }, el(doc, 'time', { text: dayText(r.readAt), attrs: { datetime: new Date(r.readAt).toISOString() } })),
    articleCell(doc, r.page),
    el(doc, 'td', {}, el(doc, 'span', { class: 'badge', text: verdictLabel(r.verdict) })),
    articleCell(doc, r.original),
    sharesCell(doc, r),
    el(
      doc,
      'td',
      {},
      el(doc, 'span', { class: `chip ${r.credited ? 'credited' : 'uncredited'}`, text: t(r.credited ? 'history_credited' : 'history_notCredited') }),
    ),
    storyCell(doc, r),
  );
}
