// The pages the page-cost benchmark loads: the fixture site's seed articles and a front page
// (rendered by the fixture templates), plus a 10,000-word long read under a host of its own that
// no test uses. A separate loopback server, so the end-to-end fixture site stays as it is.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ARTICLES, articleUrl, FRONT_PAGE_URL, type Article } from '../tests/fixtures/site/articles.ts';
import { OUTLETS, type Outlet } from '../tests/fixtures/site/outlets.ts';
import { renderArticle, renderFront } from '../tests/fixtures/site/render.ts';
import type { Generator } from './corpus.ts';

export interface BenchPage {
  /** Short name in the table: the seed key, 'front' or 'long'. */
  name: string;
  url: string;
  /** Whether the product treats it as an article. */
  article: boolean;
}

export const LONG_OUTLET: Outlet = {
  key: 'longread',
  name: 'The Long Read Review',
  host: 'www.longread-review.example',
  tagline: 'Essays and investigations, at length',
  nav: ['Investigations', 'Essays', 'Culture', 'Science', 'Archive'],
  accent: '#7a3b2e',
  font: 'Georgia, serif',
  headlines: ['How a river town rebuilt its library', 'The quiet economics of ferries', 'Notes from a seed vault'],
  footer: 'The Long Read Review.',
};

const LONG_WORDS = 10_000;

/** A long read of `LONG_WORDS` words: generated from the bench vocabulary, cut into sentences and paragraphs of news length. */
export function longArticle(gen: Generator): Article {
  const words = gen.words(LONG_WORDS).map((w) => gen.vocab.words[w]);
  const paragraphs: string[] = [];
  let at = 0;
  while (at < words.length) {
    const len = Math.min(words.length - at, 40 + ((at * 7) % 50));
    const sentences: string[] = [];
    for (let s = at; s < at + len; s += 16) {
      const part = words.slice(s, Math.min(s + 16, at + len));
      if (part.length > 8) part[7] += ',';
      sentences.push(part[0][0].toUpperCase() + part.join(' ').slice(1) + '.');
    }
    paragraphs.push(sentences.join(' '));
    at += len;
  }
  return {
    key: 'long',
    outlet: LONG_OUTLET,
    path: '/2024/04/02/a-very-long-read',
    title: 'A very long read: ten thousand words on one story',
    standfirst: 'The whole story, from the first meeting to the last, as it happened.',
    author: 'Rowan Pell',
    publishedAt: '2024-04-02T08:00:00Z',
    section: 'Investigations',
    paragraphs,
  };
}

/** The pages in loading order: the original (001) first, so the copies after it find it. */
export function benchPages(long: Article): BenchPage[] {
  const order = ['001', '002', '000', '003', '004', 'unrelated'];
  const seeds = order.map((k) => ARTICLES.find((a) => a.key === k)).filter((a): a is Article => !!a);
  return [
    ...seeds.map((a) => ({ name: a.key, url: articleUrl(a), article: true })),
    { name: 'front', url: FRONT_PAGE_URL, article: false },
    { name: 'long', url: articleUrl(long), article: true },
  ];
}

export interface PageSite {
  port: number;
  hosts: string[];
  close(): Promise<void>;
}

export async function startPageSite(long: Article): Promise<PageSite> {
  const pages = new Map<string, string>();
  for (const a of [...ARTICLES, long]) pages.set(articleUrl(a), renderArticle(a));
  for (const o of Object.values(OUTLETS))
    pages.set(
      `http://${o.host}/`,
      renderFront(
        o,
        ARTICLES.filter((a) => a.outlet.key === o.key),
      ),
    );
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    const body = pages.get(`http://${host}${(req.url ?? '/').split('?')[0]}`);
    if (body === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    hosts: [...new Set([...Object.values(OUTLETS), LONG_OUTLET].map((o) => o.host))],
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
