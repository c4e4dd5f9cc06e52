// `firsthand check FILE... --db PACK`: many files in one process, one JSON line or one headed
// report per file, and a bad file reported without stopping the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, story } from './cli-run.ts';

let dir: string;
let pack: string;
const f = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firsthand-check-'));
  const original = story(11);
  writeFileSync(f('original.txt'), original);
  writeFileSync(f('copy.txt'), original.split('\n\n').slice(0, 8).join('\n\n'));
  writeFileSync(f('other.txt'), story(12));
  writeFileSync(f('empty.txt'), ' \n');
  pack = f('pack.json');
  // The original is indexed, and seen, before the copies are written and checked.
  const r = await runCli('index', 'add', f('original.txt'), '--db', pack, '--published', '2020-01-01');
  expect(r.code).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('check with several files', () => {
  it('--json prints one JSON line per file, with the file, and goes on past a bad file', async () => {
    const r = await runCli('check', f('copy.txt'), f('missing.txt'), f('other.txt'), f('empty.txt'), '--db', pack, '--json');
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [copy, other] = lines.map((l) => JSON.parse(l));
    expect(copy).toMatchObject({ file: f('copy.txt'), verdict: 'copy', original: { id: `file://${f('original.txt')}` } });
    expect(other).toMatchObject({ file: f('other.txt'), verdict: 'unrelated', matches: [] });
    expect(r.stderr.trim().split('\n')).toEqual([`firsthand: ${f('missing.txt')}: no such file`, `firsthand: ${f('empty.txt')}: empty file`]);
  });

  it('prints the report of each file under a header line', async () => {
    const r = await runCli('check', f('copy.txt'), f('other.txt'), '--db', pack);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/^==> .* <==$/gm)).toEqual([`==> ${f('copy.txt')} <==`, `==> ${f('other.txt')} <==`]);
    const [, copy, other] = r.stdout.split(/^==> .* <==$/m);
    expect(copy).toMatch(/^Verdict: +copy/m);
    expect(other).toMatch(/^Verdict: +unrelated$/m);
  });

  it('prints a single file as it always has: no header, pretty JSON without the file', async () => {
    let r = await runCli('check', f('copy.txt'), '--db', pack);
    expect(r.stdout).toMatch(/^Checked: /);
    r = await runCli('check', f('copy.txt'), '--db', pack, '--json');
    expect(r.stdout).toMatch(/^\{\n {2}"verdict": "copy"/);
    expect(JSON.parse(r.stdout).file).toBeUndefined();
  });
});
