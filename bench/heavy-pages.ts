// Realistic heavy news layouts for the page-cost benchmark: what readers actually open is far
// heavier than the fixture pages (thousands of nodes, a mega-menu, a consent banner, ad frames,
// embeds, related rails, hundreds of comments, inline scripts that build DOM). Six layout
// classes, generated deterministically from the bench vocabulary (bench/heavy-parts.ts); three
// carry a seed article's text (so the reader gets a verdict and a ribbon), three are unrelated.
import { ARTICLES } from '../tests/fixtures/site/articles.ts';
import { esc } from '../tests/fixtures/site/html.ts';
import type { Generator } from './corpus.ts';
import {
  adSlot,
  comments,
  cookieBanner,
  dataTable,
  Filler,
  footer,
  head,
  hydratedGrid,
  IMG_PATH,
  megaMenu,
  rails,
  scriptedWidget,
  socialEmbed,
} from './heavy-parts.ts';

export interface HeavyPage {
  /** Short name in the table: the layout class. */
  name: string;
  host: string;
  path: string;
  html: string;
  /** The seed whose text the article carries, when it is a copy. */
  copyOf?: string;
}

/** The outlets of the heavy layouts: hosts no test uses, served on loopback only. */
export const HEAVY_HOSTS = ['www.metro-daily-news.example', 'www.national-herald-online.example', 'live.citywire-news.example', 'www.longform-monthly.example'];

interface Shape {
  vendors: number;
  menu: [number, number];
  ads: number;
  embeds: number;
  tables: [number, number][];
  rails: [number, number];
  comments: number;
  widget: number;
  grid: [number, number];
  footer: [number, number];
}

/** The article's body paragraphs, with the layout's inline pieces (ads, embeds, tables) between them. */
function body(f: Filler, paragraphs: string[], shape: Shape): string {
  const inserts: string[] = [
    ...Array.from({ length: shape.embeds }, (_, i) => socialEmbed(f, i)),
    ...shape.tables.map(([r, c]) => dataTable(f, r, c)),
    ...Array.from({ length: Math.ceil(shape.ads / 2) }, (_, i) => adSlot(f, 100 + i)),
    `<aside class="read-more"><h3>Read more</h3><ul>${Array.from({ length: 4 }, (_, i) => `<li><a href="/story/more-${i}">${esc(f.title(8))}</a></li>`).join('')}</ul></aside>`,
  ];
  const every = Math.max(1, Math.floor(paragraphs.length / (inserts.length + 1)));
  const out: string[] = [];
  paragraphs.forEach((p, i) => {
    out.push(`<p>${esc(p)}</p>`);
    if ((i + 1) % every === 0 && inserts.length) out.push(inserts.shift() as string);
  });
  return out.join('\n');
}

function layout(f: Filler, host: string, path: string, title: string, paragraphs: string[], shape: Shape, section = 'World'): string {
  const author = f.title(2);
  const sideAds = Array.from({ length: Math.floor(shape.ads / 2) }, (_, i) => adSlot(f, i)).join('');
  return `${head(f, host, path, title, author, section)}
${cookieBanner(f, shape.vendors)}
${megaMenu(f, shape.menu[0], shape.menu[1])}
<div class="ad leaderboard">${adSlot(f, 99)}</div>
<main><nav class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/${esc(section.toLowerCase())}">${esc(section)}</a></nav>
<article class="story">
<header><h1>${esc(title)}</h1><p class="standfirst">${esc(f.sentence(24))}</p>
<p class="byline">By <a rel="author" href="/authors/1">${esc(author)}</a> <time datetime="2024-04-02T07:30:00Z">April 2, 2024</time></p>
<div class="share">${['Share', 'Post', 'Email', 'Copy link', 'Print'].map((s) => `<button type="button">${s}</button>`).join('')}</div></header>
<figure class="lead"><img src="${IMG_PATH}lead.svg" width="960" height="540" alt="${esc(f.title(6))}"><figcaption>${esc(f.sentence(14))} <span class="credit">Photo: ${esc(f.title(2))}</span></figcaption></figure>
<div class="story-body">
${body(f, paragraphs, shape)}
</div>
<div class="tags">${Array.from({ length: 10 }, (_, i) => `<a href="/tag/${i}">${esc(f.title(1))}</a>`).join(' ')}</div>
</article>
${scriptedWidget(f, 'most-read', shape.widget)}
${hydratedGrid('markets', shape.grid[0], shape.grid[1])}
<aside class="sidebar">${sideAds}</aside>
${rails(f, shape.rails[0], shape.rails[1])}
${comments(f, shape.comments)}
</main>
${footer(f, shape.footer[0], shape.footer[1])}
<script>document.querySelectorAll('.cmp button').forEach(function(b){b.addEventListener('click',function(){document.querySelector('.cmp').remove();});});</script>
</body></html>`;
}

function seedParagraphs(key: string): string[] {
  const a = ARTICLES.find((x) => x.key === key);
  if (!a) throw new Error(`no seed article ${key}`);
  return a.paragraphs;
}

/** Generated paragraphs of news length adding up to about `words` words. */
function generated(f: Filler, words: number): string[] {
  const out: string[] = [];
  let n = 0;
  while (n < words) {
    const sentences = 2 + (f.next() % 4);
    const p = f.paragraph(sentences);
    out.push(p);
    n += p.split(' ').length;
  }
  return out;
}

/** A live blog: timestamped updates, each its own small block, many with an embed. */
function liveBlog(f: Filler, host: string, path: string, updates: number, shape: Shape): string {
  const entries = Array.from({ length: updates }, (_, i) => {
    const t = `${String(23 - Math.floor(i / 4)).padStart(2, '0')}:${String(59 - ((i * 13) % 60)).padStart(2, '0')}`;
    return `<article class="update" id="u${i}"><header><time>${t}</time> <h2>${esc(f.title(6))}</h2></header><p>${esc(f.paragraph(2))}</p>${i % 3 === 0 ? socialEmbed(f, i) : ''}${i % 7 === 0 ? `<figure><img src="${IMG_PATH}live-${i}.svg" width="640" height="360" alt=""><figcaption>${esc(f.sentence(9))}</figcaption></figure>` : ''}<footer><button type="button">Share</button></footer></article>`;
  }).join('\n');
  const page = layout(f, host, path, `Live: ${f.title(8)}`, [f.paragraph(3)], { ...shape, embeds: 0, tables: [] }, 'Live');
  return page.replace('</div>\n<div class="tags">', `<section class="live-updates" aria-live="polite">${entries}</section></div>\n<div class="tags">`);
}

export function heavyPages(gen: Generator): HeavyPage[] {
  const f = new Filler(gen);
  const portal: Shape = {
    vendors: 180,
    menu: [14, 28],
    ads: 8,
    embeds: 3,
    tables: [[12, 5]],
    rails: [3, 12],
    comments: 320,
    widget: 50,
    grid: [20, 8],
    footer: [8, 20],
  };
  const tabloid: Shape = {
    vendors: 240,
    menu: [10, 24],
    ads: 14,
    embeds: 6,
    tables: [],
    rails: [6, 12],
    comments: 180,
    widget: 300,
    grid: [60, 10],
    footer: [6, 16],
  };
  const discussion: Shape = {
    vendors: 120,
    menu: [8, 20],
    ads: 6,
    embeds: 2,
    tables: [[8, 4]],
    rails: [2, 8],
    comments: 1100,
    widget: 30,
    grid: [10, 6],
    footer: [6, 12],
  };
  const pages: HeavyPage[] = [];
  const add = (name: string, host: string, path: string, html: string, copyOf?: string) => pages.push({ name, host, path, html, copyOf });
  const [metro, herald, live, longform] = HEAVY_HOSTS;
  // Copies: a syndicated seed article inside a heavy outlet's page, with the outlet's own lines added.
  add(
    'portal-copy',
    metro,
    '/world/2024/04/02/syndicated-report',
    layout(f, metro, '/world/2024/04/02/syndicated-report', f.title(10), [...seedParagraphs('003'), ...generated(f, 120)], portal),
    '003',
  );
  add(
    'tabloid-copy',
    herald,
    '/news/2024/04/02/what-we-know',
    layout(f, herald, '/news/2024/04/02/what-we-know', f.title(9), [...seedParagraphs('000'), ...generated(f, 250)], tabloid, 'News'),
    '000',
  );
  add(
    'comments-copy',
    metro,
    '/opinion/2024/04/02/readers-debate',
    layout(f, metro, '/opinion/2024/04/02/readers-debate', f.title(8), [...seedParagraphs('004'), ...generated(f, 90)], discussion, 'Opinion'),
    '004',
  );
  // Unrelated stories in the same kinds of page.
  add(
    'portal-unrelated',
    herald,
    '/business/2024/04/02/port-expansion',
    layout(f, herald, '/business/2024/04/02/port-expansion', f.title(9), generated(f, 900), { ...portal, comments: 650 }, 'Business'),
  );
  add('liveblog', live, '/live/2024/04/02/election-night', liveBlog(f, live, '/live/2024/04/02/election-night', 48, { ...portal, comments: 150 }));
  add(
    'longform',
    longform,
    '/features/2024/03/the-long-winter',
    layout(
      f,
      longform,
      '/features/2024/03/the-long-winter',
      f.title(8),
      generated(f, 1700),
      {
        ...portal,
        tables: [
          [30, 6],
          [15, 4],
        ],
        embeds: 5,
        comments: 240,
        menu: [6, 18],
      },
      'Features',
    ),
  );
  return pages;
}
