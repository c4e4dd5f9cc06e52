// The firsthand CLI as a user runs it: a real `node bin/firsthand.js` process per case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/firsthand.js');
const seed = (n: string): string =>
  join(
    root,
    'tests/fixtures/seeds',
    readdirSync(join(root, 'tests/fixtures/seeds')).find((f) => f.startsWith(`${n}_`))!,
  );
const html = (name: string): string => join(root, 'tests/fixtures/html', name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A user error: non-zero exit, exactly one line on stderr, no stack trace. */
function expectOneLineError(r: Run, pattern: RegExp, code = 1): void {
  expect(r.code).toBe(code);
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firsthand-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('compare on the seed articles (Axios scoop as the original)', () => {
  it.concurrent('002, the close copy, is a partial copy that credits Axios', async () => {
    const r = await run('compare', seed('001'), seed('002'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe('partial-copy');
    for (const k of ['score', 'containment', 'coverage', 'jaccard', 'ordered']) {
      expect(j[k]).toBeGreaterThanOrEqual(0);
      expect(j[k]).toBeLessThanOrEqual(1);
    }
    expect(j.passages.length).toBeGreaterThan(0);
    expect(j.passages[0].text).toEqual(expect.any(String));
    expect(j.credits.map((c: { outlet: string }) => c.outlet)).toContain('Axios');
  });

  it.concurrent.each(['000', '003'])('%s is a rewrite', async (n) => {
    const r = await run('compare', seed('001'), seed(n), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).verdict).toBe('rewrite');
  });

  it.concurrent('004, the later report crediting CNN, is not a copy', async () => {
    const r = await run('compare', seed('001'), seed('004'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(['related', 'unrelated']).toContain(j.verdict);
    expect(j.credits.map((c: { outlet: string }) => c.outlet)).toContain('CNN');
  });

  it.concurrent('prints a readable report with the shared passages quoted', async () => {
    const r = await run('compare', seed('001'), seed('002'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: +partial copy$/m);
    expect(r.stdout).toMatch(/^Score: +0\.\d{3}$/m);
    expect(r.stdout).toMatch(/^Containment: +\d+\.\d% of the candidate is found in the original$/m);
    expect(r.stdout).toMatch(/^Coverage: +\d+\.\d% of the original is carried by the candidate$/m);
    expect(r.stdout).toMatch(/^Jaccard: +0\.\d{3}/m);
    expect(r.stdout).toMatch(/^ {2}1\. ".*virtual meeting.*" \(\d+ content words\)$/m);
    expect(r.stdout).toMatch(/^ {2}Axios \(text: ".*Axios"\)$/m);
    expect(r.stderr).toBe('');
  });

  it.concurrent('reads HTML pages by content, extracting the article and the outlet', async () => {
    const r = await run('compare', html('001-axios.html'), html('002-ledger.html'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe('partial-copy');
    expect(j.credited).toBe(true);
    expect(j.original.title).toBe('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    // Page furniture is not part of the compared text.
    for (const p of j.passages) expect(p.text).not.toMatch(/Share on|Subscribe|Comments/);
  });
});

describe('compare --pairs', () => {
  it('prints one JSON line per good pair and names each bad line on stderr', async () => {
    const o = readFileSync(seed('001'), 'utf8');
    const c = readFileSync(seed('002'), 'utf8');
    const file = join(dir, 'pairs.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', original: o, candidate: c }),
        '{"id": "b", "original": "x",',
        '',
        JSON.stringify({ id: 'c', original: o }),
        JSON.stringify({ id: 7, original: o, candidate: o }),
        '[1, 2]',
        JSON.stringify({ id: 'e', original: o, candidate: '   ' }),
        JSON.stringify({ id: 'f', original: c, candidate: o }),
      ].join('\n'),
    );
    const r = await run('compare', '--pairs', file);
    expect(r.code).not.toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((x) => x.id)).toEqual(['a', '7', 'f']);
    for (const x of out) expect(Object.keys(x)).toEqual(['id', 'verdict', 'score', 'containment', 'coverage', 'jaccard']);
    expect(out[0].verdict).toBe('partial-copy');
    expect(out[1].verdict).toBe('copy');
    expect(out[1].containment).toBe(1);
    const err = r.stderr.trim().split('\n');
    expect(err).toHaveLength(4);
    expect(err[0]).toMatch(new RegExp(`^firsthand: ${file}:2: invalid JSON`));
    expect(err[1]).toBe(`firsthand: ${file}:4: missing "candidate" (a string)`);
    expect(err[2]).toMatch(new RegExp(`^firsthand: ${file}:6: expected a JSON object`));
    expect(err[3]).toBe(`firsthand: ${file}:7: "candidate" is empty`);
  });

  it('exits 0 when every line is good', async () => {
    const file = join(dir, 'good.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 1, original: 'The cat sat on the mat all day long.', candidate: 'The cat sat on the mat all day long.' })}\n`);
    const r = await run('compare', '--pairs', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).id).toBe('1');
  });
});

describe('index and check', () => {
  it('builds a pack from HTML pages, replaces re-added articles, and writes atomically', async () => {
    const sub = join(dir, 'packdir');
    mkdirSync(sub);
    const pack = join(sub, 'reader.pack.json');
    let r = await run('index', 'add', html('001-axios.html'), html('002-ledger.html'), '--db', pack);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^added .*001-axios\.html +Axios/m);
    const doc = JSON.parse(readFileSync(pack, 'utf8'));
    expect(doc.format).toBe('firsthand-pack');
    expect(doc.version).toBe(1);
    expect(doc.articles.map((a: { id: string }) => a.id)).toEqual([
      'https://www.axios.com/2024/03/31/israel-us-virtual-meeting-rafah-netanyahu',
      'https://www.jerusalemledger.example/israel-news/article-794521',
    ]);
    r = await run('index', 'add', html('001-axios.html'), '--db', pack);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^updated .*001-axios\.html/m);
    expect(r.stdout).toMatch(/: 2 articles$/m);
    expect(readdirSync(sub)).toEqual(['reader.pack.json']);

    r = await run('index', 'list', '--db', pack);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2024-03-31 +Axios .*U\.S\. and Israel set to hold a virtual meeting on Rafah Monday/m);
    r = await run('index', 'stats', '--db', pack, '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ articles: 2, outlets: 2 });

    // A bad file among good ones stops the command before the pack is touched.
    const before = statSync(pack).mtimeMs;
    r = await run('index', 'add', html('004-arabcanada.html'), join(dir, 'nope.html'), '--db', pack);
    expectOneLineError(r, /nope\.html: no such file$/);
    expect(statSync(pack).mtimeMs).toBe(before);

    // The rewrite names Axios as its original, with the evidence.
    r = await run('check', html('000-levantwire.html'), '--db', pack, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe('rewrite');
    expect(j.original.outlet).toBe('Axios');
    expect(j.credited).toBe(true);
    r = await run('check', html('002-ledger.html'), '--db', pack);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: +partial copy/m);
    expect(r.stdout).toMatch(/^Original: +Axios, "U\.S\. and Israel set to hold a virtual meeting on Rafah Monday"$/m);
    expect(r.stdout).toMatch(/^Containment: +\d+\.\d%/m);
    expect(r.stdout).toMatch(/^Coverage: +\d+\.\d%/m);
    expect(r.stdout).toMatch(/^Evidence:$/m);
  });

  it('indexes plain text with the first line as title and a file URL', async () => {
    const pack = join(dir, 'text.pack.json');
    let r = await run('index', 'add', seed('001'), '--db', pack, '--outlet', 'Axios', '--published', '2024-03-31T14:39:00Z');
    expect(r.code).toBe(0);
    r = await run('index', 'list', '--db', pack, '--json');
    const [a] = JSON.parse(r.stdout);
    expect(a.title).toBe('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    expect(a.id).toBe(`file://${seed('001')}`);
    expect(a.outlet).toBe('Axios');
    expect(a.publishedAt).toBe(Date.parse('2024-03-31T14:39:00Z'));
    r = await run('check', seed('003'), '--db', pack);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: +rewrite/m);
  });
});

describe('eval', () => {
  it('tabulates verdicts per label and reports ROC AUC and unrelated flags', async () => {
    const o = readFileSync(seed('001'), 'utf8');
    const other = 'Bake the bread for forty minutes at two hundred degrees, then let it cool on a rack before slicing. '.repeat(4);
    const file = join(dir, 'labelled.jsonl');
    const rows = [
      ['p1', '002', 'light'],
      ['p2', '000', 'heavy'],
      ['p3', '003', 'heavy'],
      ['n1', '004', 'non'],
    ].map(([id, n, label]) => JSON.stringify({ id, original: o, candidate: readFileSync(seed(n), 'utf8'), label }));
    rows.push(JSON.stringify({ id: 'u1', original: o, candidate: other, label: 'unrelated' }));
    writeFileSync(file, rows.join('\n'));
    let r = await run('eval', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^label +n +copy +partial-copy +rewrite +related +unrelated/m);
    expect(r.stdout).toMatch(/^light +1 +0 \(0%\) +1 \(100%\) +0 \(0%\)/m);
    expect(r.stdout).toMatch(/^heavy +2 +0 \(0%\) +0 \(0%\) +2 \(100%\)/m);
    expect(r.stdout).toMatch(/^ROC AUC of score, derived \(3\) vs hard negatives \(1\): 1\.000$/m);
    expect(r.stdout).toMatch(/^ROC AUC of score, derived \(3\) vs all negatives \(2\): +1\.000$/m);
    expect(r.stdout).toMatch(/^Unrelated pairs flagged as copy, partial copy or rewrite: 0 of 1 \(0\.0%\)$/m);
    r = await run('eval', file, '--json');
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ pairs: 5, aucVsHard: 1, aucVsAll: 1, unrelatedFlagged: { n: 1, flagged: 0, share: 0 } });
    expect(j.labels.map((l: { label: string }) => l.label)).toEqual(['light', 'heavy', 'non', 'unrelated']);
    // The derived seeds share a band with the Axios report and pass the signature prefilter;
    // the bread recipe does neither.
    const byLabel = Object.fromEntries(j.labels.map((l: { label: string; retrieved: number; verified: number }) => [l.label, l]));
    expect(byLabel.light).toMatchObject({ retrieved: 1, verified: 1 });
    expect(byLabel.heavy).toMatchObject({ retrieved: 2, verified: 2 });
    expect(byLabel.unrelated).toMatchObject({ retrieved: 0, verified: 0 });
  });

  it('refuses lines without a label', async () => {
    const file = join(dir, 'nolabel.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'x', original: 'a b c d', candidate: 'a b c d', label: 'cut' })}\n${JSON.stringify({ id: 'y', original: 'a', candidate: 'b' })}\n`,
    );
    const r = await run('eval', file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`firsthand: ${file}:2: missing "label"`);
  });
});

describe('usage', () => {
  it.concurrent.each(['--help', 'compare --help', 'index --help', 'check --help', 'eval --help'])('%s prints help and exits 0', async (args) => {
    const r = await run(...args.split(' '));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage:/);
    expect(r.stderr).toBe('');
  });

  it.concurrent('an unknown command prints the usage on stderr and exits 2', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr).toMatch(/Usage:/);
  });

  it.concurrent.each([
    [['compare', 'only-one.txt'], /compare: expected ORIGINAL and CANDIDATE/],
    [['compare', '--bogus', 'a', 'b'], /compare: Unknown option '--bogus'/],
    [['check', 'x.txt'], /check: --db is required/],
    [['index', 'add', 'x.txt'], /index add: --db is required/],
    [['index', 'add', 'x.txt', '--db', 'p', '--published', 'someday'], /--published must be a date/],
  ])('%j is a usage error (exit 2)', async (args, pattern) => {
    expectOneLineError(await run(...args), pattern, 2);
  });
});

describe('bad input gives one line on stderr, never a stack trace', () => {
  const files: Record<string, string | Buffer> = {
    'binary.txt': Buffer.from([0x68, 0x69, 0x00, 0x01, 0x02]),
    'latin1.txt': Buffer.from('caf\xe9 au lait', 'latin1'),
    'empty.txt': ' \n\t\n',
    'nojson.pack': '{"format": "firsthand-pack", ',
    'notapack.json': '{"hello": "world"}',
    'newer.pack': JSON.stringify({ format: 'firsthand-pack', version: 99, params: {}, articles: [] }),
    'empty.html': '<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>',
  };
  beforeAll(() => {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    mkdirSync(join(dir, 'a-directory'), { recursive: true });
  });
  const f = (name: string): string => join(dir, name);

  it.concurrent.each([
    ['a missing file', () => ['compare', f('missing.txt'), seed('001')], /missing\.txt: no such file$/],
    ['a directory', () => ['compare', seed('001'), f('a-directory')], /a-directory: is a directory/],
    ['a binary file', () => ['compare', f('binary.txt'), seed('001')], /binary\.txt: binary file/],
    ['invalid UTF-8', () => ['compare', seed('001'), f('latin1.txt')], /latin1\.txt: not valid UTF-8/],
    ['an empty file', () => ['compare', f('empty.txt'), seed('001')], /empty\.txt: empty file$/],
    ['an HTML page without text', () => ['compare', f('empty.html'), seed('001')], /empty\.html: no article text/],
    ['a pairs file that is binary', () => ['compare', '--pairs', f('binary.txt')], /binary\.txt: binary file/],
    ['a pack that is not JSON', () => ['check', seed('002'), '--db', f('nojson.pack')], /nojson\.pack: .*not valid JSON/],
    ['a JSON file that is not a pack', () => ['index', 'list', '--db', f('notapack.json')], /notapack\.json: not a Firsthand pack/],
    ['a pack from a newer version', () => ['check', seed('002'), '--db', f('newer.pack')], /newer\.pack: pack version 99 .*newer/],
    ['a missing pack for check', () => ['check', seed('002'), '--db', f('none.pack')], /none\.pack: no such file$/],
  ])('%s', async (_what, args, pattern) => {
    const r = await run(...args());
    expectOneLineError(r, new RegExp(`^firsthand: ${dir}/${pattern.source}`));
  });

  it('a pack made with other signature parameters', async () => {
    const good = join(dir, 'params.pack');
    expect((await run('index', 'add', seed('001'), '--db', good)).code).toBe(0);
    const doc = JSON.parse(readFileSync(good, 'utf8'));
    doc.params.numPerm = 64;
    doc.params.bands = 32;
    writeFileSync(good, JSON.stringify(doc));
    const r = await run('check', seed('002'), '--db', good);
    expectOneLineError(r, /params\.pack: .*other signature parameters/);
    expect(existsSync(good)).toBe(true);
  });
});
