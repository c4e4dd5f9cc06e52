// A progress line on stderr. On a terminal: a bar redrawn in place (at most 10 times a second).
// Elsewhere (a pipe, a CI log): one plain line every few seconds, so logs stay readable.
import { formatBytes } from './format.ts';

export interface ProgressBar {
  /** `done` of `total` (total unknown: no bar, only the count); `note` is shown after it (a file name). */
  update(done: number, total?: number, note?: string): void;
  /** Prints a line (a warning) above the bar without breaking it. */
  log(line: string): void;
  /** Clears the bar and prints the summary line. */
  done(summary: string): void;
}

export interface ProgressOptions {
  /** 'bytes' shows 12.3 MB of 45.0 MB; 'count' shows 1,234 of 5,000. Default 'bytes'. */
  unit?: 'bytes' | 'count';
  /** Default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Seconds between plain lines when the stream is not a terminal; 0 for none. Default 5. */
  every?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
}

export function progressBar(label: string, opts: ProgressOptions = {}): ProgressBar {
  const stream = opts.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const now = opts.now ?? Date.now;
  const every = (opts.every ?? 5) * 1000;
  const amount = (n: number) => (opts.unit === 'count' ? n.toLocaleString('en-US') : formatBytes(n));
  let last = -Infinity;
  let shown = '';
  let state: { done: number; total?: number; note?: string } = { done: 0 };

  const text = (width: number): string => {
    const { done, total, note } = state;
    const known = total !== undefined && total > 0;
    const fraction = known ? Math.min(1, done / total) : 0;
    const pct = known ? `${String(Math.floor(fraction * 100)).padStart(3)}%` : '';
    const count = known ? `${amount(done)} of ${amount(total)}` : amount(done);
    if (!tty) return `${label}: ${[pct.trim(), count && `(${count})`, note].filter(Boolean).join(' ')}`;
    const barWidth = known ? Math.max(10, Math.min(30, width - label.length - count.length - 12)) : 0;
    const filled = Math.round(fraction * barWidth);
    const bar = known ? ` [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${pct}` : '';
    const line = `${label}${bar} ${count}${note ? `  ${note}` : ''}`;
    return line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line;
  };

  const clear = () => {
    if (tty && shown) stream.write('\r\x1b[K');
    shown = '';
  };
  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - last < (tty ? 100 : every)) return;
    if (!tty && (every <= 0 || !Number.isFinite(last))) {
      // Plain output: the first line only after `every`, so quick runs print just the summary.
      if (!Number.isFinite(last)) last = t;
      return;
    }
    last = t;
    const line = text(stream.columns ?? 80);
    if (tty) {
      stream.write(`\r${line}\x1b[K`);
      shown = line;
    } else {
      stream.write(`${line}\n`);
    }
  };

  return {
    update(done, total, note) {
      state = { done, total, note };
      draw(false);
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
      if (tty) draw(true);
    },
    done(summary) {
      clear();
      stream.write(`${summary}\n`);
    },
  };
}
