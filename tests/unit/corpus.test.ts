// The archive engine: the embedded store (src/corpus/store.ts), `firsthand corpus ingest` (resumable,
// nothing stored twice) and `corpus graph` (the reuse edges and stories of the seed articles).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusStore } from '../../src/corpus/store.ts';
import { edgesCsv, reuseGraph, type ReuseEdge } from '../../src/corpus/graph.ts';
import { csvField } from '../../src/shared/csv.ts';
import { reportHtml, type ArticleHead } from '../../src/corpus/report.ts';
import { buildRecord, checkArticle, DEFAULT_PARAMS, MemoryStore, type ArticleRecord } from '../../src/index/index.ts';
import { ARTICLES, articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { root, runCli, story } from './cli-run.ts';

const dirs: string[] = [];
const tmp = (label: string): string => {
  const d = mkdtempSync(join(tmpdir(), `firsthand-corpus-${label}-`));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A seed article (or the unrelated local story) as a JSON line, the way an archive hands it over. */
function seedLine(key: string): string {
  const a = articleByKey(key);
  return JSON.stringify({ url: articleUrl(a), title: a.title, outlet: a.outlet.name, published: a.publishedAt, text: a.paragraphs.join('\n\n') });
}

/** `n` made-up articles, each its own story, as JSON Lines. */
function storiesFile(dir: string, n: number, from = 0): string {
  const file = join(dir, `stories-${from}-${n}.jsonl`);
  const lines: string[] = [];
  for (let i = from; i < from + n; i++)
    lines.push(
      JSON.stringify({
        url: `https://archive.example/story-${i}`,
        title: `Story ${i}`,
        outlet: 'Archive Herald',
        published: '2024-05-01T00:00:00Z',
        text: story(i, 6),
      }),
    );
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const record = (text: string, url: string, at = 1_700_000_000_000): ArticleRecord =>
  buildRecord(text, { url, title: url, siteName: 'Herald', publishedTime: new Date(at).toISOString() }, at).record;

describe('the embedded store', () => {
  it('stores an id once, finds an article by its band keys as the memory store does, and keeps it after closing', async () => {
    const path = tmp('store');
    const a = record(story(1), 'https://a.example/1');
    const b = record(story(2), 'https://b.example/2');
    const store = CorpusStore.open(path);
    expect(await store.addBatch([a, b, a])).toBe(2);
    expect(await store.addBatch([a])).toBe(0);
    expect(await store.count()).toBe(2);
    const got = await store.get(a.id);
    expect(got?.signature).toEqual(a.signature);
    expect(got?.tokens).toEqual(a.tokens);
    expect(got?.bandKeys).toEqual(a.bandKeys);
    // The same check on the same articles gives the same result as the memory store.
    const copy = record(story(1) + '\n\nOne more sentence added by the copy.', 'https://c.example/1', 1_700_000_100_000);
    const memory = new MemoryStore();
    await memory.put(a);
    await memory.put(b);
    const [fromDisk, fromMemory] = [await checkArticle(store, { record: copy }), await checkArticle(memory, { record: copy })];
    expect(fromDisk.verdict).toBe('copy');
    expect(fromDisk.original?.id).toBe(a.id);
    expect({ ...fromDisk, evidence: [] }).toEqual({ ...fromMemory, evidence: [] });
    await store.close();
    const again = CorpusStore.open(path);
    expect(await again.count()).toBe(2);
    expect(again.has(b.id)).toBe(true);
    await again.close();
  });

  it('refuses a store built with other signature parameters, saying so', async () => {
    const path = tmp('params');
    const store = CorpusStore.open(path);
    await store.addBatch([record(story(3), 'https://a.example/3')]);
    await store.close();
    expect(() => CorpusStore.open(path, { ...DEFAULT_PARAMS, seed: DEFAULT_PARAMS.seed + 1 })).toThrow(/other signature parameters/);
  });
});

describe('firsthand corpus ingest and graph', () => {
  it('names Axios as the original of the copy and both rewrites, keeps the follow-up out of the edges, and finds one story', async () => {
    const dir = tmp('seeds');
    const input = join(dir, 'seeds.jsonl');
    writeFileSync(input, ['001', '002', '000', '003', '004', 'unrelated'].map(seedLine).join('\n') + '\n');
    const store = join(dir, 'store');
    const ingest = await runCli('corpus', 'ingest', input, '--store', store);
    expect(ingest.stderr).not.toMatch(/skipped/);
    expect(ingest.stdout).toMatch(/: 6 articles added; 6 in the store/);
    const out = join(dir, 'graph');
    const graph = await runCli('corpus', 'graph', '--store', store, '--out', out);
    expect(graph.code).toBe(0);
    const edges = readFileSync(join(out, 'edges.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { original: string; copy: string; verdict: string; named: boolean; credited: boolean; containment: number; coverage: number },
      );
    const axios = articleUrl(articleByKey('001'));
    const named = (key: string) => edges.find((e) => e.copy === articleUrl(articleByKey(key)) && e.named);
    expect(named('002')).toMatchObject({ original: axios, verdict: 'partial-copy' });
    expect(named('000')).toMatchObject({ original: axios, verdict: 'rewrite', credited: true });
    expect(named('003')).toMatchObject({ original: axios, verdict: 'rewrite', credited: true });
    // The follow-up reported the meeting from its own sources: no reuse edge ends at it.
    expect(edges.filter((e) => e.copy === articleUrl(articleByKey('004')))).toEqual([]);
    expect(edges.every((e) => e.containment > 0 && e.containment <= 1 && e.coverage > 0 && e.coverage <= 1)).toBe(true);
    const stories = readFileSync(join(out, 'stories.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { story: number; first: string; articles: string[] });
    expect(stories[0].first).toBe(axios);
    expect(stories[0].articles).toEqual(expect.arrayContaining(['001', '002', '000', '003'].map((k) => articleUrl(articleByKey(k)))));
    expect(stories.flatMap((s) => s.articles)).not.toContain(articleUrl(articleByKey('unrelated')));
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain(`<bdi>${articleByKey('001').title}</bdi>`);
    expect(report).toMatch(/Most-copied originals/);
    // The originals as a reuse list: the Axios report, the follow-up and the unrelated story.
    const info = await runCli('list', 'info', join(out, 'originals.fhlist'), '--json');
    expect(JSON.parse(info.stdout)).toMatchObject({ articles: 3 });
    const csv = readFileSync(join(out, 'edges.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('original,originalOutlet,originalDate,copy,copyOutlet,copyDate,verdict,containment,coverage,credited,named');
    expect(csv.length - 2).toBe(edges.length);
  }, 60_000);

  it('reads a WARC.gz crawl, a folder of HTML pages and JSON Lines into one store, each article once', async () => {
    const dir = tmp('formats');
    const fx = (name: string) => join(root, 'tests/fixtures/sources', name);
    const store = join(dir, 'store');
    const first = await runCli('corpus', 'ingest', fx('site.warc.gz'), '--store', store);
    expect(first.code).toBe(0);
    const added = Number(/: (\d+) articles? added/.exec(first.stdout)?.[1]);
    expect(added).toBeGreaterThan(0);
    // The plain WARC holds the same pages: they are met again and stored once.
    const again = await runCli('corpus', 'ingest', fx('site.warc'), fx('folder'), fx('articles.jsonl'), '--store', store);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\d+ already stored/);
    const st = CorpusStore.open(store);
    const ids: string[] = [];
    for await (const r of st.iterate()) ids.push(r.id);
    await st.close();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(added);
  }, 60_000);

  it('gives the same graph whatever order the articles were stored in', async () => {
    const keys = ARTICLES.map((a) => a.key);
    const graphs = [];
    for (const order of [keys, [...keys].reverse()]) {
      const store = CorpusStore.open(join(tmp('order'), 'store'));
      for (const key of order) {
        const a = articleByKey(key);
        await store.addBatch([
          buildRecord(a.paragraphs.join('\n\n'), { url: articleUrl(a), title: a.title, siteName: a.outlet.name, publishedTime: a.publishedAt }, 0).record,
        ]);
      }
      graphs.push(await reuseGraph(store));
      await store.close();
    }
    expect(graphs[0].edges.length).toBeGreaterThan(0);
    expect(graphs[1]).toEqual(graphs[0]);
  }, 60_000);

  it('run again after it was stopped, goes on from the resume point: every article stored once', async () => {
    const dir = tmp('resume');
    const input = storiesFile(dir, 600);
    const whole = join(dir, 'whole');
    expect((await runCli('corpus', 'ingest', input, '--store', whole)).stdout).toMatch(/600 articles added; 600 in the store/);
    // As a stop after the first 300 documents leaves it: those articles, and the input's resume point.
    const part = join(dir, 'part');
    const store = CorpusStore.open(part);
    const first = readFileSync(input, 'utf8').trim().split('\n').slice(0, 300);
    const records = first.map((l) => {
      const j = JSON.parse(l) as { url: string; title: string; outlet: string; published: string; text: string };
      const r = buildRecord(j.text, { url: j.url, title: j.title, siteName: j.outlet, publishedTime: j.published }, 0).record;
      r.firstSeenAt = r.publishedAt!;
      return r;
    });
    const s = statSync(input);
    await store.addBatch(records, { key: input, point: { docs: 300, done: false, stamp: `${s.size}:${Math.round(s.mtimeMs)}` } });
    await store.close();
    const resumed = await runCli('corpus', 'ingest', input, '--store', part);
    expect(resumed.stdout).toMatch(/: 300 articles added; 600 in the store/);
    // Once read to its end, the input is not read again.
    expect((await runCli('corpus', 'ingest', input, '--store', part)).stdout).toMatch(/0 articles added, 1 input read before; 600 in the store/);
    const [a, b] = [CorpusStore.open(whole), CorpusStore.open(part)];
    const ids = async (st: CorpusStore) => {
      const out: string[] = [];
      for await (const r of st.iterate()) out.push(r.id);
      return out.sort();
    };
    expect(await ids(b)).toEqual(await ids(a));
    await Promise.all([a.close(), b.close()]);
  }, 120_000);

  it('killed mid-ingest and run again, stores every article exactly once', async () => {
    const dir = tmp('kill');
    const input = storiesFile(dir, 8000);
    const store = join(dir, 'store');
    // 1,000 articles per transaction (FIRSTHAND_CORPUS_BATCH; 16,384 by default), so that some are written before the kill.
    const child = spawn(process.execPath, [join(root, 'bin/firsthand.js'), 'corpus', 'ingest', input, '--store', store], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, FIRSTHAND_CORPUS_BATCH: '1000' },
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // Killed once some batches are in the store.
    let stored = 0;
    for (let i = 0; i < 300 && stored < 300 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (!existsSync(join(store, 'data.mdb')) && !existsSync(store)) continue;
      const peek = CorpusStore.open(store);
      stored = await peek.count();
      await peek.close();
    }
    child.kill('SIGKILL');
    await exited;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(8000);
    const again = await runCli('corpus', 'ingest', input, '--store', store);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/; 8000 in the store/);
    const st = CorpusStore.open(store);
    const ids = new Set<string>();
    for await (const r of st.iterate()) ids.add(r.id);
    expect(ids.size).toBe(8000);
    expect(await st.count()).toBe(8000);
    await st.close();
  }, 120_000);

  it('stores the same records in the same order with worker threads as on one thread', async () => {
    const dir = tmp('threads');
    const input = join(dir, 'mixed.jsonl');
    writeFileSync(input, [...ARTICLES.map((a) => seedLine(a.key)), readFileSync(storiesFile(dir, 200), 'utf8').trim()].join('\n') + '\n');
    const stores = [];
    for (const threads of ['1', '2']) {
      const store = join(dir, `store-${threads}`);
      const run = await new Promise<string>((resolveRun, reject) =>
        execFile(
          process.execPath,
          [join(root, 'bin/firsthand.js'), 'corpus', 'ingest', input, '--store', store],
          { cwd: root, env: { ...process.env, FIRSTHAND_CLI_THREADS: threads } },
          (err, stdout) => (err ? reject(err) : resolveRun(stdout)),
        ),
      );
      expect(run).toMatch(new RegExp(`: ${ARTICLES.length + 200} articles added`));
      const st = CorpusStore.open(store);
      const records: ArticleRecord[] = [];
      for await (const r of st.iterate()) records.push({ ...r, firstSeenAt: 0 });
      stores.push(records);
      await st.close();
    }
    expect(stores[1].map((r) => r.id)).toEqual(stores[0].map((r) => r.id));
    expect(stores[1]).toEqual(stores[0]);
  }, 120_000);

  it('refuses a store address it cannot use, a Redis store that does not answer, misplaced options and an empty store, with one clear line each', async () => {
    const dir = tmp('bad');
    const input = storiesFile(dir, 2);
    const http = await runCli('corpus', 'ingest', input, '--store', 'http://127.0.0.1:7000');
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/a store is a folder on this machine or a Redis Cluster/);
    const malformed = await runCli('corpus', 'graph', '--store', 'redis://localhost', '--out', join(dir, 'out'));
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toMatch(/"localhost" is not HOST:PORT/);
    // Port 1 on loopback: nothing listens there.
    const silent = await runCli('corpus', 'graph', '--store', 'redis://127.0.0.1:1', '--out', join(dir, 'out'));
    expect(silent.code).not.toBe(0);
    expect(silent.stderr).toMatch(/redis:\/\/127\.0\.0\.1:1: no Redis Cluster answered/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const workers = await runCli('corpus', 'ingest', input, '--store', join(dir, 'folder'), '--workers', '2');
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/--workers is for a Redis store/);
    expect(existsSync(join(dir, 'folder'))).toBe(false);
    const worker = await runCli('corpus', 'worker', '--store', join(dir, 'folder'));
    expect(worker.code).toBe(2);
    expect(worker.stderr).toMatch(/--store must be a Redis Cluster/);
    const count = await runCli('corpus', 'ingest', input, '--store', 'redis://127.0.0.1:1', '--workers', 'many');
    expect(count.code).toBe(2);
    expect(count.stderr).toMatch(/--workers must be a whole number/);
    const missing = await runCli('corpus', 'graph', '--store', join(dir, 'missing'), '--out', join(dir, 'out'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no store here/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    await CorpusStore.open(join(dir, 'empty')).close();
    const empty = await runCli('corpus', 'graph', '--store', join(dir, 'empty'), '--out', join(dir, 'out'));
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/the store holds no articles/);
    expect(empty.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the graph as CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(0.5)).toBe('0.5');
    expect(edgesCsv([]).trim().split(',')).toHaveLength(11);
  });
});

describe('the report', () => {
  const edge = (o: Partial<ReuseEdge>): ReuseEdge => ({
    original: 'https://wire.example/1',
    originalOutlet: 'Wire',
    originalDate: '2024-05-01T00:00:00.000Z',
    copy: 'https://copy.example/1',
    copyOutlet: 'Copy Daily',
    copyDate: '2024-05-01T02:00:00.000Z',
    verdict: 'copy',
    containment: 1,
    coverage: 0.9,
    credited: false,
    named: true,
    ...o,
  });
  const heads: Record<string, ArticleHead> = {
    'https://wire.example/1': {
      id: 'https://wire.example/1',
      url: 'https://wire.example/1',
      title: '<script>alert(1)</script> Wire story',
      outlet: 'Wire',
      date: Date.UTC(2024, 4, 1),
    },
    'https://copy.example/1': {
      id: 'https://copy.example/1',
      url: 'javascript:alert(1)',
      title: 'Copy "story"',
      outlet: '<b>Copy Daily</b>',
      date: Date.UTC(2024, 4, 1, 2),
    },
  };
  const graph = {
    articles: 2,
    outletArticles: new Map([
      ['Wire', 1],
      ['<b>Copy Daily</b>', 1],
    ]),
    edges: [edge({ copyOutlet: '<b>Copy Daily</b>' })],
    stories: [{ story: 1, size: 2, first: 'https://wire.example/1', articles: ['https://copy.example/1', 'https://wire.example/1'] }],
  };

  it('shows archive strings as escaped, isolated text, links only web addresses, and runs nothing', async () => {
    const html = await reportHtml({ graph, outletArticles: graph.outletArticles, head: async (id) => heads[id], now: Date.UTC(2026, 11, 1) });
    expect(html).not.toMatch(/<script|<b>|javascript:/i);
    expect(html).toContain('<bdi>&#60;b&#62;Copy Daily&#60;/b&#62;</bdi>');
    expect(html).toContain('<a href="https://wire.example/1" rel="noreferrer noopener"><bdi>&#60;script&#62;alert(1)&#60;/script&#62; Wire story</bdi></a>');
    expect(html).toContain("default-src 'none'");
    // The copying outlet ranked with its uncredited reuse, the original with its copy, the story in date order.
    expect(html).toMatch(
      /<th scope="row"><bdi>&#60;b&#62;Copy Daily&#60;\/b&#62;<\/bdi><\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td>/,
    );
    expect(html).toMatch(/Most-copied originals/);
    const story = html.slice(html.indexOf('id="story-1"'));
    expect(story.indexOf('first report')).toBeLessThan(story.indexOf('copy of <bdi>Wire</bdi>, uncredited'));
  });

  it('says so when nothing in the archive derives from anything else', async () => {
    const html = await reportHtml({ graph: { ...graph, edges: [], stories: [] }, outletArticles: graph.outletArticles, head: async (id) => heads[id], now: 0 });
    expect(html).toContain('No article in this archive derives from another.');
    expect(html).not.toContain('Most-copied originals');
  });
});
