// The text-free fingerprint of a listed article (ListSketch in types.ts): what a reuse list
// carries instead of the article's text or its word hashes, so a publisher can list wire copy
// without republishing it. It keeps every LIST_BAND_STRIDE-th band hash (to be found by shared
// phrasing), the topic sketch (to be found by shared vocabulary, and to estimate the share of
// words both ways), a sample of its verification shingles chosen by hash value (to estimate the
// verbatim share both ways: the page checks which of its own shingles below the same threshold
// are in the sample), and the hashes of its numbers (to tell two events of one template apart).
import { hashSeq } from './hash.ts';
import { numberHashes } from './numbers.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { spreadKey, topicHashes } from './topic.ts';
import type { ArticleRecord, ListSketch, SignatureParams } from './types.ts';
import { VERIFY_SIZE } from './verify.ts';

/** A listed article keeps the hash of every LIST_BAND_STRIDE-th band (bands 0, 2, 4, ...). */
export const LIST_BAND_STRIDE = 2;
/** At most this many verification shingles are kept, those of smallest hash. */
export const SKETCH_SAMPLE = 32;
/** At most this many number hashes are kept, the smallest. */
export const SKETCH_NUMBERS = 16;
/** The threshold of a sample that kept every shingle. */
export const ALL_SHINGLES = 0x1_0000_0000;

const TWO_32 = 0x1_0000_0000;

/** The verification shingles of a token array (as verify.ts makes them), in text order. */
function verifyShingles(tokens: Uint32Array): Uint32Array {
  const n = tokens.length - VERIFY_SIZE + 1;
  if (n <= 0) return tokens.length ? Uint32Array.of(hashSeq(tokens, 0, tokens.length, 3)) : new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = hashSeq(tokens, i, VERIFY_SIZE, 3);
  return out;
}

/** The sketch of an article from its content-word hashes and band keys (a full record's). */
export function sketchOf(tokens: Uint32Array, bandKeys: readonly number[], params: SignatureParams = DEFAULT_PARAMS): ListSketch {
  const bands: number[] = [];
  for (let b = 0; b < bandKeys.length; b += LIST_BAND_STRIDE) bands.push(bandKeys[b] % TWO_32);
  const shingles = verifyShingles(tokens);
  const distinct = [...new Set(shingles)].sort((a, b) => a - b);
  const threshold = distinct.length > SKETCH_SAMPLE ? distinct[SKETCH_SAMPLE] : ALL_SHINGLES;
  const sample: number[] = [];
  const kept = new Set<number>();
  for (const h of shingles) if (h < threshold && !kept.has(h)) kept.add(h), sample.push(h);
  const vocabulary = new Set(tokens);
  const numbers: number[] = [];
  if (params.seed === DEFAULT_PARAMS.seed) {
    const all = numberHashes(params.seed);
    for (const t of vocabulary) if (all.has(t)) numbers.push(t);
  }
  numbers.sort((a, b) => a - b);
  return {
    bands: Uint32Array.from(bands),
    topic: Uint32Array.from(topicHashes(tokens)),
    vocabulary: vocabulary.size,
    sample: Uint32Array.from(sample),
    threshold,
    shingles: distinct.length,
    tokens: tokens.length,
    numbers: Uint32Array.from(numbers.slice(0, SKETCH_NUMBERS)),
  };
}

/** The band keys a sketch is posted under (those of the kept bands). */
export function sketchBandKeys(s: ListSketch): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.bands.length; i++) out.push(i * LIST_BAND_STRIDE * TWO_32 + s.bands[i]);
  return out;
}

/** The topic keys a sketch is posted under: the same keys topicKeys gives for the full text. */
export function sketchTopicKeys(s: ListSketch): number[] {
  return [...s.topic].map(spreadKey);
}

/** The listed form of a full record: the same metadata, the sketch instead of the hashes. */
export function listedRecord(r: ArticleRecord, params: SignatureParams = DEFAULT_PARAMS): ArticleRecord {
  const sketch = sketchOf(r.tokens, r.bandKeys, params);
  return { ...r, signature: new Uint32Array(0), tokens: new Uint32Array(0), bandKeys: sketchBandKeys(sketch), sketch };
}
