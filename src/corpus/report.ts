// The reuse graph as one self-contained HTML page a researcher can open, send or publish: no
// script, no request, its styles inline, light and dark, readable in a narrow window and by a
// screen reader (tables with headers; every bar's figure also written as text). Three views:
// outlets ranked by uncredited reuse, the most-copied originals, and the timeline of the largest
// stories. Strings from the archive (outlets, titles, URLs) are escaped and isolated (<bdi>), so a
// right-to-left name cannot reorder the sentence around it and no markup of theirs is run.
import type { Graph, ReuseEdge, Story } from './graph.ts';

/** What the report shows of an article (looked up in the store for the articles it names). */
export interface ArticleHead {
  id: string;
  url: string;
  title: string;
  outlet: string;
  /** ms since epoch: published, else first seen. */
  date: number;
}

export interface ReportInput {
  graph: Graph;
  /** Articles per outlet in the store. */
  outletArticles: ReadonlyMap<string, number>;
  head(id: string): Promise<ArticleHead | undefined>;
  /** When the report was made (ms). */
  now: number;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** An archive string shown as text, isolated from the words around it. */
const bdi = (s: string): string => `<bdi>${esc(s)}</bdi>`;
/** Only web links are made links. */
const link = (url: string, text: string): string =>
  /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noreferrer noopener">${bdi(text)}</a>` : bdi(text);
const day = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '');
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const count = (n: number): string => n.toLocaleString('en-US');

/** A horizontal bar for a share in [0,1]; its figure is in the cell beside it as text. */
const bar = (share: number, kind: string): string =>
  `<span class="bar" aria-hidden="true"><span class="fill ${kind}" style="width:${Math.max(0, Math.min(100, share * 100)).toFixed(1)}%"></span></span>`;

interface OutletRow {
  outlet: string;
  articles: number;
  uncredited: number;
  credited: number;
}

function outletRows(graph: Graph, outletArticles: ReadonlyMap<string, number>): OutletRow[] {
  const rows = new Map<string, OutletRow>();
  for (const e of graph.edges) {
    if (!e.named) continue;
    let r = rows.get(e.copyOutlet);
    if (!r) rows.set(e.copyOutlet, (r = { outlet: e.copyOutlet, articles: outletArticles.get(e.copyOutlet) ?? 0, uncredited: 0, credited: 0 }));
    if (e.credited) r.credited++;
    else r.uncredited++;
  }
  return [...rows.values()].sort((a, b) => b.uncredited - a.uncredited || b.credited - a.credited || (a.outlet < b.outlet ? -1 : 1));
}

interface OriginalRow {
  id: string;
  copies: ReuseEdge[];
}

function mostCopied(graph: Graph, limit: number): OriginalRow[] {
  const by = new Map<string, ReuseEdge[]>();
  for (const e of graph.edges) {
    if (!e.named) continue;
    const list = by.get(e.original);
    if (list) list.push(e);
    else by.set(e.original, [e]);
  }
  return [...by]
    .map(([id, copies]) => ({ id, copies }))
    .sort((a, b) => b.copies.length - a.copies.length || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

const VERDICT_WORDS: Record<string, string> = { copy: 'copy', 'partial-copy': 'partial copy', rewrite: 'rewrite' };

async function outletsSection(rows: OutletRow[]): Promise<string> {
  if (!rows.length)
    return `<section aria-labelledby="outlets"><h2 id="outlets">Outlets by uncredited reuse</h2><p>No article in this archive derives from another.</p></section>`;
  const max = Math.max(...rows.map((r) => r.uncredited + r.credited), 1);
  const body = rows
    .slice(0, 25)
    .map(
      (r) =>
        `<tr><th scope="row">${bdi(r.outlet)}</th><td class="num">${count(r.articles)}</td><td class="num">${count(r.uncredited)}</td><td class="num">${count(r.credited)}</td>` +
        `<td class="chart">${bar(r.uncredited / max, 'uncredited')}${bar(r.credited / max, 'credited')}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="outlets"><h2 id="outlets">Outlets by uncredited reuse</h2>
<p>Articles of each outlet that copy, partly copy or rewrite an earlier article of the archive, without crediting its outlet and with credit.</p>
<div class="scroll"><table><thead><tr><th scope="col">Outlet</th><th scope="col">Articles</th><th scope="col">Uncredited reuse</th><th scope="col">Credited reuse</th><th scope="col"><span class="key uncredited"></span> uncredited <span class="key credited"></span> credited</th></tr></thead>
<tbody>${body}</tbody></table></div></section>`;
}

async function originalsSection(rows: OriginalRow[], head: ReportInput['head']): Promise<string> {
  if (!rows.length) return '';
  const max = Math.max(...rows.map((r) => r.copies.length), 1);
  const items: string[] = [];
  for (const r of rows) {
    const h = await head(r.id);
    const outlets = [...new Set(r.copies.map((c) => c.copyOutlet))].sort();
    const uncredited = r.copies.filter((c) => !c.credited).length;
    items.push(
      `<tr><th scope="row">${h ? link(h.url, h.title || h.url) : bdi(r.id)}<div class="sub">${h ? `${bdi(h.outlet)}, ${day(h.date)}` : ''}</div></th>` +
        `<td class="num">${count(r.copies.length)}</td><td class="num">${count(uncredited)}</td><td class="chart">${bar(r.copies.length / max, 'copies')}</td>` +
        `<td>${outlets.map(bdi).join(', ')}</td></tr>`,
    );
  }
  return `<section aria-labelledby="originals"><h2 id="originals">Most-copied originals</h2>
<div class="scroll"><table><thead><tr><th scope="col">Original</th><th scope="col">Copies and rewrites</th><th scope="col">Of which uncredited</th><th scope="col"><span class="visually-hidden">Chart</span></th><th scope="col">By</th></tr></thead>
<tbody>${items.join('')}</tbody></table></div></section>`;
}

async function storySection(story: Story, graph: Graph, head: ReportInput['head']): Promise<string> {
  const heads = (await Promise.all(story.articles.map((id) => head(id)))).filter((h): h is ArticleHead => Boolean(h));
  heads.sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
  if (!heads.length) return '';
  const named = new Map(graph.edges.filter((e) => e.named).map((e) => [e.copy, e]));
  const start = heads[0].date;
  const span = Math.max(heads[heads.length - 1].date - start, 1);
  const rows = heads
    .map((h) => {
      const e = named.get(h.id);
      const what =
        h.id === story.first
          ? 'first report'
          : e
            ? `${VERDICT_WORDS[e.verdict] ?? e.verdict} of ${bdi(e.originalOutlet)}${e.credited ? ', credited' : ', uncredited'}`
            : 'same story';
      const kind = h.id === story.first ? 'first' : e ? e.verdict : 'related';
      const at = ((h.date - start) / span) * 100;
      return (
        `<tr><td class="when">${esc(day(h.date))}</td><th scope="row">${bdi(h.outlet)}<div class="sub">${link(h.url, h.title || h.url)}</div></th>` +
        `<td class="what">${what}${e ? ` <span class="sub">(${pct(e.containment)} of it is the original's; it carries ${pct(e.coverage)} of the original)</span>` : ''}</td>` +
        `<td class="track" aria-hidden="true"><span class="dot ${kind}" style="inset-inline-start:calc(${at.toFixed(1)}% - ${((at / 100) * 12).toFixed(1)}px)"></span></td></tr>`
      );
    })
    .join('');
  const first = heads.find((h) => h.id === story.first) ?? heads[0];
  return `<section aria-labelledby="story-${story.story}"><h2 id="story-${story.story}">Story ${story.story}: ${bdi(first.title || first.url)}</h2>
<p>${count(story.size)} articles from ${esc(day(heads[0].date))} to ${esc(day(heads[heads.length - 1].date))}, in the order they appeared.</p>
<div class="scroll"><table class="timeline"><thead><tr><th scope="col">Date</th><th scope="col">Outlet and article</th><th scope="col">What it is</th><th scope="col"><span class="visually-hidden">Time line</span></th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

const CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #fff; --line: #d0d7de; --track: #eef1f4;
  --uncredited: #c0392b; --credited: #2e7d32; --copies: #5b4fc4; --first: #0b6bcb; --rewrite: #b35c00; --related: #8a939c; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b1; --bg: #0d1117; --line: #30363d; --track: #1c2128;
  --uncredited: #ff7b72; --credited: #56d364; --copies: #a5a0ff; --first: #58a6ff; --rewrite: #f0a24b; --related: #8b949e; } }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; padding: 16px; max-width: 1100px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 28px 0 6px; }
.summary { color: var(--muted); margin: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sub { color: var(--muted); font-size: 0.85rem; font-weight: normal; }
.chart { min-width: 140px; }
.bar { display: block; height: 8px; margin: 3px 0; background: var(--track); border-radius: 4px; overflow: hidden; }
.fill { display: block; height: 100%; border-radius: 4px; }
.fill.uncredited, .key.uncredited { background: var(--uncredited); } .fill.credited, .key.credited { background: var(--credited); }
.fill.copies { background: var(--copies); }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; vertical-align: middle; }
.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
.track { position: relative; min-width: 160px; }
.track::before { content: ''; position: absolute; inset-inline: 0; top: 50%; border-top: 2px solid var(--track); }
.dot { position: absolute; top: calc(50% - 6px); width: 12px; height: 12px; border-radius: 50%; background: var(--related); }
.dot.first { background: var(--first); } .dot.copy, .dot.partial-copy { background: var(--uncredited); } .dot.rewrite { background: var(--rewrite); }
a { color: var(--first); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 640px) { .chart, .track, thead th:last-child { display: none; } body { padding: 8px; } }
`;

/** The report's HTML. */
export async function reportHtml(input: ReportInput, opts: { stories?: number; originals?: number } = {}): Promise<string> {
  const { graph, head } = input;
  const named = graph.edges.filter((e) => e.named);
  const uncredited = named.filter((e) => !e.credited).length;
  const sections = [await outletsSection(outletRows(graph, input.outletArticles)), await originalsSection(mostCopied(graph, opts.originals ?? 10), head)];
  for (const s of graph.stories.slice(0, opts.stories ?? 3)) sections.push(await storySection(s, graph, head));
  return `<!doctype html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Reuse in this archive</title><style>${CSS}</style></head>
<body><header><h1>Reuse in this archive</h1>
<p class="summary">${count(graph.articles)} articles; ${count(named.length)} copy, partly copy or rewrite an earlier one (${count(uncredited)} without credit); ${count(graph.stories.length)} stories of two or more articles. Made by Firsthand on ${esc(day(input.now))}.</p></header>
<main>${sections.join('\n')}</main></body></html>
`;
}
