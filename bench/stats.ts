// Timing and summary statistics for the benchmarks: medians over repeated runs, percentiles and spread.

export const now = (): number => performance.now();

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  /** Interquartile range: the spread quoted beside a median. */
  iqr: number;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1], iqr: quantile(s, 0.75) - quantile(s, 0.25) };
}

/**
 * Runs every variant in the same rounds, interleaved (A B C, A B C, ...), so that a shared, noisy
 * machine slows them alike. Each round times `iterations` calls; returns ms per call per round.
 */
export function interleave(variants: Record<string, () => unknown>, rounds: number, iterations: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(variants)) out[name] = [];
  for (const fn of Object.values(variants)) for (let i = 0; i < Math.max(3, iterations / 4); i++) fn(); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t0 = now();
      for (let i = 0; i < iterations; i++) fn();
      out[name].push((now() - t0) / iterations);
    }
  }
  return out;
}

/** Per-round ratios a/b, summarised: the ratio quoted is the median, its spread the IQR. */
export function ratio(a: readonly number[], b: readonly number[]): Summary {
  return summarize(a.map((x, i) => x / b[i]));
}

export const fmt = (ms: number, digits = 3): string => (Number.isFinite(ms) ? ms.toFixed(digits) : '-');
export const fmtRatio = (s: Summary): string => `${s.p50.toFixed(1)}x (IQR ${s.iqr.toFixed(1)})`;
