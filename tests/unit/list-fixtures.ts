// A small reuse list installed as a subscription is: listed articles (text-free, as a list carries
// them) under one list id, for the tests of how a check reads lists.
import { listedRecord, type ArticleRecord } from '../../src/index/index.ts';
import { buildRecord } from '../../src/index/record.ts';
import type { DbConnection } from '../../src/storage/db.ts';
import { installList, listInfoOf, type ListContentLike } from '../../src/storage/lists.ts';
import { syntheticArticle } from './background-fixtures.ts';

export const LIST = 'u00000000000000aa';
const NOW = 1_750_000_000_000;

/** The n-th synthetic article as a list carries it. */
export const listed = (n: number): ArticleRecord => listedRecord(syntheticArticle(n, 1000).record);

export function content(records: ArticleRecord[], digest: string): ListContentLike {
  return {
    header: { list: { name: 'Wire originals', publisher: 'Media Watch' } },
    items: records.map((record) => ({ record })),
    digest: `sha256:${digest}`,
    bytes: 100,
  };
}

/** Installs `records` as the copy `digest` of the list `id`. */
export async function install(conn: DbConnection, records: ArticleRecord[], digest: string, id = LIST): Promise<void> {
  const c = content(records, digest);
  await installList(conn, id, c, listInfoOf(id, c, { url: `https://lists.example/${id}.jsonl.gz` }, NOW));
}

/** A listed article under another id with the text of `n`: every band key of `n` held twice. */
export function twin(n: number): ArticleRecord {
  const a = syntheticArticle(n, 1000);
  return listedRecord(buildRecord(a.text, { ...a.meta, url: `https://twin.example/${n}` }, 1000).record);
}

/** A listed article with the first half of `n`'s text and a half of its own: some band keys held twice. */
export function halfTwin(n: number): ArticleRecord {
  const a = syntheticArticle(n, 1000).text.split(' ');
  const b = syntheticArticle(n + 500, 1000).text.split(' ');
  const text = [...a.slice(0, a.length / 2), ...b.slice(b.length / 2)].join(' ');
  return listedRecord(buildRecord(text, { url: `https://half.example/${n}`, title: `Half of ${n}` }, 1000).record);
}
