// Waits for the machine to go quiet: after a large install, a browser goes on working in the
// background for a while (Chromium compacts LevelDB, Firefox checkpoints SQLite's write-ahead log),
// and checks timed meanwhile measure that work as much as the check's.
import { readFileSync } from 'node:fs';

/** Busy and total CPU time of the whole machine so far (/proc/stat's first line), in ticks. */
function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    // idle and iowait are the 4th and 5th fields.
    return { busy: total - fields[3] - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

/**
 * Resolves once the machine's CPUs have been less than `below` busy (a share, 0..1) through
 * `windows` consecutive windows of `windowMs`, or after `maxMs`: how long it waited, and whether it
 * went quiet. Where /proc/stat cannot be read, it does not wait.
 */
export async function quietMachine(
  opts: { below?: number; windowMs?: number; windows?: number; maxMs?: number } = {},
): Promise<{ waitedMs: number; quiet: boolean }> {
  const { below = 0.1, windowMs = 1000, windows = 3, maxMs = 120_000 } = opts;
  const t0 = Date.now();
  let last = cpuTicks();
  if (!last) return { waitedMs: 0, quiet: false };
  let calm = 0;
  while (Date.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = cpuTicks()!;
    const share = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    calm = share < below ? calm + 1 : 0;
    if (calm >= windows) return { waitedMs: Date.now() - t0, quiet: true };
  }
  return { waitedMs: Date.now() - t0, quiet: false };
}
