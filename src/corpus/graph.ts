// The reuse graph of an archive: every stored article checked against all the others by the
// engine's own check (src/index/check.ts), as the extension checks a page against a reader's index.
// An edge joins an original to an article that copies, partly copies or rewrites it; a story joins
// the articles that share a story at all (reuse edges and independent reports of the same facts).
import { checkArticle } from '../index/check.ts';
import { isDerived } from '../index/verdict.ts';
import type { Store } from '../index/store.ts';
import type { ArticleRecord, Verdict } from '../index/types.ts';
import { csvField } from '../shared/csv.ts';

/** One reuse: `copy` derives from `original` (which came first). */
export interface ReuseEdge {
  original: string;
  originalOutlet: string;
  /** ISO 8601 of when it was published (or first seen, when it states no date). */
  originalDate: string;
  copy: string;
  copyOutlet: string;
  copyDate: string;
  verdict: Verdict;
  /** Share of the copy's text found in the original. */
  containment: number;
  /** Share of the original's text the copy carries. */
  coverage: number;
  /** The copy credits the original's outlet. */
  credited: boolean;
  /** This is the original the check names for the copy (an article can derive from several: a
   * copy of a copy derives from both). */
  named: boolean;
}

/** Articles that share one story, connected by reuse or by independent reports of the same facts. */
export interface Story {
  /** Numbered from 1, largest story first. */
  story: number;
  size: number;
  /** The earliest article of the story. */
  first: string;
  articles: string[];
}

export interface Graph {
  articles: number;
  /** Articles per outlet. */
  outletArticles: Map<string, number>;
  edges: ReuseEdge[];
  stories: Story[];
}

const dateOf = (r: Pick<ArticleRecord, 'publishedAt' | 'firstSeenAt'>): number => r.publishedAt ?? r.firstSeenAt;
const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Union-find over article ids. */
class Groups {
  private readonly parent = new Map<string, string>();
  find(a: string): string {
    let root = a;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let x = a;
    while (x !== root) {
      const up = this.parent.get(x)!;
      this.parent.set(x, root);
      x = up;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  join(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  members(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const a of this.parent.keys()) {
      const r = this.find(a);
      const list = out.get(r);
      if (list) list.push(a);
      else out.set(r, [a]);
    }
    return out;
  }
}

/**
 * Checks every article of the store against the others and returns the reuse edges (sorted by
 * original, then copy) and the stories (largest first). The result depends on what is stored, not
 * on the order it was stored in.
 */
export async function reuseGraph(store: Store, opts: { onProgress?: (done: number, total: number) => void } = {}): Promise<Graph> {
  const total = await store.count();
  const edges: ReuseEdge[] = [];
  const groups = new Groups();
  const dates = new Map<string, number>();
  const outletArticles = new Map<string, number>();
  let done = 0;
  for await (const record of store.iterate()) {
    dates.set(record.id, dateOf(record));
    outletArticles.set(record.outlet, (outletArticles.get(record.outlet) ?? 0) + 1);
    groups.find(record.id);
    const result = await checkArticle(store, { record }, { exclude: new Set([record.id]) });
    for (const m of result.matches) {
      if (m.verdict === 'unrelated') continue;
      groups.join(record.id, m.id);
      // Each pair is seen from both ends; the edge is written from the copy's side.
      if (m.direction !== 'from' || !isDerived(m.verdict)) continue;
      edges.push({
        original: m.id,
        originalOutlet: m.outlet,
        originalDate: iso(m.publishedAt ?? m.firstSeenAt),
        copy: record.id,
        copyOutlet: record.outlet,
        copyDate: iso(dateOf(record)),
        verdict: m.verdict,
        containment: round(m.containment),
        coverage: round(m.coverage),
        credited: m.credited,
        named: result.original?.id === m.id,
      });
    }
    opts.onProgress?.(++done, total);
  }
  edges.sort((a, b) => cmp(a.original, b.original) || cmp(a.copy, b.copy));
  const stories = [...groups.members().values()]
    .filter((ids) => ids.length > 1)
    .map((ids) => {
      ids.sort(cmp);
      const first = ids.reduce((best, id) => ((dates.get(id) ?? Infinity) < (dates.get(best) ?? Infinity) ? id : best), ids[0]);
      return { size: ids.length, first, articles: ids };
    })
    .sort((a, b) => b.size - a.size || cmp(a.first, b.first))
    .map((s, i) => ({ story: i + 1, ...s }));
  return { articles: total, outletArticles, edges, stories };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const EDGE_COLUMNS = [
  'original',
  'originalOutlet',
  'originalDate',
  'copy',
  'copyOutlet',
  'copyDate',
  'verdict',
  'containment',
  'coverage',
  'credited',
  'named',
] as const;

/** The edges as CSV, with a header row. */
export function edgesCsv(edges: readonly ReuseEdge[]): string {
  const rows = [EDGE_COLUMNS.join(','), ...edges.map((e) => EDGE_COLUMNS.map((c) => csvField(e[c])).join(','))];
  return rows.join('\n') + '\n';
}

/** The stories as CSV: one row per article (story, size, first, article). */
export function storiesCsv(stories: readonly Story[]): string {
  const rows = ['story,size,first,article'];
  for (const s of stories) for (const a of s.articles) rows.push([s.story, s.size, csvField(s.first), csvField(a)].join(','));
  return rows.join('\n') + '\n';
}

/** One JSON object per line. */
export function jsonLines(items: readonly object[]): string {
  return items.map((i) => JSON.stringify(i) + '\n').join('');
}
