import { describe, expect, it } from 'vitest';
import { isTopicKey, topicKeys, TOPIC_BAND_BASE, TOPIC_BANDS, TOPIC_KEYS } from '../../src/index/topic.ts';
import { bucketOf } from '../../src/storage/postings.ts';
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
