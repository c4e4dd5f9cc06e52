// The lists benchmark's 100 pages (25 copies, 25 partial copies, 25 rewrites, 25 unrelated) checked
// against its generated list of 100k articles in Node (fake-indexeddb), the list read three ways
// (src/storage/db.ts ListReads): as the product reads it, reading every bucket its key filter
// allows, and reading every bucket. The benchmark times the three; this says that they find the
// same: the original named, the verdict and every match with its score, page by page; and how
// many values of the list's postings each way reads per check, by kind of page. Then, by kind of
// page, the listed articles its topic keys alone find (those sharing MIN_TOPIC_HITS of them, whose
// blocks a check reads to measure) and how many pages' listed original is among them; and how many
// distinct topic keys the list's articles are posted under, and of those how many a check reads
// (held by MAX_TOPIC_POSTINGS articles or fewer).
//
//   npx tsx bench/lists-equivalence.ts [articles] [--results FILE]     (default 100000; about 2 minutes)
//
// --results FILE writes each page's result as the product reads (original, verdict, and every
// match with its score; a JSON line per page), to compare two versions of the check page by page.
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { checkArticle } from '../src/index/check.ts';
import { buildRecord } from '../src/index/record.ts';
import { MAX_TOPIC_POSTINGS, MIN_TOPIC_HITS, topicKeys } from '../src/index/topic.ts';
import { listedRecord, sketchTopicKeys } from '../src/index/sketch.ts';
import { DbConnection, IdbStore, type ListReads } from '../src/storage/db.ts';
import { installList, listInfoOf } from '../src/storage/lists.ts';
import { Generator } from './corpus.ts';
import { ARTICLE_WORDS, makeQueries } from './queries.ts';
import { loadVocabulary } from './vocabulary.ts';

const size = Number(process.argv[2]?.startsWith('--') ? 100_000 : (process.argv[2] ?? 100_000));
const resultsAt = process.argv.indexOf('--results');
const resultsFile = resultsAt > 0 ? process.argv[resultsAt + 1] : undefined;
const T0 = Date.UTC(2026, 0, 1);
// The generator and the pages of bench/lists.ts.
const gen = new Generator(loadVocabulary(process.cwd()), 13);
const { originals, queries } = makeQueries(gen, 25, T0);
const records = [...originals];
for (let i = 0; records.length < size; i++) {
  const r = gen.record(gen.words(gen.length(ARTICLE_WORDS)), T0 + i);
  records.push({ ...r, id: `https://wire.example/a/${i}`, url: `https://wire.example/a/${i}` });
}
const conn = new DbConnection('firsthand-lists-equivalence');
const id = 'u0000000000000001';
const content = {
  header: { list: { name: 'Bench list', publisher: 'Bench' } },
  items: records.map((r) => ({ record: listedRecord(r) })),
  digest: `sha256:${'ab'.repeat(32)}`,
  bytes: 1,
};
await installList(conn, id, content, listInfoOf(id, content, { url: 'https://lists.example/bench' }, Date.now()));
const pages = queries.map((q) => ({ q, page: buildRecord(q.text, { url: `https://www.reader.example/${q.kind}` }, T0 + 1e9) }));

/** Reads of the lists' postings and of their blocks, counted as a check makes them. */
let postingsReads = 0;
let blockReads = 0;
const get = IDBObjectStore.prototype.get;
IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
  if (this.name === 'listPostings') postingsReads++;
  if (this.name === 'listBlocks') blockReads++;
  return get.call(this, key);
};

const results = new Map<ListReads, string[]>();
for (const way of ['explain', 'filter', 'every'] as const) {
  const store = new IdbStore(conn, undefined, way);
  const out: string[] = [];
  const named = new Map<string, number>();
  const reads = new Map<string, number>();
  const blocks = new Map<string, number>();
  for (const { q, page } of pages) {
    postingsReads = blockReads = 0;
    const r = await checkArticle(store, page);
    reads.set(q.kind, (reads.get(q.kind) ?? 0) + postingsReads);
    blocks.set(q.kind, (blocks.get(q.kind) ?? 0) + blockReads);
    if (q.originalId !== undefined && r.original?.id === q.originalId) named.set(q.kind, (named.get(q.kind) ?? 0) + 1);
    out.push(JSON.stringify([r.original?.id, r.verdict, r.matches.map((m) => [m.id, m.verdict, m.score])]));
  }
  results.set(way, out);
  console.log(`${way}: listed original named: ${[...named].map(([k, n]) => `${k} ${n}/25`).join(', ')}`);
  console.log(`${way}: postings values read per check, mean: ${[...reads].map(([k, n]) => `${k} ${(n / 25).toFixed(1)}`).join(', ')}`);
  console.log(`${way}: blocks read per check, mean: ${[...blocks].map(([k, n]) => `${k} ${(n / 25).toFixed(1)}`).join(', ')}`);
}
const product = results.get('explain')!;
if (resultsFile) writeFileSync(resultsFile, product.join('\n') + '\n');
for (const reads of ['filter', 'every'] as const) {
  const other = results.get(reads)!;
  console.log(`explain against ${reads}: ${product.filter((x, i) => x !== other[i]).length} of ${pages.length} pages differ`);
}
const holders = new Map<number, number>();
for (const item of content.items) for (const k of sketchTopicKeys(item.record.sketch!)) holders.set(k, (holders.get(k) ?? 0) + 1);
console.log(
  `topic keys the list's ${size} articles are posted under: ${holders.size} distinct, ${[...holders.values()].filter((n) => n <= MAX_TOPIC_POSTINGS).length} of them held by ${MAX_TOPIC_POSTINGS} articles or fewer (the others are common words a check skips)`,
);
const byTopic = new Map<string, { found: number; original: number }>();
const topicStore = new IdbStore(conn);
for (const { q, page } of pages) {
  const hits = (await topicStore.candidates(topicKeys(page.record.tokens), MAX_TOPIC_POSTINGS)).filter((h) => h.hits >= MIN_TOPIC_HITS);
  const found = await topicStore.fetch(hits.map((h) => h.ref));
  const k = byTopic.get(q.kind) ?? { found: 0, original: 0 };
  k.found += found.length;
  if (found.some((r) => r.id === q.originalId)) k.original++;
  byTopic.set(q.kind, k);
}
console.log(
  `found by topic keys alone (sharing ${MIN_TOPIC_HITS} or more), listed articles per check, mean, and pages whose listed original is among them: ${[...byTopic].map(([k, v]) => `${k} ${(v.found / 25).toFixed(1)} (original ${v.original}/25)`).join(', ')}`,
);
conn.close();
