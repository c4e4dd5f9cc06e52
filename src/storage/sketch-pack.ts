// A listed article's sketch as stored: one Uint32Array instead of an object of four arrays and
// four numbers (each array, each property name costs bytes in every record). The layout:
// [bands, topic, sample and numbers lengths, vocabulary, shingles, tokens, threshold high word,
// threshold low word] then the four arrays one after another.
import type { ListSketch } from '../index/types.ts';

const HEADER = 9;
const TWO_32 = 0x1_0000_0000;

const isU32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n < TWO_32;

/** The packed form of a sketch; undefined when a figure does not fit (it is then stored as it is). */
export function packSketch(s: ListSketch): Uint32Array | undefined {
  if (![s.vocabulary, s.shingles, s.tokens].every(isU32) || !Number.isInteger(s.threshold) || s.threshold < 0 || s.threshold > TWO_32) return undefined;
  const out = new Uint32Array(HEADER + s.bands.length + s.topic.length + s.sample.length + s.numbers.length);
  out[0] = s.bands.length;
  out[1] = s.topic.length;
  out[2] = s.sample.length;
  out[3] = s.numbers.length;
  out[4] = s.vocabulary;
  out[5] = s.shingles;
  out[6] = s.tokens;
  out[7] = Math.floor(s.threshold / TWO_32);
  out[8] = s.threshold % TWO_32;
  let at = HEADER;
  for (const a of [s.bands, s.topic, s.sample, s.numbers]) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** The sketch of a packed one (its arrays are views of it); undefined when it is not one. */
export function unpackSketch(p: Uint32Array): ListSketch | undefined {
  if (p.length < HEADER || p.length !== HEADER + p[0] + p[1] + p[2] + p[3]) return undefined;
  let at = HEADER;
  const next = (n: number): Uint32Array => p.subarray(at, (at += n));
  return {
    bands: next(p[0]),
    topic: next(p[1]),
    vocabulary: p[4],
    sample: next(p[2]),
    threshold: p[7] * TWO_32 + p[8],
    shingles: p[5],
    tokens: p[6],
    numbers: next(p[3]),
  };
}

/** A stored sketch, packed or (as the first release with lists stored it) whole. */
export function storedSketch(s: ListSketch | Uint32Array): ListSketch {
  if (!(s instanceof Uint32Array)) return s;
  const sketch = unpackSketch(s);
  if (!sketch) throw new Error('A stored sketch is damaged');
  return sketch;
}
