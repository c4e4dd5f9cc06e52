// The popup's lists of other articles: the copies of an original (shown, each with its Compare),
// and, under a page's verdict, the other articles on the story (collapsed). Page-supplied names
// and titles reach the DOM only as text, each isolated from the words around it.
import type { CheckResult, MatchSummary } from '../../index/types.ts';
import { articleDate, byDate, hostLabel, isRibbonVerdict, outletName, pageShares, percent, relationLabel, verdictLabel } from '../../ui/format.ts';
import { el, safeHref } from '../../ui/dom.ts';
import { listedLine } from '../../ui/listed.ts';
import { t, tPlural } from '../../ui/i18n.ts';
import { copiesHeading, othersHeading, whenLabel, type PageDates } from './relation.ts';

export interface CompareAction {
  /** Opens the comparison of `pageId` (the later article) with `originalId` (the earlier one). */
  compare(pageId: string, originalId: string): void;
  /** This page's id in the index; absent when it was not indexed (then nothing can be compared). */
  pageId?: string;
}

/** Rows shown before "Show … more": the popup stops at 600 px. */
export const SHOWN_ROWS = 3;

/** Page-supplied text in its own bidi isolate. */
export const bdi = (doc: Document, text: string, cls?: string): HTMLElement => el(doc, 'bdi', { text, ...(cls ? { class: cls } : {}) });

/** A link to an article when its URL is a web URL, plain text otherwise; its direction from its own text. */
export function articleLink(doc: Document, url: string, title: string, cls = 'title'): HTMLElement {
  const href = safeHref(url);
  const attrs = { dir: 'auto', title };
  return href
    ? el(doc, 'a', { class: cls, text: title, attrs: { ...attrs, href, target: '_blank', rel: 'noreferrer noopener' } })
    : el(doc, 'span', { class: cls, text: title, attrs });
}

/** The pair a match is compared as (later article first), or null when a field is missing or it is not reuse. */
export function comparePair(m: MatchSummary, pageId: string | undefined): [string, string] | null {
  if (!pageId || !m.id || !isRibbonVerdict(m.verdict)) return null;
  return m.direction === 'from' ? [pageId, m.id] : [m.id, pageId];
}

function matchRow(doc: Document, m: MatchSummary, page: PageDates | undefined, actions: CompareAction, tier: string, tag?: string): HTMLElement {
  const pair = comparePair(m, actions.pageId);
  const outlet = outletName(m);
  const meta = el(
    doc,
    'span',
    { class: 'byline' },
    bdi(doc, outlet),
    ...[articleDate(m), t('popup_of_this_page', percent(pageShares(m).ofPage))].filter(Boolean).flatMap((p) => [' · ', bdi(doc, p)]),
  );
  const compare = pair
    ? el(doc, 'button', {
        class: 'link-btn',
        text: t('popup_compare'),
        attrs: { type: 'button', 'aria-label': t('popup_compare_with', outlet) },
        on: { click: () => actions.compare(pair[0], pair[1]) },
      })
    : null;
  return el(
    doc,
    'li',
    { class: `match v-${m.verdict}` },
    el(
      doc,
      'div',
      { class: 'match-head' },
      el(doc, 'span', { class: 'tier', text: tier }),
      el(doc, 'span', { class: 'when', text: whenLabel(m, page) }),
      tag ? el(doc, 'span', { class: `mini tag-${tag}`, text: t('popup_tag_closest') }) : null,
      compare,
    ),
    articleLink(doc, m.url, m.title || hostLabel(m.host)),
    listedLine(doc, m.listed),
    meta,
  );
}

/** A list of rows, those past SHOWN_ROWS behind "Show N more". */
function rowsWithMore(doc: Document, rows: HTMLElement[]): HTMLElement[] {
  const rest = rows.slice(SHOWN_ROWS);
  const list = el(doc, 'ol', { class: 'matches' }, ...rows.slice(0, SHOWN_ROWS));
  if (!rest.length) return [list];
  return [
    list,
    el(
      doc,
      'details',
      { class: 'more' },
      el(doc, 'summary', { text: tPlural('popup_show_more', rest.length) }),
      el(doc, 'ol', { class: 'matches', attrs: { start: String(SHOWN_ROWS + 1) } }, ...rest),
    ),
  ];
}

/** On an original: the articles that reuse its text, earliest first, each with its Compare. */
export function copiesSection(doc: Document, copies: MatchSummary[], page: PageDates | undefined, actions: CompareAction): HTMLElement | null {
  if (!copies.length) return null;
  // Under a heading that says they reuse this page, each says how: copied, partly copied, rewritten.
  const rows = byDate(copies).map((m) => matchRow(doc, m, page, actions, verdictLabel(m.verdict)));
  return el(
    doc,
    'section',
    { class: 'block story copies', attrs: { 'aria-labelledby': 'copies-title' } },
    el(doc, 'h2', { text: copiesHeading(copies.length), attrs: { id: 'copies-title' } }),
    ...rowsWithMore(doc, rows),
  );
}

/** Every other article on the story (not the named original, nor the copies listed above): earlier ones first, collapsed. */
export function othersSection(
  doc: Document,
  result: CheckResult,
  page: PageDates | undefined,
  actions: CompareAction,
  skip: ReadonlySet<string>,
): HTMLElement | null {
  const others = result.matches.filter((m) => !skip.has(m.id));
  if (!others.length) return null;
  const rows = byDate(others).map((m) => matchRow(doc, m, page, actions, relationLabel(m), m.id === result.closest?.id ? 'closest' : undefined));
  return el(doc, 'details', { class: 'block story others' }, el(doc, 'summary', { text: othersHeading(others.length) }), ...rowsWithMore(doc, rows));
}
