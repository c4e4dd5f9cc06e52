// The pages the page-cost benchmark loads: the fixture site's seed articles and a front page
// (rendered by the fixture templates), a 10,000-word long read and the heavy news layouts
// (bench/heavy-pages.ts) under hosts of their own that no test uses. A separate loopback server,
// so the end-to-end fixture site stays as it is. Chromium reaches it by --host-resolver-rules;
// Firefox through its proxy settings, so it also answers proxy-style absolute-URI requests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ARTICLES, articleUrl, FRONT_PAGE_URL, type Article } from '../tests/fixtures/site/articles.ts';
import { OUTLETS, type Outlet } from '../tests/fixtures/site/outlets.ts';
import { renderArticle, renderFront } from '../tests/fixtures/site/render.ts';
import { FIRSTHAND_TEST_HOST } from '../tests/fixtures/site/outlets.ts';
import type { Generator } from './corpus.ts';
import { assetFor } from './heavy-parts.ts';
import { HEAVY_HOSTS, type HeavyPage } from './heavy-pages.ts';

export interface BenchPage {
  /** Short name in the table: the seed key, 'front', 'long' or a heavy layout's class. */
  name: string;
  url: string;
  /** Whether the product treats it as an article. */
  article: boolean;
  /** A heavy layout (bench/heavy-pages.ts). */
  heavy?: boolean;
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
export function benchPages(long: Article, heavy: HeavyPage[]): BenchPage[] {
  const order = ['001', '002', '000', '003', '004', 'unrelated'];
  const seeds = order.map((k) => ARTICLES.find((a) => a.key === k)).filter((a): a is Article => !!a);
  return [
    ...seeds.map((a) => ({ name: a.key, url: articleUrl(a), article: true })),
    { name: 'front', url: FRONT_PAGE_URL, article: false },
    { name: 'long', url: articleUrl(long), article: true },
    ...heavy.map((h) => ({ name: h.name, url: `http://${h.host}${h.path}`, article: true, heavy: true })),
  ];
}

export interface PageSite {
  port: number;
  hosts: string[];
  close(): Promise<void>;
}

const TEST_HOST_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>Firsthand test host</title><link rel="icon" href="data:,"></head><body><p>Opened by the test build.</p></body></html>';

export async function startPageSite(long: Article, heavy: HeavyPage[]): Promise<PageSite> {
  const pages = new Map<string, string>();
  for (const a of [...ARTICLES, long]) pages.set(articleUrl(a), renderArticle(a));
  for (const h of heavy) pages.set(`http://${h.host}${h.path}`, h.html);
  for (const o of Object.values(OUTLETS))
    pages.set(
      `http://${o.host}/`,
      renderFront(
        o,
        ARTICLES.filter((a) => a.outlet.key === o.key),
      ),
    );
  const server = http.createServer((req, res) => {
    const raw = req.url ?? '/';
    let host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    let path = raw.split('?')[0];
    // A proxy-style request (Firefox): the absolute URI names the host.
    if (/^https?:\/\//i.test(raw)) {
      const u = new URL(raw);
      host = u.hostname.toLowerCase();
      path = u.pathname;
    }
    const headers = { 'cache-control': 'no-store' };
    const body = host === FIRSTHAND_TEST_HOST ? TEST_HOST_PAGE : pages.get(`http://${host}${path}`);
    const asset = body === undefined && HEAVY_HOSTS.includes(host) ? assetFor(path) : undefined;
    if (body !== undefined) res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(body);
    else if (asset) res.writeHead(200, { ...headers, 'content-type': asset.type }).end(asset.body);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  // HTTPS tunnels are refused: the pages are plain HTTP and nothing may leave the machine.
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    hosts: [...new Set([...Object.values(OUTLETS), LONG_OUTLET].map((o) => o.host)), ...HEAVY_HOSTS, FIRSTHAND_TEST_HOST],
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
