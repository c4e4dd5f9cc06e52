// Adding a reuse list on the extension's pages: "Add a list by address" and "Add list from file",
// shared by the options page (lists.ts) and the first-run page. A file's name is set inside the
// status line between Unicode isolates, so right-to-left text stays inside it.
//
// The browser is reached only through `ListsDeps`, which the page entries fill in (options/main.ts,
// welcome/main.ts) and tests replace.
import type { ListInfo, ReplyMap, UiMessage } from '../../protocol/messages.ts';
import { errorText } from '../../shared/errors.ts';
import { detached, el } from '../../ui/dom.ts';
import { formatBytes } from '../../ui/format.ts';
import { t } from '../../ui/i18n.ts';
import { addedSentence, checkListUrl, isolate, permissionReason, permissionRefused, progressShare } from '../../ui/lists.ts';

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

export type Kind = 'info' | 'ok' | 'error';

/** A status line read out politely by screen readers, styled by kind. */
export function statusLine(doc: Document, id: string): { node: HTMLElement; say(text: string, kind?: Kind): void } {
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
export function progressBar(doc: Document, label: string): { node: HTMLProgressElement; show(share?: number): void; hide(): void } {
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
    text: t('listUrlWhy'),
  });
  const error = el(doc, 'p', { class: 'field-error', attrs: { id: id('url-error') } });
  const submit = el(doc, 'button', { class: 'btn primary', text: t('listAddButton'), attrs: { type: 'submit' } });
  const status = statusLine(doc, id('url-status'));
  const progress = progressBar(doc, t('listDownloadingLabel'));
  const form = el(
    doc,
    'form',
    { class: 'list-url', attrs: { novalidate: '', 'aria-labelledby': id('url-label') } },
    el(doc, 'label', { text: t('listUrlLabel'), attrs: { for: id('url'), id: id('url-label') } }),
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
    why.textContent = check.ok ? permissionReason(check.origin) : t('listUrlWhy');
    if (error.textContent) showError('');
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const check = checkListUrl(input.value);
    if (!check.ok) {
      showError(check.error);
      status.say(t('listFixAddress'), 'error');
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
        note = `${t('listPermissionFailed', errorText(err))} `;
        return false;
      });
      if (!granted && !note) note = `${permissionRefused(origin)} `;
      status.say(`${note}${t('listDownloading')}`);
      progress.show();
      const info = await deps.ask({ type: 'ui/list-subscribe', url });
      status.say(`${note}${addedSentence(info)}`, note ? 'info' : 'ok');
      input.value = '';
      await opts.onAdded?.(info);
    } catch (err) {
      status.say(`${note}${t('listNotAdded', errorText(err))}`, 'error');
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
  const progress = progressBar(doc, t('listReadingFileLabel'));
  input.addEventListener(
    'change',
    detached(async () => {
      const file = input.files?.[0];
      if (!file) return;
      input.disabled = true;
      status.say(t('listReadingFile', isolate(file.name), formatBytes(file.size)));
      progress.show(0);
      try {
        const installed = await deps.addFromFile(file, (p) => {
          const share = progressShare(p, file.size);
          progress.show(share);
          if (share !== undefined) status.say(t('listReadingFileShare', isolate(file.name), Math.floor(share * 100)));
        });
        const info = isListInfo(installed) ? installed : undefined;
        status.say(info ? addedSentence(info) : t('listAddedFromFile', isolate(file.name)), 'ok');
        await opts.onAdded?.(info);
      } catch (err) {
        status.say(t('listFileNotAdded', errorText(err)), 'error');
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
    el(doc, 'label', { text: t('listFileLabel'), attrs: { for: id('file') } }),
    input,
    el(doc, 'p', {
      class: 'help',
      attrs: { id: id('file-help') },
      text: t('listFileHelp'),
    }),
    progress.node,
    status.node,
  );
}

function isListInfo(x: unknown): x is ListInfo {
  return typeof x === 'object' && x !== null && typeof (x as ListInfo).name === 'string' && typeof (x as ListInfo).articles === 'number';
}
