// The worker's side of reuse lists: subscribing, conditional updates, failures that keep the
// previous copy whole, the sweep, and naming the lists that carry a check's matches.
import { describe, expect, it } from 'vitest';
import { buildRecord, checkArticle, listedRecord, MemoryStore, type ArticleRecord, type CheckResult } from '../../src/index/index.ts';
import { listRequestInit, nameListed, subscribeList, sweepLists, updateList, withListed, type ListedRecords } from '../../src/background/lists.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import { isListInfo, isMatchSummary, REPLY_CHECKS } from '../../src/protocol/replies.ts';
import { listUrlProblem, validateMessage } from '../../src/protocol/validate.ts';
import { listIdForUrl, nextUpdateAfter, readLists, type ListContentLike, type ListReader } from '../../src/storage/lists.ts';
import { storedIds, syntheticArticle, testServices } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';

const NOW = 1_750_000_000_000;
const URL_A = 'https://lists.example/wire.jsonl.gz';
const listed = (n: number): ArticleRecord => listedRecord(syntheticArticle(n, 1000).record);

function content(records: ArticleRecord[], digest: string, extra: Partial<ListContentLike> = {}, expiresHours: number | undefined = 12): ListContentLike {
  const list =
    expiresHours === undefined ? { name: 'Wire originals', publisher: 'Media Watch' } : { name: 'Wire originals', publisher: 'Media Watch', expiresHours };
  return { header: { list }, items: records.map((record) => ({ record })), digest: `sha256:${digest}`, bytes: 999, ...extra };
}

/** A reader that drains the stream (as the real one does) and gives the next prepared copy, or throws. */
function readerOf(copies: (ListContentLike | Error)[]): ListReader & { calls: { pinnedKey?: string; bytes: number }[] } {
  const calls: { pinnedKey?: string; bytes: number }[] = [];
  const read = (async (source, opts) => {
    let bytes = 0;
    const next = copies.shift();
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      // A refusal part-way through the stream, as a tampered list would be refused.
      if (next instanceof Error) break;
    }
    calls.push({ pinnedKey: opts?.pinnedKey, bytes });
    if (!next) throw new Error('no copy prepared');
    if (next instanceof Error) throw next;
    return next;
  }) as ListReader & { calls: typeof calls };
  read.calls = calls;
  return read;
}

class ListError extends Error {
  override name = 'ListError';
}

interface Call {
  url: string;
  init: RequestInit;
}

function fetchOf(responses: (() => Response | Promise<Response>)[]): typeof fetch & { calls: Call[] } {
  const calls: Call[] = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('no response prepared');
    return next();
  }) as unknown as typeof fetch & { calls: Call[] };
  f.calls = calls;
  return f;
}

/** A 200 with a 5,000-byte body in five chunks, and validators. */
const listBody =
  (headers: Record<string, string> = {}) =>
  () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 5) controller.enqueue(new Uint8Array(1000));
        else controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { ETag: '"v1"', 'Last-Modified': 'Mon, 02 Jun 2025 10:00:00 GMT', ...headers } });
  };

async function articleIds(s: ReturnType<typeof testServices>['s']): Promise<string[]> {
  return storedIds(s.conn);
}

describe('list addresses', () => {
  it.each([
    ['https://lists.example/a.gz', null],
    ['http://localhost:8080/a.gz', null],
    ['http://127.0.0.1/a', null],
    ['http://lists.example/a.gz', /https/],
    ['ftp://lists.example/a', /https/],
    ['https://user:pw@lists.example/a', /password/],
    ['not a url', /not a web address/],
  ])('%s', (url, problem) => {
    const got = listUrlProblem(url);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });

  it('are checked in the subscribe message; list ids in the others', () => {
    expect(validateMessage({ type: 'ui/list-subscribe', url: 'https://a.example/l' }).ok).toBe(true);
    expect(validateMessage({ type: 'ui/list-subscribe', url: 'http://a.example/l' }).ok).toBe(false);
    expect(validateMessage({ type: 'ui/list-update', id: 'u0123456789abcdef' }).ok).toBe(true);
    expect(validateMessage({ type: 'ui/list-remove', id: '../x' }).ok).toBe(false);
    expect(validateMessage({ type: 'ui/lists' }).ok).toBe(true);
    expect(validateMessage({ type: 'ui/lists-sweep', all: true }).ok).toBe(false);
    expect(validateMessage({ type: 'ui/lists-sweep', all: true }, { withTestMessages: true }).ok).toBe(true);
  });
});

describe('the update interval', () => {
  it("is the list's hint bounded to 1 hour .. 7 days, 24 hours without one", () => {
    expect(nextUpdateAfter(0, 0.1)).toBe(3_600_000);
    expect(nextUpdateAfter(0, 1000)).toBe(7 * 24 * 3_600_000);
    expect(nextUpdateAfter(0, undefined)).toBe(24 * 3_600_000);
    expect(nextUpdateAfter(0, 6)).toBe(6 * 3_600_000);
  });
});

describe('subscribing and updating', () => {
  it('downloads with no cookies, no referrer and no cache, installs the list, and keeps its validators', async () => {
    const fetch = fetchOf([listBody()]);
    const read = readerOf([content([listed(1), listed(2)], 'aa'.repeat(32), { publicKey: 'KEY' })]);
    const { s } = testServices({ now: () => NOW, fetch, readList: read });
    const info = await subscribeList(s, URL_A);
    expect(fetch.calls).toHaveLength(1);
    const { url, init } = fetch.calls[0];
    expect(url).toBe(URL_A);
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
    expect(init.headers).not.toHaveProperty('If-None-Match');
    expect(init.headers).not.toHaveProperty('If-Modified-Since');
    expect(read.calls).toEqual([{ pinnedKey: undefined, bytes: 5000 }]);
    expect(isListInfo(info)).toBe(true);
    expect(info).toMatchObject({ id: listIdForUrl(URL_A), source: { url: URL_A }, articles: 2, publicKey: 'KEY', nextUpdate: NOW + 12 * 3_600_000 });
    expect(info).not.toHaveProperty('etag');
    const stored = (await readLists(s.conn))[0];
    expect(stored.etag).toBe('"v1"');
    expect(stored.lastModified).toBe('Mon, 02 Jun 2025 10:00:00 GMT');
    expect(await articleIds(s)).toEqual([listed(1).id, listed(2).id].sort());
    expect(await uiHandlers(s)['ui/lists']({ type: 'ui/lists' }, { kind: 'ui' })).toEqual([info]);
  });

  it('asks again with If-None-Match and If-Modified-Since and the pinned key; a 304 changes only when it was checked and is next due', async () => {
    let now = NOW;
    const fetch = fetchOf([listBody(), () => new Response(null, { status: 304 })]);
    const read = readerOf([content([listed(1)], 'aa'.repeat(32), { publicKey: 'KEY' })]);
    const { s } = testServices({ now: () => now, fetch, readList: read });
    const first = await subscribeList(s, URL_A);
    now += 5 * 3_600_000;
    const second = await updateList(s, first.id);
    const headers = fetch.calls[1].init.headers as Record<string, string>;
    expect(headers['If-None-Match']).toBe('"v1"');
    expect(headers['If-Modified-Since']).toBe('Mon, 02 Jun 2025 10:00:00 GMT');
    expect(fetch.calls[1].init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
    expect(read.calls).toHaveLength(1);
    expect(second).toEqual({ ...first, checkedAt: now, nextUpdate: now + 12 * 3_600_000 });
    expect(await articleIds(s)).toEqual([listed(1).id]);
  });

  it('a new copy replaces the old one, read against the key pinned at subscription', async () => {
    let now = NOW;
    const fetch = fetchOf([listBody(), listBody({ ETag: '"v2"' })]);
    const read = readerOf([
      content([listed(1), listed(2)], 'aa'.repeat(32), { publicKey: 'KEY' }),
      content([listed(2), listed(3)], 'bb'.repeat(32), { publicKey: 'KEY' }),
    ]);
    const { s } = testServices({ now: () => now, fetch, readList: read });
    const first = await subscribeList(s, URL_A);
    now += 1000;
    const second = await updateList(s, first.id);
    expect(read.calls[1].pinnedKey).toBe('KEY');
    expect(second).toMatchObject({ digest: 'bb'.repeat(32), addedAt: NOW, updatedAt: now });
    expect(second.lastError).toBeUndefined();
    expect(await articleIds(s)).toEqual([listed(2).id, listed(3).id].sort());
    expect((await readLists(s.conn))[0].etag).toBe('"v2"');
  });

  it('a copy refused part-way through its stream keeps the previous copy whole and says why', async () => {
    let now = NOW;
    const fetch = fetchOf([listBody(), listBody({ ETag: '"v2"' })]);
    const read = readerOf([
      content([listed(1), listed(2)], 'aa'.repeat(32)),
      new ListError('This list cannot be used: its signature does not match the key pinned when you subscribed'),
    ]);
    const { s } = testServices({ now: () => now, fetch, readList: read });
    const first = await subscribeList(s, URL_A);
    const postings = await (await s.conn.get()).getAll('postings');
    now += 1000;
    const after = await updateList(s, first.id);
    expect(read.calls[1].bytes).toBeLessThan(5000);
    expect(after.lastError).toBe(
      'Update failed, the previous copy is kept: This list cannot be used: its signature does not match the key pinned when you subscribed',
    );
    expect(after).toMatchObject({ digest: first.digest, updatedAt: first.updatedAt, checkedAt: now, nextUpdate: now + 3_600_000, articles: 2 });
    expect(await articleIds(s)).toEqual([listed(1).id, listed(2).id].sort());
    expect(await (await s.conn.get()).getAll('postings')).toEqual(postings);
    expect((await readLists(s.conn))[0].etag).toBe('"v1"');
  });

  it('an HTTP error or a refused connection keeps the copy and tells the reader what to do', async () => {
    const fetch = fetchOf([
      listBody(),
      () => new Response('gone', { status: 404, statusText: 'Not Found' }),
      () => Promise.reject(new TypeError('Failed to fetch')),
    ]);
    const read = readerOf([content([listed(1)], 'aa'.repeat(32))]);
    const { s } = testServices({ now: () => NOW, fetch, readList: read, origins: [] });
    const first = await subscribeList(s, URL_A);
    const notFound = await updateList(s, first.id);
    expect(notFound.lastError).toMatch(/answered 404 Not Found.*moved/);
    const refused = await updateList(s, first.id);
    expect(refused.lastError).toMatch(/may not read https:\/\/lists\.example.*allow access to https:\/\/lists\.example/);
    expect(await articleIds(s)).toEqual([listed(1).id]);
  });

  it('a failed subscription stores nothing and says why', async () => {
    const fetch = fetchOf([() => new Response('no', { status: 500, statusText: 'Server Error' })]);
    const { s } = testServices({ now: () => NOW, fetch, origins: ['https://lists.example'] });
    await expect(subscribeList(s, URL_A)).rejects.toThrow(/^The list was not added: The server answered 500 Server Error/);
    await expect(subscribeList(s, 'http://lists.example/x')).rejects.toThrow(/https/);
    expect(await readLists(s.conn)).toEqual([]);
    expect(fetch.calls).toHaveLength(1);
  });

  it('refuses a list larger than it may be before reading it', async () => {
    const fetch = fetchOf([listBody(), () => new Response(new Uint8Array(10), { status: 200, headers: { 'Content-Length': String(2e9) } })]);
    const read = readerOf([content([listed(1)], 'aa'.repeat(32))]);
    const { s } = testServices({ now: () => NOW, fetch, readList: read });
    const first = await subscribeList(s, URL_A);
    const after = await updateList(s, first.id);
    expect(after.lastError).toMatch(/2000 MB, more than/);
    expect(read.calls).toHaveLength(1);
  });

  it('the sweep updates only the lists that are due (the alarm), or all of them when asked', async () => {
    let now = NOW;
    const fetch = fetchOf([listBody(), () => new Response(null, { status: 304 }), () => new Response(null, { status: 304 })]);
    const read = readerOf([content([listed(1)], 'aa'.repeat(32))]);
    const { s } = testServices({ now: () => now, fetch, readList: read });
    await subscribeList(s, URL_A);
    now += 3_600_000;
    await sweepLists(s);
    expect(fetch.calls).toHaveLength(1);
    now += 12 * 3_600_000;
    const [after] = await sweepLists(s);
    expect(fetch.calls).toHaveLength(2);
    expect(after.checkedAt).toBe(now);
    await sweepLists(s, true);
    expect(fetch.calls).toHaveLength(3);
  });

  it('with no list, the sweep makes no request', async () => {
    const fetch = fetchOf([]);
    const { s } = testServices({ now: () => NOW, fetch });
    expect(await sweepLists(s, true)).toEqual([]);
    expect(fetch.calls).toHaveLength(0);
  });

  it('tells the pages how far an install has come', async () => {
    const fetch = fetchOf([listBody()]);
    const { s, rec } = testServices({ now: () => NOW, fetch, readList: readerOf([content([listed(1)], 'aa'.repeat(32))]) });
    await subscribeList(s, URL_A);
    expect(rec.progress.at(-1)).toEqual({ type: 'lists/progress', id: listIdForUrl(URL_A), url: URL_A, phase: 'done', done: 1, total: 1 });
  });
});

describe('a check against listed articles', () => {
  it('retrieves a listed original for a copy and names its list and publisher', async () => {
    const text = seed('001');
    const original = buildRecord(text, { ...SEED_META['001'], url: 'https://www.axios.com/original' }, 1000).record;
    const fetch = fetchOf([listBody()]);
    const { s } = testServices({ now: () => NOW, fetch, readList: readerOf([content([listedRecord(original)], 'aa'.repeat(32))]) });
    const info = await subscribeList(s, URL_A);

    const copy = buildRecord(text, { url: 'https://copier.example/story', title: 'Copied', siteName: 'Copier' }, NOW);
    // Retrieval: the copy's own keys find the listed original in the database, text-free and listed.
    const hits = await s.store.candidates([...copy.record.bandKeys]);
    const found = await s.store.fetch(hits.map((h) => h.ref));
    const hit = found.find((r) => r.id === original.id)!;
    expect(hit.sketch).toBeDefined();
    expect(hit.lists).toEqual([info.id]);
    // Naming: a result that matches it (here made against the full original) gets the list's name.
    const mem = new MemoryStore();
    await mem.put(original);
    const result = await checkArticle(mem, copy);
    expect(result.original?.id).toBe(original.id);
    const seen: ListedRecords = { lists: new Map([[hit.id, hit.lists!]]), textFree: new Set([hit.id]) };
    const named = await nameListed(s, result, seen);
    expect(named.original?.listed).toEqual([{ list: 'Wire originals', publisher: 'Media Watch', source: URL_A }]);
    expect(named.original?.textFree).toBe(true);
    expect(named.matches.find((m) => m.id === original.id)?.listed).toHaveLength(1);
    expect(isMatchSummary(named.original)).toBe(true);
    expect(isMatchSummary({ ...named.original, listed: [{ list: 1 }] })).toBe(false);
  });

  it('compares a page with a listed original from the page alone: its shared passages, the list named, no text of the original', async () => {
    const text = seed('001');
    const original = buildRecord(text, { ...SEED_META['001'], url: 'https://www.axios.com/original' }, 1000).record;
    const { s } = testServices({ now: () => NOW, fetch: fetchOf([listBody()]), readList: readerOf([content([listedRecord(original)], 'bb'.repeat(32))]) });
    await subscribeList(s, URL_A);
    const pageText = seed('002');
    const page = buildRecord(pageText, { url: 'https://copier.example/story', title: 'Copied', siteName: 'Copier' }, NOW).record;
    await s.writer.putArticle(page, pageText);
    const view = await uiHandlers(s)['ui/compare']({ type: 'ui/compare', pageId: page.id, originalId: original.id }, { kind: 'ui' });
    expect(REPLY_CHECKS['ui/compare'](view)).toBe(true);
    expect(view.original.textFree).toBe(true);
    expect(view.original.text).toBe('');
    expect(view.original.listed).toEqual([{ list: 'Wire originals', publisher: 'Media Watch', source: URL_A }]);
    expect(view.comparison.containment).toBeGreaterThan(0.2);
    expect(view.comparison.passages.length).toBeGreaterThan(0);
    for (const p of view.comparison.passages) {
      expect(p.originalChars).toBeUndefined();
      const [a, b] = p.candidateChars!;
      // Each passage is a stretch of this page that occurs in the Axios report word for word.
      expect(text.replace(/\s+/g, ' ')).toContain(pageText.slice(a, b).replace(/\s+/g, ' ').split(' ').slice(1, 4).join(' '));
    }
  });

  it('leaves a result untouched when nothing it matched is listed', () => {
    const result: CheckResult = { verdict: 'unrelated', score: 0, credited: false, credits: [], matches: [], evidence: [] };
    expect(withListed(result, { lists: new Map(), textFree: new Set() }, new Map())).toBe(result);
  });
});

describe('the request of a list', () => {
  it('sends no validators it does not have', () => {
    expect(listRequestInit()).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', method: 'GET' });
    expect(listRequestInit({ etag: 'x' }).headers).toMatchObject({ 'If-None-Match': 'x' });
    expect(listRequestInit({ etag: 'x' }).headers).not.toHaveProperty('If-Modified-Since');
  });
});
