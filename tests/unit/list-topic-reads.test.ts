// A check's topic lookup against reuse lists (src/storage/list-lookup.ts lookupKeys, `minHits`):
// a list whose key filter says it may hold fewer of the page's topic keys than a topic candidate
// must share (MIN_TOPIC_HITS) is not read for them, since none of its articles could share that
// many; a list that may hold that many is read, and the check finds what it finds reading them all.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { checkArticle } from '../../src/index/check.ts';
import { buildRecord } from '../../src/index/record.ts';
import { listedRecord, sketchTopicKeys } from '../../src/index/sketch.ts';
import type { CandidateHit, CandidateSource } from '../../src/index/store.ts';
import { MAX_TOPIC_POSTINGS, MIN_TOPIC_HITS, TOPIC_BAND_BASE } from '../../src/index/topic.ts';
import type { ArticleRecord } from '../../src/index/types.ts';
import { DbConnection, IdbStore } from '../../src/storage/db.ts';
import { freshDbName, syntheticArticle } from './background-fixtures.ts';
import { install, LIST } from './list-fixtures.ts';

const TWO_32 = 0x1_0000_0000;
const OTHER = 'u00000000000000bb';

/** The lists' postings values a lookup reads, by list id. */
async function readsByList(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const spy = vi.spyOn(IDBObjectStore.prototype, 'get');
  try {
    await run();
    const out: Record<string, number> = {};
    spy.mock.contexts.forEach((store, i) => {
      if ((store as IDBObjectStore).name !== 'listPostings') return;
      const id = String((spy.mock.calls[i][0] as [number, string])[1]);
      out[id] = (out[id] ?? 0) + 1;
    });
    return out;
  } finally {
    spy.mockRestore();
  }
}

/** Topic keys no list here holds (noise words of the page). */
const noise = (n: number) => Array.from({ length: n }, (_, i) => (TOPIC_BAND_BASE + (i % 16)) * TWO_32 + 0x5eed_0000 + i);

/** A listed article of 200 words: its own words, and words its list's articles share, all made
 * from `stem`. */
function article(stem: string, n: number): ArticleRecord {
  return listedRecord(buildRecord(textOf(stem, n), { url: `https://${stem}.example/${n}` }, 1000 + n).record);
}

function textOf(stem: string, n: number, words = 200): string {
  return Array.from({ length: words }, (_, i) => (i % 3 ? `${stem}${n}x${i}` : `${stem}common${i % 30}`)).join(' ') + '.';
}

const byRef = (hits: CandidateHit[]) => [...hits].sort((a, b) => Number(a.ref) - Number(b.ref));
const enough = (hits: CandidateHit[]) => byRef(hits.filter((h) => h.hits >= MIN_TOPIC_HITS));

describe("a check's topic lookup against reuse lists", () => {
  // Each list's articles are written from a vocabulary of its own, so that a page can share
  // topic keys with one list and not the other.
  const one = Array.from({ length: 20 }, (_, i) => article('kestrel', i));
  const other = Array.from({ length: 20 }, (_, i) => article('marigold', i));
  const topicOf = (r: ArticleRecord) => sketchTopicKeys(r.sketch!);

  async function twoLists(): Promise<{ store: IdbStore; close: () => void }> {
    const conn = new DbConnection(freshDbName());
    await install(conn, one, 'ab'.repeat(32));
    await install(conn, other, 'cd'.repeat(32), OTHER);
    return { store: new IdbStore(conn), close: () => conn.close() };
  }

  it(`reads no bucket of a list that may hold fewer than ${MIN_TOPIC_HITS} of the page's topic keys, and reads one that may hold that many`, async () => {
    const { store, close } = await twoLists();
    const keys = [...topicOf(one[3]).slice(0, MIN_TOPIC_HITS - 1), ...topicOf(other[5]).slice(0, MIN_TOPIC_HITS), ...noise(20)];
    let hits: CandidateHit[] = [];
    const reads = await readsByList(async () => (hits = await store.candidates(keys, MAX_TOPIC_POSTINGS, MIN_TOPIC_HITS)));
    expect(reads[LIST]).toBeUndefined();
    expect(reads[OTHER]).toBeGreaterThanOrEqual(1);
    // Without the bound, both lists are read, and the first list's article is found with too few.
    let all: CandidateHit[] = [];
    const readsAll = await readsByList(async () => (all = await store.candidates(keys, MAX_TOPIC_POSTINGS)));
    expect(readsAll[LIST]).toBeGreaterThanOrEqual(1);
    expect(all.some((h) => h.hits === MIN_TOPIC_HITS - 1)).toBe(true);
    expect(enough(hits)).toEqual(enough(all));
    expect(enough(hits).map((h) => h.hits)).toContain(MIN_TOPIC_HITS);
    close();
  });

  it(`finds every listed article sharing at least ${MIN_TOPIC_HITS} of the page's topic keys, with the count reading every bucket gives`, async () => {
    const { store, close } = await twoLists();
    const pool = [...one, ...other].map(topicOf);
    const page = fc.record({
      parts: fc.array(fc.tuple(fc.nat({ max: pool.length - 1 }), fc.nat({ max: 6 })), { maxLength: 5 }),
      noise: fc.nat({ max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(page, async ({ parts, noise: n }) => {
        const keys = [...parts.flatMap(([r, take]) => pool[r].slice(0, take)), ...noise(n)];
        expect(enough(await store.candidates(keys, MAX_TOPIC_POSTINGS, MIN_TOPIC_HITS))).toEqual(enough(await store.candidates(keys, MAX_TOPIC_POSTINGS)));
      }),
      { numRuns: 60 },
    );
    close();
  });

  it('gives a check the same result as a lookup reading every topic bucket the filter allows', async () => {
    const { store, close } = await twoLists();
    // The same store, asked without the bound: every list the filter allows is read.
    const unbounded: CandidateSource = { candidates: (keys, maxPerKey) => store.candidates(keys, maxPerKey), fetch: (refs) => store.fetch(refs) };
    const texts = [
      textOf('kestrel', 4),
      `${textOf('marigold', 5, 90)} ${textOf('heron', 1, 120)}`,
      // A page sharing some words of one article of each list, in no order of theirs.
      textOf('kestrel', 7)
        .split(' ')
        .filter((_, i) => i % 17 === 1)
        .join(' ') +
        ' ' +
        textOf('marigold', 2)
          .split(' ')
          .filter((_, i) => i % 13 === 2)
          .join(' '),
      syntheticArticle(9001, 5000).text,
      'A short note with few words.',
    ];
    const pages = texts.map((text, i) => buildRecord(text, { url: `https://www.reader.example/${i}` }, 1e9));
    const verdicts = [];
    for (const page of pages) {
      const result = await checkArticle(store, page);
      expect(result).toEqual(await checkArticle(unbounded, page));
      verdicts.push(result.verdict);
    }
    expect(verdicts[0]).toBe('copy');
    expect(verdicts.slice(3)).toEqual(['unrelated', 'unrelated']);
    close();
  });
});
