// @vitest-environment happy-dom
// Extraction off the page's main thread: the worker (through Chrome's offscreen document or
// Firefox's event page) reads the article from the page's serialised HTML, and must find exactly
// what extraction from the live page found: the same text, metadata and links, so the same verdicts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { articleFromHtml } from '../../src/extract/from-html.ts';
import { readPageArticle } from '../../src/extract/page-article.ts';
import { probablyArticle } from '../../src/extract/readerable.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const PAGES = ['000-levantwire.html', '001-axios.html', '002-ledger.html', '003-gulfcourier-malformed-jsonld.html', '004-arabcanada.html'];

/** Loads a fixture page as the live document at `url`, as a browser would show it. */
function load(name: string, url: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  const html = readFileSync(join(process.cwd(), 'tests/fixtures/html', name), 'utf8');
  // happy-dom would try (and fail) to fetch the fixture site's stylesheets: they do not matter here.
  document.documentElement.innerHTML = html
    .replace(/^<!DOCTYPE html>\s*<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '')
    .replace(/<link[^>]*rel="stylesheet"[^>]*>/gi, '');
}

/** The page as the content script sends it. */
const serialised = () => ({ html: document.documentElement.outerHTML, url: location.href, base: document.baseURI });

/** Parses and extracts the page where the worker does: in an extension page, at an address of its own. */
function elsewhere(page: ReturnType<typeof serialised>) {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL('https://extension.invalid/src/offscreen/extract.html');
  return articleFromHtml(page, new DOMParser(), NOW);
}

afterEach(() => vi.restoreAllMocks());

describe('extraction from the serialised page', () => {
  it.each(PAGES)('finds in %s exactly what extraction from the live page found', (name) => {
    load(name, `https://news.example/world/${name.replace('.html', '')}?id=7`);
    expect(probablyArticle(document)).toBe(true);
    const live = readPageArticle(document, location.href, { now: NOW });
    expect(live).not.toBeNull();
    const fromHtml = elsewhere(serialised());
    expect(fromHtml).toEqual(live);
    expect(fromHtml!.meta.links?.length ?? 0).toBe(live!.meta.links?.length ?? 0);
  });

  it('resolves relative links against the base the live page had, from its own <base>', () => {
    const body = `<p>${'Reporters in the capital said the talks would resume next week. '.repeat(30)}<a href="../story/1">the first report</a> and <a href="/story/2">a second</a>.</p>`;
    // An absolute <base>, and one relative to the page's address.
    for (const base of ['https://wire.example/feed/', '//wire.example/feed/']) {
      load('002-ledger.html', 'https://news.example/world/today/page');
      document.head.innerHTML = `<base href="${base}"><title>Talks</title>`;
      document.body.innerHTML = `<article><h1>Talks</h1>${body}</article>`;
      const live = readPageArticle(document, location.href, { now: NOW });
      const fromHtml = elsewhere(serialised());
      expect(fromHtml).toEqual(live);
      expect(fromHtml!.meta.links?.map((l) => l.href)).toEqual(['https://wire.example/story/1', 'https://wire.example/story/2']);
    }
  });

  it('finds no article in a section front, nor in a page with too few words', () => {
    load('section-front.html', 'https://news.example/world/');
    expect(articleFromHtml(serialised(), new DOMParser(), NOW)).toBeNull();
    const short = `<html><head><title>T</title></head><body><article><p>${'Only a few words here. '.repeat(5)}</p></article></body></html>`;
    expect(articleFromHtml({ html: short, url: 'https://news.example/a', base: 'https://news.example/a' })).toBeNull();
  });

  it('runs none of the page and fetches nothing while parsing and extracting it', () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const marker = globalThis as { firsthandRan?: boolean };
    const words = 'The council voted on the new budget after a long debate about schools. '.repeat(30);
    // (The browsers' side, stylesheets and frames included, is the end-to-end privacy tests'.)
    const html = `<html><head><title>Budget</title><script>globalThis.firsthandRan = true</script>
      <script src="https://tracker.example/a.js"></script></head><body onload="globalThis.firsthandRan = true"><article><h1>Budget</h1>
      <img src="https://tracker.example/pixel.gif" onerror="globalThis.firsthandRan = true"><p>${words}</p></article></body></html>`;
    const article = articleFromHtml({ html, url: 'https://news.example/budget', base: 'https://news.example/budget' }, new DOMParser(), NOW);
    expect(article?.text).toContain('The council voted on the new budget');
    expect(marker.firsthandRan).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });
});
