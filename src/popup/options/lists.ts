// The options page's Lists section: what a reuse list is, the adder (list-adder.ts), then every
// subscribed list with its facts, Update now and Remove. Everything a list supplies (its name,
// publisher, description, address) is set as text inside an element with dir="auto" or a <bdi>,
// so right-to-left text and bidirectional controls stay inside it.
import type { ListInfo } from '../../protocol/messages.ts';
import { errorText } from '../../shared/errors.ts';
import { clear, detached, el, safeHref } from '../../ui/dom.ts';
import { t, tNodes } from '../../ui/i18n.ts';
import { listFacts, listName, removeQuestion, updatedSentence } from '../../ui/lists.ts';
import { createListAdder, progressBar, statusLine, type Kind, type ListsDeps } from './list-adder.ts';

export { createListAdder, type AdderOptions, type Ask, type ListsDeps } from './list-adder.ts';

/** "The list" at the start of a sentence; a list's own name as it is. */
function capital(s: string): string {
  return s.startsWith('the ') ? `T${s.slice(1)}` : s;
}

export interface ListsPanel {
  root: HTMLElement;
  /** Asks the worker for the lists again and shows them. */
  refresh(): Promise<void>;
}

/** The options page's Lists section: what a list is, the adder, then every list. */
export function createListsPanel(doc: Document, deps: ListsDeps, idPrefix = 'lists'): ListsPanel {
  const items = el(doc, 'ul', { class: 'list-items', attrs: { 'aria-labelledby': `${idPrefix}-yours` } });
  const empty = el(doc, 'p', {
    class: 'help empty',
    text: t('listsEmpty'),
  });
  const status = statusLine(doc, `${idPrefix}-status`);
  const panel: ListsPanel = {
    root: el(doc, 'div'),
    refresh: async () => {
      try {
        show(await deps.ask({ type: 'ui/lists' }));
      } catch (err) {
        status.say(t('listsReadFailed', errorText(err)), 'error');
      }
    },
  };
  const show = (lists: ListInfo[]) => {
    const focused = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    const again = focused?.dataset.action && focused.dataset.listId ? [focused.dataset.action, focused.dataset.listId] : null;
    clear(items);
    lists.forEach((info, i) => items.append(listItem(doc, info, deps, { id: `${idPrefix}-item${i}`, say: status.say, refresh: panel.refresh })));
    empty.hidden = lists.length > 0;
    items.hidden = lists.length === 0;
    if (again) {
      for (const b of items.querySelectorAll<HTMLElement>('[data-action]')) {
        if (b.dataset.action === again[0] && b.dataset.listId === again[1]) b.focus();
      }
    }
  };
  panel.root = el(
    doc,
    'div',
    { class: 'lists-panel' },
    el(doc, 'p', {
      class: 'help',
      text: t('listsIntro'),
    }),
    createListAdder(doc, deps, { idPrefix, onAdded: () => panel.refresh() }),
    el(doc, 'h3', { class: 'lists-title', text: t('listsYours'), attrs: { id: `${idPrefix}-yours` } }),
    empty,
    items,
    status.node,
  );
  items.hidden = true;
  return panel;
}

interface ItemContext {
  id: string;
  say(text: string, kind?: Kind): void;
  refresh(): Promise<void>;
}

/** One list: its names, facts, last error, Update now and Remove (with its confirmation). */
function listItem(doc: Document, info: ListInfo, deps: ListsDeps, ctx: ItemContext): HTMLElement {
  const now = deps.now?.() ?? Date.now();
  const titleId = `${ctx.id}-name`;
  const fromUrl = 'url' in info.source;
  const homepage = safeHref(info.homepage);
  const facts = el(doc, 'dl', { class: 'facts' });
  for (const [label, value] of listFacts(info, now)) facts.append(el(doc, 'div', {}, el(doc, 'dt', { text: label }), el(doc, 'dd', { text: value })));
  const progress = progressBar(doc, t('listUpdatingLabel', listName(info)));
  const item = el(
    doc,
    'li',
    { class: 'list-item', attrs: { 'aria-labelledby': titleId } },
    el(doc, 'h4', { class: 'list-name', text: info.name || t('listUnnamed'), attrs: { id: titleId, dir: 'auto' } }),
    el(
      doc,
      'p',
      { class: 'publisher' },
      ...tNodes('listBy', el(doc, 'bdi', { text: info.publisher || t('unnamedPublisher') })),
      homepage ? ' · ' : null,
      homepage ? el(doc, 'a', { text: t('listHomepage'), attrs: { href: homepage, target: '_blank', rel: 'noreferrer noopener' } }) : null,
    ),
    info.description ? el(doc, 'p', { class: 'description', text: info.description, attrs: { dir: 'auto' } }) : null,
    el(
      doc,
      'p',
      { class: 'source' },
      ...tNodes(
        fromUrl ? 'listFromUrl' : 'listFromFile',
        el(doc, 'bdi', { class: fromUrl ? 'address' : 'file-name', text: 'url' in info.source ? info.source.url : info.source.file }),
      ),
    ),
    facts,
    info.lastError
      ? el(
          doc,
          'p',
          { class: 'list-error', attrs: { id: `${ctx.id}-error` } },
          el(doc, 'strong', { text: t('listLastUpdateFailed') }),
          ' ',
          el(doc, 'span', { text: info.lastError, attrs: { dir: 'auto' } }),
          ` ${t('listPreviousKept')}`,
        )
      : null,
    progress.node,
  );
  if (info.lastError) item.setAttribute('aria-describedby', `${ctx.id}-error`);
  const buttons = el(doc, 'div', { class: 'row list-actions' });
  const confirm = removeConfirm(doc, info, deps, ctx, item);
  if (fromUrl) buttons.append(updateButton(doc, info, deps, ctx, item, progress));
  buttons.append(confirm.opener);
  item.append(buttons, confirm.box);
  return item;
}

/** Asks the worker to download the list again now. */
function updateButton(
  doc: Document,
  info: ListInfo,
  deps: ListsDeps,
  ctx: ItemContext,
  item: HTMLElement,
  progress: ReturnType<typeof progressBar>,
): HTMLElement {
  const name = listName(info);
  const btn = el(doc, 'button', {
    class: 'btn',
    text: t('listUpdateNow'),
    attrs: { type: 'button', 'aria-describedby': `${ctx.id}-name`, 'data-action': 'update', 'data-list-id': info.id },
  });
  btn.addEventListener(
    'click',
    detached(async () => {
      btn.disabled = true;
      item.setAttribute('aria-busy', 'true');
      progress.show();
      ctx.say(t('listUpdating', name));
      try {
        const updated = await deps.ask({ type: 'ui/list-update', id: info.id });
        if (updated.lastError) ctx.say(t('listNotUpdated', capital(name), updated.lastError), 'error');
        else ctx.say(updatedSentence(updated), 'ok');
      } catch (err) {
        ctx.say(t('listNotUpdated', capital(name), errorText(err)), 'error');
      } finally {
        progress.hide();
        item.removeAttribute('aria-busy');
        btn.disabled = false;
        await ctx.refresh();
      }
    }),
  );
  return btn;
}

/** Remove…: says what goes and what stays, inside the page (Escape or Cancel backs out). */
function removeConfirm(doc: Document, info: ListInfo, deps: ListsDeps, ctx: ItemContext, item: HTMLElement): { opener: HTMLElement; box: HTMLElement } {
  const boxId = `${ctx.id}-confirm`;
  const opener = el(doc, 'button', {
    class: 'btn danger',
    text: t('listRemoveOpen'),
    attrs: {
      type: 'button',
      'aria-expanded': 'false',
      'aria-controls': boxId,
      'aria-describedby': `${ctx.id}-name`,
      'data-action': 'remove',
      'data-list-id': info.id,
    },
  });
  const cancel = el(doc, 'button', { class: 'btn', text: t('cancel'), attrs: { type: 'button' } });
  const really = el(doc, 'button', { class: 'btn danger solid', text: t('listRemoveConfirm'), attrs: { type: 'button' } });
  const box = el(
    doc,
    'div',
    { class: 'confirm', attrs: { id: boxId, role: 'group', 'aria-label': t('listRemoveConfirmLabel') } },
    el(doc, 'p', { text: removeQuestion(info) }),
    el(doc, 'div', { class: 'row' }, cancel, really),
  );
  box.hidden = true;
  const close = () => {
    box.hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    opener.focus();
  };
  opener.addEventListener('click', () => {
    box.hidden = false;
    opener.setAttribute('aria-expanded', 'true');
    cancel.focus();
  });
  cancel.addEventListener('click', close);
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') close();
  });
  really.addEventListener(
    'click',
    detached(async () => {
      const name = capital(listName(info));
      really.disabled = true;
      item.setAttribute('aria-busy', 'true');
      ctx.say(t('listRemoving', name));
      try {
        await deps.ask({ type: 'ui/list-remove', id: info.id });
        ctx.say(t('listRemoved', name), 'ok');
        await ctx.refresh();
        // The item is gone: the reader lands on the list of lists' heading.
        const heading = doc.getElementById(ctx.id.replace(/-item\d+$/, '-yours'));
        heading?.setAttribute('tabindex', '-1');
        heading?.focus();
      } catch (err) {
        ctx.say(t('listNotRemoved', name, errorText(err)), 'error');
        really.disabled = false;
        item.removeAttribute('aria-busy');
      }
    }),
  );
  return { opener, box };
}
