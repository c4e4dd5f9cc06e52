// Merging lists: the union of their articles, one per id, in id order. Commutative, associative
// and idempotent on the article set: the same lists in any order or grouping give the same items.
import type { PackItem } from '../index/pack.ts';
import { encodeListArticle, type ListMeta } from './format.ts';
import type { ListContent } from './read.ts';

/** Of two listings of one id, the one kept: earliest published (a date beats none), then earliest first seen, then the smaller line. */
function better(a: PackItem, b: PackItem): PackItem {
  const pa = a.record.publishedAt ?? Infinity;
  const pb = b.record.publishedAt ?? Infinity;
  if (pa !== pb) return pa < pb ? a : b;
  if (a.record.firstSeenAt !== b.record.firstSeenAt) return a.record.firstSeenAt < b.record.firstSeenAt ? a : b;
  const la = encodeListArticle(a.record);
  const lb = encodeListArticle(b.record);
  if (la.length !== lb.length) return la.length < lb.length ? a : b;
  return la <= lb ? a : b;
}

const unique = (values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

/** The merged list's description when none is given: the lists' own, joined in a fixed order. */
function mergedMeta(lists: ListContent[]): ListMeta {
  const metas = lists.map((l) => l.header.list);
  const names = unique(metas.map((m) => m.name));
  const publishers = unique(metas.map((m) => m.publisher));
  const homepages = unique(metas.map((m) => m.homepage));
  const descriptions = unique(metas.map((m) => m.description));
  const hours = metas.map((m) => m.expiresHours).filter((h): h is number => h !== undefined);
  return {
    name: names.join(' + ').slice(0, 200) || 'Merged list',
    publisher: publishers.join(', ').slice(0, 200) || 'unknown publisher',
    ...(descriptions.length === 1 ? { description: descriptions[0] } : {}),
    ...(homepages.length === 1 ? { homepage: homepages[0] } : {}),
    ...(hours.length ? { expiresHours: Math.min(...hours) } : {}),
  };
}

/** The union of the lists' articles (one per id, sorted by id) and the merged list's description (`meta` over the derived one). */
export function mergeLists(lists: ListContent[], meta?: Partial<ListMeta>): { meta: ListMeta; items: PackItem[] } {
  const byId = new Map<string, PackItem>();
  for (const list of lists)
    for (const item of list.items) {
      const had = byId.get(item.record.id);
      byId.set(item.record.id, had ? better(had, item) : item);
    }
  const ids = [...byId.keys()].sort();
  return { meta: { ...mergedMeta(lists), ...meta }, items: ids.map((id) => ({ record: byId.get(id)!.record })) };
}
