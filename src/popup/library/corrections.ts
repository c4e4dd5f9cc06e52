// The library's "Marked not a copy" list: each pair the reader corrected, with Undo.
import type { CorrectionView } from '../../protocol/messages.ts';
import { el, detached } from '../../ui/dom.ts';
import { t, tNodes } from '../../ui/i18n.ts';
import { errorText } from '../../shared/errors.ts';
import { dayText } from './words.ts';

export interface CorrectionsApi {
  list(): Promise<CorrectionView[]>;
  remove(page: string, original: string): Promise<CorrectionView[]>;
}

/** An article of a pair as the reader knows it: its title and outlet, or its address when it is gone. */
function side(doc: Document, title: string | undefined, outlet: string | undefined, id: string): HTMLElement {
  if (!title) return el(doc, 'bdi', { text: id });
  const name = el(doc, 'bdi', { text: title });
  return el(doc, 'span', {}, ...(outlet ? tNodes('library_titleOutlet', name, el(doc, 'bdi', { text: outlet })) : tNodes('library_quotedTitle', name)));
}

function row(doc: Document, c: CorrectionView, i: number, undo: (c: CorrectionView) => Promise<void>): HTMLElement {
  const id = `correction-${i}`;
  return el(
    doc,
    'li',
    {},
    el(
      doc,
      'div',
      { class: 'item-main', attrs: { id } },
      el(
        doc,
        'div',
        {},
        ...tNodes('library_notACopyOf', side(doc, c.pageTitle, c.pageOutlet, c.page), side(doc, c.originalTitle, c.originalOutlet, c.original)),
      ),
      el(doc, 'div', { class: 'item-meta', text: t('library_markedOn', dayText(c.at)) }),
    ),
    el(doc, 'button', {
      class: 'btn',
      text: t('library_undo'),
      // Named by its visible word; the pair it undoes is its description.
      attrs: { type: 'button', 'aria-describedby': id },
      on: { click: detached(() => undo(c)) },
    }),
  );
}

/** Renders the corrections into `box`; returns a function that reads them afresh. */
export function mountCorrections(doc: Document, box: HTMLElement, api: CorrectionsApi): () => Promise<void> {
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const render = (all: CorrectionView[]) => {
    const list = all.length
      ? el(doc, 'ul', { class: 'corrections', attrs: { 'aria-label': t('library_correctionsLabel') } }, ...all.map((c, i) => row(doc, c, i, undo)))
      : el(doc, 'p', {
          class: 'help',
          text: t('library_noCorrections'),
        });
    const help = el(doc, 'p', {
      class: 'help',
      text: t('library_correctionsHelp'),
    });
    box.replaceChildren(...(all.length ? [help] : []), list, status);
  };
  const undo = async (c: CorrectionView) => {
    try {
      render(await api.remove(c.page, c.original));
      status.textContent = t('library_undone');
    } catch (err) {
      status.textContent = errorText(err);
    }
  };
  return async () => {
    try {
      render(await api.list());
    } catch (err) {
      box.replaceChildren(el(doc, 'p', { class: 'status error', text: errorText(err) }));
    }
  };
}
