// Target 6 (CLI): `firsthand compare --pairs` on generated pairs, timed around the whole command
// (process start included), beside a naive exact word-containment script in plain Node
// (bench/cli-naive-containment.mjs) run on the same file in the same rounds, interleaved; the
// ratio is taken per round. A small file is timed too, so start-up and per-pair rate can be told apart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Generator, Plant } from './corpus.ts';
import { ARTICLE_WORDS } from './queries.ts';
import { now, ratio, summarize, type Summary } from './stats.ts';

export interface PairsResult {
  pairs: number;
  seconds: Summary;
  /** The naive exact-containment script on the same file, same rounds. */
  naiveSeconds: Summary;
  /** Ours / naive, per round. */
  vsNaive: Summary;
  /** The 10-pair file: mostly start-up. */
  smallSeconds: Summary;
  /** Marginal rate between the small and the large file: start-up cost removed. */
  pairsPerSecond: number;
  wholeCommandPairsPerSecond: number;
}

export function pairLines(gen: Generator, pairs: number): string[] {
  const kinds: Plant[] = ['copy', 'partial', 'rewrite'];
  const lines: string[] = [];
  for (let i = 0; i < pairs; i++) {
    const o = gen.words(gen.length(ARTICLE_WORDS));
    const c = i % 4 === 3 ? gen.words(gen.length(ARTICLE_WORDS)) : gen.plant(kinds[i % 3], o);
    lines.push(JSON.stringify({ id: `p${i}`, original: gen.text(o), candidate: gen.text(c) }));
  }
  return lines;
}

export function benchCliPairs(root: string, gen: Generator, pairs: number, runs: number): PairsResult {
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-pairs-'));
  try {
    const lines = pairLines(gen, pairs);
    const big = join(dir, 'big.jsonl');
    const small = join(dir, 'small.jsonl');
    writeFileSync(big, lines.join('\n') + '\n');
    writeFileSync(small, lines.slice(0, 10).join('\n') + '\n');
    const bin = join(root, 'bin/firsthand.js');
    const naive = join(root, 'bench/cli-naive-containment.mjs');
    const time = (args: string[]) => {
      const t0 = now();
      execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
      return (now() - t0) / 1000;
    };
    // One untimed run of each: file cache and any first-run preparation of the command.
    time([bin, 'compare', '--pairs', small]);
    time([naive, big]);
    const bigS: number[] = [];
    const smallS: number[] = [];
    const naiveS: number[] = [];
    for (let r = 0; r < runs; r++) {
      smallS.push(time([bin, 'compare', '--pairs', small]));
      bigS.push(time([bin, 'compare', '--pairs', big]));
      naiveS.push(time([naive, big]));
    }
    const b = summarize(bigS);
    const s = summarize(smallS);
    return {
      pairs,
      seconds: b,
      naiveSeconds: summarize(naiveS),
      vsNaive: ratio(bigS, naiveS),
      smallSeconds: s,
      pairsPerSecond: (pairs - 10) / (b.p50 - s.p50),
      wholeCommandPairsPerSecond: pairs / b.p50,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
