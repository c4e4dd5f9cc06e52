import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { readPageMeta } from '../../src/extract/meta.ts';
import { extractArticle } from '../../src/extract/extract.ts';
import { MAX_LINKS } from '../../src/shared/limits.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const fixture = (name: string): Document => parseHTML(readFileSync(here(`../fixtures/html/${name}`), 'utf8')).document as unknown as Document;
const page = (head: string, body = ''): Document =>
  parseHTML(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;

const AXIOS = 'https://www.axios.com/2024/03/31/israel-us-virtual-meeting-rafah-netanyahu';

describe('readPageMeta on the seed pages', () => {
  it('reads the Axios original: canonical, site, dates, language, author, JSON-LD publisher', () => {
    const url = `${AXIOS}?utm_source=twitter#comments`;
    expect(readPageMeta(fixture('001-axios.html'), url)).toEqual({
      url,
      canonicalUrl: AXIOS,
      title: 'U.S. and Israel set to hold a virtual meeting on Rafah Monday',
      siteName: 'Axios',
      publishedTime: '2024-03-31T14:39:00.000Z',
      publishedFrom: 'jsonld',
      modifiedTime: '2024-03-31T15:02:11.000Z',
      lang: 'en',
      byline: 'Barak Ravid',
      jsonLd: { datePublished: '2024-03-31T14:39:00.000Z', publisher: 'Axios' },
    });
  });

  it('follows @graph and @id references, and keeps the outbound credit link', () => {
    const m = readPageMeta(fixture('002-ledger.html'), 'https://www.jerusalemledger.example/israel-news/article-794521');
    expect(m.siteName).toBe('The Jerusalem Ledger');
    expect(m.publishedTime).toBe('2024-03-31T17:52:00+00:00');
    expect(m.jsonLd).toEqual({ datePublished: '2024-03-31T17:52:00+00:00', publisher: 'The Jerusalem Ledger' });
    // Share buttons, tags and related headlines are not body links; the Axios link is.
    expect(m.links).toEqual([{ href: AXIOS, text: 'Barak Ravid of Axios' }]);
  });

  it('reads isBasedOn given as an object and sourceOrganization', () => {
    const m = readPageMeta(fixture('000-levantwire.html'), 'https://english.levantwire.example/news/politics/us-israel-virtual-meeting-rafah-axios');
    expect(m.jsonLd).toEqual({
      datePublished: '2024-03-31T19:30:00Z',
      isBasedOn: [AXIOS],
      sourceOrganization: ['Axios'],
      publisher: 'Levant Wire English',
    });
    expect(m.publishedTime).toBe('2024-03-31T19:30:00Z');
    // Its only body link points to its own site: not outbound.
    expect(m.links).toBeUndefined();
  });

  it('survives malformed JSON-LD and falls back to the header <time>; resolves a relative canonical', () => {
    const url = 'https://www.gulfcourier.example/world/2024/03/31/us-israel-virtual-meeting-rafah?amp=1';
    const m = readPageMeta(fixture('003-gulfcourier-malformed-jsonld.html'), url);
    expect(m.jsonLd).toBeUndefined();
    expect(m.publishedTime).toBe('2024-03-31T21:10:00+04:00');
    expect(m.canonicalUrl).toBe('https://www.gulfcourier.example/world/2024/03/31/us-israel-virtual-meeting-rafah');
    expect(m.lang).toBe('en-GB');
    expect(m.siteName).toBeUndefined();
    expect(m.originalSource).toBe(AXIOS);
  });

  it('reads a top-level JSON-LD array, an array @type, isBasedOn as a string and a publisher array', () => {
    const d = fixture('004-arabcanada.html');
    const url = 'https://www.arabcanadanews.example/en/news/2024/04/01/us-israel-hold-virtual-meeting-rafah';
    const m = readPageMeta(d, url, { bodyLinks: extractArticle(d)!.bodyLinks });
    const cnn = 'https://www.cnn.com/2024/04/01/politics/us-israel-meeting-rafah/index.html';
    expect(m.jsonLd).toEqual({ datePublished: '2024-04-01T16:00:00-04:00', isBasedOn: [cnn], publisher: 'Arab Canada News' });
    expect(m.publishedTime).toBe('2024-04-01T16:00:00-04:00');
    expect(m.links).toEqual([{ href: cnn, text: 'CNN' }]);
  });

  it('reads a section front without article fields', () => {
    const m = readPageMeta(fixture('section-front.html'), 'https://www.axios.com/politics-policy');
    expect(m.publishedTime).toBeUndefined();
    expect(m.jsonLd).toBeUndefined();
    expect(m.title).toBe('Politics & Policy - Axios');
  });
});

describe('readPageMeta date sources', () => {
  it.each([
    ['<meta name="parsely-pub-date" content="2024-03-31T10:00:00Z">', '2024-03-31T10:00:00Z'],
    ['<meta name="DC.date" content="2024-03-30">', '2024-03-30'],
    ['<meta name="date" content="2024-03-29">', '2024-03-29'],
    ['<meta name="pubdate" content="20240328">', '20240328'],
    ['<meta itemprop="datePublished" content="2024-03-27T08:00:00Z">', '2024-03-27T08:00:00Z'],
  ])('%s', (head, expected) => {
    expect(readPageMeta(page(head), 'https://x.example/a').publishedTime).toBe(expected);
  });

  it('prefers the JSON-LD article over article:published_time over other metas over <time>, and names the source', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-02"}</script>';
    const time = '<article><header><time datetime="2024-01-04">4 Jan</time></header></article>';
    const read = (head: string) => {
      const m = readPageMeta(page(head, time), 'https://x.example/');
      return [m.publishedTime, m.publishedFrom];
    };
    expect(read(`<meta property="article:published_time" content="2024-01-01">${ld}<meta name="date" content="2024-01-03">`)).toEqual(['2024-01-02', 'jsonld']);
    expect(read('<meta property="article:published_time" content="2024-01-01"><meta name="date" content="2024-01-03">')).toEqual([
      '2024-01-01',
      'meta:article:published_time',
    ]);
    expect(read('<meta name="date" content="2024-01-03">')).toEqual(['2024-01-03', 'meta:date']);
    expect(read('')).toEqual(['2024-01-04', 'time']);
  });

  it('passes over a source that states no date for the next one', () => {
    const m = readPageMeta(
      page(
        '<meta property="article:published_time" content="0000-00-00"><meta name="date" content="not yet">',
        '<article><time datetime="2024-01-04">4 Jan</time></article>',
      ),
      'https://x.example/',
    );
    expect([m.publishedTime, m.publishedFrom]).toEqual(['2024-01-04', 'time']);
  });
});

describe('readPageMeta robustness', () => {
  it.each([
    ['not JSON', '{"@type": "NewsArticle", datePublished: 2024}'],
    ['null', 'null'],
    ['a number', '42'],
    ['a wrong @type', '{"@type": 5, "datePublished": {"nested": true}}'],
    ['wrong field types', '{"@type":"NewsArticle","datePublished":["x"],"isBasedOn":[1,null,{"url":3}],"publisher":{"name":{"a":1}}}'],
    ['a cycle of @id references', '{"@graph":[{"@id":"#a","@type":"NewsArticle","publisher":{"@id":"#a"}}]}'],
    ['deep nesting', '{"a":'.repeat(500) + '1' + '}'.repeat(500)],
  ])('ignores JSON-LD that is %s', (_name, body) => {
    const m = readPageMeta(page(`<title>T</title><script type="application/ld+json">${body}</script>`), 'https://x.example/a');
    expect(m.title).toBe('T');
    expect(m.jsonLd?.datePublished).toBeUndefined();
  });

  it('accepts JSON-LD wrapped in CDATA or comments and with raw newlines in strings', () => {
    const body = '/*<![CDATA[*/{"@type":"NewsArticle","headline":"Line one\nline two","sourceOrganization":"Reuters"}/*]]>*/';
    const m = readPageMeta(page(`<script type="application/ld+json">${body}</script>`), 'https://x.example/a');
    expect(m.title).toBe('Line one line two');
    expect(m.jsonLd?.sourceOrganization).toEqual(['Reuters']);
  });

  it('reads the syndication metas and resolves them', () => {
    const m = readPageMeta(
      page('<meta name="syndication-source" content="https://www.reuters.com/world/x"><meta name="original-source" content="/orig">'),
      'https://x.example/a',
    );
    expect(m.syndicationSource).toBe('https://www.reuters.com/world/x');
    expect(m.originalSource).toBe('https://x.example/orig');
  });

  it('keeps only outbound links, once each, and treats subdomains as the same site', () => {
    const body =
      '<article><p><a href="https://news.x.example/a">own</a> <a href="https://www.reuters.com/r">Reuters</a> <a href="https://www.reuters.com/r#top">again</a> <a href="mailto:a@b.c">mail</a></p><div class="share"><a href="https://twitter.com/intent/tweet">Share</a></div></article>';
    const m = readPageMeta(page('', body), 'https://www.x.example/a');
    expect(m.links).toEqual([{ href: 'https://www.reuters.com/r', text: 'Reuters' }]);
  });

  it(`keeps at most ${MAX_LINKS} outbound links, as extraction keeps at most that many body links`, () => {
    const links = Array.from({ length: MAX_LINKS + 50 }, (_, i) => ({ href: `https://site${i}.example/a`, text: `link ${i}` }));
    const m = readPageMeta(page(''), 'https://x.example/a', { bodyLinks: links });
    expect(m.links).toEqual(links.slice(0, MAX_LINKS));
    const body = links.map((l) => `<a href="${l.href}">${l.text}</a>`).join(' ');
    const html = `<html><head><title>T</title></head><body><article>${'<p>Paragraph text that goes on for a while to look like a real story body, with enough words to count.</p>'.repeat(20)}<p>${body}</p></article></body></html>`;
    expect(extractArticle(parseHTML(html).document as unknown as Document)!.bodyLinks).toEqual(links.slice(0, MAX_LINKS));
  });

  it('judges a link by its real host: a user name before "@" is not the site, and www2. is the site', () => {
    const body =
      '<article><p><a href="https://x.example@evil.example/a">disguised</a> <a href="https://www2.x.example/b">own</a> <a href="https://reuters.com@x.example/c">own too</a></p></article>';
    const m = readPageMeta(page('', body), 'https://www.x.example/a');
    expect(m.links).toEqual([{ href: 'https://x.example@evil.example/a', text: 'disguised' }]);
  });

  it('takes lang from og:locale when the page has no lang attribute', () => {
    const d = parseHTML('<html><head><meta property="og:locale" content="fr_FR"></head><body></body></html>').document as unknown as Document;
    expect(readPageMeta(d, 'https://x.example/').lang).toBe('fr-FR');
  });
});
