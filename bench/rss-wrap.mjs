// Runs the firsthand CLI exactly as bin/firsthand.js does (same arguments) and, as the process
// exits, writes its peak memory to the file FIRSTHAND_BENCH_RSS names: the whole process's max
// RSS (worker threads included, in MB), and the peak of its anonymous memory alone (RssAnon in
// /proc/self/status, sampled every 100 ms: the heaps and buffers, without the pages of files it
// maps, such as an LMDB store), the benchmarks' measures of a command's memory.
import { readFileSync, writeFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';

let anonKB = 0;
const sample = () => {
  try {
    const m = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) anonKB = Math.max(anonKB, Number(m[1]));
  } catch {
    // Not Linux: the anonymous peak stays unknown.
  }
};
setInterval(sample, 100).unref();
process.on('exit', () => {
  sample();
  const file = process.env.FIRSTHAND_BENCH_RSS;
  if (file) writeFileSync(file, JSON.stringify({ maxRssMB: Math.round(resourceUsage().maxRSS / 1024), anonMB: anonKB ? Math.round(anonKB / 1024) : null }));
});
await import('../bin/firsthand.js');
