// The comparison page's "Not a copy": the reader says this page does not copy the original shown.
// Remembered by the worker (corrections/add), so checks of the page skip that original and name
// the next-best one, if any; undone here or in the library page.
import type { CorrectionView } from '../../protocol/messages.ts';
import { el, detached } from '../../ui/dom.ts';
import { outletName } from '../../ui/format.ts';
import { errorText } from '../../shared/errors.ts';
import { t, tNodes } from '../../ui/i18n.ts';

/** What the page needs from the worker: the corrections, and adding or removing this pair's. */
export interface CorrectionApi {
  list(): Promise<CorrectionView[]>;
  add(): Promise<CorrectionView[]>;
  remove(): Promise<CorrectionView[]>;
}

const isPair = (c: CorrectionView, page: string, original: string) =>
  (c.page === page && c.original === original) || (c.page === original && c.original === page);

function sentence(doc: Document, marked: boolean, outlet: string): HTMLElement {
  const bdi = el(doc, 'bdi', { text: outlet });
  return marked
    ? el(doc, 'p', { class: 'not-copy-text' }, ...tNodes('compare_markedNotCopy', bdi))
    : el(doc, 'p', { class: 'not-copy-text' }, ...tNodes('compare_wrong', bdi));
}

/** The section with the button; it re-renders itself after each change and says what happened. */
export function notCopySection(
  doc: Document,
  ids: { page: string; original: string },
  original: { outlet?: string; host?: string },
  api: CorrectionApi,
): HTMLElement {
  const outlet = outletName(original);
  const status = el(doc, 'p', { class: 'not-copy-status', attrs: { role: 'status' } });
  const body = el(doc, 'div', { class: 'not-copy-body' });
  const section = el(doc, 'section', { class: 'not-copy', attrs: { 'aria-label': t('compare_notCopy') } }, body, status);
  const render = (marked: boolean) => {
    const button = el(doc, 'button', {
      class: marked ? 'btn' : 'btn danger',
      text: marked ? t('compare_undoNotCopy') : t('compare_notCopy'),
      attrs: { type: 'button' },
      on: { click: detached(() => change(marked)) },
    });
    body.replaceChildren(sentence(doc, marked, outlet), button);
  };
  const change = async (marked: boolean) => {
    try {
      const all = marked ? await api.remove() : await api.add();
      const now = all.some((c) => isPair(c, ids.page, ids.original));
      render(now);
      status.textContent = now ? t('compare_markedStatus') : t('compare_unmarkedStatus');
      (body.querySelector('button') as HTMLButtonElement | null)?.focus();
    } catch (err) {
      status.textContent = errorText(err);
    }
  };
  render(false);
  void api
    .list()
    .then((all) => render(all.some((c) => isPair(c, ids.page, ids.original))))
    .catch((err: unknown) => {
      status.textContent = errorText(err);
    });
  return section;
}
