// Reuse lists on the extension's pages: the "add a list" controls (by address or from a file),
// shared by the options page and the first-run page, and the options page's list of subscribed
// lists with their facts, Update now and Remove. Everything a list supplies (its name, publisher,
// description, address) is set as text inside an element with dir="auto" or a <bdi>, so
// right-to-left text and bidirectional controls stay inside it.
//
// The browser is reached only through `ListsDeps`, which the page entries fill in (options/main.ts,
// welcome/main.ts) and tests replace.
import type { ListInfo, ReplyMap, UiMessage } from '../../protocol/messages.ts';
import { errorText } from '../../shared/errors.ts';
import { clear, detached, el, safeHref } from '../../ui/dom.ts';
import { formatBytes } from '../../ui/format.ts';
import {
  addedSentence,
  checkListUrl,
  isolate,
  listFacts,
  listName,
  permissionReason,
  permissionRefused,
  progressShare,
  removeQuestion,
  updatedSentence,
} from '../../ui/lists.ts';

export type Ask = <M extends UiMessage>(msg: M) => Promise<ReplyMap[M['type']]>;

export interface ListsDeps {
  ask: Ask;
  /** browser.permissions.request({ origins }); called first thing in the submit handler, while the
   * reader's click still counts as the gesture the browser requires. */
  requestPermission(origins: string[]): Promise<boolean>;
  /** Reads, checks and installs a list file in this page (storage/lists.ts addListFromFile). */
  addFromFile(file: File, onProgress: (progress: unknown) => void): Promise<unknown>;
  now?(): number;
}

type Kind = 'info' | 'ok' | 'error';

/** A status line read out politely by screen readers, styled by kind. */
function statusLine(doc: Document, id: string): { node: HTMLElement; say(text: string, kind?: Kind): void } {
  const node = el(doc, 'p', { class: 'status', attrs: { id, role: 'status', 'aria-live': 'polite' } });
  return {
    node,
    say(text, kind = 'info') {
      node.textContent = text;
      node.className = `status ${kind}`;
    },
  };
}

/** A progress bar, hidden until used: without a value it spins (a download of unknown length). */
function progressBar(doc: Document, label: string): { node: HTMLProgressElement; show(share?: number): void; hide(): void } {
  const node = el(doc, 'progress', { class: 'progress', attrs: { max: '1', 'aria-label': label } });
  node.hidden = true;
  return {
    node,
    show(share) {
      node.hidden = false;
      if (share === undefined) node.removeAttribute('value');
      else node.value = share;
    },
    hide() {
      node.hidden = true;
    },
  };
}

export interface AdderOptions {
  /** Prefix of the element ids, unique on the page. */
  idPrefix: string;
  /** Called after a list was added, by address or from a file. */
  onAdded?(info?: ListInfo): void | Promise<void>;
}

/** "Add a list by address" and "Add list from file", each with its own status and progress. */
export function createListAdder(doc: Document, deps: ListsDeps, opts: AdderOptions): HTMLElement {
  return el(doc, 'div', { class: 'list-adder' }, urlForm(doc, deps, opts), fileControls(doc, deps, opts));
}

/** The address form. Its submit handler asks for the host permission before anything else, then
 * asks the worker to download the list whether or not the reader allowed it. */
function urlForm(doc: Document, deps: ListsDeps, opts: AdderOptions): HTMLElement {
  const id = (s: string) => `${opts.idPrefix}-${s}`;
  const input = el(doc, 'input', {
    class: 'url',
    attrs: {
      id: id('url'),
      name: 'url',
      type: 'url',
      inputmode: 'url',
      autocomplete: 'off',
      spellcheck: 'false',
      dir: 'ltr',
      placeholder: 'https://lists.example.org/wire.firsthand-list.gz',
      'aria-describedby': `${id('url-why')} ${id('url-error')}`,
    },
  });
  const why = el(doc, 'p', {
    class: 'help',
    attrs: { id: id('url-why') },
    text: 'Firsthand downloads the list from this address, and its updates, and nothing else: no cookies, nothing about what you read.',
  });
  const error = el(doc, 'p', { class: 'field-error', attrs: { id: id('url-error') } });
  const submit = el(doc, 'button', { class: 'btn primary', text: 'Add list', attrs: { type: 'submit' } });
  const status = statusLine(doc, id('url-status'));
  const progress = progressBar(doc, 'Downloading the list');
  const form = el(
    doc,
    'form',
    { class: 'list-url', attrs: { novalidate: '', 'aria-labelledby': id('url-label') } },
    el(doc, 'label', { text: 'Add a list by its address', attrs: { for: id('url'), id: id('url-label') } }),
    el(doc, 'div', { class: 'row url-row' }, input, submit),
    why,
    error,
    progress.node,
    status.node,
  );
  const showError = (msg: string) => {
    error.textContent = msg;
    input.setAttribute('aria-invalid', String(Boolean(msg)));
  };
  input.addEventListener('input', () => {
    const check = checkListUrl(input.value);
    why.textContent = check.ok
      ? permissionReason(check.origin)
      : 'Firsthand downloads the list from this address, and its updates, and nothing else: no cookies, nothing about what you read.';
    if (error.textContent) showError('');
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const check = checkListUrl(input.value);
    if (!check.ok) {
      showError(check.error);
      status.say('Nothing added: please correct the address.', 'error');
      input.focus();
      return;
    }
    showError('');
    // Asked before any await: the browser allows the request only while handling the reader's click.
    let asked: Promise<boolean>;
    try {
      asked = deps.requestPermission([check.pattern]);
    } catch (err) {
      asked = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    status.say(permissionReason(check.origin));
    void subscribe(check.url, check.origin, asked);
  });

  async function subscribe(url: string, origin: string, asked: Promise<boolean>): Promise<void> {
    submit.disabled = true;
    input.readOnly = true;
    form.setAttribute('aria-busy', 'true');
    let note = '';
    try {
      const granted = await asked.catch((err: unknown) => {
        note = `The browser could not ask for the permission (${errorText(err)}). `;
        return false;
      });
      if (!granted && !note) note = `${permissionRefused(origin)} `;
      status.say(`${note}Downloading and checking the list…`);
      progress.show();
      const info = await deps.ask({ type: 'ui/list-subscribe', url });
      status.say(`${note}${addedSentence(info)}`, note ? 'info' : 'ok');
      input.value = '';
      await opts.onAdded?.(info);
    } catch (err) {
      status.say(`${note}Not added: ${errorText(err)}`, 'error');
    } finally {
      progress.hide();
      submit.disabled = false;
      input.readOnly = false;
      form.removeAttribute('aria-busy');
    }
  }
  return form;
}

/** "Add list from file": a labelled file input, itself the Tab stop (no hidden input behind a button). */
function fileControls(doc: Document, deps: ListsDeps, opts: AdderOptions): HTMLElement {
  const id = (s: string) => `${opts.idPrefix}-${s}`;
  const input = el(doc, 'input', {
    class: 'file',
    attrs: {
      id: id('file'),
      type: 'file',
      accept: '.gz,.jsonl,.json,.firsthand-list,application/gzip,application/x-ndjson,application/json',
      'aria-describedby': id('file-help'),
    },
  });
  const status = statusLine(doc, id('file-status'));
  const progress = progressBar(doc, 'Reading the list file');
  input.addEventListener(
    'change',
    detached(async () => {
      const file = input.files?.[0];
      if (!file) return;
      input.disabled = true;
      status.say(`Reading ${isolate(file.name)} (${formatBytes(file.size)})…`);
      progress.show(0);
      try {
        const installed = await deps.addFromFile(file, (p) => {
          const share = progressShare(p, file.size);
          progress.show(share);
          if (share !== undefined) status.say(`Reading ${isolate(file.name)}… ${Math.floor(share * 100)}%`);
        });
        const info = isListInfo(installed) ? installed : undefined;
        status.say(info ? addedSentence(info) : `Added the list from ${isolate(file.name)}.`, 'ok');
        await opts.onAdded?.(info);
      } catch (err) {
        status.say(`Not added: ${errorText(err)} Nothing was changed.`, 'error');
      } finally {
        input.value = '';
        input.disabled = false;
        progress.hide();
      }
    }),
  );
  return el(
    doc,
    'div',
    { class: 'list-file' },
    el(doc, 'label', { text: 'Add list from file', attrs: { for: id('file') } }),
    input,
    el(doc, 'p', {
      class: 'help',
      attrs: { id: id('file-help') },
      text: 'A list file someone gave you. It is read on this computer and never updated.',
    }),
    progress.node,
    status.node,
  );
}

/** "The list" at the start of a sentence; a list's own name as it is. */
function capital(s: string): string {
  return s.startsWith('the ') ? `T${s.slice(1)}` : s;
}

function isListInfo(x: unknown): x is ListInfo {
  return typeof x === 'object' && x !== null && typeof (x as ListInfo).name === 'string' && typeof (x as ListInfo).articles === 'number';
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
    text: 'No lists yet. Until you add one, Firsthand downloads nothing at all.',
  });
  const status = statusLine(doc, `${idPrefix}-status`);
  const panel: ListsPanel = {
    root: el(doc, 'div'),
    refresh: async () => {
      try {
        show(await deps.ask({ type: 'ui/lists' }));
      } catch (err) {
        status.say(`The lists could not be read: ${errorText(err)}`, 'error');
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
      text: 'A reuse list is original reporting that a newsroom, a researcher or a media-watch group publishes as one file. With a list, copies of its articles are flagged even if you never read the original. The list is matched on this computer: nothing about your reading is sent.',
    }),
    createListAdder(doc, deps, { idPrefix, onAdded: () => panel.refresh() }),
    el(doc, 'h3', { class: 'lists-title', text: 'Your lists', attrs: { id: `${idPrefix}-yours` } }),
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
  const progress = progressBar(doc, `Updating ${listName(info)}`);
  const item = el(
    doc,
    'li',
    { class: 'list-item', attrs: { 'aria-labelledby': titleId } },
    el(doc, 'h4', { class: 'list-name', text: info.name || 'Unnamed list', attrs: { id: titleId, dir: 'auto' } }),
    el(
      doc,
      'p',
      { class: 'publisher' },
      'by ',
      el(doc, 'bdi', { text: info.publisher || 'an unnamed publisher' }),
      homepage ? ' · ' : null,
      homepage ? el(doc, 'a', { text: 'homepage', attrs: { href: homepage, target: '_blank', rel: 'noreferrer noopener' } }) : null,
    ),
    info.description ? el(doc, 'p', { class: 'description', text: info.description, attrs: { dir: 'auto' } }) : null,
    el(
      doc,
      'p',
      { class: 'source' },
      fromUrl ? 'From ' : 'From the file ',
      el(doc, 'bdi', { class: fromUrl ? 'address' : 'file-name', text: 'url' in info.source ? info.source.url : info.source.file }),
    ),
    facts,
    info.lastError
      ? el(
          doc,
          'p',
          { class: 'list-error', attrs: { id: `${ctx.id}-error` } },
          el(doc, 'strong', { text: 'The last update failed: ' }),
          el(doc, 'span', { text: info.lastError, attrs: { dir: 'auto' } }),
          ' The previous copy is kept whole.',
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
    text: 'Update now',
    attrs: { type: 'button', 'aria-describedby': `${ctx.id}-name`, 'data-action': 'update', 'data-list-id': info.id },
  });
  btn.addEventListener(
    'click',
    detached(async () => {
      btn.disabled = true;
      item.setAttribute('aria-busy', 'true');
      progress.show();
      ctx.say(`Updating ${name}…`);
      try {
        const updated = await deps.ask({ type: 'ui/list-update', id: info.id });
        if (updated.lastError) ctx.say(`${capital(name)} was not updated: ${updated.lastError}`, 'error');
        else ctx.say(updatedSentence(updated), 'ok');
      } catch (err) {
        ctx.say(`${capital(name)} was not updated: ${errorText(err)}`, 'error');
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
    text: 'Remove…',
    attrs: {
      type: 'button',
      'aria-expanded': 'false',
      'aria-controls': boxId,
      'aria-describedby': `${ctx.id}-name`,
      'data-action': 'remove',
      'data-list-id': info.id,
    },
  });
  const cancel = el(doc, 'button', { class: 'btn', text: 'Cancel', attrs: { type: 'button' } });
  const really = el(doc, 'button', { class: 'btn danger solid', text: 'Remove list', attrs: { type: 'button' } });
  const box = el(
    doc,
    'div',
    { class: 'confirm', attrs: { id: boxId, role: 'group', 'aria-label': 'Confirm removing the list' } },
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
      ctx.say(`Removing ${name}…`);
      try {
        await deps.ask({ type: 'ui/list-remove', id: info.id });
        ctx.say(`Removed ${name}.`, 'ok');
        await ctx.refresh();
        // The item is gone: the reader lands on the list of lists' heading.
        const heading = doc.getElementById(ctx.id.replace(/-item\d+$/, '-yours'));
        heading?.setAttribute('tabindex', '-1');
        heading?.focus();
      } catch (err) {
        ctx.say(`${name} was not removed: ${errorText(err)}`, 'error');
        really.disabled = false;
        item.removeAttribute('aria-busy');
      }
    }),
  );
  return { opener, box };
}
