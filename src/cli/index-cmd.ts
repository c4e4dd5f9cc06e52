// `firsthand index add|list|stats`: build and inspect a pack file.
import { DEFAULT_PARAMS, paramsId, type PackItem } from '../index/index.ts';
import { truncate } from '../shared/text.ts';
import { date } from './format.ts';
import { loadArticleFile, type MetaDefaults } from './load.ts';
import { Output } from './output.ts';
import { readPack, recordOf, writePack } from './pack.ts';

export const INDEX_HELP = `Usage:
  firsthand index add FILE... --db PACK [--text] [--outlet NAME] [--published DATE]
  firsthand index list --db PACK [--json]
  firsthand index stats --db PACK [--json]

add    Indexes each article file (plain text or HTML) into PACK, creating it if needed.
       An article with the same id (canonical URL, else file URL) is replaced. HTML pages
       give title, outlet, date and credits; for text files the first line is the title.
       The first-seen time is the file's modification time. PACK is written atomically.
list   One line per article: published date, outlet, words, title, id.
stats  Number of articles, outlets, first-seen range, signature parameters.

Options:
  --db PACK    the pack file (the extension's export/import format)
  --text       also store the article text in the pack (it is not stored by default)
  --outlet NAME      outlet of files that name none (plain text); default: the host, or
                     "unknown outlet" for plain text
  --published DATE   publication date (ISO 8601) of files that state none
  --json       machine-readable output (list, stats)
  -h, --help   this help
`;

export async function indexAdd(files: string[], pack: string, keepText: boolean, defaults: MetaDefaults, out: Output): Promise<number> {
  const items = new Map<string, PackItem>();
  for (const it of readPack(pack, true)) items.set(it.record.id, it);
  // Load everything first: one bad file stops the command before the pack is touched.
  const added: { file: string; record: PackItem['record']; text?: string }[] = [];
  for (const f of files) {
    const a = await loadArticleFile(f, defaults);
    added.push({ file: f, record: recordOf(a).record, ...(keepText ? { text: a.text } : {}) });
  }
  for (const a of added) {
    const replaced = items.has(a.record.id);
    items.set(a.record.id, { record: a.record, ...(a.text !== undefined ? { text: a.text } : {}) });
    out.line(`${replaced ? 'updated' : 'added'}  ${a.file}  ${a.record.outlet}  "${truncate(a.record.title, 70)}"  (${a.record.wordCount} words)`);
  }
  writePack(pack, items.values());
  out.line(`${pack}: ${items.size} article${items.size === 1 ? '' : 's'}`);
  return 0;
}

export function indexList(pack: string, json: boolean, out: Output): number {
  const items = readPack(pack);
  const rows = items.map(({ record: r }) => ({
    id: r.id,
    title: r.title,
    outlet: r.outlet,
    publishedAt: r.publishedAt,
    firstSeenAt: r.firstSeenAt,
    wordCount: r.wordCount,
    credits: r.credits.map((c) => c.outlet),
  }));
  if (json) {
    out.line(JSON.stringify(rows, null, 2));
    return 0;
  }
  for (const r of rows)
    out.line(
      `${date(r.publishedAt ?? r.firstSeenAt).slice(0, 10)}  ${truncate(r.outlet, 24).padEnd(24)}  ${String(r.wordCount).padStart(5)} words  ${truncate(r.title, 70)}  <${r.id}>`,
    );
  if (!rows.length) out.line('(empty pack)');
  return 0;
}

export function indexStats(pack: string, json: boolean, out: Output): number {
  const items = readPack(pack);
  const seen = items.map((i) => i.record.firstSeenAt);
  const outlets = new Set(items.map((i) => i.record.outletKey));
  const stats = {
    articles: items.length,
    outlets: outlets.size,
    withText: items.filter((i) => i.text !== undefined).length,
    words: items.reduce((n, i) => n + i.record.wordCount, 0),
    oldestSeenAt: seen.length ? seen.reduce((a, b) => Math.min(a, b)) : undefined,
    newestSeenAt: seen.length ? seen.reduce((a, b) => Math.max(a, b)) : undefined,
    params: paramsId(DEFAULT_PARAMS),
  };
  if (json) {
    out.line(JSON.stringify(stats, null, 2));
    return 0;
  }
  out.line(
    [
      `Articles:    ${stats.articles} (${stats.withText} with text)`,
      `Outlets:     ${stats.outlets}`,
      `Words:       ${stats.words}`,
      `First seen:  ${date(stats.oldestSeenAt)} to ${date(stats.newestSeenAt)}`,
      `Parameters:  ${stats.params}`,
    ].join('\n'),
  );
  return 0;
}
