// "Import a pack" on the first-run page: a labelled file input (itself the Tab stop), whose file
// the page checks whole and imports itself, as the popup's Import does (toolbar/bulk.ts).
import type { ImportResult } from '../../protocol/messages.ts';
import { errorText } from '../../shared/errors.ts';
import { detached, el } from '../../ui/dom.ts';
import { formatBytes } from '../../ui/format.ts';
import { t } from '../../ui/i18n.ts';
import { isolate } from '../../ui/lists.ts';

export type ImportFile = (file: File, say: (text: string) => void) => Promise<ImportResult>;

export function createPackImport(doc: Document, importFile: ImportFile, summary: (r: ImportResult) => string, idPrefix = 'pack'): HTMLElement {
  const input = el(doc, 'input', {
    class: 'file',
    attrs: { id: `${idPrefix}-file`, type: 'file', accept: '.json,application/json', 'aria-describedby': `${idPrefix}-help` },
  });
  const status = el(doc, 'p', { class: 'status', attrs: { id: `${idPrefix}-status`, role: 'status', 'aria-live': 'polite' } });
  const say = (text: string, kind: 'info' | 'ok' | 'error' = 'info') => {
    status.textContent = text;
    status.className = `status ${kind}`;
  };
  input.addEventListener(
    'change',
    detached(async () => {
      const file = input.files?.[0];
      if (!file) return;
      input.disabled = true;
      say(t('welcome_packReading', isolate(file.name), formatBytes(file.size)));
      try {
        say(summary(await importFile(file, (text) => say(text))), 'ok');
      } catch (err) {
        say(t('welcome_packNotImported', errorText(err)), 'error');
      } finally {
        input.value = '';
        input.disabled = false;
      }
    }),
  );
  return el(
    doc,
    'div',
    { class: 'list-file' },
    el(doc, 'label', { text: t('welcome_packLabel'), attrs: { for: `${idPrefix}-file` } }),
    input,
    el(doc, 'p', {
      class: 'help',
      attrs: { id: `${idPrefix}-help` },
      text: t('welcome_packHelp'),
    }),
    status,
  );
}
