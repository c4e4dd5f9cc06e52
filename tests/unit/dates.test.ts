// Stated publication dates: every common form a news page states one in is read, with where it
// came from, in order of trust; a modified date is never taken for the published one; and the
// engine's parseTime reads each form the same in every browser and refuses impossible dates.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { readPageMeta } from '../../src/extract/meta.ts';
import { parseTime } from '../../src/index/parse-time.ts';
import { validateMessage } from '../../src/protocol/validate.ts';
import { ARTICLES } from '../fixtures/site/articles.ts';
import { OUTLETS } from '../fixtures/site/outlets.ts';
import { renderArticle, renderFront } from '../fixtures/site/render.ts';
import { HOSTILE_PAGES } from '../fixtures/site/hostile.ts';
import { loadPages } from '../fixtures/site/load.ts';

const dir = fileURLToPath(new URL('../fixtures/dates/', import.meta.url));
const doc = (html: string): Document => parseHTML(html).document as unknown as Document;
const fixture = (name: string): Document => doc(readFileSync(`${dir}${name}`, 'utf8'));

const PAGE = 'https://www.valleygazette.example/news/footpath';
/** 2015-03-18 10:00 UTC, and that day. */
const T = Date.UTC(2015, 2, 18, 10);
const DAY = Date.UTC(2015, 2, 18);

interface Case {
  from: string;
  at: number;
  url?: string;
}

/** Each fixture's stated date and its source; undefined where the page states no publication date. */
const CASES: Record<string, Case | undefined> = {
  'jsonld-newsarticle.html': { from: 'jsonld', at: T },
  'jsonld-graph.html': { from: 'jsonld', at: T },
  'jsonld-type-array.html': { from: 'jsonld', at: T },
  'jsonld-mainentity.html': { from: 'jsonld', at: T },
  'jsonld-webpage-only.html': { from: 'jsonld:webpage', at: T },
  'jsonld-itemlist-single.html': { from: 'jsonld', at: T },
  'jsonld-no-colon-offset.html': { from: 'jsonld', at: T },
  // The story it is based on states 2015-03-17: that is not this page's date.
  'jsonld-based-on-nested.html': { from: 'meta:article:published_time', at: T },
  // A section front listing two stories states no date of its own.
  'section-itemlist.html': undefined,
  'meta-article-published-time.html': { from: 'meta:article:published_time', at: T },
  'meta-og-published-time.html': { from: 'meta:og:published_time', at: T },
  'meta-article-published.html': { from: 'meta:article:published', at: T },
  'meta-name-date-text.html': { from: 'meta:date', at: DAY },
  'meta-parsely-page.html': { from: 'meta:parsely-page', at: T },
  'meta-sailthru-date.html': { from: 'meta:sailthru.date', at: T },
  'meta-dc-date-issued.html': { from: 'meta:dc.date.issued', at: DAY },
  'itemprop-time-content.html': { from: 'itemprop', at: T },
  'itemprop-meta-in-body.html': { from: 'itemprop', at: T },
  'time-pubdate.html': { from: 'time:pubdate', at: T },
  'time-in-main.html': { from: 'time', at: T },
  'time-byline-no-article.html': { from: 'time', at: T },
  'time-wordpress-published-updated.html': { from: 'time', at: T },
  'data-published.html': { from: 'attr:data-published', at: T },
  'data-timestamp-seconds.html': { from: 'attr:data-timestamp', at: T },
  'data-timestamp-ms.html': { from: 'attr:data-time', at: T },
  'url-path-slashes.html': { from: 'url', at: DAY, url: 'https://www.valleygazette.example/2015/03/18/council-reviews-footpath/' },
  'url-path-dashes.html': { from: 'url', at: DAY, url: 'https://www.valleygazette.example/news/2015-03-18/council-reviews-footpath' },
  'url-path-compact.html': { from: 'url', at: DAY, url: 'https://www.valleygazette.example/local/20150318/council-reviews-footpath.html' },
  'url-path-month-name.html': { from: 'url', at: DAY, url: 'https://www.valleygazette.example/uk-news/2015/mar/18/council-reviews-footpath' },
  'byline-published.html': { from: 'byline-text', at: DAY },
  'byline-updated-and-published.html': { from: 'byline-text', at: T },
  'byline-first-published.html': { from: 'byline-text', at: T },
  'byline-label-and-time.html': { from: 'byline-text', at: DAY },
  // Updated in a meta, in JSON-LD, in a <time>, in text and in a data attribute: never published.
  'modified-only.html': undefined,
  // JSON-LD 18th, <meta name="date"> 19th, <time> 20th, "Published" 21st: the JSON-LD is trusted most.
  'conflict-all-sources.html': { from: 'jsonld', at: T },
  // The URL says the 17th, the article's <time> the 18th: the URL is used only when nothing else states a date.
  'conflict-url-and-time.html': { from: 'time', at: T, url: 'https://www.valleygazette.example/2015/03/17/council-reviews-footpath' },
  // A date in 2099 is no date: the next source is read.
  'future-meta-falls-back.html': { from: 'time', at: T },
};

describe('stated publication dates in the fixtures', () => {
  it('has a case for every fixture', () => {
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.html'))
        .sort(),
    ).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s', (name, c) => {
    const m = readPageMeta(fixture(name), c?.url ?? PAGE);
    if (!c) {
      expect(m.publishedTime).toBeUndefined();
      expect(m.publishedFrom).toBeUndefined();
      return;
    }
    expect(m.publishedFrom).toBe(c.from);
    expect(parseTime(m.publishedTime)).toBe(c.at);
  });

  it('reads the same page date whatever URL the page has, and a URL date on a page with none', () => {
    const m = readPageMeta(fixture('url-path-slashes.html'), 'https://www.valleygazette.example/news/footpath');
    expect(m.publishedTime).toBeUndefined();
    // The canonical URL's path counts as the page's own.
    const d = doc(
      readFileSync(`${dir}url-path-slashes.html`, 'utf8').replace(
        '</head>',
        '<link rel="canonical" href="https://www.valleygazette.example/2015/03/18/council-reviews-footpath/"></head>',
      ),
    );
    expect(readPageMeta(d, 'https://m.valleygazette.example/a/4521').publishedTime).toBe('2015-03-18');
  });

  it('refuses URL paths that are no day', () => {
    for (const path of ['/2015/13/18/x', '/2015/02/30/x', '/news/2015/05/story-1', '/1899/03/18/x', '/id/20151340/x']) {
      expect(readPageMeta(fixture('url-path-slashes.html'), `https://www.valleygazette.example${path}`).publishedTime, path).toBeUndefined();
    }
  });

  it('carries publishedFrom through the worker check, and refuses a long one', () => {
    const meta = readPageMeta(fixture('data-published.html'), PAGE);
    const ok = validateMessage({ type: 'page/article', text: 'x', meta });
    expect(ok.ok && ok.value.type === 'page/article' && ok.value.meta.publishedFrom).toBe('attr:data-published');
    expect(validateMessage({ type: 'page/article', text: 'x', meta: { ...meta, publishedFrom: 'x'.repeat(65) } }).ok).toBe(false);
  });
});

describe('the fixture news site', () => {
  /** Every page the e2e site serves, as its server renders them. */
  const pages = (): { url: string; html: string; publishedAt?: string }[] => [
    ...ARTICLES.map((a) => ({ url: `http://${a.outlet.host}${a.path}`, html: renderArticle(a), publishedAt: a.publishedAt })),
    ...Object.values(OUTLETS).map((o) => ({
      url: `http://${o.host}/`,
      html: renderFront(
        o,
        ARTICLES.filter((a) => a.outlet.key === o.key),
      ),
    })),
    ...HOSTILE_PAGES.map((p) => ({ ...p, publishedAt: /article:published_time" content="([^"]+)"/.exec(p.html)?.[1] })),
    ...loadPages().map((p) => ({ ...p, publishedAt: /article:published_time" content="([^"]+)"/.exec(p.html)?.[1] })),
  ];

  it('keeps every article page at the date it states, and gives front pages none', () => {
    for (const p of pages()) {
      const m = readPageMeta(doc(p.html), p.url);
      if (p.publishedAt) expect(parseTime(m.publishedTime), p.url).toBe(Date.parse(p.publishedAt));
      else expect(m.publishedTime, p.url).toBeUndefined();
    }
  });

  it('prints the share of pages whose date is read', () => {
    const site = pages();
    const articles = site.filter((p) => p.publishedAt);
    const read = articles.filter((p) => parseTime(readPageMeta(doc(p.html), p.url).publishedTime) !== undefined).length;
    const fixtures = Object.entries(CASES).filter(([, c]) => c);
    const fixturesRead = fixtures.filter(([name, c]) => parseTime(readPageMeta(fixture(name), c?.url ?? PAGE).publishedTime) !== undefined).length;
    console.log(
      `dates read: fixture site ${read}/${articles.length} article pages (${site.length - articles.length} front pages, none dated); ` +
        `date fixtures ${fixturesRead}/${fixtures.length} pages that state one`,
    );
    expect(read).toBe(articles.length);
    expect(fixturesRead).toBe(fixtures.length);
  });
});

describe('parseTime', () => {
  it.each([
    ['2015-03-18T10:00:00Z', T],
    ['2015-03-18T10:00:00.000Z', T],
    ['2015-03-18T11:00:00+01:00', T],
    ['2015-03-18T11:00:00+0100', T],
    ['2015-03-18T10:00:00+0000', T],
    ['2015-03-18T10:00:00 GMT', T],
    ['2015-03-18T11:00:00.123456+01:00', T + 123],
    ['20150318T100000Z', T],
    ['2015-03-18', DAY],
    ['20150318', DAY],
    ['Wed, 18 Mar 2015 10:00:00 GMT', T],
    ['Wed, 18 Mar 2015 06:00:00 -0400', T],
    ['Wed, 18 Mar 2015 06:00:00 EDT', T],
    ['1426672800', T],
    ['1426672800000', T],
    ['March 18, 2015', DAY],
    ['Mar. 18th, 2015', DAY],
    ['18 March 2015', DAY],
    ['Wednesday 18 March 2015', DAY],
    ['18.03.2015', DAY],
    ['March 18, 2015 6:00 a.m. ET', T],
    ['6:00 AM EDT, Wed March 18, 2015', T],
    ['Wed 18 Mar 2015 10.00 GMT', T],
    ['Dec 1, 2015 5:00 pm ET', Date.UTC(2015, 11, 1, 22)],
    ['Sept. 1, 2015 5:00 pm PT', Date.UTC(2015, 8, 2, 0)],
  ])('%s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it('reads a time without a zone as the reader’s local time, as before', () => {
    for (const s of ['2015-03-18T10:00:00', '2015-03-18 10:00:00', 'March 18, 2015 10:00']) expect(parseTime(s), s).toBe(new Date(2015, 2, 18, 10).getTime());
  });

  it('keeps the result of every ISO and RFC 2822 date that parsed before', () => {
    for (const s of [
      '2024-03-31T14:39:00.000Z',
      '2024-03-31T17:52:00+00:00',
      '2024-04-01T16:00:00-04:00',
      '2024-03-30',
      '2024-03-31T21:10:00+04:00',
      '2024-03-31T14:00',
      'Sun, 31 Mar 2024 14:39:00 GMT',
      'Sun, 31 Mar 2024 14:39:00 +0200',
      'Sun Mar 31 2024 14:39:00 GMT+0000 (Coordinated Universal Time)',
      'March 2024',
    ]) {
      expect(parseTime(s), s).toBe(Date.parse(s));
    }
  });

  it.each([
    '',
    '   ',
    'not a date',
    '0',
    '1',
    'Published 12',
    'foo 2015',
    '2015',
    '2015-02-30',
    '2015-13-01',
    '2015-03-18T25:00:00Z',
    'March 32, 2015',
    '0000-00-00',
    'x'.repeat(200),
    '12345',
  ])('refuses %j', (input) => {
    expect(parseTime(input)).toBeUndefined();
  });
});
