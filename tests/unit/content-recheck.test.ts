// @vitest-environment happy-dom
// The content script after its first check: the index cleared under the page, and a single-page
// site that swapped the article under a new URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runContent, type ContentEnv, type OutgoingMessage } from '../../src/content/controller.ts';
import { watchNavigation } from '../../src/content/navigation.ts';
import type { ContentMessage, Reply, TabState } from '../../src/protocol/messages.ts';
import { isContentMessage, isIndexChanged } from '../../src/protocol/replies.ts';
import { validateMessage } from '../../src/protocol/validate.ts';
import { result } from './ui-fixtures.ts';
import { asWorker } from './content-worker.ts';

function load(name: string): void {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures/html', name), 'utf8');
  document.documentElement.innerHTML = html
    .replace(/^<!DOCTYPE html>\s*<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '')
    .replace(/<link[^>]*rel="stylesheet"[^>]*>/gi, '');
}

/** A content script whose worker answers page/article with a copy and page/recheck with "unrelated". */
function env() {
  const sent: OutgoingMessage[] = [];
  let asked = 0;
  let handler: ((m: ContentMessage) => Reply<unknown>) | undefined;
  let changed: (() => void) | undefined;
  let url = 'https://www.jerusalemledger.example/israel-news/article-794521';
  const e: ContentEnv = {
    doc: document,
    get url() {
      return url;
    },
    send: async (msg) => {
      if (msg.type === 'page/should-read') return { ok: true, value: (++asked, true) };
      if (msg.type === 'page/ribbon-prefs') return { ok: true, value: { mode: 'full', position: 'bottom-end', dismissed: false, siteOff: false } };
      return asWorker(msg, (derived) => {
        sent.push(derived);
        const verdict = derived.type === 'page/recheck' ? 'unrelated' : 'partial-copy';
        const state: TabState = { url, pageId: 'p', result: result(verdict) };
        return { ok: true, value: state };
      });
    },
    listen: (h) => void (handler = h),
    now: () => performance.now(),
    exposeText: true,
    watch: (c) => void (changed = c),
  };
  return {
    e,
    sent,
    asked: () => asked,
    deliver: (m: ContentMessage) => handler!(m),
    navigate: (to: string) => {
      url = to;
      changed!();
    },
  };
}

const data = () => document.documentElement.dataset;
const ribbonHosts = () => [...document.documentElement.children].filter((c) => c.tagName.toLowerCase().startsWith('fh-'));

beforeEach(() => {
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const h of ribbonHosts()) h.remove();
  for (const k of Object.keys(data())) delete data()[k];
});

describe('the index cleared under a page', () => {
  it('takes the ribbon and the highlights off and checks the page again without adding it to the index', async () => {
    load('002-ledger.html');
    const t = env();
    await runContent(t.e);
    expect(ribbonHosts()).toHaveLength(1);
    t.deliver({ type: 'content/highlight' });
    expect(data().firsthandHighlights).toBeDefined();
    expect(t.deliver({ type: 'index/changed', reason: 'cleared' })).toEqual({ ok: true, value: null });
    expect(ribbonHosts()).toHaveLength(0);
    expect(data().firsthandHighlights).toBeUndefined();
    expect(document.querySelector('mark[data-firsthand]')).toBeNull();
    await vi.waitFor(() => expect(data().firsthandVerdict).toBe('unrelated'));
    expect(t.sent.map((m) => m.type)).toEqual(['page/article', 'page/recheck']);
    expect(data().firsthandRibbon).toBeUndefined();
  });

  it('tells the worker which page it shows when asked (content/ping)', async () => {
    load('002-ledger.html');
    const t = env();
    await runContent(t.e);
    expect(t.deliver({ type: 'content/ping' })).toEqual({ ok: true, value: { url: t.e.url } });
    expect(isContentMessage({ type: 'content/ping' })).toBe(true);
    expect(isContentMessage({ type: 'content/ping', url: 'x' })).toBe(false);
  });

  it('accepts index/changed from the worker only in its exact form', () => {
    expect(isContentMessage({ type: 'index/changed', reason: 'cleared' })).toBe(true);
    expect(isIndexChanged({ type: 'index/changed', reason: 'cleared' })).toBe(true);
    expect(isIndexChanged({ type: 'index/changed', reason: 'wiped' })).toBe(false);
    expect(isIndexChanged({ type: 'index/changed', reason: 'cleared', extra: 1 })).toBe(false);
    expect(isIndexChanged({ type: 'index/changed' })).toBe(false);
  });

  it('validates page/recheck like page/article', () => {
    expect(validateMessage({ type: 'page/recheck', text: 'words', meta: { title: 't', junk: 1 } })).toEqual({
      ok: true,
      value: { type: 'page/recheck', text: 'words', meta: { title: 't' } },
    });
    expect(validateMessage({ type: 'page/recheck', text: 5, meta: {} }).ok).toBe(false);
  });
});

describe('a single-page site that changes the URL', () => {
  it('checks the new article once the page says another URL holds another text', async () => {
    load('004-arabcanada.html');
    const t = env();
    await runContent(t.e);
    load('002-ledger.html');
    t.navigate('https://www.jerusalemledger.example/israel-news/article-2');
    await vi.waitFor(() => expect(t.sent).toHaveLength(2));
    const [first, second] = t.sent;
    expect(first.type === 'page/article' && second.type === 'page/article').toBe(true);
    if (first.type !== 'page/article' || second.type !== 'page/article') return;
    expect(second.text).not.toBe(first.text);
    expect(second.text).toContain('The US and Israel are expected to hold a virtual meeting on Monday');
  });

  it('does not check again when only the #fragment changed and the text is the same', async () => {
    load('002-ledger.html');
    const t = env();
    await runContent(t.e);
    t.navigate(`${t.e.url}#comments`);
    // Once the worker said the page may be read, the check decides at once (no await is left before it sends).
    await vi.waitFor(() => expect(t.asked()).toBe(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(t.sent.map((m) => m.type)).toEqual(['page/article']);
    // A real change afterwards is checked.
    t.navigate('https://www.jerusalemledger.example/israel-news/article-794521?page=2');
    await vi.waitFor(() => expect(t.sent).toHaveLength(2));
    expect(t.sent.map((m) => m.type)).toEqual(['page/article', 'page/article']);
  });

  it("still shows the first check's verdict when a fragment-only change comes while it runs", async () => {
    load('002-ledger.html');
    const t = env();
    let answer: ((v: unknown) => void) | undefined;
    const send = t.e.send;
    t.e.send = (msg) => (msg.type === 'page/html' ? new Promise((r) => (answer = r)).then(() => send(msg)) : send(msg));
    const running = runContent(t.e);
    await vi.waitFor(() => expect(answer).toBeDefined());
    t.navigate(`${t.e.url}#comments`);
    await vi.waitFor(() => expect(t.asked()).toBe(2));
    answer!(undefined);
    await running;
    expect(data().firsthandVerdict).toBe('partial-copy');
  });
});

describe('watchNavigation', () => {
  const quick = { quietMs: 20, maxWaitMs: 1_000 };

  it('calls back once after pushState and the article swap, not for changes that keep the URL', async () => {
    document.body.innerHTML = '<article><p>First story.</p></article>';
    const settled = vi.fn();
    const watch = watchNavigation(window, settled, quick);
    document.body.append(document.createElement('div'));
    history.pushState({}, '', '/next-story');
    document.body.innerHTML = '<article><p>Second story.</p></article>';
    await vi.waitFor(() => expect(settled).toHaveBeenCalledTimes(1));
    document.body.append(document.createElement('div'));
    await new Promise((r) => setTimeout(r, quick.quietMs * 3));
    expect(settled).toHaveBeenCalledTimes(1);
    watch.stop();
  });

  it('notices back and forward (popstate)', async () => {
    const settled = vi.fn();
    const watch = watchNavigation(window, settled, quick);
    history.pushState({}, '', '/another-story');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(settled).toHaveBeenCalledTimes(1));
    watch.stop();
  });
});
