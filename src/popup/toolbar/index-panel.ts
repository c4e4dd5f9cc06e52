// The popup's footer: the reader's index in one line (how many articles, what they take), and
// Pause, Export, Import… and Clear… in one row, always on the popup's first screen.
import type { ImportResult, IndexStats } from '../../protocol/messages.ts';
import type { OwnUsage } from '../../storage/usage.ts';
import { formatBytes, formatCount, formatDataSize, formatDate } from '../../ui/format.ts';
import { pluralKey, t, tPlural } from '../../ui/i18n.ts';
import { detached, el } from '../../ui/dom.ts';
import { ask } from '../api.ts';
import { errorText } from '../../shared/errors.ts';
import { exportLocally, usageLocally } from './bulk.ts';

export interface IndexPanel {
  root: HTMLElement;
  refresh(): Promise<void>;
}

/** What the panel asks of its page beyond the background. */
export interface PanelHooks {
  /** Pause or Resume was pressed and took effect. */
  onPausedChange(paused: boolean): void;
  /** Import…: opens the page that imports (a tab that stays open while its file picker is shown). */
  openImport(): void;
  /** The index was cleared here: the page shows what it shows of the tab again. */
  onCleared(): void;
  /** What the reader's own articles take, read from the stored data (storage/usage.ts). */
  usage?(): Promise<OwnUsage>;
}

/** "firsthand-2024-03-31.firsthand.json" */
export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `firsthand-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.firsthand.json`;
}

/** What an import did, in words: "Imported 120 articles (3 already known, merged)." */
export function importSummary(result: ImportResult): string {
  const { added, updated, evicted } = result;
  const extra = [updated ? t('popup_import_merged', formatCount(updated)) : '', evicted ? t('popup_import_evicted', formatCount(evicted)) : ''].filter(Boolean);
  if (!extra.length) return tPlural('popup_imported', added, formatCount);
  return t(pluralKey('popup_imported_details', added), formatCount(added), extra.join(t('ui_comma')));
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

/** "Your index: 5 articles, 40 KB": the articles the reader read or imported and what their data takes. */
export function indexLine(articles: number, usage: OwnUsage | undefined): string {
  const count = tPlural('popup_articles', articles, formatCount);
  if (!usage) return count;
  return t(usage.estimated ? 'popup_index_size_about' : 'popup_index_size', count, formatDataSize(usage.bytes));
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
  hooks: PanelHooks;
}

const button = (doc: Document, text: string, cls = 'btn', attrs: Record<string, string> = {}) =>
  el(doc, 'button', { class: cls, text, attrs: { type: 'button', ...attrs } });

/** The panel: the index in one line, a row of actions, the clear confirmation and a status line. */
export function createIndexPanel(doc: Document, hooks: PanelHooks): IndexPanel {
  const figures = el(doc, 'span', { class: 'index-figures', attrs: { id: 'index-figures' } });
  const lists = el(doc, 'span', { class: 'index-lists' });
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const ctx: PanelContext = { doc, say: sayIn(status), articles: 0, listed: 0, paused: false, refresh: async () => undefined, hooks };
  const pause = pauseButton(ctx);
  const refresh = (ctx.refresh = () => refreshPanel(ctx, { figures, lists }, pause.setPaused));
  const clearing = clearControls(ctx);
  const root = el(
    doc,
    'section',
    { class: 'index', attrs: { 'aria-labelledby': 'index-title' } },
    el(doc, 'div', { class: 'index-line' }, el(doc, 'h2', { text: t('popup_your_index'), attrs: { id: 'index-title' } }), figures, lists),
    el(doc, 'div', { class: 'row actions' }, pause.button, exportButton(ctx), importButton(ctx), el(doc, 'span', { class: 'spacer' }), clearing.button),
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

interface Figures {
  figures: HTMLElement;
  lists: HTMLElement;
}

/** Reads the stats, the settings and the data's size again and shows them; an unusable index is said in the background's words. */
async function refreshPanel(ctx: PanelContext, out: Figures, setPaused: (paused: boolean) => void): Promise<void> {
  try {
    const [stats, settings] = await Promise.all([ask({ type: 'ui/stats' }), ask({ type: 'ui/get-settings' })]);
    const usage = await (ctx.hooks.usage ?? usageLocally)().catch(() => undefined);
    ctx.articles = stats.articles;
    ctx.listed = stats.listed ?? 0;
    showFigures(out, stats, usage);
    setPaused(settings.paused);
    if (stats.error) ctx.say(stats.error, 'error');
  } catch (err) {
    ctx.say(errorText(err), 'error');
  }
}

/** The index's figures: its own articles and their data, the listed articles apart, the oldest in a tooltip. */
function showFigures(out: Figures, stats: IndexStats, usage: OwnUsage | undefined): void {
  // The count comes from the worker; the size from the stored data, when it counted the same articles.
  out.figures.textContent = `: ${indexLine(stats.articles, usage && usage.articles === stats.articles ? usage : undefined)}`;
  out.figures.title = stats.oldestSeenAt ? t('popup_oldest', formatDate(stats.oldestSeenAt)) : '';
  out.lists.textContent = stats.listed ? ` · ${t('popup_from_lists', formatCount(stats.listed))}` : '';
}

/** Pause/Resume: a toggle button whose label, state and tooltip follow the setting. */
function pauseButton(ctx: PanelContext): { button: HTMLElement; setPaused(paused: boolean): void } {
  const btn = button(ctx.doc, t('popup_pause'), 'btn', { 'aria-pressed': 'false' });
  const setPaused = (p: boolean) => {
    ctx.paused = p;
    btn.textContent = t(p ? 'popup_resume' : 'popup_pause');
    btn.setAttribute('aria-pressed', String(p));
    btn.title = t(p ? 'popup_resume_title' : 'popup_pause_title');
    ctx.hooks.onPausedChange(p);
  };
  btn.addEventListener(
    'click',
    detached(async () => {
      try {
        await ask({ type: 'ui/set-paused', paused: !ctx.paused });
        setPaused(!ctx.paused);
        ctx.say(t(ctx.paused ? 'popup_paused_status' : 'popup_resumed'), 'ok');
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
  const btn = button(doc, t('popup_export'));
  btn.addEventListener(
    'click',
    detached(async () => {
      say(t('popup_export_preparing'));
      try {
        const { blob, articles: n } = await exportLocally((done) => say(t('popup_exporting', formatCount(done), formatCount(ctx.articles))));
        download(doc, blob, exportFileName());
        say(t(pluralKey('popup_exported', n), formatCount(n), formatBytes(blob.size)), 'ok');
      } catch (err) {
        say(errorText(err), 'error');
      }
    }),
  );
  return btn;
}

/** Import…: a file picker would close the toolbar popup (Firefox does), so the import happens on a
 * page in a tab of its own, which this opens at its file control. */
function importButton(ctx: PanelContext): HTMLElement {
  const btn = button(ctx.doc, t('popup_import'), 'btn', { title: t('popup_import_title') });
  btn.addEventListener('click', () => ctx.hooks.openImport());
  return btn;
}

/** Clear: asks inside the popup first (Escape or Cancel backs out), then empties the index. */
function clearControls(ctx: PanelContext): { button: HTMLElement; confirm: HTMLElement } {
  const { doc, say } = ctx;
  const clearBtn = button(doc, t('popup_clear'), 'btn danger', { 'aria-expanded': 'false', 'aria-controls': 'confirm-clear' });
  const confirmText = el(doc, 'p', {});
  const cancelBtn = button(doc, t('popup_cancel'));
  const reallyBtn = button(doc, t('popup_delete_all'), 'btn danger solid');
  const confirm = el(
    doc,
    'div',
    { class: 'confirm', attrs: { id: 'confirm-clear', role: 'group', 'aria-label': t('popup_confirm_clear') } },
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
    const question = tPlural('popup_clear_question', ctx.articles, formatCount);
    confirmText.textContent = ctx.listed ? `${question} ${tPlural('popup_clear_lists_stay', ctx.listed, formatCount)}` : question;
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
        say(t('popup_cleared'), 'ok');
        ctx.hooks.onCleared();
        await ctx.refresh();
      } catch (err) {
        say(errorText(err), 'error');
      }
    }),
  );
  return { button: clearBtn, confirm };
}
