// @vitest-environment happy-dom
// The content script's flow on realistic fixture pages: what it sends, what it shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runContent, type ContentEnv, type OutgoingMessage } from '../../src/content/controller.ts';
import { isContentMessage, isTabState } from '../../src/protocol/replies.ts';
import type { ContentMessage, Reply, TabState } from '../../src/protocol/messages.ts';
import { result } from './ui-fixtures.ts';

function load(name: string): void {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures/html', name), 'utf8');
  // happy-dom would try (and fail) to fetch the fixture site's stylesheets: they do not matter here.
  const inner = html.replace(/^<!DOCTYPE html>\s*<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '').replace(/<link[^>]*rel="stylesheet"[^>]*>/gi, '');
  document.documentElement.innerHTML = inner;
}

function env(reply: (msg: OutgoingMessage) => unknown) {
  const sent: OutgoingMessage[] = [];
  let handler: ((m: ContentMessage) => Reply<unknown>) | undefined;
  const e: ContentEnv = {
    doc: document,
    url: 'https://www.jerusalemledger.example/israel-news/article-794521',
    send: async (msg) => {
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
});

describe('content script', () => {
  it('leaves no trace a page could read in store builds', async () => {
    load('002-ledger.html');
    const t = env((msg) => (msg.type === 'page/article' ? { ok: true, value: { url: 'u', pageId: 'p', result: result('partial-copy') } } : undefined));
    t.e.exposeText = false;
    const run = await runContent(t.e);
    expect(run.verdict).toBe('partial-copy');
    expect(ribbonHosts()).toHaveLength(1);
    expect(document.documentElement.dataset.firsthandVerdict).toBeUndefined();
    expect(document.documentElement.dataset.firsthandRibbon).toBeUndefined();
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
    t.deliver({ type: 'content/highlight' });
    expect(document.querySelector('mark[data-firsthand]')).toBeNull();

    // A later result for the page replaces the ribbon; a related verdict removes it.
    t.deliver({ type: 'content/result', state: { url: 'u', result: result('related') } });
    expect(ribbonHosts()).toHaveLength(0);
    expect(document.documentElement.dataset.firsthandVerdict).toBe('related');
    expect(document.documentElement.dataset.firsthandRibbon).toBeUndefined();
  });

  it('never shows the ribbon for related or unrelated verdicts, and keeps a dismissed ribbon away', async () => {
    load('004-arabcanada.html');
    const t = env(() => ({ ok: true, value: { url: 'u', result: result('unrelated') } }));
    await runContent(t.e);
    expect(document.documentElement.dataset.firsthandVerdict).toBe('unrelated');
    expect(ribbonHosts()).toHaveLength(0);

    t.deliver({ type: 'content/result', state: { url: 'u', result: result('copy') } });
    expect(ribbonHosts()).toHaveLength(1);
    t.deliver({ type: 'content/result', state: { url: 'u', result: result('copy') } });
    expect(ribbonHosts()).toHaveLength(1);
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
    expect(isContentMessage({ type: 'content/highlight', on: false })).toBe(true);
    expect(isContentMessage({ type: 'content/highlight', on: 'yes' })).toBe(false);
    expect(isContentMessage({ type: 'content/result', state: { url: 'u', result: result('copy') } })).toBe(true);
    expect(isContentMessage({ type: 'content/result', state: { url: 'u', result: { ...result('copy'), verdict: 'stolen' } } })).toBe(false);
    expect(isContentMessage({ type: 'content/result', state: { url: 'u', result: result('copy', {}, { containment: 7 }) } })).toBe(false);
    expect(isContentMessage({ type: 'page/article' })).toBe(false);
    expect(isContentMessage(null)).toBe(false);
    expect(isTabState({ url: 'u', note: 'Paused' })).toBe(true);
    expect(isTabState({ url: 5 })).toBe(false);
  });
});
