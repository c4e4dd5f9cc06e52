// `firsthand list build|info|merge|keygen` and `check --db LIST`, run as a user runs them.
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_KEY, EXAMPLE_LIST } from '../fixtures/lists/build-example.ts';
import { HOSTILE_LISTS_DIR } from '../fixtures/hostile-lists/generate.ts';
import { articleByKey } from '../fixtures/site/articles.ts';
import { renderArticle } from '../fixtures/site/render.ts';
import { isListFile, listedWords, withListed } from '../../src/cli/list-db.ts';
import type { CheckResult, MatchSummary } from '../../src/index/index.ts';
import { runCli, story } from './cli-run.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'firsthand-list-cli-'));

/** A folder of fixture pages: the Axios report, the INW word-for-word copy of it, and the council story. */
function site(keys = ['001', '002', 'unrelated']): string {
  const dir = join(tmp(), 'site');
  mkdirSync(dir);
  for (const k of keys) writeFileSync(join(dir, `${k}.html`), renderArticle(articleByKey(k)));
  return dir;
}

const info = async (file: string): Promise<Record<string, unknown>> => {
  const r = await runCli('list', 'info', file, '--json');
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe('firsthand list', () => {
  it('build lists the originals of a folder, collapsing the copy onto its original, with progress on stderr', async () => {
    const out = join(tmp(), 'desk.fhlist');
    const r = await runCli(
      'list',
      'build',
      site(),
      '--out',
      out,
      '--name',
      'Desk originals',
      '--publisher',
      'The Desk',
      '--homepage',
      'https://desk.example/',
      '--expires',
      '6',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/desk\.fhlist: 2 articles, 1 copy collapsed onto its original; \d+ bytes \(\d+ per article\)\n$/);
    expect(r.stderr).toContain('list build: 2 articles, 1 collapsed');
    const i = await info(out);
    expect(i).toMatchObject({
      articles: 2,
      name: 'Desk originals',
      publisher: 'The Desk',
      homepage: 'https://desk.example/',
      expiresHours: 6,
      signed: false,
      publicKey: null,
      description: null,
    });
    expect(i.bytes).toBe(statSync(out).size);
    expect(i.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('build reads JSON Lines too: a later word-for-word copy collapses onto the earlier original', async () => {
    const dir = tmp();
    const input = join(dir, 'wire.jsonl');
    const text = story(7, 14);
    const rows = [
      { url: 'https://copier.example/b', title: 'Copied', outlet: 'Copier', published: '2025-01-02T10:00:00Z', text },
      { url: 'https://wire.example/a', title: 'Original', outlet: 'Wire', published: '2025-01-01T10:00:00Z', text },
      { url: 'https://other.example/c', title: 'Other', outlet: 'Other', published: '2025-01-01T12:00:00Z', text: story(8, 14) },
    ];
    writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = join(dir, 'wire.fhlist');
    const r = await runCli('list', 'build', input, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wire\.fhlist: 2 articles, 1 copy collapsed onto its original/);
    expect(await info(out)).toMatchObject({ articles: 2, name: 'wire', publisher: 'unknown publisher', expiresHours: 24 });
  });

  it('keygen writes a private key file for its owner alone, refuses to overwrite it, and build --sign signs with it', async () => {
    const dir = tmp();
    const key = join(dir, 'desk.pem');
    const k = await runCli('list', 'keygen', '--out', key);
    expect(k.code).toBe(0);
    const pub = /Public key: ([A-Za-z0-9+/=]{44})/.exec(k.stdout)![1];
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const again = await runCli('list', 'keygen', '--out', key);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; a key file is never overwritten');
    const out = join(dir, 'signed.fhlist');
    expect((await runCli('list', 'build', site(['001']), '--out', out, '--sign', key)).code).toBe(0);
    expect(await info(out)).toMatchObject({ articles: 1, signed: true, publicKey: pub });
  });

  it('merge takes the union of lists, one article per address', async () => {
    const dir = tmp();
    const a = join(dir, 'a.fhlist');
    const b = join(dir, 'b.fhlist');
    const c = join(dir, 'c.fhlist');
    await runCli('list', 'build', site(['001']), '--out', a, '--name', 'A', '--publisher', 'P');
    await runCli('list', 'build', site(['001', 'unrelated']), '--out', b, '--name', 'B', '--publisher', 'P');
    const r = await runCli('list', 'merge', a, b, '--out', c, '--sign', EXAMPLE_KEY);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/c\.fhlist: 2 articles from 2 lists \(1 listed more than once\)/);
    expect(await info(c)).toMatchObject({
      articles: 2,
      name: 'A + B',
      publisher: 'P',
      signed: true,
      publicKey: 'AXQOa2MRzWzwixGH4hCyKBfFFiYcoiWpksVydezn/RA=',
    });
  });

  it('info refuses a hostile list with its reason, and build refuses a key that is not Ed25519, writing nothing', async () => {
    const r = await runCli('list', 'info', join(HOSTILE_LISTS_DIR, '66-digest-mismatch.fhlist'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `firsthand: ${join(HOSTILE_LISTS_DIR, '66-digest-mismatch.fhlist')}: This list cannot be used: its digest does not match its content (the file was changed or damaged after it was made)\n`,
    );
    const dir = tmp();
    const notKey = join(dir, 'key.pem');
    writeFileSync(notKey, '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n');
    const out = join(dir, 'x.fhlist');
    const b = await runCli('list', 'build', site(['001']), '--out', out, '--sign', notKey);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('the key file must hold an Ed25519 private key in PKCS#8 PEM');
    expect(existsSync(out)).toBe(false);
  });

  it('check --db LIST flags a copy of a listed original and names it, listed and text-free', async () => {
    const page = join(site(['002']), '002.html');
    const r = await runCli('check', page, '--db', EXAMPLE_LIST, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      verdict: string;
      original?: { outlet: string; textFree?: boolean };
      matches: { listed?: { list: string; publisher: string }[] }[];
    };
    expect(['copy', 'partial-copy', 'rewrite']).toContain(result.verdict);
    expect(result.original?.outlet).toBe('Axios');
    expect(result.original?.textFree).toBe(true);
    expect(result.matches.length).toBeGreaterThan(0);
    for (const m of result.matches) expect(m.listed).toEqual([{ list: 'Firsthand example list', publisher: 'Firsthand test fixtures', source: EXAMPLE_LIST }]);
  });

  it('the usage names the list commands and check --db LIST', async () => {
    const r = await runCli('--help');
    expect(r.stdout).toContain('firsthand list build INPUT... --out LIST');
    expect(r.stdout).toContain('firsthand check FILE... --db PACK|LIST');
    const h = await runCli('list', '--help');
    expect(h.stdout).toContain('keygen  Writes a new Ed25519 signing key');
  });
});

describe('check --db LIST', () => {
  it('tells a list from a pack by its first bytes', () => {
    expect(isListFile(EXAMPLE_LIST)).toBe(true);
    expect(isListFile(join(HOSTILE_LISTS_DIR, '82-extra-fields.fhlist'))).toBe(true);
    expect(isListFile(join(HOSTILE_LISTS_DIR, '07-pack.fhlist'))).toBe(false);
  });

  it('names a listed original and listed matches "listed by <publisher> in <list>", text-free', () => {
    const match = (id: string): MatchSummary => ({ id, url: id, title: 't', outlet: 'o', host: 'h', firstSeenAt: 0 }) as MatchSummary;
    const result = {
      verdict: 'copy',
      score: 1,
      credited: false,
      credits: [],
      evidence: [],
      original: match('https://a/1'),
      matches: [match('https://a/1'), match('https://read/2')],
    } as CheckResult;
    const by = [{ list: 'Wire originals', publisher: 'The Desk', source: 'desk.fhlist' }];
    const named = withListed(result, new Map([['https://a/1', by]]));
    expect(named.original).toMatchObject({ listed: by, textFree: true });
    expect(named.matches.map((m) => m.listed)).toEqual([by, undefined]);
    expect(listedWords(by)).toBe('listed by The Desk in Wire originals');
  });
});
