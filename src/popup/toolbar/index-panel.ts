// The popup's lower half: the reader's index (stats, pause, export, import, clear).
import type { ImportResult, IndexStats } from '../../protocol/messages.ts';
import { formatAge, formatBytes, formatCount, formatDate } from '../../ui/format.ts';
import { clear, detached, el } from '../../ui/dom.ts';
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

/** What an import did, in words: "Imported 120 articles (3 already known, merged)." */
export function importSummary(result: ImportResult): string {
  const { added, updated, evicted } = result;
  const extra = [
    updated ? `${formatCount(updated)} already known, merged` : '',
    evicted ? `${formatCount(evicted)} oldest removed to stay within your limits` : '',
  ].filter(Boolean);
  return `Imported ${formatCount(added)} article${added === 1 ? '' : 's'}${extra.length ? ` (${extra.join(', ')})` : ''}.`;
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

type Say = (text: string, kind?: 'info' | 'error' | 'ok') => void;

/** What the panel's parts share: the status line and what the panel last read of the index. */
interface PanelContext {
  doc: Document;
  say: Say;
  articles: number;
  /** Articles known from subscribed lists only. */
  listed: number;
  paused: boolean;
  refresh(): Promise<void>;
}

const button = (doc: Document, text: string, cls = 'btn', attrs: Record<string, string> = {}) =>
  el(doc, 'button', { class: cls, text, attrs: { type: 'button', ...attrs } });

/** The panel: stats tiles, a row of actions, the clear confirmation and a status line. */
export function createIndexPanel(doc: Document, onPausedChange: (paused: boolean) => void): IndexPanel {
  const tiles = el(doc, 'div', { class: 'tiles', attrs: { 'aria-live': 'polite' } });
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const ctx: PanelContext = { doc, say: sayIn(status), articles: 0, listed: 0, paused: false, refresh: async () => undefined };
  const pause = pauseButton(ctx, onPausedChange);
  const refresh = (ctx.refresh = () => refreshPanel(ctx, tiles, pause.setPaused));
  const file = importControls(ctx);
  const clearing = clearControls(ctx);
  const root = el(
    doc,
    'section',
    { class: 'block index', attrs: { 'aria-labelledby': 'index-title' } },
    el(doc, 'h2', { text: 'Your index', attrs: { id: 'index-title' } }),
    tiles,
    el(doc, 'div', { class: 'row actions' }, pause.button, exportButton(ctx), file.button, file.input, el(doc, 'span', { class: 'spacer' }), clearing.button),
    clearing.confirm,
    status,
  );
  return { root, refresh };
}

/** Says how the last action went in the status line, styled by kind. */
function sayIn(status: HTMLElement): Say {
  return (text, kind = 'info') => {
    status.textContent = text;
    status.className = `status ${kind}`;
  };
}

/** Reads the stats and settings again and shows them; an unusable index is said in the background's words. */
async function refreshPanel(ctx: PanelContext, tiles: HTMLElement, setPaused: (paused: boolean) => void): Promise<void> {
  try {
    const [stats, settings] = await Promise.all([ask({ type: 'ui/stats' }), ask({ type: 'ui/get-settings' })]);
    ctx.articles = stats.articles;
    ctx.listed = stats.listed ?? 0;
    showStats(ctx.doc, tiles, stats);
    setPaused(settings.paused);
    if (stats.error) ctx.say(stats.error, 'error');
  } catch (err) {
    ctx.say(errorText(err), 'error');
  }
}

/** The index's size, weight and age as tiles. */
function showStats(doc: Document, tiles: HTMLElement, stats: IndexStats): void {
  clear(tiles);
  tiles.append(
    tile(doc, 'articles', formatCount(stats.articles)),
    ...(stats.listed ? [tile(doc, 'from lists', formatCount(stats.listed))] : []),
    tile(doc, 'on disk', formatBytes(stats.bytes)),
    tile(doc, 'oldest', stats.oldestSeenAt ? formatAge(stats.oldestSeenAt) : '—', formatDate(stats.oldestSeenAt)),
  );
}

/** Pause/Resume: a toggle button whose label, state and tooltip follow the setting. */
function pauseButton(ctx: PanelContext, onPausedChange: (paused: boolean) => void): { button: HTMLElement; setPaused(paused: boolean): void } {
  const btn = button(ctx.doc, 'Pause', 'btn', { 'aria-pressed': 'false' });
  const setPaused = (p: boolean) => {
    ctx.paused = p;
    btn.textContent = p ? 'Resume' : 'Pause';
    btn.setAttribute('aria-pressed', String(p));
    btn.title = p ? 'Resume indexing and checking pages' : 'Stop indexing and checking pages for now';
    onPausedChange(p);
  };
  btn.addEventListener(
    'click',
    detached(async () => {
      try {
        await ask({ type: 'ui/set-paused', paused: !ctx.paused });
        setPaused(!ctx.paused);
        ctx.say(ctx.paused ? 'Paused: pages are neither indexed nor checked.' : 'Resumed.', 'ok');
      } catch (err) {
        ctx.say(errorText(err), 'error');
      }
    }),
  );
  return { button: btn, setPaused };
}

/** Export: read from the index here (this page shares the worker's database), into a file of any size. */
function exportButton(ctx: PanelContext): HTMLElement {
  const { doc, say } = ctx;
  const btn = button(doc, 'Export');
  btn.addEventListener(
    'click',
    detached(async () => {
      say('Preparing the export…');
      try {
        const { blob, articles: n } = await exportLocally((done) => say(`Exporting… ${formatCount(done)} of ${formatCount(ctx.articles)}`));
        download(doc, blob, exportFileName());
        say(`Exported ${formatCount(n)} articles (${formatBytes(blob.size)}).`, 'ok');
      } catch (err) {
        say(errorText(err), 'error');
      }
    }),
  );
  return btn;
}

/** Import: the button opens a hidden file input; the popup checks and writes the file itself. */
function importControls(ctx: PanelContext): { button: HTMLElement; input: HTMLInputElement } {
  const { doc, say } = ctx;
  const input = el(doc, 'input', { class: 'visually-hidden', attrs: { type: 'file', accept: '.json,application/json', id: 'import-file' } });
  const btn = button(doc, 'Import…');
  btn.addEventListener('click', () => input.click());
  input.addEventListener(
    'change',
    detached(async () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      say(`Reading ${file.name} (${formatBytes(file.size)})…`);
      try {
        say(importSummary(await importLocally(file, (text) => say(text))), 'ok');
        await ctx.refresh();
      } catch (err) {
        // The reason (e.g. "article 12: signature has 64 values, expected 128") is shown as is.
        say(errorText(err), 'error');
      }
    }),
  );
  return { button: btn, input };
}

/** Clear: asks inside the popup first (Escape or Cancel backs out), then empties the index. */
function clearControls(ctx: PanelContext): { button: HTMLElement; confirm: HTMLElement } {
  const { doc, say } = ctx;
  const clearBtn = button(doc, 'Clear…', 'btn danger', { 'aria-expanded': 'false', 'aria-controls': 'confirm-clear' });
  const confirmText = el(doc, 'p', {});
  const cancelBtn = button(doc, 'Cancel');
  const reallyBtn = button(doc, 'Delete everything', 'btn danger solid');
  const confirm = el(
    doc,
    'div',
    { class: 'confirm', attrs: { id: 'confirm-clear', role: 'group', 'aria-label': 'Confirm clearing the index' } },
    confirmText,
    el(doc, 'div', { class: 'row' }, el(doc, 'span', { class: 'spacer' }), cancelBtn, reallyBtn),
  );
  confirm.hidden = true;
  const closeConfirm = () => {
    confirm.hidden = true;
    clearBtn.setAttribute('aria-expanded', 'false');
    clearBtn.focus();
  };
  clearBtn.addEventListener('click', () => {
    confirmText.textContent = `Delete all ${formatCount(ctx.articles)} articles you read or imported from this browser’s index? This cannot be undone; export first to keep a copy.${ctx.listed ? ` The ${formatCount(ctx.listed)} articles of your subscribed lists stay (remove a list in the options).` : ''}`;
    confirm.hidden = false;
    clearBtn.setAttribute('aria-expanded', 'true');
    cancelBtn.focus();
  });
  cancelBtn.addEventListener('click', closeConfirm);
  confirm.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') closeConfirm();
  });
  reallyBtn.addEventListener(
    'click',
    detached(async () => {
      try {
        await ask({ type: 'ui/clear' });
        closeConfirm();
        say('The index is empty.', 'ok');
        await ctx.refresh();
      } catch (err) {
        say(errorText(err), 'error');
      }
    }),
  );
  return { button: clearBtn, confirm };
}
