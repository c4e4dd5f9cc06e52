import { describe, expect, it } from 'vitest';
import { isTopicKey, MAX_TOPIC_POSTINGS, topicKeys, TOPIC_BAND_BASE, TOPIC_BANDS, TOPIC_KEYS } from '../../src/index/topic.ts';
import { MemoryStore } from '../../src/index/store.ts';
import { bucketOf, isTopicBucket, PostingsChanges } from '../../src/storage/postings.ts';
import { syntheticArticle } from './background-fixtures.ts';
import { prng } from '../../src/index/hash.ts';

const TWO_32 = 2 ** 32;

/** Token hashes of a text of `n` words drawn from a vocabulary of `vocab` words. */
function text(n: number, vocab: number, seed: number): Uint32Array {
  const rand = prng(seed);
  // Word w's hash stands in for the tokenizer's: any fixed 32-bit value per word.
  return Uint32Array.from({ length: n }, () => Math.imul((rand() % vocab) + 1, 0x9e3779b1) >>> 0);
}

describe('topic keys', () => {
  it('posts an article under at most 48 distinct keys, all in the topic bands, the same for the same words in any order', () => {
    const t = text(400, 5000, 1);
    const keys = topicKeys(t);
    expect(keys).toHaveLength(TOPIC_KEYS);
    expect(new Set(keys).size).toBe(TOPIC_KEYS);
    for (const k of keys) {
      expect(isTopicKey(k)).toBe(true);
      const band = Math.floor(k / TWO_32);
      expect(band).toBeGreaterThanOrEqual(TOPIC_BAND_BASE);
      expect(band).toBeLessThan(TOPIC_BAND_BASE + TOPIC_BANDS);
    }
    expect(topicKeys(Uint32Array.from([...t].reverse())).sort()).toEqual([...keys].sort());
    expect(topicKeys(new Uint32Array(0))).toEqual([]);
    expect(topicKeys(Uint32Array.of(7, 7, 7))).toHaveLength(1);
  });

  it('shares keys between articles in step with the words they share', () => {
    const a = text(400, 100000, 2);
    const half = Uint32Array.from([...a.slice(0, 200), ...text(200, 100000, 3)]);
    const other = text(400, 100000, 4);
    const shared = (x: Uint32Array, y: Uint32Array) => topicKeys(x).filter((k) => new Set(topicKeys(y)).has(k)).length;
    expect(shared(a, half)).toBeGreaterThanOrEqual(8);
    expect(shared(a, other)).toBeLessThanOrEqual(2);
  });

  it('spreads the keys of many articles over the buckets of the postings, not into the first of each band', () => {
    // A small vocabulary makes every article pick among the same few words, the worst case.
    const counts = new Map<number, number>();
    const keys = new Set<number>();
    for (let i = 0; i < 2000; i++)
      for (const k of topicKeys(text(300, 3000, 100 + i))) {
        keys.add(k);
        counts.set(bucketOf(k), (counts.get(bucketOf(k)) ?? 0) + 1);
      }
    const total = [...counts.values()].reduce((x, y) => x + y, 0);
    // Distinct keys land in distinct buckets (16 bands of 256: few collide), and no bucket holds
    // the share a band's first bucket would if the keys' small hashes were posted as they are (1/16).
    expect(counts.size).toBeGreaterThan(0.8 * keys.size);
    expect(Math.max(...counts.values())).toBeLessThan(total / 32);
  });
});

describe('topic postings of a common word', () => {
  it('stop growing one past what a check reads, in IndexedDB buckets and in the memory store', async () => {
    const key = topicKeys(Uint32Array.of(12345))[0];
    const changes = new PostingsChanges();
    for (let article = 1; article <= 40; article++) changes.add(article, [key]);
    const bucket = bucketOf(key);
    expect(isTopicBucket(bucket)).toBe(true);
    const merged = changes.merge(bucket, undefined)!;
    expect(merged.length / 2).toBe(MAX_TOPIC_POSTINGS + 1);
    // A band key's list is never cut.
    const band = 5 * TWO_32 + 77;
    const bands = new PostingsChanges();
    for (let article = 1; article <= 40; article++) bands.add(article, [band]);
    expect(bands.merge(bucketOf(band), undefined)!.length / 2).toBe(40);

    const store = new MemoryStore();
    const tokens = Uint32Array.of(12345, 678, 91011);
    for (let i = 0; i < 40; i++) store.putSync({ ...syntheticArticle(i + 1, i).record, tokens });
    const hits = await store.candidates([key]);
    expect(hits).toHaveLength(MAX_TOPIC_POSTINGS + 1);
    // ...which a check, reading at most MAX_TOPIC_POSTINGS holders per topic key, skips.
    expect(await store.candidates([key], MAX_TOPIC_POSTINGS)).toEqual([]);
  });
});
