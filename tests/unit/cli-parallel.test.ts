// The batch commands on two threads print exactly what they print on one: `compare --pairs` and
// `check FILE...` run as real processes with FIRSTHAND_CLI_THREADS=1 (one thread) and =2 (a worker
// thread shares any input of two items or more), on fixture pages, stories and bad input alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, story, type Run } from './cli-run.ts';

function runWith(threads: '1' | '2', ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin/firsthand.js'), ...args],
      { cwd: root, maxBuffer: 1 << 26, env: { ...process.env, FIRSTHAND_CLI_THREADS: threads } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
const f = (name: string): string => join(dir, name);
const pages: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firsthand-parallel-'));
  const html = join(root, 'tests/fixtures/html');
  for (const name of readdirSync(html).filter((n) => n.endsWith('.html'))) {
    copyFileSync(join(html, name), f(name));
    pages.push(f(name));
  }
  for (let i = 0; i < 12; i++) {
    writeFileSync(f(`story-${i}.txt`), story(i));
    writeFileSync(
      f(`copy-${i}.txt`),
      story(i)
        .split('\n\n')
        .slice(0, 6 + (i % 5))
        .join('\n\n'),
    );
  }
  // Half the stories and the first fixture pages are in the pack.
  const indexed = [...Array.from({ length: 6 }, (_, i) => f(`story-${i}.txt`)), ...pages.slice(0, 3)];
  const r = await runWith('1', 'index', 'add', ...indexed, '--db', f('pack.json'), '--published', '2020-01-01');
  expect(r.code).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('compare --pairs on two threads', () => {
  it('prints the same lines and errors as on one thread, in file order', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const o = story(100 + i);
      const c =
        i % 3 === 0
          ? story(200 + i)
          : o
              .split('\n\n')
              .slice(0, 4 + (i % 7))
              .join('\n\n');
      lines.push(JSON.stringify({ id: i % 5 === 0 ? i : `p${i}`, original: o, candidate: c }));
      if (i === 17) lines.push('{"id": "bad", "original": "x"}');
      if (i === 40) lines.push('not json');
    }
    writeFileSync(f('pairs.jsonl'), lines.join('\n') + '\n');
    const one = await runWith('1', 'compare', '--pairs', f('pairs.jsonl'));
    const two = await runWith('2', 'compare', '--pairs', f('pairs.jsonl'));
    expect(one.code).toBe(1);
    expect(one.stdout.trim().split('\n')).toHaveLength(60);
    expect(one.stderr.trim().split('\n')).toHaveLength(2);
    expect(two).toEqual(one);
  });
});

describe('check FILE... on two threads', () => {
  const args = (): string[] => [
    ...pages,
    ...Array.from({ length: 12 }, (_, i) => f(`copy-${i}.txt`)),
    f('missing.txt'),
    f('story-7.txt'),
    join(root, 'tests/fixtures'),
  ];

  it('prints the same reports, in the order of the files, and the same errors', async () => {
    const one = await runWith('1', 'check', ...args(), '--db', f('pack.json'));
    const two = await runWith('2', 'check', ...args(), '--db', f('pack.json'));
    expect(one.code).toBe(1);
    expect(one.stdout.match(/^==> .* <==$/gm)).toHaveLength(pages.length + 13);
    expect(one.stdout).toMatch(/^Verdict: +copy/m);
    expect(one.stderr).toContain(`firsthand: ${f('missing.txt')}: no such file`);
    expect(two).toEqual(one);
  });

  it('prints the same JSON lines', async () => {
    const one = await runWith('1', 'check', ...args(), '--db', f('pack.json'), '--json');
    const two = await runWith('2', 'check', ...args(), '--db', f('pack.json'), '--json');
    expect(one.stdout.trim().split('\n')).toHaveLength(pages.length + 13);
    expect(two).toEqual(one);
  });

  it('stops on a pack it cannot read, as on one thread', async () => {
    writeFileSync(f('bad-pack.json'), '{"format": "nope"}');
    const one = await runWith('1', 'check', ...args(), '--db', f('bad-pack.json'));
    const two = await runWith('2', 'check', ...args(), '--db', f('bad-pack.json'));
    expect(one.code).toBe(1);
    expect(one.stdout).toBe('');
    expect(two).toEqual(one);
  });
});
