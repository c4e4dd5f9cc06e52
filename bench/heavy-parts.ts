// The building blocks of the heavy news layouts (bench/heavy-pages.ts): what a real outlet's
// article page carries around the article. Every piece is generated here from the bench
// vocabulary: no third-party markup, and every address a piece refers to is either a data: URI,
// an iframe srcdoc, or a path on the page's own loopback host (served by bench/page-site.ts).
import { esc, jsonForScript } from '../tests/fixtures/site/html.ts';
import type { Generator } from './corpus.ts';

/** Text helpers over one seeded generator, so a layout is the same on every run. */
export class Filler {
  private n = 0;
  constructor(readonly gen: Generator) {}
  words(n: number): string {
    return this.gen
      .words(n)
      .map((w) => this.gen.vocab.words[w])
      .join(' ');
  }
  title(n = 7): string {
    const t = this.words(n);
    return t[0].toUpperCase() + t.slice(1);
  }
  sentence(n = 16): string {
    return this.title(n) + '.';
  }
  paragraph(sentences: number): string {
    return Array.from({ length: sentences }, () => this.sentence(10 + (this.next() % 12))).join(' ');
  }
  /** A deterministic counter, for varying sizes without another random stream. */
  next(): number {
    this.n = (this.n * 1103515245 + 12345) >>> 0;
    return this.n >>> 8;
  }
}

export const IMG_PATH = '/assets/img/';
export const AD_FRAME_PATH = '/ads/frame';

/** A tiny inline picture, as lazy-loaded placeholders often are. */
export const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export function head(f: Filler, host: string, path: string, title: string, author: string, section: string): string {
  const url = `http://${host}${path}`;
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    datePublished: '2024-04-02T07:30:00Z',
    dateModified: '2024-04-02T09:10:00Z',
    author: [{ '@type': 'Person', name: author }],
    publisher: { '@type': 'Organization', name: host, logo: { '@type': 'ImageObject', url: `http://${host}${IMG_PATH}logo.svg` } },
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    articleSection: section,
    keywords: f.words(12).split(' '),
  };
  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [1, 2, 3].map((i) => ({ '@type': 'ListItem', position: i, name: f.title(2) })),
  };
  const css = Array.from(
    { length: 120 },
    (_, i) => `.c${i}{margin:${i % 7}px;padding:${i % 5}px;color:#${(i * 2654435).toString(16).slice(0, 6).padEnd(6, '0')}}`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | ${esc(host)}</title>
<link rel="icon" href="data:,"><link rel="canonical" href="${esc(url)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${esc(f.sentence(20))}">
<meta property="og:type" content="article"><meta property="og:title" content="${esc(title)}"><meta property="og:url" content="${esc(url)}">
<meta property="og:image" content="http://${esc(host)}${IMG_PATH}lead.svg"><meta name="author" content="${esc(author)}">
<meta property="article:section" content="${esc(section)}"><meta property="article:published_time" content="2024-04-02T07:30:00Z">
<script type="application/ld+json">${jsonForScript(ld)}</script>
<script type="application/ld+json">${jsonForScript(breadcrumbs)}</script>
<style>body{font:16px/1.5 Georgia,serif;margin:0}.mega{display:flex;flex-wrap:wrap}.mega ul{width:180px}.ad{min-height:250px;background:#eee}
.cmp{position:fixed;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;background:#fff;border-top:2px solid #333}
.rail{display:grid;grid-template-columns:repeat(4,1fr)}.comment{border-left:2px solid #ddd;margin:8px 0 8px 12px}
${css}</style>
<script>window.dataLayer=window.dataLayer||[];window.dataLayer.push({event:'pageview',section:${JSON.stringify(section)}});
window.__consent={purposes:[1,2,3,4,7,9,10],vendors:{}};for(let i=0;i<400;i++)window.__consent.vendors['v'+i]=i%3!==0;</script>
</head><body class="article-page">`;
}

/** The consent banner: a fixed panel with its purposes and a long vendor list of checkboxes. */
export function cookieBanner(f: Filler, vendors: number): string {
  const rows = Array.from(
    { length: vendors },
    (_, i) =>
      `<li class="vendor"><label><input type="checkbox" name="v${i}"${i % 3 ? ' checked' : ''}> ${esc(f.title(2))} Ltd</label> <a href="#policy-${i}">Policy</a></li>`,
  ).join('');
  return `<div class="cmp" role="dialog" aria-label="Privacy choices"><h2>We value your privacy</h2><p>${esc(f.paragraph(3))}</p>
<button type="button">Accept all</button> <button type="button">Reject all</button> <button type="button">Manage options</button>
<details><summary>Our ${vendors} partners</summary><ul>${rows}</ul></details></div>`;
}

/** The header with a mega-menu: `sections` columns of `links` links each, plus a search form and a ticker. */
export function megaMenu(f: Filler, sections: number, links: number): string {
  const cols = Array.from({ length: sections }, (_, s) => {
    const name = f.title(1);
    const items = Array.from({ length: links }, (_, i) => `<li><a href="/section/${s}/${i}">${esc(f.title(2))}</a></li>`).join('');
    return `<div class="col c${s % 120}"><h3><a href="/section/${s}">${esc(name)}</a></h3><ul>${items}</ul></div>`;
  }).join('');
  const ticker = Array.from({ length: 12 }, (_, i) => `<li><a href="/breaking/${i}">${esc(f.title(8))}</a></li>`).join('');
  return `<header class="site-header"><a class="logo" href="/"><img src="${IMG_PATH}logo.svg" alt="Home" width="180" height="40"></a>
<form class="search" action="/search"><input type="search" name="q" aria-label="Search"><button>Search</button></form>
<nav class="mega" aria-label="Sections">${cols}</nav><div class="ticker"><strong>Breaking</strong><ul>${ticker}</ul></div></header>`;
}

/** An ad slot: a same-origin loopback iframe, or an srcdoc one whose document holds the creative. */
export function adSlot(f: Filler, i: number): string {
  if (i % 2 === 0)
    return `<div class="ad" data-slot="${i}"><span>Advertisement</span><iframe title="Advertisement" width="300" height="250" src="${AD_FRAME_PATH}?slot=${i}"></iframe></div>`;
  const creative = `<!doctype html><body style="margin:0;font:14px sans-serif"><a href="#ad${i}"><img src="${PIXEL}" width="300" height="180" alt=""><p>${esc(f.sentence(9))}</p></a></body>`;
  return `<div class="ad" data-slot="${i}"><span>Advertisement</span><iframe title="Advertisement" width="300" height="250" srcdoc="${esc(creative)}"></iframe></div>`;
}

/** A social post as the outlets embed it before the platform's script replaces it: a blockquote. */
export function socialEmbed(f: Filler, i: number): string {
  const handle = f.words(1).replace(/[^a-z0-9]/gi, '') || 'reporter';
  return `<blockquote class="social-embed" data-platform="${i % 2 ? 'social' : 'video'}"><p lang="en" dir="ltr">${esc(f.sentence(22))} <a href="#tag${i}">#${esc(handle)}</a></p>&mdash; ${esc(f.title(2))} (@${esc(handle)}) <a href="#post-${i}">April 2, 2024</a></blockquote>`;
}

/** A data table inside the article (results, prices, a timeline). */
export function dataTable(f: Filler, rows: number, cols: number): string {
  const th = Array.from({ length: cols }, () => `<th>${esc(f.title(1))}</th>`).join('');
  const body = Array.from(
    { length: rows },
    (_, r) => `<tr><td>${esc(f.title(2))}</td>${Array.from({ length: cols - 1 }, (_, c) => `<td>${(r * 37 + c * 11) % 997}</td>`).join('')}</tr>`,
  ).join('');
  return `<figure class="table"><table><caption>${esc(f.sentence(8))}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></figure>`;
}

/** Related-article rails: cards with a picture, a headline and a summary. */
export function rails(f: Filler, count: number, perRail: number): string {
  return Array.from({ length: count }, (_, r) => {
    const cards = Array.from(
      { length: perRail },
      (_, i) =>
        `<article class="card"><a href="/story/${r}-${i}"><img loading="lazy" src="${i % 3 ? PIXEL : `${IMG_PATH}card-${r}-${i}.svg`}" width="240" height="135" alt="${esc(f.title(4))}"><h3>${esc(f.title(8))}</h3></a><p>${esc(f.sentence(14))}</p><span class="meta">${(i % 9) + 1} min read</span></article>`,
    ).join('');
    return `<section class="rail" aria-label="${esc(f.title(2))}"><h2>${esc(f.title(3))}</h2>${cards}</section>`;
  }).join('');
}

/** A comment thread: `count` comments, replies nested up to three deep. */
export function comments(f: Filler, count: number): string {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < count; i++) {
    const next = f.next() % 4;
    const words = 8 + (f.next() % 60);
    out.push(
      `<article class="comment" id="c${i}"><header><img src="${PIXEL}" width="32" height="32" alt=""><span class="author">${esc(f.title(2))}</span> <time datetime="2024-04-02T10:${String(i % 60).padStart(2, '0')}:00Z">${(i % 23) + 1}h ago</time></header><p>${esc(f.title(words))}.</p><footer><button type="button">Reply</button><button type="button" aria-label="Like">&#9650; ${(i * 7) % 131}</button><a href="#c${i}">Link</a></footer>`,
    );
    // Open a reply level, close one, or close this comment.
    if (next === 0 && depth < 3) {
      out.push('<div class="replies">');
      depth++;
      continue;
    }
    out.push('</article>');
    if (next === 1 && depth > 0) {
      out.push('</div></article>');
      depth--;
    }
  }
  while (depth-- > 0) out.push('</div></article>');
  return `<section id="comments" class="comments"><h2>${count} comments</h2><form><textarea aria-label="Your comment"></textarea><button>Post</button></form>${out.join('')}</section>`;
}

/** An inline script that builds a widget's DOM while the page parses (most-read lists, scores, markets). */
export function scriptedWidget(f: Filler, id: string, items: number): string {
  const labels = Array.from({ length: 40 }, () => f.title(5));
  return `<aside id="${id}" class="widget"><h2>Most read</h2><ol></ol></aside>
<script>(function(){const labels=${jsonForScript(labels)};const ol=document.querySelector('#${id} ol');
for(let i=0;i<${items};i++){const li=document.createElement('li');const a=document.createElement('a');a.href='/most-read/'+i;a.textContent=labels[i%labels.length];
const s=document.createElement('span');s.className='count';s.textContent=String((i*97)%1000)+' reads';li.append(a,' ',s);ol.append(li);}})();</script>`;
}

/** A script that adds a market-data grid once the document is parsed, as hydrating pages do. */
export function hydratedGrid(id: string, rows: number, cols: number): string {
  return `<section id="${id}" class="markets"><h2>Markets</h2></section>
<script>document.addEventListener('DOMContentLoaded',function(){const t=document.createElement('table');for(let r=0;r<${rows};r++){const tr=t.insertRow();
for(let c=0;c<${cols};c++){tr.insertCell().textContent=c?((r*31+c*17)%1000/10).toFixed(1):'IDX'+r;}}document.getElementById('${id}').append(t);});</script>`;
}

export function footer(f: Filler, cols: number, links: number): string {
  const c = Array.from(
    { length: cols },
    (_, i) =>
      `<div><h4>${esc(f.title(1))}</h4><ul>${Array.from({ length: links }, (_, j) => `<li><a href="/about/${i}/${j}">${esc(f.title(2))}</a></li>`).join('')}</ul></div>`,
  ).join('');
  return `<footer class="site-footer"><div class="links">${c}</div><p>${esc(f.paragraph(2))}</p><p>&copy; 2024</p></footer>`;
}

/** The loopback assets the layouts refer to: a small SVG per picture, and the ad frame's document. */
export function assetFor(path: string): { type: string; body: string } | undefined {
  if (path.startsWith(IMG_PATH))
    return {
      type: 'image/svg+xml',
      body: `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="135"><rect width="240" height="135" fill="#9ab"/><text x="12" y="70" font-size="14">${esc(path.slice(IMG_PATH.length))}</text></svg>`,
    };
  if (path === AD_FRAME_PATH)
    return {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body style="margin:0"><a href="#ad"><img src="${IMG_PATH}ad.svg" width="300" height="200" alt="Advertisement"></a><script>document.body.dataset.shown=String(Date.now());</script></body></html>`,
    };
  return undefined;
}
