// @vitest-environment happy-dom
// Reuse lists on the extension's pages: the address check, the options page's Lists section
// (add by address or file, facts, Update now, Remove), "listed by" in the ribbon and the popup,
// the comparison with a text-free original, and the first-run page's pack import.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, tabs: {} } }));

import type { ListedBy } from '../../src/index/types.ts';
import type { CompareView, ListInfo, UiMessage } from '../../src/protocol/messages.ts';
import { checkListUrl, formatUntil, formatWhen, listFacts, progressShare, removeQuestion } from '../../src/ui/lists.ts';
import { listedLine, listedSentence } from '../../src/ui/listed.ts';
import { createListAdder, createListsPanel, type ListsDeps } from '../../src/popup/options/lists.ts';
import { createRibbon } from '../../src/content/ribbon.ts';
import { renderTabState, TEXT_FREE_NOTE } from '../../src/popup/toolbar/verdict.ts';
import { NO_TEXT_SENTENCE, originalText, renderCompare } from '../../src/popup/compare/view.ts';
import { createPackImport } from '../../src/popup/welcome/pack.ts';
import { axiosMatch, result } from './ui-fixtures.ts';

const RTL = '\u202eSOIXA';
const FSI = '\u2068';
const PDI = '\u2069';
const NOW = new Date(2026, 10, 30, 15, 0, 0).getTime();
const HOUR = 3_600_000;

const WIRE: ListedBy = { list: 'World wire', publisher: 'Wire Watch', source: 'https://lists.example.org/wire.gz' };

function info(over: Partial<ListInfo> = {}): ListInfo {
  return {
    id: 'list-1',
    name: 'World wire',
    publisher: 'Wire Watch',
    description: 'Agency stories from 2024.',
    homepage: 'https://wirewatch.example.org/',
    source: { url: 'https://lists.example.org/wire.gz' },
    articles: 1204,
    bytes: 3_400_000,
    digest: 'ab'.repeat(32),
    addedAt: NOW - 48 * HOUR,
    updatedAt: NOW - 2 * HOUR,
    checkedAt: NOW - 2 * HOUR,
    nextUpdate: NOW + 22 * HOUR,
    expiresHours: 24,
    ...over,
  };
}

/** A fake worker: answers each list message from `lists`, recording what was asked, in order. */
function fakeDeps(lists: ListInfo[], over: Partial<ListsDeps> = {}) {
  const calls: string[] = [];
  const ask = vi.fn(async (msg: UiMessage): Promise<unknown> => {
    calls.push(msg.type);
    switch (msg.type) {
      case 'ui/lists':
        return lists;
      case 'ui/list-subscribe': {
        const added = info({ id: 'new', name: 'Scoops', source: { url: msg.url }, articles: 12 });
        lists.push(added);
        return added;
      }
      case 'ui/list-update':
        return { ...lists.find((l) => l.id === msg.id)!, articles: 1210 };
      case 'ui/list-remove':
        lists.splice(
          lists.findIndex((l) => l.id === msg.id),
          1,
        );
        return lists;
      default:
        throw new Error(`unexpected ${msg.type}`);
    }
  });
  const requestPermission = vi.fn(async (origins: string[]) => {
    calls.push(`permission:${origins.join(',')}`);
    return true;
  });
  const addFromFile = vi.fn(async (_file: File, onProgress: (p: unknown) => void) => {
    onProgress({ done: 1, total: 2 });
    return info({ id: 'file', name: 'From a friend', source: { file: 'friend.gz' }, articles: 3 });
  });
  const deps = { ask: ask as unknown as ListsDeps['ask'], requestPermission, addFromFile, now: () => NOW, ...over };
  return { deps, ask, requestPermission, addFromFile, calls };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

function mounted(node: HTMLElement): HTMLElement {
  document.body.replaceChildren(node);
  return node;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('the list address check', () => {
  it('accepts https and asks for its host on any port, without the fragment', () => {
    expect(checkListUrl('  https://lists.example.org:8443/wire.gz#top ')).toEqual({
      ok: true,
      url: 'https://lists.example.org:8443/wire.gz',
      origin: 'https://lists.example.org:8443',
      pattern: 'https://lists.example.org/*',
    });
  });

  it('accepts plain http only on localhost and 127.0.0.1', () => {
    expect(checkListUrl('http://localhost:8080/l.gz')).toMatchObject({ ok: true, pattern: 'http://localhost/*', origin: 'http://localhost:8080' });
    expect(checkListUrl('http://127.0.0.1/l.gz')).toMatchObject({ ok: true, pattern: 'http://127.0.0.1/*' });
    const refused = checkListUrl('http://lists.example.org/l.gz');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/^Use an https:\/\/ address: over plain http anyone on the way could change the list\./);
  });

  it('refuses other schemes, credentials, non-addresses and empty input, saying why', () => {
    const error = (raw: string) => {
      const c = checkListUrl(raw);
      return c.ok ? 'accepted' : c.error;
    };
    expect(error('ftp://lists.example.org/l.gz')).toBe('Only https:// addresses can be added (http:// for localhost).');
    expect(error('https://me:secret@lists.example.org/l.gz')).toMatch(/^Leave the user name and password out/);
    expect(error('lists.example.org/l.gz')).toBe('Write the whole address, starting with https://.');
    expect(error('   ')).toBe('Write the list’s address, starting with https://.');
    expect(error(`https://x.example/${'a'.repeat(2100)}`)).toMatch(/too long/);
  });
});

describe('list facts in words', () => {
  it('says when a list was updated and when it is due', () => {
    expect(formatWhen(NOW - 2 * HOUR, NOW)).toBe('today, 13:00');
    expect(formatWhen(NOW - 24 * HOUR, NOW)).toBe('yesterday, 15:00');
    expect(formatUntil(NOW + 22 * HOUR, NOW)).toBe('in 22 hours');
    expect(formatUntil(NOW + 30 * 60_000, NOW)).toBe('in 30 minutes');
    expect(formatUntil(NOW + 72 * HOUR, NOW)).toBe('in 3 days');
    expect(formatUntil(NOW - 1, NOW)).toBe('due now');
  });

  it('lists articles, size, updates and signature; a file list is never updated', () => {
    expect(listFacts(info({ publicKey: 'AAAA' }), NOW)).toEqual([
      ['Articles', '1,204'],
      ['Size', '3.4 MB'],
      ['Last update', 'today, 13:00'],
      ['Next update', 'in 22 hours'],
      ['Signature', 'signed; the key is pinned'],
    ]);
    const file = listFacts(info({ source: { file: 'a.gz' }, nextUpdate: undefined }), NOW);
    expect(file[2]).toEqual(['Read', 'today, 13:00']);
    expect(file[3]).toEqual(['Next update', 'never: added from a file']);
  });

  it('reads progress as a share whatever its shape', () => {
    expect(progressShare(0.25, 100)).toBe(0.25);
    expect(progressShare(50, 200)).toBe(0.25);
    expect(progressShare({ done: 3, total: 4 }, 0)).toBe(0.75);
    expect(progressShare({ bytes: 10 }, 40)).toBe(0.25);
    expect(progressShare({ phase: 'writing' }, 40)).toBeUndefined();
  });

  it('isolates a list name inside its sentence', () => {
    expect(removeQuestion(info({ name: RTL }))).toBe(
      `Remove ${FSI}${RTL}${PDI}? Its 1,204 articles leave your index, except those you read yourself or imported.`,
    );
  });
});

describe('listed by', () => {
  it('names the publisher and the list, each isolated in a <bdi>', () => {
    const line = listedLine(document, [{ ...WIRE, publisher: RTL }])!;
    expect(line.textContent).toBe(`Listed by ${RTL} in World wire.`);
    expect([...line.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual([RTL, 'World wire']);
    expect(line.querySelector('bdi')!.childNodes).toHaveLength(1);
    expect(line.querySelector('bdi')!.firstChild!.nodeType).toBe(Node.TEXT_NODE);
  });

  it('names two lists and counts the rest; nothing for an article read by the reader', () => {
    const many = [WIRE, { ...WIRE, list: 'Scoops', publisher: 'AP' }, { ...WIRE, list: 'Three' }, WIRE];
    expect(listedSentence(many)).toBe('Listed by Wire Watch in World wire; by AP in Scoops; and 1 more list.');
    expect(listedLine(document, undefined)).toBeNull();
    expect(listedSentence([])).toBe('');
  });
});

describe('options page: Lists section', () => {
  it('shows each list with isolated names, its facts and its last error', async () => {
    const hostile = info({ name: RTL, publisher: '<img src=x onerror=alert(1)>', description: `${RTL} description`, lastError: 'The server answered 404.' });
    const { deps } = fakeDeps([hostile, info({ id: 'f', name: 'Friend', source: { file: 'friend.gz' }, nextUpdate: undefined })]);
    const panel = createListsPanel(document, deps);
    mounted(panel.root);
    await panel.refresh();
    const items = [...panel.root.querySelectorAll('li.list-item')];
    expect(items).toHaveLength(2);
    const first = items[0];
    const name = first.querySelector('h4')!;
    expect(name.textContent).toBe(RTL);
    expect(name.getAttribute('dir')).toBe('auto');
    expect(first.getAttribute('aria-labelledby')).toBe(name.id);
    expect(first.querySelector('img')).toBeNull();
    expect(first.querySelector('.publisher bdi')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(first.querySelector('.description')!.getAttribute('dir')).toBe('auto');
    expect(first.querySelector('.source bdi')!.textContent).toBe('https://lists.example.org/wire.gz');
    const facts = Object.fromEntries(
      [...first.querySelectorAll('.facts div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]),
    );
    expect(facts).toMatchObject({ Articles: '1,204', Size: '3.4 MB', 'Last update': 'today, 13:00', 'Next update': 'in 22 hours' });
    expect(first.querySelector('.list-error')!.textContent).toBe('The last update failed: The server answered 404. The previous copy is kept whole.');
    expect(first.getAttribute('aria-describedby')).toBe(first.querySelector('.list-error')!.id);
    const buttons = (li: Element) => [...li.querySelectorAll('.list-actions button')].map((b) => b.textContent);
    expect(buttons(first)).toEqual(['Update now', 'Remove…']);
    // A list from a file is never updated.
    expect(buttons(items[1])).toEqual(['Remove…']);
    expect(items[1].querySelector('.source')!.textContent).toBe('From the file friend.gz');
  });

  it('says there are no lists yet', async () => {
    const { deps } = fakeDeps([]);
    const panel = createListsPanel(document, deps);
    mounted(panel.root);
    await panel.refresh();
    expect(panel.root.querySelector<HTMLElement>('.empty')!.hidden).toBe(false);
    expect(panel.root.querySelector<HTMLElement>('.list-items')!.hidden).toBe(true);
  });

  it('Update now asks the worker for that list, shows progress while busy, then the result', async () => {
    const { deps, ask } = fakeDeps([info()]);
    const panel = createListsPanel(document, deps);
    mounted(panel.root);
    await panel.refresh();
    const item = panel.root.querySelector('li.list-item')!;
    const update = item.querySelector<HTMLButtonElement>('[data-action="update"]')!;
    update.focus();
    update.click();
    expect(update.disabled).toBe(true);
    expect(item.getAttribute('aria-busy')).toBe('true');
    expect(item.querySelector<HTMLProgressElement>('progress')!.hidden).toBe(false);
    expect(panel.root.querySelector('#lists-status')!.textContent).toBe(`Updating ${FSI}World wire${PDI}…`);
    await flush();
    expect(ask).toHaveBeenCalledWith({ type: 'ui/list-update', id: 'list-1' });
    expect(panel.root.querySelector('#lists-status')!.textContent).toBe(`Updated ${FSI}World wire${PDI}: 1,210 articles.`);
    // Re-rendered, and the reader's focus is back on the same button.
    expect((document.activeElement as HTMLElement).dataset.action).toBe('update');
  });

  it('a failed update is said in the worker’s words', async () => {
    const { deps } = fakeDeps([info()]);
    const failing = {
      ...deps,
      ask: (async (msg: UiMessage) =>
        msg.type === 'ui/lists' ? [info()] : Promise.reject(new Error('The list is not signed with the pinned key.'))) as ListsDeps['ask'],
    };
    const panel = createListsPanel(document, failing);
    mounted(panel.root);
    await panel.refresh();
    panel.root.querySelector<HTMLButtonElement>('[data-action="update"]')!.click();
    await flush();
    const status = panel.root.querySelector('#lists-status')!;
    expect(status.textContent).toBe(`${FSI}World wire${PDI} was not updated: The list is not signed with the pinned key.`);
    expect(status.className).toBe('status error');
  });

  it('Remove asks first, saying the reader’s own articles stay; Cancel and Escape back out', async () => {
    const lists = [info()];
    const { deps, ask } = fakeDeps(lists);
    const panel = createListsPanel(document, deps);
    mounted(panel.root);
    await panel.refresh();
    const opener = panel.root.querySelector<HTMLButtonElement>('[data-action="remove"]')!;
    const confirm = panel.root.querySelector<HTMLElement>('.confirm')!;
    expect(confirm.hidden).toBe(true);
    opener.click();
    expect(confirm.hidden).toBe(false);
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    expect(confirm.textContent).toContain(`Remove ${FSI}World wire${PDI}? Its 1,204 articles leave your index, except those you read yourself or imported.`);
    expect(document.activeElement!.textContent).toBe('Cancel');
    confirm.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(confirm.hidden).toBe(true);
    expect(document.activeElement).toBe(opener);
    expect(ask).not.toHaveBeenCalledWith({ type: 'ui/list-remove', id: 'list-1' });
    opener.click();
    [...confirm.querySelectorAll('button')].find((b) => b.textContent === 'Remove list')!.click();
    await flush();
    expect(ask).toHaveBeenCalledWith({ type: 'ui/list-remove', id: 'list-1' });
    expect(panel.root.querySelectorAll('li.list-item')).toHaveLength(0);
    expect(panel.root.querySelector('#lists-status')!.textContent).toBe(`Removed ${FSI}World wire${PDI}.`);
    expect(document.activeElement!.id).toBe('lists-yours');
  });
});

describe('adding a list', () => {
  const submit = (root: HTMLElement, url: string) => {
    const input = root.querySelector<HTMLInputElement>('input.url')!;
    input.value = url;
    input.dispatchEvent(new Event('input'));
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    return input;
  };

  it('asks for the host permission first, says why, then asks the worker to subscribe', async () => {
    const { deps, calls } = fakeDeps([]);
    const onAdded = vi.fn();
    const root = mounted(createListAdder(document, deps, { idPrefix: 't', onAdded }));
    const input = submit(root, 'https://lists.example.org/scoops.gz');
    // The request is made inside the submit handler itself, before any await.
    expect(calls).toEqual(['permission:https://lists.example.org/*']);
    expect(root.querySelector('#t-url-status')!.textContent).toBe(
      'Firsthand asks to read https://lists.example.org so it can download this list and its updates; it sends nothing about your reading.',
    );
    expect(root.querySelector('#t-url-why')!.textContent).toBe(root.querySelector('#t-url-status')!.textContent);
    await flush();
    expect(calls).toEqual(['permission:https://lists.example.org/*', 'ui/list-subscribe']);
    expect(root.querySelector('#t-url-status')!.textContent).toBe(`Added ${FSI}Scoops${PDI}: 12 articles.`);
    expect(input.value).toBe('');
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ id: 'new' }));
  });

  it('a refused permission is said, and the subscription is still tried', async () => {
    const { deps, ask } = fakeDeps([], { requestPermission: vi.fn(async () => false) });
    const root = mounted(createListAdder(document, deps, { idPrefix: 't' }));
    submit(root, 'http://localhost:8080/l.gz');
    await flush();
    expect(ask).toHaveBeenCalledWith({ type: 'ui/list-subscribe', url: 'http://localhost:8080/l.gz' });
    expect(root.querySelector('#t-url-status')!.textContent).toBe(
      `You did not allow Firsthand to read http://localhost:8080. It tries anyway, which works only if that server lets extensions download the list. Added ${FSI}Scoops${PDI}: 12 articles.`,
    );
  });

  it('a refused address is explained and nothing is asked', async () => {
    const { deps, calls } = fakeDeps([]);
    const root = mounted(createListAdder(document, deps, { idPrefix: 't' }));
    const input = submit(root, 'http://lists.example.org/l.gz');
    await flush();
    expect(calls).toEqual([]);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#t-url-error')!.textContent).toMatch(/^Use an https:\/\/ address/);
    expect(input.getAttribute('aria-describedby')).toContain('t-url-error');
    expect(document.activeElement).toBe(input);
  });

  it('a failed subscription shows the worker’s reason', async () => {
    const { deps } = fakeDeps([]);
    const root = mounted(
      createListAdder(
        document,
        { ...deps, ask: (async () => Promise.reject(new Error('The list’s digest does not match its content.'))) as ListsDeps['ask'] },
        { idPrefix: 't' },
      ),
    );
    submit(root, 'https://lists.example.org/l.gz');
    await flush();
    expect(root.querySelector('#t-url-status')!.textContent).toBe('Not added: The list’s digest does not match its content.');
    expect(root.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(false);
  });

  it('a list file is read by a labelled file input, with progress, and added', async () => {
    const { deps, addFromFile } = fakeDeps([]);
    let seen: number | null = null;
    const root = mounted(createListAdder(document, deps, { idPrefix: 't' }));
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(root.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Add list from file');
    expect(input.classList.contains('visually-hidden')).toBe(false);
    const progress = root.querySelector<HTMLProgressElement>('.list-file progress')!;
    addFromFile.mockImplementationOnce(async (_f, onProgress) => {
      onProgress({ done: 1, total: 4 });
      seen = progress.hidden ? -1 : progress.value;
      return info({ id: 'file', name: 'Friend', articles: 3 });
    });
    const file = new File(['{}'], 'friend.gz');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await flush();
    expect(addFromFile).toHaveBeenCalledWith(file, expect.any(Function));
    expect(seen).toBe(0.25);
    expect(progress.hidden).toBe(true);
    expect(root.querySelector('#t-file-status')!.textContent).toBe(`Added ${FSI}Friend${PDI}: 3 articles.`);
  });

  it('a refused list file is said, with nothing changed', async () => {
    const { deps } = fakeDeps([], { addFromFile: vi.fn(async () => Promise.reject(new Error('This list is far bigger than its header says.'))) });
    const root = mounted(createListAdder(document, deps, { idPrefix: 't' }));
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'bomb.gz')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await flush();
    expect(root.querySelector('#t-file-status')!.textContent).toBe('Not added: This list is far bigger than its header says. Nothing was changed.');
  });
});

describe('ribbon and popup for a listed original', () => {
  it('the ribbon says who lists the original, isolated, and still compares a text-free original', () => {
    const compare = vi.fn();
    const ribbon = createRibbon(document, result('copy', {}, { listed: [{ ...WIRE, list: RTL }], textFree: true }), {
      highlight: () => 0,
      compare,
      dismissed: () => undefined,
    })!;
    const line = ribbon.root.querySelector('.listed')!;
    expect(line.textContent).toBe(`Listed by Wire Watch in ${RTL}.`);
    expect([...line.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual(['Wire Watch', RTL]);
    expect(ribbon.text).toMatch(new RegExp(`It credits Axios\\. Listed by Wire Watch in ${RTL}\\.$`));
    expect(ribbon.root.querySelector('a.btn')!.getAttribute('href')).toBe('https://www.axios.com/2024/03/31/israel-us-meeting-rafah');
    [...ribbon.root.querySelectorAll('button')].find((b) => b.textContent === 'Compare side by side')!.click();
    expect(compare).toHaveBeenCalledOnce();
    ribbon.host.remove();
  });

  it('the ribbon of an original the reader read says nothing about lists', () => {
    const ribbon = createRibbon(document, result('copy'), { highlight: () => 0, compare: () => undefined, dismissed: () => undefined })!;
    expect(ribbon.root.querySelector('.listed')).toBeNull();
    expect(ribbon.text).not.toContain('Listed');
    ribbon.host.remove();
  });

  it('the popup names the lists, links the original, says it has no text, and compares', () => {
    const compare = vi.fn();
    const listedMatch = axiosMatch({ listed: [WIRE], textFree: true, verdict: 'copy' });
    const box = document.createElement('div');
    box.append(
      ...renderTabState(
        document,
        { url: 'u', pageId: 'p', result: result('copy', { matches: [listedMatch] }, { listed: [WIRE], textFree: true }) },
        { highlight: vi.fn(), compare },
      ),
    );
    expect(box.querySelector('.original .listed')!.textContent).toBe('Listed by Wire Watch in World wire.');
    expect(box.querySelector('.original a')!.getAttribute('href')).toBe('https://www.axios.com/2024/03/31/israel-us-meeting-rafah');
    expect(box.querySelector('.original .text-free')!.textContent).toBe(TEXT_FREE_NOTE);
    // The original is named once, in the card: not again in the list of other articles.
    expect(box.querySelector('.story')).toBeNull();
    (box.querySelector('button.primary') as HTMLButtonElement).click();
    expect(compare).toHaveBeenCalledWith('p', 'https://www.axios.com/2024/03/31/israel-us-meeting-rafah');
  });
});

describe('comparison with a text-free original', () => {
  const PAGE_TEXT = 'The two governments will meet on Monday to discuss the offensive. Officials said more.';
  const view = (original: Record<string, unknown> = {}): CompareView => ({
    page: {
      id: 'p',
      url: 'https://copy.example/a',
      title: 'Copy',
      outlet: 'Copycat',
      host: 'copy.example',
      firstSeenAt: NOW,
      wordCount: 14,
      credits: [],
      text: PAGE_TEXT,
    },
    original: {
      id: 'o',
      url: 'https://www.axios.com/a',
      title: RTL,
      outlet: 'Axios',
      host: 'www.axios.com',
      publishedAt: NOW - 24 * HOUR,
      firstSeenAt: NOW,
      wordCount: 0,
      credits: [],
      text: '',
      textFree: true,
      listed: [WIRE],
      ...original,
    } as CompareView['original'],
    comparison: {
      verdict: 'partial-copy',
      score: 0.5,
      containment: 0.6,
      coverage: 0.4,
      jaccard: 0.3,
      ordered: 0,
      vocabulary: 0.5,
      passages: [{ candidateTokens: [0, 8], originalTokens: [0, 8], candidateChars: [0, PAGE_TEXT.indexOf(' Officials')] }],
    },
    credited: false,
  });

  it('marks this page’s shared passages and shows the original’s facts and link, no invented text', () => {
    const box = document.createElement('div');
    box.append(...renderCompare(document, view()));
    expect(originalText(view())).toBe('listed');
    const original = box.querySelector('.column.original')!;
    expect(original.querySelector('.article-text')).toBeNull();
    expect(original.querySelector('mark')).toBeNull();
    expect(original.querySelector('h2')!.textContent).toBe(RTL);
    expect(original.querySelector('h2')!.getAttribute('dir')).toBe('auto');
    expect(original.querySelector('.byline')!.textContent).toMatch(/^Axios · axios\.com · \d+ \w+ 2026$/);
    expect(original.querySelector('.listed')!.textContent).toBe('Listed by Wire Watch in World wire.');
    expect(original.querySelector('.no-text')!.textContent).toBe(NO_TEXT_SENTENCE.listed);
    expect(original.querySelector('a.open')!.getAttribute('href')).toBe('https://www.axios.com/a');
    // Everything the original's column says is its title, facts, lists and the sentences above: no stand-in text.
    expect(original.textContent).toBe(
      `The original, from a list${RTL}${original.querySelector('.byline')!.textContent}Listed by Wire Watch in World wire.${NO_TEXT_SENTENCE.listed}Open the original ↗`,
    );
    const marks = [...box.querySelectorAll('.column.page mark.shared')];
    expect(marks.map((m) => m.textContent)).toEqual(['1The two governments will meet on Monday to discuss the offensive.']);
    // No twin on the other side: the passage number is not a link to one.
    expect(box.querySelector('.column.page a.num')).toBeNull();
    expect(box.querySelector('.column.page .num')!.getAttribute('aria-label')).toBe('Passage 1');
    expect(box.querySelector('.legend')!.textContent).not.toContain('original text this page left out');
    // The order of the original's words cannot be known without them.
    expect(box.querySelector('.tiles')!.textContent).not.toContain('order');
  });

  it('an original with its text is compared side by side as before', () => {
    expect(originalText(view({ text: 'Some text', textFree: undefined, listed: undefined }))).toBe('text');
    expect(originalText(view({ textFree: undefined, listed: undefined }))).toBe('missing');
    expect(originalText(view({ textFree: undefined }))).toBe('listed');
  });
});

describe('first-run page', () => {
  it('says what Firsthand does, that it learns from reading, that nothing leaves, and links to the options', () => {
    const html = readFileSync(resolve('src/popup/welcome.html'), 'utf8');
    // Without its stylesheets: happy-dom would try to load them.
    const page = new DOMParser().parseFromString(html.replace(/<link [^>]*>/g, ''), 'text/html');
    const text = page.body.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('names the original');
    expect(text).toContain('It learns from what you read.');
    expect(text).toContain('Nothing is flagged until the original is in your index');
    expect(text).toContain('Nothing leaves your machine.');
    expect([...page.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Add a list', 'Import a pack']);
    expect(page.querySelector('a#options-link')!.getAttribute('href')).toBe('./options.html');
    expect(page.querySelector('script[type="module"]')!.getAttribute('src')).toBe('./welcome/main.ts');
  });

  it('imports a pack through a labelled file input and says what it did', async () => {
    const importFile = vi.fn(async (_f: File, say: (t: string) => void) => {
      say('Importing… 1 of 2');
      return { added: 2, updated: 0, evicted: 0 };
    });
    const root = mounted(createPackImport(document, importFile, (r) => `Imported ${r.added} articles.`, 'w'));
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(root.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Import a pack file');
    const file = new File(['{}'], 'pack.firsthand.json');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await flush();
    expect(importFile).toHaveBeenCalledWith(file, expect.any(Function));
    expect(root.querySelector('#w-status')!.textContent).toBe('Imported 2 articles.');
  });
});
