// Merging lists (mergeLists): on the article set, commutative, associative and idempotent
// (fast-check over lists drawn from a pool of listings, some of one id with other dates), with
// one listing per id kept by a fixed rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRecord, listedRecord, type ArticleRecord, type PackItem } from '../../src/index/index.ts';
import { encodeListArticle, mergeLists, type ListContent } from '../../src/lists/index.ts';
import { story } from './cli-run.ts';

/** Six articles, and for three of them a second listing of the same id (another date or title). */
function pool(): ArticleRecord[] {
  const base = Array.from({ length: 6 }, (_, i) =>
    listedRecord(
      buildRecord(
        story(40 + i, 6),
        { url: `https://wire.example/${i}`, siteName: 'Wire', title: `Wire story ${i}`, publishedTime: `2025-01-0${i + 1}T08:00:00Z` },
        1_736_000_000_000,
      ).record,
    ),
  );
  const variants = [
    { ...base[0], publishedAt: base[0].publishedAt! - 3_600_000 },
    { ...base[1], publishedAt: undefined },
    { ...base[2], title: `${base[2].title} (updated)` },
  ];
  return [...base, ...variants];
}

const POOL = pool();
const HEADER = {
  format: 'firsthand-pack' as const,
  version: 2 as const,
  kind: 'list' as const,
  params: undefined as never,
  createdAt: '2025-03-01T00:00:00.000Z',
  count: 0,
};

function list(indexes: number[], name: string): ListContent {
  const seen = new Set<string>();
  const items: PackItem[] = [];
  for (const i of indexes) {
    const r = POOL[i];
    if (seen.has(r.id)) continue; // a list holds one listing per id
    seen.add(r.id);
    items.push({ record: r });
  }
  return { header: { ...HEADER, count: items.length, list: { name, publisher: 'P' } }, items, digest: 'sha256:0', bytes: 0 };
}

const arbList = fc.tuple(fc.array(fc.nat(POOL.length - 1), { maxLength: 9 }), fc.constantFrom('A', 'B', 'C')).map(([ix, name]) => list(ix, name));
/** The merged articles as their lines: the article set, in order. */
const lines = (ls: ListContent[]): string[] => mergeLists(ls).items.map((i) => encodeListArticle(i.record));
const asList = (ls: ListContent[]): ListContent => {
  const m = mergeLists(ls);
  return { header: { ...HEADER, count: m.items.length, list: m.meta }, items: m.items, digest: 'sha256:0', bytes: 0 };
};

describe('mergeLists', () => {
  it('is commutative on the article set', () => {
    fc.assert(
      fc.property(arbList, arbList, (a, b) => {
        expect(lines([a, b])).toEqual(lines([b, a]));
      }),
    );
  });

  it('is associative on the article set', () => {
    fc.assert(
      fc.property(arbList, arbList, arbList, (a, b, c) => {
        expect(lines([asList([a, b]), c])).toEqual(lines([a, asList([b, c])]));
      }),
    );
  });

  it('is idempotent on the article set', () => {
    fc.assert(
      fc.property(arbList, arbList, (a, b) => {
        expect(lines([a, a])).toEqual(lines([a]));
        const ab = asList([a, b]);
        expect(lines([ab, ab])).toEqual(lines([ab]));
        expect(lines([ab, a])).toEqual(lines([ab]));
      }),
    );
  });

  it('keeps one listing per id, sorted by id: the earliest published, a stated date over none, then the smaller line', () => {
    const merged = mergeLists([list([0, 1, 2, 3], 'A'), list([6, 7, 8, 4], 'B')]);
    expect(merged.items.map((i) => i.record.id)).toEqual([
      'https://wire.example/0',
      'https://wire.example/1',
      'https://wire.example/2',
      'https://wire.example/3',
      'https://wire.example/4',
    ]);
    expect(merged.items[0].record.publishedAt).toBe(POOL[6].publishedAt);
    expect(merged.items[1].record.publishedAt).toBe(POOL[1].publishedAt);
    expect(merged.items[2].record.title).toBe('Wire story 2');
    expect(merged.meta).toEqual({ name: 'A + B', publisher: 'P' });
    expect(mergeLists([list([0], 'A')], { name: 'Mine', publisher: 'Me' }).meta).toEqual({ name: 'Mine', publisher: 'Me' });
  });
});
