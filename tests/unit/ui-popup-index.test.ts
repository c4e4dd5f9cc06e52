// @vitest-environment happy-dom
// The popup's index panel against a fake background: its one line of figures, pause, Import…
// (which opens a page), clear with its in-popup confirmation; and the pack import of that page,
// checked and written by the page itself (fake-indexeddb).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent: { type: string; [k: string]: unknown }[] = [];
let replies: Record<string, unknown> = {};

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage: async (msg: { type: string }) => {
        sent.push(msg);
        const r = replies[msg.type];
        return typeof r === 'function' ? (r as (m: unknown) => unknown)(msg) : r;
      },
    },
    tabs: {},
  },
}));

import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { encodePack } from '../../src/index/index.ts';
import { createIndexPanel, importSummary } from '../../src/popup/toolbar/index-panel.ts';
import { importLocally } from '../../src/popup/toolbar/bulk.ts';
import { createPackImport } from '../../src/popup/welcome/pack.ts';
import { syntheticArticle } from './background-fixtures.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));
const button = (root: HTMLElement, label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement;

const SETTINGS = {
  sensitivity: 'normal',
  excludedSites: [],
  maxArticles: 100000,
  maxAgeDays: 0,
  indexPrivate: false,
  paused: false,
  ribbonMode: 'auto',
  ribbonPosition: 'bottom-end',
};

beforeEach(() => {
  sent.length = 0;
  document.body.replaceChildren();
  replies = {
    'ui/stats': { ok: true, value: { articles: 1234, bytes: 3_400_000, oldestSeenAt: Date.UTC(2024, 2, 31, 12), params: 'p' } },
    'ui/get-settings': { ok: true, value: SETTINGS },
  };
});

async function panel(usage = { articles: 1234, bytes: 40_000, estimated: false }) {
  const hooks = { onPausedChange: vi.fn(), openImport: vi.fn(), onCleared: vi.fn(), usage: vi.fn(async () => usage) };
  const p = createIndexPanel(document, hooks);
  document.body.append(p.root);
  await p.refresh();
  return { root: p.root, onPaused: hooks.onPausedChange, hooks };
}
const line = (root: HTMLElement) => root.querySelector('.index-line')!.textContent;

describe('popup index panel', () => {
  it("says in one line how many articles the reader's index holds and what their data takes, not the browser's estimate", async () => {
    const { root } = await panel();
    expect(line(root)).toBe('Your index: 1,234 articles, 40 KB');
    expect(root.textContent).not.toContain('3.4 MB');
    expect(root.querySelector('.index-figures')!.getAttribute('title')).toMatch(/^The oldest was read on \d+ \w+ 2024\.$/);
    document.body.replaceChildren();
    expect(line((await panel({ articles: 1234, bytes: 2_500_000, estimated: true })).root)).toBe('Your index: 1,234 articles, about 2.5 MB');
  });

  it('says 0 articles, 0 KB for an empty index, and 1 article in the singular', async () => {
    replies['ui/stats'] = { ok: true, value: { articles: 0, bytes: 600_000, params: 'p' } };
    expect(line((await panel({ articles: 0, bytes: 0, estimated: false })).root)).toBe('Your index: 0 articles, 0 KB');
    document.body.replaceChildren();
    replies['ui/stats'] = { ok: true, value: { articles: 1, bytes: 600_000, params: 'p' } };
    expect(line((await panel({ articles: 1, bytes: 812, estimated: false })).root)).toBe('Your index: 1 article, 1 KB');
  });

  it('has no file input: Import… asks the page to open the import page', async () => {
    const { root, hooks } = await panel();
    expect(root.querySelector('input')).toBeNull();
    button(root, 'Import…').click();
    expect(hooks.openImport).toHaveBeenCalledTimes(1);
  });

  it('pauses and resumes', async () => {
    replies['ui/set-paused'] = { ok: true, value: { ...SETTINGS, paused: true } };
    const { root, onPaused } = await panel();
    button(root, 'Pause').click();
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'ui/set-paused', paused: true });
    expect(button(root, 'Resume').getAttribute('aria-pressed')).toBe('true');
    expect(onPaused).toHaveBeenLastCalledWith(true);
  });

  it('asks inside the popup before clearing, can be cancelled, says the library can undo it for 24 hours, and has the popup show the tab again once cleared', async () => {
    replies['ui/clear'] = { ok: true, value: { articles: 0, bytes: 0, params: 'p' } };
    const { root, hooks } = await panel();
    const confirm = root.querySelector('.confirm') as HTMLElement;
    expect(confirm.hidden).toBe(true);
    button(root, 'Clear…').click();
    expect(confirm.hidden).toBe(false);
    expect(confirm.textContent).toContain('Delete all 1,234 articles');
    button(root, 'Cancel').click();
    expect(confirm.hidden).toBe(true);
    expect(sent.some((m) => m.type === 'ui/clear')).toBe(false);
    button(root, 'Clear…').click();
    button(root, 'Delete everything').click();
    await settle();
    await settle();
    expect(sent.some((m) => m.type === 'ui/clear')).toBe(true);
    expect(root.querySelector('.status')!.textContent).toBe('The index is empty. Undo it from the library page within 24 hours.');
    expect(confirm.textContent).toContain('undo this for 24 hours');
    expect(hooks.onCleared).toHaveBeenCalledTimes(1);
  });

  it('shows the articles known from lists apart, and says Clear keeps them', async () => {
    replies['ui/stats'] = { ok: true, value: { articles: 3, listed: 1200, bytes: 900_000, oldestSeenAt: Date.UTC(2024, 2, 31, 12), params: 'p' } };
    const { root } = await panel();
    expect(line(root)).toBe('Your index: 3 articles · 1,200 from lists');
    button(root, 'Clear…').click();
    const confirm = root.querySelector('.confirm') as HTMLElement;
    expect(confirm.textContent).toContain('Delete all 3 articles you read or imported');
    expect(confirm.textContent).toContain('The 1,200 articles of your subscribed lists stay');
  });

  it('refuses to show an answer of the wrong shape, and says so', async () => {
    replies['ui/stats'] = { ok: true, value: { articles: 'many', bytes: 0, params: 'p' } };
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const { root } = await panel();
    expect(root.querySelector('.index-figures')!.textContent).toBe('');
    expect(root.querySelector('.status')!.textContent).toBe('Firsthand’s background sent an answer this page cannot read. Reload this page and try again.');
    expect(root.querySelector('.status')!.className).toContain('error');
    vi.restoreAllMocks();
  });

  it('says when the background does not answer, and passes its refusals on verbatim', async () => {
    replies['ui/stats'] = undefined;
    expect((await panel()).root.querySelector('.status')!.textContent).toBe('Firsthand’s background did not answer. Try again in a moment.');
    replies['ui/stats'] = { ok: false, error: 'The index is blocked by another tab.' };
    expect((await panel()).root.querySelector('.status')!.textContent).toBe('The index is blocked by another tab.');
  });

  async function importFile(text: string) {
    const root = createPackImport(document, (file, say) => importLocally(file, say), importSummary, 'welcome-pack');
    document.body.append(root);
    const input = root.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File([text], 'old.firsthand.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    const status = root.querySelector('.status')!;
    // The popup reads, checks and writes the index itself: poll until it has said how it went.
    for (let i = 0; i < 500 && !/cannot|failed|Imported/.test(status.textContent ?? ''); i++) await new Promise((r) => setTimeout(r, 10));
    return status;
  }

  it('on the import page, refuses a bad pack with its reason, itself, without sending the pack to the background', async () => {
    const doc = JSON.parse(encodePack([{ record: syntheticArticle(1, 1000).record }]));
    doc.articles[0].signature = doc.articles[0].signature.slice(0, 12);
    const status = await importFile(JSON.stringify(doc));
    expect(status.textContent).toBe('Not imported: This file cannot be imported: article 1: signature must be base64 of 256 32-bit values');
    expect(status.className).toContain('error');
    expect(sent.some((m) => m.type === 'ui/import')).toBe(false);
  });

  it('on the import page, imports a pack into the index itself and says how many articles came in', async () => {
    const arts = [syntheticArticle(1, 1000), syntheticArticle(2, 2000)];
    const status = await importFile(encodePack(arts.map((a) => ({ record: a.record, text: a.text }))));
    expect(status.textContent).toBe('Imported 2 articles.');
    const conn = new DbConnection();
    expect(await new IdbStore(conn).get(arts[1].record.id)).toEqual(arts[1].record);
    conn.close();
  });
});
