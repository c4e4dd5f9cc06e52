// Exact verification of a candidate against an original from their content-word hashes.
import { hashSeq } from './hash.ts';
import { numberHashes } from './numbers.ts';
import { DEFAULT_PARAMS } from './params.ts';
import type { Passage } from './types.ts';

/** Shingle size for verification: content-word 3-grams (about 5-6 running words). */
export const VERIFY_SIZE = 3;
/** Shorter shared runs are not shown as passages (content words). */
export const MIN_PASSAGE_TOKENS = 4;

export interface Features {
  containment: number;
  coverage: number;
  jaccard: number;
  ordered: number;
  vocabulary: number;
  /** Share of the original's content-word vocabulary found in the candidate. */
  originalVocabulary: number;
  /** Content words of the candidate inside shared passages. */
  sharedTokens: number;
  candidateTokens: number;
  originalTokens: number;
  /** Distinct numbers (scores, amounts, dates) in the candidate, in the original, and in both. */
  candidateNumbers: number;
  originalNumbers: number;
  sharedNumbers: number;
  passages: Passage[];
}

function shingles(tokens: Uint32Array): Uint32Array {
  const n = tokens.length - VERIFY_SIZE + 1;
  if (n <= 0) return tokens.length ? Uint32Array.of(hashSeq(tokens, 0, tokens.length, 3)) : new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = hashSeq(tokens, i, VERIFY_SIZE, 3);
  return out;
}

function setOf(a: Uint32Array): Set<number> {
  const s = new Set<number>();
  for (let i = 0; i < a.length; i++) s.add(a[i]);
  return s;
}

const LCS_MAX_WORDS = 5000;

/**
 * Length of the longest common subsequence, over the words both texts share. Bit-parallel
 * (Allison & Dix 1986, Hyyro 2004): one row of the dynamic programme is a bit vector, updated
 * for each word of `b` with one addition and a few logical operations per 32 words of `a`.
 */
export function lcsLength(a: Uint32Array, b: Uint32Array): number {
  // Symbols: the distinct words of a, numbered; x keeps a's words that b has, y b's that a has.
  const symOf = new Map<number, number>();
  for (let i = 0; i < a.length; i++) if (!symOf.has(a[i])) symOf.set(a[i], symOf.size);
  const inB = new Uint8Array(symOf.size);
  const y = new Int32Array(Math.min(b.length, LCS_MAX_WORDS));
  let ny = 0;
  for (let j = 0; j < b.length; j++) {
    const s = symOf.get(b[j]);
    if (s === undefined) continue;
    inB[s] = 1;
    if (ny < LCS_MAX_WORDS) y[ny++] = s;
  }
  const x = new Int32Array(Math.min(a.length, LCS_MAX_WORDS));
  let nx = 0;
  // Bounded work for enormous pages: the order of the first 5,000 shared words decides.
  for (let i = 0; i < a.length && nx < LCS_MAX_WORDS; i++) {
    const s = symOf.get(a[i])!;
    if (inB[s]) x[nx++] = s;
  }
  if (nx === 0 || ny === 0) return 0;
  const words = (nx + 31) >>> 5;
  // Where each symbol occurs in x, as a bit mask over x's positions.
  const masks = new Uint32Array(symOf.size * words);
  for (let i = 0; i < nx; i++) masks[x[i] * words + (i >>> 5)] |= 1 << (i & 31);
  // v: ones where the row's value does not step up; starts all ones over x's length.
  const v = new Uint32Array(words).fill(0xffffffff);
  const tail = nx & 31;
  const tailMask = tail ? ((1 << tail) - 1) >>> 0 : 0xffffffff;
  v[words - 1] = tailMask;
  for (let j = 0; j < ny; j++) {
    const base = y[j] * words;
    let carry = 0;
    for (let k = 0; k < words; k++) {
      const vk = v[k];
      const mk = masks[base + k];
      const sum = vk + ((vk & mk) >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[k] = (sum >>> 0) | (vk & ~mk);
    }
    v[words - 1] &= tailMask;
  }
  let ones = 0;
  for (let k = 0; k < words; k++) {
    let w = v[k];
    w -= (w >>> 1) & 0x55555555;
    w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
    ones += Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return nx - ones;
}

/**
 * Shared passages: maximal runs of candidate shingles found in the original, each aligned to
 * the original where its first shingle occurs (then extended while both keep matching).
 */
function findPassages(cand: Uint32Array, candSh: Uint32Array, origSh: Uint32Array, ignore?: ReadonlySet<number>): Passage[] {
  const firstAt = new Map<number, number>();
  for (let i = 0; i < origSh.length; i++) if (!firstAt.has(origSh[i])) firstAt.set(origSh[i], i);
  const out: Passage[] = [];
  let i = 0;
  const size = Math.min(VERIFY_SIZE, cand.length);
  while (i < candSh.length) {
    const at = firstAt.get(candSh[i]);
    if (at === undefined || ignore?.has(candSh[i])) {
      i++;
      continue;
    }
    let len = 1;
    while (i + len < candSh.length && at + len < origSh.length && candSh[i + len] === origSh[at + len]) len++;
    const tokens = len + size - 1;
    if (tokens >= Math.min(MIN_PASSAGE_TOKENS, cand.length)) {
      const last = out[out.length - 1];
      if (last && last.candidateTokens[1] >= i && last.originalTokens[1] >= at && last.originalTokens[0] <= at) {
        last.candidateTokens[1] = Math.max(last.candidateTokens[1], i + tokens);
        last.originalTokens[1] = Math.max(last.originalTokens[1], at + tokens);
      } else out.push({ candidateTokens: [i, i + tokens], originalTokens: [at, at + tokens] });
    }
    i += len;
  }
  return out;
}

/**
 * Shingles, shingle sets and vocabularies of token arrays, each computed once however many
 * comparisons of one check use them (the page is measured against every candidate, and the
 * boilerplate filter reads every candidate too). Values are never changed once made.
 */
export class VerifyCache {
  private readonly sh = new Map<Uint32Array, Uint32Array>();
  private readonly sets = new Map<Uint32Array, Set<number>>();
  private readonly vocab = new Map<Uint32Array, Set<number>>();
  private readonly nums = new Map<Uint32Array, Set<number>>();

  /** `seed`: the one the token hashes were made with, to tell numbers; none, numbers are not told. */
  constructor(private readonly seed: number | undefined = DEFAULT_PARAMS.seed) {}

  shingles(tokens: Uint32Array): Uint32Array {
    let v = this.sh.get(tokens);
    if (!v) this.sh.set(tokens, (v = shingles(tokens)));
    return v;
  }

  shingleSet(tokens: Uint32Array): Set<number> {
    let v = this.sets.get(tokens);
    if (!v) this.sets.set(tokens, (v = setOf(this.shingles(tokens))));
    return v;
  }

  vocabulary(tokens: Uint32Array): Set<number> {
    let v = this.vocab.get(tokens);
    if (!v) this.vocab.set(tokens, (v = setOf(tokens)));
    return v;
  }

  /** The distinct numbers among the tokens. */
  numbers(tokens: Uint32Array): Set<number> {
    let v = this.nums.get(tokens);
    if (!v) {
      v = new Set<number>();
      if (this.seed !== undefined) {
        const all = numberHashes(this.seed);
        for (const t of this.vocabulary(tokens)) if (all.has(t)) v.add(t);
      }
      this.nums.set(tokens, v);
    }
    return v;
  }
}

/** Size of a set once the ignored values are taken out. */
function sizeWithout(set: ReadonlySet<number>, ignore?: ReadonlySet<number>): number {
  let n = set.size;
  if (ignore) for (const h of ignore) if (set.has(h)) n--;
  return n;
}

/** Measures the candidate against the original. `ignore`: shingle hashes known to be boilerplate. */
export function measure(original: Uint32Array, candidate: Uint32Array, ignore?: ReadonlySet<number>, cache = new VerifyCache()): Features {
  const oSh = cache.shingles(original);
  const cSh = cache.shingles(candidate);
  const oSet = cache.shingleSet(original);
  const cSet = cache.shingleSet(candidate);
  let inter = 0;
  for (const h of cSet) if (oSet.has(h) && !ignore?.has(h)) inter++;
  const oSize = sizeWithout(oSet, ignore);
  const cSize = sizeWithout(cSet, ignore);
  const union = oSize + cSize - inter;
  const oVocab = cache.vocabulary(original);
  const cVocab = cache.vocabulary(candidate);
  let vInter = 0;
  for (const t of cVocab) if (oVocab.has(t)) vInter++;
  const passages = findPassages(candidate, cSh, oSh, ignore);
  let sharedTokens = 0;
  for (const p of passages) sharedTokens += p.candidateTokens[1] - p.candidateTokens[0];
  const oNums = cache.numbers(original);
  const cNums = cache.numbers(candidate);
  let sharedNumbers = 0;
  for (const t of cNums) if (oNums.has(t)) sharedNumbers++;
  return {
    containment: cSize ? inter / cSize : 0,
    coverage: oSize ? inter / oSize : 0,
    jaccard: union ? inter / union : 0,
    ordered: candidate.length ? lcsLength(candidate, original) / candidate.length : 0,
    vocabulary: cVocab.size ? vInter / cVocab.size : 0,
    originalVocabulary: oVocab.size ? vInter / oVocab.size : 0,
    sharedTokens,
    candidateTokens: candidate.length,
    originalTokens: original.length,
    candidateNumbers: cNums.size,
    originalNumbers: oNums.size,
    sharedNumbers,
    passages,
  };
}

/**
 * Shingles of the page that at least `minOutlets` other outlets carry while sharing little else
 * with it: bylines, newsletter blurbs, "declined to comment" lines. Reuse shared that way names
 * no original. Pages that share much of their text with this one (real copies, however many)
 * never count towards it.
 */
export function boilerplateShingles(
  page: Uint32Array,
  others: { tokens: Uint32Array; outlet: string }[],
  selfOutlet: string,
  minOutlets = 2,
  maxShare = 0.1,
  cache = new VerifyCache(),
): Set<number> {
  const out = new Set<number>();
  if (others.length < minOutlets) return out;
  const mine = cache.shingleSet(page);
  const outletsOf = new Map<number, Set<string>>();
  for (const o of others) {
    if (o.outlet === selfOutlet) continue;
    const shared = new Set<number>();
    const sh = cache.shingles(o.tokens);
    for (let i = 0; i < sh.length; i++) if (mine.has(sh[i])) shared.add(sh[i]);
    if (shared.size === 0 || shared.size > maxShare * mine.size) continue;
    for (const h of shared) {
      let s = outletsOf.get(h);
      if (!s) outletsOf.set(h, (s = new Set()));
      s.add(o.outlet);
    }
  }
  for (const [h, s] of outletsOf) if (s.size >= minOutlets) out.add(h);
  return out;
}
