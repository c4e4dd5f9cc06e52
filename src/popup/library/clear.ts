// The library's Clear section: Clear (what it removes is kept for a while, to undo), Clear and
// forget now (nothing kept), and, while a Clear's copy is kept, Undo Clear and Forget it now.
import type { ImportResult, IndexStats, UndoStatus } from '../../protocol/messages.ts';
import { el, detached } from '../../ui/dom.ts';
import { formatCount } from '../../ui/format.ts';
import { errorText } from '../../shared/errors.ts';

export interface ClearApi {
  status(): Promise<UndoStatus>;
  clear(): Promise<IndexStats>;
  clearForget(): Promise<IndexStats>;
  undo(): Promise<ImportResult>;
  forget(): Promise<UndoStatus>;
}

/** "31 Mar 2024, 14:05": when a kept copy goes, in the reader's own time. */
function when(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;

const EXPLAIN =
  'Clear removes every article you read or imported, their texts, and your “not a copy” marks (your lists and settings stay). ' +
  'So that a Clear by mistake can be undone, Firsthand keeps a copy of what it removed, on this computer, for 24 hours or until the next Clear. ' +
  '“Clear and forget now” keeps nothing.';

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
        text: `Your last Clear kept ${plural(s.articles ?? 0, 'article')} and ${plural(s.corrections ?? 0, '“not a copy” mark')}, until ${when(s.expiresAt ?? 0)}.`,
      }),
      el(
        doc,
        'div',
        { class: 'row' },
        act('Undo Clear', 'primary', async () => {
          const r = await api.undo();
          return `Restored ${plural(r.added + r.updated, 'article')}.`;
        }),
        act('Forget it now', 'danger', async () => {
          await api.forget();
          return 'The copy kept by the last Clear is deleted.';
        }),
      ),
    );
  const confirm = () => {
    const ask = el(
      doc,
      'div',
      { class: 'confirm', attrs: { role: 'group', 'aria-label': 'Clear and forget now' } },
      el(doc, 'p', { text: 'Delete every article you read or imported now, with no copy to undo it?' }),
      el(
        doc,
        'div',
        { class: 'row' },
        act('Delete everything now', 'danger solid', async () => {
          await api.clearForget();
          return 'Cleared. Nothing was kept.';
        }),
        el(doc, 'button', { class: 'btn', text: 'Cancel', attrs: { type: 'button' }, on: { click: () => void load() } }),
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
      ...[el(doc, 'p', { class: 'help', text: EXPLAIN }), ...(s.kept ? [kept(s)] : [])],
      el(
        doc,
        'div',
        { class: 'row' },
        act('Clear', 'danger', async () => {
          await api.clear();
          return 'Cleared. A copy is kept for 24 hours so you can undo it.';
        }),
        el(doc, 'button', { class: 'btn danger', text: 'Clear and forget now', attrs: { type: 'button' }, on: { click: confirm } }),
      ),
      status,
    );
  };
  return load;
}
