// Every hostile pack given to `firsthand check --db` and `firsthand index add --db`: one line on
// stderr naming the file and the problem, a non-zero exit, no stack trace, and a refused
// `index add` leaves the pack byte for byte as it was (no temporary file left either). All cases
// run through the CLI's main() in this process; a sample also runs as real `node bin/firsthand.js`.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parsePack } from '../../src/index/index.ts';
import { CASES, type HostileCase } from '../fixtures/hostile-packs/cases.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ARTICLE = `Council votes to extend tram line to the airport
The city council voted on Monday to extend the tram line to the airport terminal, a project planners estimate will take four years.
Residents along the route asked for noise barriers and a new stop near the hospital, and the transport committee agreed to study both.
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process, with its output captured. */
async function cli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const listeners = process.stdout.listeners('error');
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const l of process.stdout.listeners('error')) if (!listeners.includes(l)) process.stdout.off('error', l as (e: Error) => void);
  }
}

/** The CLI as a user runs it. */
function real(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/firsthand.js'), ...args], { cwd: root, maxBuffer: 1 << 26 }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let article: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firsthand-hostile-'));
  article = join(dir, 'tram.txt');
  writeFileSync(article, ARTICLE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the case's file in a folder of its own. */
function packFile(c: HostileCase, run = 'main'): { file: string; folder: string; bytes: Buffer } {
  const folder = join(dir, run, c.name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const bytes = Buffer.from(c.bytes());
  const file = join(folder, `${c.name}.firsthand.json`);
  writeFileSync(file, bytes);
  return { file, folder, bytes };
}

function expectRefused(r: Run, file: string, c: HostileCase): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`firsthand: ${file}: `)).toBe(true);
  expect(lines[0]).toMatch(c.cli ?? c.refused!);
  expect(r.stderr).not.toMatch(/\n\s+at |\.ts:\d+|Error:/);
}

describe('refused packs', () => {
  for (const c of CASES.filter((x) => x.refused)) {
    it(`${c.name}: ${c.tries}`, async () => {
      const { file, folder, bytes } = packFile(c);
      expectRefused(await cli('check', article, '--db', file), file, c);
      expectRefused(await cli('index', 'add', article, '--db', file), file, c);
      expect(readFileSync(file).equals(bytes)).toBe(true);
      expect(readdirSync(folder)).toEqual([`${c.name}.firsthand.json`]);
    });
  }
});

describe('accepted packs', () => {
  for (const c of CASES.filter((x) => x.reference)) {
    it(`${c.name}: ${c.tries}`, async () => {
      const { file, folder } = packFile(c);
      const checked = await cli('check', article, '--db', file);
      expect(checked.stderr).toBe('');
      expect(checked.code).toBe(0);
      const added = await cli('index', 'add', article, '--db', file);
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const after = parsePack(readFileSync(file, 'utf8')).items;
      const want = parsePack(c.reference!()).items;
      expect(after.slice(0, want.length)).toEqual(want);
      expect(after).toHaveLength(want.length + 1);
      expect(after[want.length].record.title).toBe('Council votes to extend tram line to the airport');
      expect(readdirSync(folder)).toEqual([`${c.name}.firsthand.json`]);
    });
  }
});

describe('as a real process', () => {
  const sample = ['01-empty', '03-truncated', '05-utf16le', '20-version-newer', '25-params-128-perms', '64-url-javascript', '68-proto-top', '71-title-10mb'];
  it.concurrent.each(sample)('%s: one line, exit 1, pack untouched', async (name) => {
    const c = CASES.find((x) => x.name === name)!;
    const { file, bytes } = packFile(c, 'real');
    expectRefused(await real('check', article, '--db', file), file, c);
    expectRefused(await real('index', 'add', article, '--db', file), file, c);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
