// Target 1: signature speed. Our engine's fingerprint against the npm `minhash` package on the
// same 1,000-word text, and against the floor: tokenise and hash every shingle once.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fingerprint, tokenHashes } from '../src/index/fingerprint.ts';
import { shingleHashes } from '../src/index/minhash.ts';
import { DEFAULT_PARAMS } from '../src/index/params.ts';
import { contentWords } from '../src/index/tokenize.ts';
import { interleave, ratio, summarize, type Summary } from './stats.ts';

interface MinhashLike {
  update(s: string): void;
  hashvalues: number[];
}
const require = createRequire(import.meta.url);
const { Minhash } = require('minhash') as { Minhash: new (o: { numPerm: number }) => MinhashLike };

export interface SignatureResult {
  words: number;
  shingles: number;
  ms: Record<string, Summary>;
  ratios: { minhash128VsOurs: Summary; minhash256VsOurs: Summary; minhash128OurShinglesVsOurs: Summary; oursVsFloor: Summary };
}

/** The first 1,000 words of the seed articles, one after another: real news text. */
export function thousandWords(root: string): string {
  const dir = join(root, 'tests/fixtures/seeds');
  const all = readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const lines: string[] = [];
  const seen = new Set<string>();
  let n = 0;
  for (const line of all.split('\n')) {
    // One seed page prints its body three times; the text keeps each paragraph once.
    if (seen.has(line.trim())) continue;
    seen.add(line.trim());
    const words = line.split(/\s+/).filter(Boolean);
    if (n + words.length > 1000) {
      lines.push(words.slice(0, 1000 - n).join(' '));
      break;
    }
    lines.push(line);
    n += words.length;
  }
  return lines.join('\n');
}

/** The npm package as its README uses it: every word 3-shingle of the lower-cased text, one
 * update per shingle string, each re-hashed once per permutation. */
function npmMinhash(text: string, numPerm: number): number[] {
  const w = text.toLowerCase().split(/\s+/).filter(Boolean);
  const m = new Minhash({ numPerm });
  for (let i = 0; i + 2 < w.length; i++) m.update(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return m.hashvalues;
}

/** The npm package fed exactly our shingles: content-word 2-shingles after our tokeniser. */
function npmMinhashOurShingles(text: string, numPerm: number): number[] {
  const w = contentWords(text).words;
  const m = new Minhash({ numPerm });
  for (let i = 0; i + 1 < w.length; i++) m.update(`${w[i]} ${w[i + 1]}`);
  return m.hashvalues;
}

export function benchSignature(root: string, quick: boolean): SignatureResult {
  const text = thousandWords(root);
  const fp = fingerprint(text);
  const shingles = shingleHashes(fp.tokens, DEFAULT_PARAMS.shingle.size, DEFAULT_PARAMS.seed).length;
  const samples = interleave(
    {
      ours: () => fingerprint(text),
      floor: () => shingleHashes(tokenHashes(text, DEFAULT_PARAMS.seed).tokens, DEFAULT_PARAMS.shingle.size, DEFAULT_PARAMS.seed),
      tokenise: () => contentWords(text),
      minhash128: () => npmMinhash(text, 128),
      minhash256: () => npmMinhash(text, 256),
      minhash128OurShingles: () => npmMinhashOurShingles(text, 128),
    },
    quick ? 7 : 21,
    quick ? 10 : 25,
  );
  const ms = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
  return {
    words: text.split(/\s+/).filter(Boolean).length,
    shingles,
    ms,
    ratios: {
      minhash128VsOurs: ratio(samples.minhash128, samples.ours),
      minhash256VsOurs: ratio(samples.minhash256, samples.ours),
      minhash128OurShinglesVsOurs: ratio(samples.minhash128OurShingles, samples.ours),
      oursVsFloor: ratio(samples.ours, samples.floor),
    },
  };
}
