// The popup's lower half: the reader's index (stats, pause, export, import, clear).
import type { IndexStats, Settings } from '../../protocol/messages.ts';
import { formatAge, formatBytes, formatCount, formatDate } from '../../ui/format.ts';
import { clear, el } from '../../ui/dom.ts';
import { ask } from '../api.ts';
import { errorText } from '../../shared/errors.ts';
import { exportLocally, importLocally } from './bulk.ts';

export interface IndexPanel {
  root: HTMLElement;
  refresh(): Promise<void>;
}

/** "firsthand-2024-03-31.firsthand.json" */
export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `firsthand-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.firsthand.json`;
}

/** The pack text from an export reply: the background may answer with the text or with { text }. */
export function packText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string') return (value as { text: string }).text;
  return null;
}

/** What an import reply ({ added, updated, evicted }) says, in words: "Imported 120 articles (3 already known, merged)." */
export function importSummary(value: unknown): string {
  if (typeof value === 'number') return `Imported ${formatCount(value)} article${value === 1 ? '' : 's'}.`;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const n = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
    const added = n('added') ?? n('imported') ?? n('articles');
    const parts: string[] = [];
    if (added !== undefined) parts.push(`Imported ${formatCount(added)} article${added === 1 ? '' : 's'}`);
    const updated = n('updated');
    const evicted = n('evicted');
    const extra = [
      updated ? `${formatCount(updated)} already known, merged` : '',
      evicted ? `${formatCount(evicted)} oldest removed to stay within your limits` : '',
    ].filter(Boolean);
    if (parts.length) return `${parts[0]}${extra.length ? ` (${extra.join(', ')})` : ''}.`;
  }
  return 'Import finished.';
}

function download(doc: Document, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = el(doc, 'a', { attrs: { href: url, download: name } });
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function tile(doc: Document, label: string, value: string, note = ''): HTMLElement {
  return el(
    doc,
    'div',
    { class: 'tile' },
    el(doc, 'span', { class: 'tile-value', text: value }),
    el(doc, 'span', { class: 'tile-label', text: label }),
    note ? el(doc, 'span', { class: 'tile-note', text: note }) : null,
  );
}

export function createIndexPanel(doc: Document, onPausedChange: (paused: boolean) => void): IndexPanel {
  const tiles = el(doc, 'div', { class: 'tiles', attrs: { 'aria-live': 'polite' } });
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const say = (text: string, kind: 'info' | 'error' | 'ok' = 'info') => {
    status.textContent = text;
    status.className = `status ${kind}`;
  };
  let paused = false;
  let articles = 0;

  const pauseBtn = el(doc, 'button', { class: 'btn', text: 'Pause', attrs: { type: 'button', 'aria-pressed': 'false' } });
  const exportBtn = el(doc, 'button', { class: 'btn', text: 'Export', attrs: { type: 'button' } });
  const fileInput = el(doc, 'input', { class: 'visually-hidden', attrs: { type: 'file', accept: '.json,application/json', id: 'import-file' } });
  const importBtn = el(doc, 'button', { class: 'btn', text: 'Import…', attrs: { type: 'button' } });
  const clearBtn = el(doc, 'button', { class: 'btn danger', text: 'Clear…', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'confirm-clear' } });
  const confirmText = el(doc, 'p', {});
  const cancelBtn = el(doc, 'button', { class: 'btn', text: 'Cancel', attrs: { type: 'button' } });
  const reallyBtn = el(doc, 'button', { class: 'btn danger solid', text: 'Delete everything', attrs: { type: 'button' } });
  const confirm = el(doc, 'div', { class: 'confirm', attrs: { id: 'confirm-clear', role: 'group', 'aria-label': 'Confirm clearing the index' } }, confirmText, el(doc, 'div', { class: 'row' }, el(doc, 'span', { class: 'spacer' }), cancelBtn, reallyBtn));
  confirm.hidden = true;

  const setPaused = (p: boolean) => {
    paused = p;
    pauseBtn.textContent = p ? 'Resume' : 'Pause';
    pauseBtn.setAttribute('aria-pressed', String(p));
    pauseBtn.title = p ? 'Resume indexing and checking pages' : 'Stop indexing and checking pages for now';
    onPausedChange(p);
  };

  const refresh = async () => {
    try {
      const [stats, settings] = await Promise.all([ask<IndexStats>({ type: 'ui/stats' }), ask<Settings>({ type: 'ui/get-settings' })]);
      articles = stats.articles;
      clear(tiles);
      tiles.append(
        tile(doc, 'articles', formatCount(stats.articles)),
        tile(doc, 'on disk', formatBytes(stats.bytes)),
        tile(doc, 'oldest', stats.oldestSeenAt ? formatAge(stats.oldestSeenAt) : '—', formatDate(stats.oldestSeenAt)),
      );
      setPaused(settings.paused);
      // The index may be unusable right now (storage full, database blocked): say so in the background's words.
      if (stats.error) say(stats.error, 'error');
    } catch (err) {
      say(errorText(err), 'error');
    }
  };

  pauseBtn.addEventListener('click', async () => {
    try {
      await ask({ type: 'ui/set-paused', paused: !paused });
      setPaused(!paused);
      say(paused ? 'Paused: pages are neither indexed nor checked.' : 'Resumed.', 'ok');
    } catch (err) {
      say(errorText(err), 'error');
    }
  });

  exportBtn.addEventListener('click', async () => {
    say('Preparing the export…');
    try {
      // Read from the index here (this page shares the worker's database), into a file of any size.
      const { blob, articles: n } = await exportLocally((done) => say(`Exporting… ${formatCount(done)} of ${formatCount(articles)}`));
      download(doc, blob, exportFileName());
      say(`Exported ${formatCount(n)} articles (${formatBytes(blob.size)}).`, 'ok');
    } catch (err) {
      say(errorText(err), 'error');
    }
  });

  importBtn.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    say(`Reading ${file.name} (${formatBytes(file.size)})…`);
    try {
      const value = await importLocally(file, (text) => say(text));
      say(importSummary(value), 'ok');
      await refresh();
    } catch (err) {
      // The reason (e.g. "article 12: signature has 64 values, expected 128") is shown as is.
      say(errorText(err), 'error');
    }
  });

  const closeConfirm = () => {
    confirm.hidden = true;
    clearBtn.setAttribute('aria-expanded', 'false');
    clearBtn.focus();
  };
  clearBtn.addEventListener('click', () => {
    confirmText.textContent = `Delete all ${formatCount(articles)} articles from this browser’s index? This cannot be undone; export first to keep a copy.`;
    confirm.hidden = false;
    clearBtn.setAttribute('aria-expanded', 'true');
    cancelBtn.focus();
  });
  cancelBtn.addEventListener('click', closeConfirm);
  confirm.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') closeConfirm();
  });
  reallyBtn.addEventListener('click', async () => {
    try {
      await ask({ type: 'ui/clear' });
      closeConfirm();
      say('The index is empty.', 'ok');
      await refresh();
    } catch (err) {
      say(errorText(err), 'error');
    }
  });

  const root = el(
    doc,
    'section',
    { class: 'block index', attrs: { 'aria-labelledby': 'index-title' } },
    el(doc, 'h2', { text: 'Your index', attrs: { id: 'index-title' } }),
    tiles,
    el(doc, 'div', { class: 'row actions' }, pauseBtn, exportBtn, importBtn, fileInput, el(doc, 'span', { class: 'spacer' }), clearBtn),
    confirm,
    status,
  );
  return { root, refresh };
}
