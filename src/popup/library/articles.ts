// The library's list of articles: searched as the reader types, read a page at a time from the
// worker (library/browse walks the index with a cursor and stops after a bounded number), each
// with a link to open it and, for the reader's own articles, Delete.
import type { LibraryItem, LibraryPage } from '../../protocol/messages.ts';
import { el, detached, safeHref } from '../../ui/dom.ts';
import { formatCount, hostLabel } from '../../ui/format.ts';
import { pluralKey, t, tNodes, type MessageKey } from '../../ui/i18n.ts';
import { errorText } from '../../shared/errors.ts';
import { dayText } from './words.ts';

export interface ArticlesApi {
  browse(query: string, after?: number): Promise<LibraryPage>;
  remove(id: string): Promise<{ listed: boolean }>;
}

export interface ArticlesDom {
  search: HTMLInputElement;
  list: HTMLElement;
  summary: HTMLElement;
  more: HTMLButtonElement;
  status: HTMLElement;
}

/** Articles a page of the list shows at least before it stops asking (a search may come back short). */
const PAGE_SIZE = 50;

const SOURCE_LABEL: Record<LibraryItem['source'], MessageKey> = {
  read: 'library_sourceRead',
  imported: 'library_sourceImported',
  listed: 'library_sourceListed',
};

/** List names, each in its own <bdi>, separated as the interface language separates them. */
function listNames(doc: Document, lists: readonly string[]): DocumentFragment {
  const names = doc.createDocumentFragment();
  const separator = `${t('library_listSeparator')} `;
  lists.forEach((l, i) => names.append(...(i ? [separator] : []), el(doc, 'bdi', { text: l })));
  return names;
}

/** The line under a title: source, outlet, host, date. */
function metaLine(doc: Document, item: LibraryItem): HTMLElement {
  const date =
    item.publishedAt !== undefined
      ? t('library_published', dayText(item.publishedAt))
      : t(item.source === 'listed' ? 'library_listedOn' : 'library_firstRead', dayText(item.seenAt));
  return el(
    doc,
    'div',
    { class: 'item-meta' },
    el(doc, 'span', { class: `source ${item.source}`, text: t(SOURCE_LABEL[item.source]) }),
    ' ',
    el(doc, 'bdi', { text: item.outlet || hostLabel(item.host) }),
    ` · ${hostLabel(item.host)} · ${date}`,
    item.lists?.length ? el(doc, 'span', {}, ' · ', ...tNodes('library_inLists', listNames(doc, item.lists))) : null,
  );
}

function itemRow(doc: Document, item: LibraryItem, onDelete: (item: LibraryItem, row: HTMLElement) => Promise<void>): HTMLElement {
  const href = safeHref(item.url);
  const title = item.title || hostLabel(item.host);
  const heading = href
    ? el(doc, 'a', { class: 'item-title', text: title, attrs: { href, target: '_blank', rel: 'noreferrer noopener', dir: 'auto' } })
    : el(doc, 'span', { class: 'item-title', text: title, attrs: { dir: 'auto' } });
  const row = el(doc, 'li', { attrs: { 'data-id': item.id } });
  const actions =
    item.source === 'listed'
      ? el(doc, 'p', { class: 'item-note', text: t('library_listedNote') })
      : el(
          doc,
          'div',
          { class: 'item-actions' },
          el(doc, 'button', {
            class: 'btn danger',
            text: t('library_delete'),
            attrs: { type: 'button', 'aria-label': t('library_deleteLabel', title) },
            on: { click: detached(() => onDelete(item, row)) },
          }),
        );
  row.append(el(doc, 'div', { class: 'item-main' }, heading, metaLine(doc, item), el(doc, 'div', { class: 'item-url', text: item.url })), actions);
  return row;
}

/** The list's behaviour: search, paging, delete. Returns a function that loads it afresh. */
export function mountArticles(doc: Document, dom: ArticlesDom, api: ArticlesApi): () => Promise<void> {
  let query = '';
  let next: number | undefined;
  let shown = 0;
  let total = 0;
  let generation = 0;

  const say = (text: string, error = false) => {
    dom.status.textContent = text;
    dom.status.classList.toggle('error', error);
  };
  const summarise = () => {
    const all = next === undefined && shown > 0;
    const base = query ? (all ? 'library_summaryFoundAll' : 'library_summaryFound') : all ? 'library_summaryShownAll' : 'library_summaryShown';
    dom.summary.textContent = t(pluralKey(base, total), formatCount(total), formatCount(shown), query);
  };

  /** Asks for pages until PAGE_SIZE more articles are shown or the index ends. */
  const load = async (fresh: boolean) => {
    const mine = ++generation;
    if (fresh) {
      next = undefined;
      shown = 0;
      dom.list.replaceChildren();
    }
    let added = 0;
    let looked = 0;
    let after = fresh ? undefined : next;
    do {
      const page = await api.browse(query, after);
      if (mine !== generation) return;
      total = page.total;
      looked += page.scanned;
      // A search that finds little walks far: say how far it has come.
      if (page.next !== undefined) dom.summary.textContent = t(pluralKey('library_searching', total), formatCount(looked), formatCount(total));
      for (const item of page.items) dom.list.append(itemRow(doc, item, remove));
      added += page.items.length;
      shown += page.items.length;
      next = page.next;
      after = page.next;
    } while (next !== undefined && added < PAGE_SIZE);
    dom.more.hidden = next === undefined;
    summarise();
  };

  const remove = async (item: LibraryItem, row: HTMLElement) => {
    try {
      const { listed } = await api.remove(item.id);
      if (listed) {
        say(t('library_deletedListed', item.title));
        row.querySelector('.item-actions')?.remove();
      } else {
        row.remove();
        shown--;
        total--;
        say(t('library_deleted', item.title));
      }
      summarise();
      dom.search.focus();
    } catch (err) {
      say(errorText(err), true);
    }
  };

  const run = (fresh: boolean) => load(fresh).catch((err: unknown) => say(errorText(err), true));
  let timer: ReturnType<typeof setTimeout> | undefined;
  dom.search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      query = dom.search.value.trim();
      void run(true);
    }, 150);
  });
  dom.more.addEventListener('click', () => void run(false));
  return () => run(true);
}
