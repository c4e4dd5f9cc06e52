// Runs the firsthand CLI exactly as bin/firsthand.js does (same arguments) and, as the process
// exits, writes its peak memory (max RSS of the whole process, worker threads included, in MB) to
// the file FIRSTHAND_BENCH_RSS names: the benchmarks' measure of a command's memory.
import { writeFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';

process.on('exit', () => {
  const file = process.env.FIRSTHAND_BENCH_RSS;
  if (file) writeFileSync(file, JSON.stringify({ maxRssMB: Math.round(resourceUsage().maxRSS / 1024) }));
});
await import('../bin/firsthand.js');
