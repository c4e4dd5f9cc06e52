// Target 6 (CLI): `firsthand compare --pairs` throughput on generated pairs, in pairs per second,
// timed around the whole command (process start included) and for two pair counts, so the
// start-up cost and the per-pair rate can be told apart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Generator, Plant } from './corpus.ts';
import { ARTICLE_WORDS } from './queries.ts';
import { now, summarize, type Summary } from './stats.ts';

export interface PairsResult {
  pairs: number;
  seconds: Summary;
  /** Marginal rate between the small and the large file: start-up cost removed. */
  pairsPerSecond: number;
  wholeCommandPairsPerSecond: number;
}

export function benchCliPairs(root: string, gen: Generator, pairs: number, runs: number): PairsResult {
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-pairs-'));
  try {
    const kinds: Plant[] = ['copy', 'partial', 'rewrite'];
    const lines: string[] = [];
    for (let i = 0; i < pairs; i++) {
      const o = gen.words(gen.length(ARTICLE_WORDS));
      const c = i % 4 === 3 ? gen.words(gen.length(ARTICLE_WORDS)) : gen.plant(kinds[i % 3], o);
      lines.push(JSON.stringify({ id: `p${i}`, original: gen.text(o), candidate: gen.text(c) }));
    }
    const big = join(dir, 'big.jsonl');
    const small = join(dir, 'small.jsonl');
    writeFileSync(big, lines.join('\n') + '\n');
    writeFileSync(small, lines.slice(0, 10).join('\n') + '\n');
    const bin = join(root, 'bin/firsthand.js');
    const time = (file: string) => {
      const t0 = now();
      execFileSync(process.execPath, [bin, 'compare', '--pairs', file], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
      return (now() - t0) / 1000;
    };
    const bigS: number[] = [];
    const smallS: number[] = [];
    for (let r = 0; r < runs; r++) {
      smallS.push(time(small));
      bigS.push(time(big));
    }
    const b = summarize(bigS);
    const s = summarize(smallS);
    return { pairs, seconds: b, pairsPerSecond: (pairs - 10) / (b.p50 - s.p50), wholeCommandPairsPerSecond: pairs / b.p50 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
