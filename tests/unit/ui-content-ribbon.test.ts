// @vitest-environment happy-dom
// The content script's ribbon over the page's life: the worker's ribbon settings, a dismissed
// story, the keyboard command, and a site turned off while the page is open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runContent, type ContentEnv, type OutgoingMessage } from '../../src/content/controller.ts';
import type { ContentMessage, Reply, RibbonPrefs, UiStrings } from '../../src/protocol/messages.ts';
import { uiStringsFrom } from '../../src/protocol/ui-strings.ts';
import { fillMessage, useUiStrings } from '../../src/ui/i18n.ts';
import { result } from './ui-fixtures.ts';
import { asWorker } from './content-worker.ts';

function load(): void {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures/html', '002-ledger.html'), 'utf8');
  document.documentElement.innerHTML = html
    .replace(/^<!DOCTYPE html>\s*<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '')
    .replace(/<link[^>]*rel="stylesheet"[^>]*>/gi, '');
}

function env(prefs: () => RibbonPrefs, strings?: UiStrings) {
  const sent: OutgoingMessage[] = [];
  let handler: ((m: ContentMessage) => Reply<unknown>) | undefined;
  const e: ContentEnv = {
    doc: document,
    url: 'https://www.jerusalemledger.example/israel-news/article-794521',
    send: async (msg) => {
      if (msg.type === 'page/html') return asWorker(msg, (derived) => e.send(derived));
      sent.push(msg);
      if (msg.type === 'page/should-read') return { ok: true, value: true };
      if (msg.type === 'page/article') return { ok: true, value: { url: 'u', pageId: 'p', result: result('partial-copy') } };
      if (msg.type === 'page/ribbon-prefs') return { ok: true, value: prefs() };
      if (msg.type === 'page/ui-strings' && strings) return { ok: true, value: strings };
      return { ok: true, value: null };
    },
    listen: (h) => {
      handler = h;
    },
    now: () => performance.now(),
    exposeText: true,
  };
  return { e, sent, deliver: (m: ContentMessage) => handler!(m) };
}

const hosts = () => [...document.documentElement.children].filter((c) => c.tagName.toLowerCase().startsWith('fh-'));
const base: RibbonPrefs = { mode: 'full', position: 'bottom-end', dismissed: false, siteOff: false };

beforeEach(() => {
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
});
afterEach(() => {
  useUiStrings(undefined);
  vi.restoreAllMocks();
  for (const h of hosts()) h.remove();
  for (const k of Object.keys(document.documentElement.dataset)) delete document.documentElement.dataset[k];
});

describe('content script: the ribbon over the page’s life', () => {
  it('writes the ribbon in the strings the worker gives (here Arabic, right to left), asking them once, never the browser', async () => {
    load();
    type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
    const ar = JSON.parse(readFileSync(join(process.cwd(), 'public/_locales/ar/messages.json'), 'utf8')) as Messages;
    const worker = {
      getMessage: (k: string, subs: string[] = []) => (k === '@@bidi_dir' ? 'rtl' : ar[k] ? fillMessage(ar[k], subs) : ''),
      getUILanguage: () => 'ar',
    };
    const page = { getMessage: vi.fn(() => ''), getUILanguage: vi.fn(() => 'en') };
    (globalThis as { chrome?: unknown }).chrome = { i18n: page };
    try {
      const t = env(() => base, uiStringsFrom(worker));
      const run = await runContent(t.e);
      expect(t.sent.filter((m) => m.type === 'page/ui-strings')).toHaveLength(1);
      expect(run.ribbon!.root.querySelector('[role="region"]')!.getAttribute('aria-label')).toBe(ar.ribbon_region.message);
      expect(run.ribbon!.root.querySelector('[role="region"]')!.getAttribute('dir')).toBe('rtl');
      expect(page.getMessage).not.toHaveBeenCalled();
      expect(page.getUILanguage).not.toHaveBeenCalled();
    } finally {
      delete (globalThis as { chrome?: unknown }).chrome;
    }
  });

  it('asks for the story’s settings, shows nothing for a dismissed story, and the keyboard command brings it back focused', async () => {
    load();
    const t = env(() => ({ ...base, dismissed: true }));
    const run = await runContent(t.e);
    expect(t.sent.find((m) => m.type === 'page/ribbon-prefs')).toEqual({ type: 'page/ribbon-prefs', originalId: result('partial-copy').original!.id });
    expect(run.verdict).toBe('partial-copy');
    expect(hosts()).toHaveLength(0);
    expect(document.documentElement.dataset.firsthandRibbon).toBeUndefined();
    expect(t.deliver({ type: 'content/focus-ribbon' })).toEqual({ ok: true, value: true });
    expect(hosts()).toHaveLength(1);
    expect(document.activeElement).toBe(hosts()[0]);
    expect(document.documentElement.dataset.firsthandRibbon).toMatch(/^Partly copied from Axios/);
    expect(document.documentElement.dataset.firsthandRibbonView).toBe('ltr full');
  });

  it('tells the worker when the reader dismisses the ribbon, so the story stays dismissed on its other pages', async () => {
    load();
    const t = env(() => base);
    const run = await runContent(t.e);
    run.ribbon!.root.querySelector<HTMLButtonElement>('.close')!.click();
    expect(t.sent.at(-1)).toEqual({ type: 'page/dismiss-story', originalId: result('partial-copy').original!.id });
    expect(hosts()).toHaveLength(0);
  });

  it('moves the ribbon when the settings change, and takes it and the highlights down when the site is turned off elsewhere', async () => {
    load();
    let prefs = base;
    const t = env(() => prefs);
    await runContent(t.e);
    expect(document.documentElement.dataset.firsthandRibbonView).toBe('ltr full');
    prefs = { ...base, mode: 'compact' };
    t.deliver({ type: 'content/prefs-changed' });
    await vi.waitFor(() => expect(document.documentElement.dataset.firsthandRibbonView).toBe('ltr compact'));
    prefs = { ...base, siteOff: true };
    t.deliver({ type: 'content/prefs-changed' });
    await vi.waitFor(() => expect(hosts()).toHaveLength(0));
    expect(document.documentElement.dataset.firsthandRibbon).toBeUndefined();
    // The command does not bring back a ribbon on a site turned off.
    expect(t.deliver({ type: 'content/focus-ribbon' })).toEqual({ ok: true, value: false });
    expect(hosts()).toHaveLength(0);
  });

  it('“Not on this site” removes the ribbon and asks the worker to turn the site off', async () => {
    load();
    const t = env(() => base);
    const run = await runContent(t.e);
    [...run.ribbon!.root.querySelectorAll('button')].find((b) => b.textContent === 'Not on this site')!.click();
    expect(t.sent.at(-1)).toEqual({ type: 'page/site-off' });
    expect(hosts()).toHaveLength(0);
    expect(t.deliver({ type: 'content/focus-ribbon' })).toEqual({ ok: true, value: false });
  });
});
