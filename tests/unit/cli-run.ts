// Runs the firsthand CLI as a user does, a real `node bin/firsthand.js` process, for the CLI tests.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/firsthand.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A made-up story of `sentences` sentences whose words belong to it alone (seeded, so stable). */
export function story(seed: number, sentences = 12): string {
  let s = seed * 7919 + 17;
  const rnd = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  const word = (): string =>
    Array.from({ length: 5 + Math.floor(rnd() * 5) }, () => 'bcdfghjklmnprtvz'[Math.floor(rnd() * 16)] + 'aeiou'[Math.floor(rnd() * 5)])
      .join('')
      .slice(0, 9);
  const lines: string[] = [];
  for (let i = 0; i < sentences; i++) lines.push(Array.from({ length: 14 }, word).join(' ') + '.');
  return lines.join('\n\n');
}
