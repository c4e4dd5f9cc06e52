// The stderr progress bar of `firsthand list build`: redrawn in place on a terminal, a plain line
// every few seconds elsewhere, warnings printed above it, a summary at the end.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/cli/sources/format.ts';
import { progressBar } from '../../src/cli/sources/progress.ts';

function fakeStream(isTTY: boolean) {
  const stream = {
    isTTY,
    columns: 80,
    out: '',
    write(chunk: string) {
      // The terminal's erase-to-end-of-line, written as <EL> so the assertions stay readable.
      stream.out += chunk.replaceAll('\x1b[K', '<EL>');
      return true;
    },
  };
  return stream;
}

describe('progressBar', () => {
  it('on a terminal: draws a bar with percent and sizes in place, at most every 100 ms, and clears it for the summary', () => {
    const stream = fakeStream(true);
    let t = 0;
    const bar = progressBar('Reading', { stream: stream as never, now: () => t });
    bar.update(512 * 1024, 2 * 1024 * 1024, 'site.warc.gz');
    expect(stream.out).toMatch(/^\rReading \[#+-+\] 25% 512\.0 KB of 2\.0 MB {2}site\.warc\.gz<EL>$/);
    t = 50;
    bar.update(1024 * 1024, 2 * 1024 * 1024);
    expect(stream.out.split('\r')).toHaveLength(2); // throttled
    t = 150;
    bar.update(1024 * 1024, 2 * 1024 * 1024);
    expect(stream.out).toMatch(/\rReading \[#+-+\] 50% 1\.0 MB of 2\.0 MB<EL>$/);
    bar.done('Read 3 articles from 1 file');
    expect(stream.out.endsWith('\r<EL>Read 3 articles from 1 file\n')).toBe(true);
  });

  it('on a terminal: a logged line goes above the bar, which is drawn again', () => {
    const stream = fakeStream(true);
    const bar = progressBar('Reading', { stream: stream as never, now: () => 0, unit: 'count' });
    bar.update(1200, 5000);
    stream.out = '';
    bar.log('firsthand: warning: a.jsonl:3: skipped');
    expect(stream.out).toMatch(/^\r<EL>firsthand: warning: a\.jsonl:3: skipped\n\rReading \[#+-+\] 24% 1,200 of 5,000<EL>$/);
  });

  it('not on a terminal: no carriage returns, a line only every `every` seconds, then the summary', () => {
    const stream = fakeStream(false);
    let t = 0;
    const bar = progressBar('Reading', { stream: stream as never, now: () => t, every: 5 });
    bar.update(10, 100);
    t = 4000;
    bar.update(40, 100);
    expect(stream.out).toBe('');
    t = 5000;
    bar.update(50, 100, 'b.rss');
    expect(stream.out).toBe('Reading: 50% (50 B of 100 B) b.rss\n');
    bar.done('done');
    expect(stream.out).toBe('Reading: 50% (50 B of 100 B) b.rss\ndone\n');
    expect(stream.out).not.toContain('\r');
  });

  it('not on a terminal with every = 0: only the summary', () => {
    const stream = fakeStream(false);
    let t = 0;
    const bar = progressBar('Reading', { stream: stream as never, now: () => t, every: 0 });
    for (let i = 0; i < 5; i++) {
      t += 10_000;
      bar.update(i, 5);
    }
    bar.done('done');
    expect(stream.out).toBe('done\n');
  });

  it('without a total: shows the count only, no bar', () => {
    const stream = fakeStream(true);
    const bar = progressBar('Reading', { stream: stream as never, now: () => 0 });
    bar.update(3 * 1024 * 1024);
    expect(stream.out).toBe('\rReading 3.0 MB<EL>');
  });
});

describe('formatBytes', () => {
  it('uses B, KB, MB, GB with one decimal', () => {
    expect([0, 1023, 1024, 1536, 5 * 1024 * 1024, 3 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KB', '1.5 KB', '5.0 MB', '3.0 GB']);
  });
});
