// @vitest-environment happy-dom
// The content script's flow on realistic fixture pages: what it sends, what it shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runContent, TIMING_NAME, type ContentEnv, type OutgoingMessage } from '../../src/content/controller.ts';
import { isContentMessage, isTabState } from '../../src/protocol/replies.ts';
import type { ContentMessage, Reply, TabState } from '../../src/protocol/messages.ts';
import { result } from './ui-fixtures.ts';
import { asWorker } from './content-worker.ts';

function load(name: string): void {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures/html', name), 'utf8');
  // happy-dom would try (and fail) to fetch the fixture site's stylesheets: they do not matter here.
  const inner = html
    .replace(/^<!DOCTYPE html>\s*<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '')
    .replace(/<link[^>]*rel="stylesheet"[^>]*>/gi, '');
  document.documentElement.innerHTML = inner;
}

/** A content script's world: `reply` answers what it sends after the worker's answer to page/should-read (`mayRead`). */
function env(reply: (msg: OutgoingMessage) => unknown, mayRead: () => unknown = () => ({ ok: true, value: true })) {
  const sent: OutgoingMessage[] = [];
  let handler: ((m: ContentMessage) => Reply<unknown>) | undefined;
  const e: ContentEnv = {
    doc: document,
    url: 'https://www.jerusalemledger.example/israel-news/article-794521',
    send: async (msg) => {
      if (msg.type === 'page/should-read') return mayRead();
      if (msg.type === 'page/html') return asWorker(msg, (derived) => (sent.push(derived), reply(derived)));
      sent.push(msg);
      return reply(msg);
    },
    listen: (h) => {
      handler = h;
    },
    now: () => performance.now(),
    exposeText: true,
  };
  return { e, sent, deliver: (m: ContentMessage) => handler?.(m), listening: () => handler !== undefined };
}

const ribbonHosts = () => [...document.documentElement.children].filter((c) => c.tagName.toLowerCase().startsWith('fh-'));

beforeEach(() => {
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const h of ribbonHosts()) h.remove();
  delete document.documentElement.dataset.firsthandVerdict;
  delete document.documentElement.dataset.firsthandRibbon;
  delete document.documentElement.dataset.firsthandHighlights;
});

describe('content script', () => {
  it('in store builds leaves the page only the ribbon: a randomly named host with a closed shadow root, no data attributes, no timing', async () => {
    load('002-ledger.html');
    const before = new Set(document.documentElement.children);
    const t = env((msg) => (msg.type === 'page/article' ? { ok: true, value: { url: 'u', pageId: 'p', result: result('partial-copy') } } : undefined));
    t.e.exposeText = false;
    const run = await runContent(t.e);
    expect(run.verdict).toBe('partial-copy');
    const added = [...document.documentElement.children].filter((c) => !before.has(c));
    expect(added).toEqual([run.ribbon!.host]);
    expect(added[0].tagName.toLowerCase()).toMatch(/^fh-[a-z]{5}-[a-z]{5}$/);
    expect(added[0].shadowRoot).toBeNull();
    expect(added[0].childNodes).toHaveLength(0);
    const firsthandData = [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('data-firsthand')));
    expect(firsthandData).toEqual([]);
    expect(performance.getEntriesByName(TIMING_NAME)).toHaveLength(0);
  });

  it.each([
    ['the worker says no (an excluded site, or paused)', { ok: true, value: false }],
    ['the worker refuses to answer', { ok: false, error: 'no' }],
    ['the worker does not answer', undefined],
  ])('reads nothing of the page when %s', async (_when, answer) => {
    load('002-ledger.html');
    const read = [
      vi.spyOn(document, 'querySelectorAll'),
      vi.spyOn(document, 'querySelector'),
      vi.spyOn(document, 'cloneNode'),
      vi.spyOn(document, 'getElementsByTagName'),
    ];
    const t = env(
      () => ({ ok: true, value: { url: 'u', pageId: 'p', result: result('partial-copy') } }),
      () => answer,
    );
    const run = await runContent(t.e);
    expect(t.sent).toEqual([]);
    for (const spy of read) expect(spy).not.toHaveBeenCalled();
    expect(t.listening()).toBe(false);
    expect(run.ribbon).toBeNull();
    expect(run.extractMs).toBe(0);
    expect(ribbonHosts()).toHaveLength(0);
  });

  it('reports a section front as not an article and does nothing else', async () => {
    load('section-front.html');
    const t = env(() => ({ ok: true, value: { url: 'x' } }));
    const run = await runContent(t.e);
    expect(t.sent.map((m) => m.type)).toEqual(['page/not-article']);
    expect(t.listening()).toBe(false);
    expect(run.ribbon).toBeNull();
    expect(document.documentElement.dataset.firsthandVerdict).toBeUndefined();
    expect(ribbonHosts()).toHaveLength(0);
  });

  it('sends the article, shows the ribbon for a partial copy and exposes its text to test builds', async () => {
    load('002-ledger.html');
    let text = '';
    const t = env((msg) => {
      if (msg.type !== 'page/article') return undefined;
      text = msg.text;
      const at = text.indexOf('The US and Israel are expected');
      const r = result('partial-copy', {}, { passages: [{ candidateTokens: [0, 9], originalTokens: [0, 9], candidateChars: [at, at + 120] }] });
      const state: TabState = { url: 'u', pageId: 'p', result: r };
      return { ok: true, value: state };
    });
    const run = await runContent(t.e);
    const article = t.sent[0];
    expect(article.type).toBe('page/article');
    if (article.type !== 'page/article') return;
    expect(article.meta.siteName).toBe('The Jerusalem Ledger');
    expect(article.text).toContain('The US and Israel are expected to hold a virtual meeting on Monday');
    expect(run.verdict).toBe('partial-copy');
    expect(ribbonHosts()).toHaveLength(1);
    expect(document.documentElement.dataset.firsthandVerdict).toBe('partial-copy');
    expect(document.documentElement.dataset.firsthandRibbon).toMatch(/^Partly copied from Axios: 45% of this article's text appears in/);
    expect(run.busyMs).toBeGreaterThan(0);

    // The background asks for highlights (popup button): the passage is found in the live page.
    const reply = t.deliver({ type: 'content/highlight' }) as Reply<{ on: boolean; found: number }>;
    expect(reply).toEqual({ ok: true, value: { on: true, found: 1 } });
    expect(document.querySelector('mark[data-firsthand]')!.textContent!.startsWith('The US and Israel are expected')).toBe(true);
    expect(document.documentElement.dataset.firsthandHighlights).toBe('literal:1 near:0');
    const off = t.deliver({ type: 'content/highlight' });
    expect(off).toEqual({ ok: true, value: { on: false, found: 0 } });
    expect(document.querySelector('mark[data-firsthand]')).toBeNull();
    expect(document.documentElement.dataset.firsthandHighlights).toBeUndefined();
  });

  it('paints the word-for-word and the reworded parts of a passage apart, each named', async () => {
    load('002-ledger.html');
    const t = env((msg) => {
      if (msg.type !== 'page/article') return undefined;
      const at = msg.text.indexOf('The US and Israel are expected');
      const passage = {
        candidateTokens: [0, 9] as [number, number],
        originalTokens: [0, 9] as [number, number],
        candidateChars: [at, at + 120] as [number, number],
        originalChars: [0, 118] as [number, number],
        kind: 'near' as const,
        parts: [
          { kind: 'literal' as const, candidateChars: [at, at + 60] as [number, number], originalChars: [0, 60] as [number, number] },
          { kind: 'near' as const, candidateChars: [at + 60, at + 120] as [number, number], originalChars: [60, 118] as [number, number] },
        ],
      };
      return { ok: true, value: { url: 'u', pageId: 'p', result: result('rewrite', {}, { passages: [passage] }) } };
    });
    await runContent(t.e);
    expect(t.deliver({ type: 'content/highlight' })).toEqual({ ok: true, value: { on: true, found: 1 } });
    const marks = [...document.querySelectorAll<HTMLElement>('mark[data-firsthand]')];
    expect(new Set(marks.map((m) => m.getAttribute('data-firsthand')))).toEqual(new Set(['', 'near']));
    expect(marks.find((m) => m.getAttribute('data-firsthand') === 'near')!.title).toBe('Firsthand: reworded');
    expect(marks.find((m) => m.getAttribute('data-firsthand') === '')!.title).toBe('Firsthand: word for word');
    // The near style is told by its dashed underline, not by its colour alone.
    expect(marks.find((m) => m.getAttribute('data-firsthand') === 'near')!.style.cssText).toMatch(/dashed/);
    expect(document.documentElement.dataset.firsthandHighlights).toMatch(/^literal:[1-9]\d* near:[1-9]\d*$/);
    t.deliver({ type: 'content/highlight' });
  });

  it.each(['related', 'unrelated'] as const)('never shows the ribbon for a %s verdict', async (verdict) => {
    load('004-arabcanada.html');
    const t = env(() => ({ ok: true, value: { url: 'u', result: result(verdict) } }));
    const run = await runContent(t.e);
    expect(document.documentElement.dataset.firsthandVerdict).toBe(verdict);
    expect(document.documentElement.dataset.firsthandRibbon).toBeUndefined();
    expect(run.ribbon).toBeNull();
    expect(ribbonHosts()).toHaveLength(0);
  });

  it('takes a dismissed ribbon and its exposed text off the page', async () => {
    load('004-arabcanada.html');
    const t = env(() => ({ ok: true, value: { url: 'u', result: result('copy') } }));
    const run = await runContent(t.e);
    expect(document.documentElement.dataset.firsthandRibbon).toBeDefined();
    run.ribbon!.root.querySelector<HTMLButtonElement>('.close')!.click();
    expect(ribbonHosts()).toHaveLength(0);
    expect(run.ribbon).toBeNull();
    expect(document.documentElement.dataset.firsthandRibbon).toBeUndefined();
    expect(document.documentElement.dataset.firsthandVerdict).toBe('copy');
  });

  it('survives a refused check and a background that does not answer', async () => {
    load('002-ledger.html');
    const refused = env(() => ({ ok: false, error: 'paused' }));
    expect((await runContent(refused.e)).ribbon).toBeNull();
    const silent = env(() => {
      throw new Error('Could not establish connection');
    });
    expect((await runContent(silent.e)).ribbon).toBeNull();
    expect(ribbonHosts()).toHaveLength(0);
  });
});

describe('validating what the background sends', () => {
  it('accepts well-formed messages and drops malformed ones', () => {
    expect(isContentMessage({ type: 'content/highlight' })).toBe(true);
    expect(isContentMessage({ type: 'content/highlight', on: false })).toBe(false);
    // No sender of content/result exists: a message claiming to be one is dropped.
    expect(isContentMessage({ type: 'content/result', state: { url: 'u', result: result('copy') } })).toBe(false);
    expect(isContentMessage({ type: 'page/article' })).toBe(false);
    expect(isContentMessage(null)).toBe(false);
    expect(isTabState({ url: 'u', note: 'Paused' })).toBe(true);
    expect(isTabState({ url: 5 })).toBe(false);
  });
});
