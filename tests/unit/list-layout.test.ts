// The layout of reuse lists' articles in the index database (src/storage/list-layout.ts): their
// references, their postings written whole, the serial numbers of their blocks.
import { describe, expect, it } from 'vitest';
import { listedRecord, MAX_TOPIC_POSTINGS, type ArticleRecord } from '../../src/index/index.ts';
import {
  BLOCK_SIZE,
  buildPostings,
  freeSerials,
  isListedRef,
  LISTED_BASE,
  listedKeys,
  localToRef,
  refOf,
  serialOf,
  slotOf,
  SLOTS,
} from '../../src/storage/list-layout.ts';
import { bucketOf, hashOf, isTopicBucket } from '../../src/storage/postings.ts';
import { syntheticArticle } from './background-fixtures.ts';

const listed = (n: number): ArticleRecord => listedRecord(syntheticArticle(n, 1000).record);

describe('listed references', () => {
  it('are never below 2^31, where own article numbers stay, and give back their block and slot', () => {
    expect(LISTED_BASE).toBe(2 ** 31);
    for (const [serial, slot] of [
      [0, 0],
      [0, SLOTS - 1],
      [12345, 17],
      [(2 ** 32 - LISTED_BASE) / SLOTS - 1, SLOTS - 1],
    ]) {
      const ref = refOf(serial, slot);
      expect(isListedRef(ref)).toBe(true);
      expect(ref).toBeLessThan(2 ** 32);
      expect([serialOf(ref), slotOf(ref)]).toEqual([serial, slot]);
    }
    expect(isListedRef(2 ** 31 - 1)).toBe(false);
  });

  it('blocks are numbered with the lowest serial numbers free', () => {
    expect(freeSerials([], 3)).toEqual([0, 1, 2]);
    expect(freeSerials([0, 2, 3, 5], 3)).toEqual([1, 4, 6]);
  });
});

describe("a list's postings, written whole", () => {
  it("hold each article under every one of its keys, by the local reference of its block and slot, made stored by the blocks' serials", () => {
    const records = Array.from({ length: BLOCK_SIZE + 5 }, (_, i) => ({ ...listed(i % 40), id: `https://wire.example/${i}` }));
    const postings = buildPostings(records);
    const serials = [7, 3];
    const posted = new Map<number, Set<string>>();
    for (const [bucket, value] of postings) {
      const stored = localToRef(value, serials);
      for (let i = 0; i < stored.length; i += 2) {
        const ref = stored[i + 1];
        const at = serials.indexOf(serialOf(ref)) * BLOCK_SIZE + slotOf(ref);
        let keys = posted.get(at);
        if (!keys) posted.set(at, (keys = new Set()));
        keys.add(`${bucket}:${stored[i]}`);
      }
    }
    records.forEach((r, i) => {
      const want = new Set(listedKeys(r).map((k) => `${bucketOf(k)}:${hashOf(k)}`));
      const got = posted.get(i) ?? new Set();
      // Topic keys many articles share keep only their first holders (as the own postings do).
      for (const k of want) if (!isTopicBucket(Number(k.split(':')[0]))) expect(got.has(k)).toBe(true);
      for (const k of got) expect(want.has(k)).toBe(true);
    });
  });

  it('keep at most MAX_TOPIC_POSTINGS + 1 holders of a topic key, so a check knows it for a common word', () => {
    const same = listed(1);
    const records = Array.from({ length: MAX_TOPIC_POSTINGS + 10 }, (_, i) => ({ ...same, id: `https://wire.example/${i}` }));
    for (const [bucket, value] of buildPostings(records)) {
      const holders = new Map<number, number>();
      for (let i = 0; i < value.length; i += 2) holders.set(value[i], (holders.get(value[i]) ?? 0) + 1);
      for (const n of holders.values()) {
        if (isTopicBucket(bucket) && bucket < 2048 * 256) expect(n).toBe(MAX_TOPIC_POSTINGS + 1);
        else expect(n).toBeLessThanOrEqual(records.length);
      }
    }
  });
});
