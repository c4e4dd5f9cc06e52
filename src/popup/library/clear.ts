// The library's Clear section: Clear (what it removes is kept for a while, to undo), Clear and
// forget now (nothing kept), and, while a Clear's copy is kept, Undo Clear and Forget it now.
import type { ImportResult, IndexStats, UndoStatus } from '../../protocol/messages.ts';
import { el, detached } from '../../ui/dom.ts';
import { formatCount } from '../../ui/format.ts';
import { errorText } from '../../shared/errors.ts';
import { pluralKey, t } from '../../ui/i18n.ts';
import { momentText } from './words.ts';

export interface ClearApi {
  status(): Promise<UndoStatus>;
  clear(): Promise<IndexStats>;
  clearForget(): Promise<IndexStats>;
  undo(): Promise<ImportResult>;
  forget(): Promise<UndoStatus>;
}

/** "12 articles", "3 “not a copy” marks": a counted phrase of the Clear messages. */
const counted = (base: 'library_articles' | 'library_marks', n: number) => t(pluralKey(base, n), formatCount(n));

/** Renders the section into `box`; `changed` is told after anything that changes the index. Returns a loader. */
export function mountClear(doc: Document, box: HTMLElement, api: ClearApi, changed: () => Promise<void>): () => Promise<void> {
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const act = (label: string, cls: string, work: () => Promise<string>) =>
    el(doc, 'button', {
      class: `btn ${cls}`.trim(),
      text: label,
      attrs: { type: 'button' },
      on: {
        click: detached(async () => {
          try {
            const said = await work();
            await changed();
            await load();
            status.textContent = said;
          } catch (err) {
            status.textContent = errorText(err);
          }
        }),
      },
    });
  const kept = (s: UndoStatus) =>
    el(
      doc,
      'div',
      { class: 'kept' },
      el(doc, 'p', {
        text: t(
          'library_keptSummary',
          counted('library_articles', s.articles ?? 0),
          counted('library_marks', s.corrections ?? 0),
          momentText(s.expiresAt ?? 0),
        ),
      }),
      el(
        doc,
        'div',
        { class: 'row' },
        act(t('library_undoClear'), 'primary', async () => {
          const r = await api.undo();
          return t('library_restored', counted('library_articles', r.added + r.updated));
        }),
        act(t('library_forgetNow'), 'danger', async () => {
          await api.forget();
          return t('library_forgotten');
        }),
      ),
    );
  const confirm = () => {
    const ask = el(
      doc,
      'div',
      { class: 'confirm', attrs: { role: 'group', 'aria-label': t('library_clearForget') } },
      el(doc, 'p', { text: t('library_confirmQuestion') }),
      el(
        doc,
        'div',
        { class: 'row' },
        act(t('library_deleteEverything'), 'danger solid', async () => {
          await api.clearForget();
          return t('library_clearedNothingKept');
        }),
        el(doc, 'button', { class: 'btn', text: t('library_cancel'), attrs: { type: 'button' }, on: { click: () => void load() } }),
      ),
    );
    box.replaceChildren(ask, status);
    ask.querySelector('button')?.focus();
  };
  const load = async () => {
    const s = await api.status().catch((err: unknown) => {
      status.textContent = errorText(err);
      return { kept: false } as UndoStatus;
    });
    box.replaceChildren(
      ...[el(doc, 'p', { class: 'help', text: t('library_clearExplain') }), ...(s.kept ? [kept(s)] : [])],
      el(
        doc,
        'div',
        { class: 'row' },
        act(t('library_clear'), 'danger', async () => {
          await api.clear();
          return t('library_cleared');
        }),
        el(doc, 'button', { class: 'btn danger', text: t('library_clearForget'), attrs: { type: 'button' }, on: { click: confirm } }),
      ),
      status,
    );
  };
  return load;
}
