// `firsthand eval`: the corpora's labels, and the index mode that checks every candidate
// against one index of all the originals, on small made-up corpora.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLabels, labelClass } from '../../src/cli/labels.ts';
import { runCli, story } from './cli-run.ts';
import { seed } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firsthand-eval-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function pairsFile(name: string, rows: { id: string; original: string; candidate: string; label: string }[]): string {
  const file = join(dir, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** The first `k` paragraphs of a story: a partial copy of it. */
const firstParagraphs = (text: string, k: number): string => text.split('\n\n').slice(0, k).join('\n\n');

const A = story(1);
const B = story(2);
const C = story(3);

describe('labels', () => {
  it('reads COUNTER labels: WD and PD derived, ND a hard negative, unrelated an easy one', () => {
    expect(['WD', 'PD', 'wd'].map(labelClass)).toEqual(['positive', 'positive', 'positive']);
    expect(labelClass('ND')).toBe('hard-negative');
    expect(labelClass('unrelated')).toBe('easy-negative');
  });

  it('keeps the Clough & Stevenson and verdict labels as they were', () => {
    expect(['cut', 'light', 'heavy', 'copy', 'partial-copy', 'rewrite'].map(labelClass)).toEqual(Array(6).fill('positive'));
    expect(['non', 'related'].map(labelClass)).toEqual(['hard-negative', 'hard-negative']);
    expect(labelClass('orig')).toBe('other');
  });

  it('orders rows most derived first, unknown labels last', () => {
    expect(['unrelated', 'ND', 'zzz', 'PD', 'WD', 'heavy', 'cut'].sort(compareLabels)).toEqual(['cut', 'WD', 'PD', 'heavy', 'ND', 'unrelated', 'zzz']);
  });
});

describe('eval, pairs compared directly', () => {
  it('counts WD and PD as derived and ND as a hard negative', async () => {
    const file = pairsFile('counter.jsonl', [
      { id: '1', original: A, candidate: A, label: 'WD' },
      { id: '2', original: A, candidate: firstParagraphs(A, 6) + '\n\n' + firstParagraphs(C, 6), label: 'PD' },
      { id: '3', original: B, candidate: C, label: 'ND' },
      { id: '3x', original: A, candidate: B, label: 'unrelated' },
    ]);
    const r = await runCli('eval', file, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.labels.map((l: { label: string }) => l.label)).toEqual(['WD', 'PD', 'ND', 'unrelated']);
    expect(j).toMatchObject({ positives: 2, hardNegatives: 1, allNegatives: 2, aucVsHard: 1, unrelatedFlagged: { n: 1, flagged: 0 } });
  });
});

describe('eval --index', () => {
  it('finds and names the own original of a copy, and never flags the unrelated text', async () => {
    const file = pairsFile('index.jsonl', [
      { id: 'c1', original: A, candidate: A.replace(/\.$/, ' today.'), label: 'WD' },
      { id: 'n1', original: A, candidate: C, label: 'ND' },
      // The copy of A again, now paired with B: B is not its original, A is.
      { id: 'c1x', original: B, candidate: A.replace(/\.$/, ' today.'), label: 'unrelated' },
    ]);
    let r = await runCli('eval', file, '--index', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ mode: 'index', pairs: 3, originals: 2, candidates: 2, positives: 1, hardNegatives: 1, aucVsHard: 1 });
    const row = (label: string): Record<string, unknown> => j.labels.find((l: { label: string }) => l.label === label);
    expect(row('WD')).toMatchObject({ n: 1, ownFound: 1, ownFlagged: 1, otherNamed: 0, wrongNamed: 0 });
    expect(row('ND')).toMatchObject({ n: 1, ownFound: 0, ownFlagged: 0, otherNamed: 0, wrongNamed: 0 });
    // Flagged against A, a different original than the pair's B, but the one the corpus says it copies.
    expect(row('unrelated')).toMatchObject({ n: 1, ownFound: 0, ownFlagged: 0, otherNamed: 1, wrongNamed: 0, otherNamedIds: ['c1x'] });

    r = await runCli('eval', file, '--index');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 3 pairs; 2 distinct originals in one index, 2 distinct candidates each checked against it$/m);
    expect(r.stdout).toMatch(/^WD +1 +1 \(100%\) +1 \(100%\) +0 \(0%\) +0 \(0%\)$/m);
    expect(r.stdout).toMatch(/^ROC AUC of the own original's match score \(0 when not found\), derived \(1\) vs hard negatives \(1\): 1\.000$/m);
    expect(r.stdout).not.toMatch(/wrong story:\n/);
  });

  it('counts a candidate flagged against a story the corpus does not derive it from', async () => {
    // w2 says its candidate derives from B, but the text copies A: the check names A.
    const file = pairsFile('wrong.jsonl', [
      { id: 'w1', original: A, candidate: A, label: 'WD' },
      { id: 'w2', original: B, candidate: firstParagraphs(A, 10), label: 'WD' },
    ]);
    let r = await runCli('eval', file, '--index', '--json');
    expect(r.code).toBe(0);
    const [wd] = JSON.parse(r.stdout).labels;
    expect(wd).toMatchObject({ n: 2, ownFound: 1, ownFlagged: 1, otherNamed: 1, wrongNamed: 1, wrongNamedIds: ['w2'] });
    r = await runCli('eval', file, '--index');
    expect(r.stdout).toMatch(/^WD +2 +1 \(50%\) +1 \(50%\) +1 \(50%\) +1 \(50%\)$/m);
    expect(r.stdout).toMatch(/^Pairs whose candidate is flagged against the wrong story:\n {2}WD: w2$/m);
  });
});

describe('eval at each sensitivity level', () => {
  // The seed articles against the Axios report: a partial copy, two rewrites (19% and 11% of their
  // text verbatim), a follow-up that credits CNN; and Axios against a made-up story.
  const seedPairs = (): string =>
    pairsFile('seeds.jsonl', [
      { id: '002', original: seed('001'), candidate: seed('002'), label: 'partial-copy' },
      { id: '000', original: seed('001'), candidate: seed('000'), label: 'rewrite' },
      { id: '003', original: seed('001'), candidate: seed('003'), label: 'rewrite' },
      { id: '004', original: seed('001'), candidate: seed('004'), label: 'related' },
      { id: 'x', original: seed('001'), candidate: story(4), label: 'unrelated' },
    ]);

  it('--sensitivity judges every pair at that level', async () => {
    const file = seedPairs();
    const verdicts = async (...level: string[]): Promise<Record<string, Record<string, number>>> => {
      const r = await runCli('eval', file, '--json', ...level);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.sensitivity).toBe(level[1] ?? 'normal');
      return Object.fromEntries(j.labels.map((l: { label: string; counts: Record<string, number> }) => [l.label, l.counts]));
    };
    expect((await verdicts())['rewrite']).toMatchObject({ rewrite: 2, related: 0 });
    expect((await verdicts('--sensitivity', 'low'))['rewrite']).toMatchObject({ rewrite: 1, related: 1 });
    expect((await verdicts('--sensitivity', 'high'))['rewrite']).toMatchObject({ 'partial-copy': 1, rewrite: 1 });
    const r = await runCli('eval', file, '--sensitivity', 'low');
    expect(r.stdout).toMatch(/^.*seeds\.jsonl: 5 pairs; sensitivity low$/m);
    expect(r.stdout).toMatch(/^rewrite +2 +0 \(0%\) +0 \(0%\) +1 \(50%\) +1 \(50%\) +0 \(0%\)/m);
  });

  it('--levels prints the flag rates of the three levels side by side, per label', async () => {
    const file = seedPairs();
    let r = await runCli('eval', file, '--levels');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^label +n +low +normal +high$/m);
    expect(r.stdout).toMatch(/^partial-copy +1 +1 \(100%\) +1 \(100%\) +1 \(100%\)$/m);
    expect(r.stdout).toMatch(/^rewrite +2 +1 \(50%\) +2 \(100%\) +2 \(100%\)$/m);
    expect(r.stdout).toMatch(/^related +1 +0 \(0%\) +0 \(0%\) +0 \(0%\)$/m);
    expect(r.stdout).toMatch(/^unrelated +1 +0 \(0%\) +0 \(0%\) +0 \(0%\)$/m);

    r = await runCli('eval', file, '--levels', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({
      mode: 'direct-levels',
      pairs: 5,
      levels: ['low', 'normal', 'high'],
      labels: [
        { label: 'partial-copy', n: 1, flagged: [1, 1, 1] },
        { label: 'rewrite', n: 2, flagged: [1, 2, 2] },
        { label: 'related', n: 1, flagged: [0, 0, 0] },
        { label: 'unrelated', n: 1, flagged: [0, 0, 0] },
      ],
    });
  });

  it('--levels with --index gives the own original flagged and the wrong story named per level', async () => {
    const r = await runCli('eval', seedPairs(), '--levels', '--index', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.mode).toBe('index-levels');
    const row = (label: string): { flagged: number[]; wrongStory: number[] } => j.labels.find((l: { label: string }) => l.label === label);
    // Plain texts credit no one here: the 11%-verbatim rewrite is flagged from Normal up.
    expect(row('rewrite').flagged).toEqual([1, 2, 2]);
    expect(row('related').flagged).toEqual([0, 0, 0]);
    expect(row('unrelated').wrongStory).toEqual([0, 0, 0]);
  });

  it('refuses a level it does not know, and --levels with --sensitivity', async () => {
    const file = seedPairs();
    let r = await runCli('eval', file, '--sensitivity', 'max');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sensitivity must be low, normal or high, not "max"/);
    r = await runCli('eval', file, '--levels', '--sensitivity', 'low');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--levels shows every level; leave out --sensitivity/);
  });
});
