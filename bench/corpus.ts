// Generated article-like texts of controlled length and overlap, from a real vocabulary:
// distractors, and planted originals with their copies, partial copies and rewrites.
import { murmur3, prng } from '../src/index/hash.ts';
import { bandKeys, shingleHashes, signature } from '../src/index/minhash.ts';
import { DEFAULT_PARAMS, paramsId } from '../src/index/params.ts';
import type { ArticleRecord } from '../src/index/types.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Share of positions that continue a phrase taken from real text, rather than a word drawn alone. */
const PHRASE_SHARE = 0.2;
const PARAGRAPH_WORDS = 60;

export type Plant = 'copy' | 'partial' | 'rewrite';

/** What each planted relation is, in words (BENCHMARKS.md quotes these). */
export const PLANT_RULES: Record<Plant, string> = {
  copy: 'the whole original with a new 40-word opening and 20-word ending',
  partial: 'a contiguous 35% of the original inside new text (the copy is 3x the shared part)',
  rewrite: 'the original with 35% of its words replaced by others and 10% dropped',
};

export class Generator {
  private readonly rand: () => number;
  private readonly hashes: Uint32Array;
  private readonly pid = paramsId(DEFAULT_PARAMS);
  private serial = 0;

  constructor(
    readonly vocab: Vocabulary,
    seed = 7,
  ) {
    this.rand = prng(seed);
    this.hashes = new Uint32Array(vocab.words.length);
    for (let i = 0; i < vocab.words.length; i++) this.hashes[i] = murmur3(vocab.words[i], DEFAULT_PARAMS.seed);
  }

  private uniform(): number {
    return this.rand() / 4294967296;
  }

  word(): number {
    const c = this.vocab.cumulative;
    const x = this.uniform() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** `n` content words: mostly drawn by frequency, a share continuing runs of real text. */
  words(n: number): number[] {
    const out: number[] = [];
    const s = this.vocab.stream;
    while (out.length < n) {
      if (this.uniform() < PHRASE_SHARE / 4) {
        const at = Math.floor(this.uniform() * (s.length - 8));
        const len = 3 + Math.floor(this.uniform() * 4);
        for (let k = 0; k < len && out.length < n; k++) out.push(s[at + k]);
      } else out.push(this.word());
    }
    return out;
  }

  /** A length around `mean` (+-30%). */
  length(mean: number): number {
    return Math.round(mean * (0.7 + 0.6 * this.uniform()));
  }

  plant(kind: Plant, original: number[]): number[] {
    if (kind === 'copy') return [...this.words(40), ...original, ...this.words(20)];
    if (kind === 'partial') {
      const len = Math.round(original.length * 0.35);
      const from = Math.floor(this.uniform() * (original.length - len));
      return [...this.words(len), ...original.slice(from, from + len), ...this.words(len)];
    }
    const out: number[] = [];
    for (const w of original) {
      const x = this.uniform();
      if (x < 0.1) continue;
      out.push(x < 0.45 ? this.word() : w);
    }
    return out;
  }

  text(words: number[]): string {
    const lines: string[] = [];
    for (let i = 0; i < words.length; i += PARAGRAPH_WORDS)
      lines.push(
        words
          .slice(i, i + PARAGRAPH_WORDS)
          .map((w) => this.vocab.words[w])
          .join(' '),
      );
    return lines.join('\n');
  }

  /**
   * The record buildRecord would make of `text(words)` (checked in the harness), made without
   * re-tokenising: word hashes are precomputed, so a 100k-article index builds in seconds.
   */
  record(words: number[], firstSeenAt: number): ArticleRecord {
    const n = this.serial++;
    const tokens = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) tokens[i] = this.hashes[words[i]];
    const sig = signature(shingleHashes(tokens, DEFAULT_PARAMS.shingle.size, DEFAULT_PARAMS.seed), DEFAULT_PARAMS);
    const outlet = `Outlet ${n % 500}`;
    const host = `www.outlet${n % 500}.example`;
    return {
      id: `https://${host}/2026/03/${n}/${this.vocab.words[words[0]]}-${this.vocab.words[words[1]]}`,
      url: `https://${host}/2026/03/${n}/${this.vocab.words[words[0]]}-${this.vocab.words[words[1]]}`,
      title: words
        .slice(0, 8)
        .map((w) => this.vocab.words[w])
        .join(' '),
      outlet,
      outletKey: `outlet${n % 500}`,
      host,
      publishedAt: firstSeenAt - 3_600_000,
      firstSeenAt,
      wordCount: tokens.length,
      params: this.pid,
      signature: sig,
      bandKeys: bandKeys(sig, DEFAULT_PARAMS),
      tokens,
      credits: [],
    };
  }
}
