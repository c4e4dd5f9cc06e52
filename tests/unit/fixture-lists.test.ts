// The fixture site's list server, which the end-to-end list tests rely on: conditional answers
// (304 for the version the client holds, 200 with new validators once the file changes), the
// request log with headers, and the list variants it switches between.
import { createHash, createPublicKey, verify } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpDate, listLines, listVariants, newKey, notModified, parseList, rawPublicKey, writeList, LIST_COOKIE } from '../fixtures/site/lists.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.close();
});

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET a URL from the site, directly (Host header) or as a proxy is asked (absolute URI). */
function get(url: string, headers: Record<string, string> = {}, asProxy = false): Promise<Got> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: site.port, path: asProxy ? url : u.pathname, headers: { host: u.host, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const PEM_KEY = newKey();
const PEM = PEM_KEY.export({ format: 'pem', type: 'pkcs8' }).toString();

function sampleList(): Buffer {
  const articles = ['a', 'b', 'c'].map((id, i) => ({
    id: `https://wire.example/${id}`,
    url: `https://wire.example/${id}`,
    title: `Story ${i + 1}`,
    sketch: { bands: 'AAAA' },
  }));
  const header = {
    format: 'firsthand-pack',
    version: 2,
    kind: 'list',
    params: {},
    createdAt: '2024-04-01T00:00:00.000Z',
    count: articles.length,
    list: { name: 'Wire originals', publisher: 'Fixture Wire' },
  };
  return writeList(header, articles, PEM_KEY);
}

/** Whether a list's trailer digest is the SHA-256 of the lines before it. */
function digestHolds(bytes: Buffer): boolean {
  const lines = listLines(bytes);
  const body = lines
    .slice(0, -1)
    .map((l) => l + '\n')
    .join('');
  const { trailer } = parseList(bytes);
  return trailer.digest === `sha256:${createHash('sha256').update(body, 'utf8').digest('hex')}`;
}

function signatureHolds(bytes: Buffer, publicKeyB64: string): boolean {
  const { trailer } = parseList(bytes);
  if (!trailer.signature) return false;
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyB64, 'base64')]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return verify(null, Buffer.from(trailer.digest.slice('sha256:'.length), 'hex'), key, Buffer.from(trailer.signature, 'base64'));
}

describe('conditional requests', () => {
  const etag = '"abc-1"';
  const t = Date.parse('2024-04-01T10:00:00Z');

  it('If-None-Match with the current ETag (weak or not, in a list, or *) means not modified', () => {
    expect(notModified({ 'if-none-match': etag }, etag, t)).toBe(true);
    expect(notModified({ 'if-none-match': `W/${etag}` }, etag, t)).toBe(true);
    expect(notModified({ 'if-none-match': `"zzz", ${etag}` }, etag, t)).toBe(true);
    expect(notModified({ 'if-none-match': '*' }, etag, t)).toBe(true);
    expect(notModified({ 'if-none-match': '"older"' }, etag, t)).toBe(false);
  });

  it('If-None-Match decides over If-Modified-Since when both are sent', () => {
    expect(notModified({ 'if-none-match': '"older"', 'if-modified-since': httpDate(t + 5000) }, etag, t)).toBe(false);
  });

  it('If-Modified-Since at or after Last-Modified means not modified; before it, or unparsable, does not', () => {
    expect(notModified({ 'if-modified-since': httpDate(t) }, etag, t)).toBe(true);
    expect(notModified({ 'if-modified-since': httpDate(t + 1000) }, etag, t)).toBe(true);
    expect(notModified({ 'if-modified-since': httpDate(t - 1000) }, etag, t)).toBe(false);
    expect(notModified({ 'if-modified-since': 'yesterday' }, etag, t)).toBe(false);
    expect(notModified({}, etag, t)).toBe(false);
  });
});

describe('the fixture list server', () => {
  it('serves a list with validators, 304 to a client holding it, 200 with new validators once the file changes', async () => {
    const bytes = sampleList();
    site.lists.put('wire', bytes);
    const url = site.listUrl('wire');
    expect(url).toBe(`http://localhost:${site.port}/lists/wire.fhlist`);

    const first = await get(url);
    expect(first.status).toBe(200);
    expect(first.body.equals(bytes)).toBe(true);
    expect(first.headers.etag).toBe(site.lists.etag('wire'));
    expect(first.headers['last-modified']).toBe(site.lists.lastModified('wire'));
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['set-cookie']?.[0]).toContain(LIST_COOKIE);

    const byTag = await get(url, { 'if-none-match': String(first.headers.etag) });
    expect(byTag.status).toBe(304);
    expect(byTag.body.length).toBe(0);
    expect(byTag.headers.etag).toBe(first.headers.etag);
    const byDate = await get(url, { 'if-modified-since': String(first.headers['last-modified']) });
    expect(byDate.status).toBe(304);

    site.lists.put('wire', listVariants(bytes, PEM).newer);
    const changed = await get(url, { 'if-none-match': String(first.headers.etag), 'if-modified-since': String(first.headers['last-modified']) });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(Date.parse(String(changed.headers['last-modified']))).toBeGreaterThan(Date.parse(String(first.headers['last-modified'])));
    expect(parseList(changed.body).header.count).toBe(2);

    const log = site.lists.requestsFor('wire');
    expect(log.map((r) => r.status)).toEqual([200, 304, 304, 200]);
    expect(log[1]?.headers['if-none-match']).toBe(first.headers.etag);
    expect(log[0]?.headers['if-none-match']).toBeUndefined();
    expect(log[0]?.bytes).toBe(bytes.length);
    expect(log[1]?.bytes).toBe(0);
  });

  it('answers proxy-style requests (as Firefox sends them), 404 for an unknown list, and CORS only when asked', async () => {
    site.lists.put('proxied', sampleList());
    const viaProxy = await get(site.listUrl('proxied'), {}, true);
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.headers['access-control-allow-origin']).toBeUndefined();
    site.lists.cors = true;
    expect((await get(site.listUrl('proxied'))).headers['access-control-allow-origin']).toBe('*');
    site.lists.cors = false;
    expect((await get(site.listUrl('missing'))).status).toBe(404);
    site.lists.remove('proxied');
    expect((await get(site.listUrl('proxied'))).status).toBe(404);
    // The rest of the site is unchanged: an article host does not serve lists.
    expect((await get(`http://www.axios.com/lists/wire.fhlist`)).status).toBe(404);
    expect(site.requests.some((r) => r.host === 'localhost' && r.path === '/lists/missing.fhlist' && r.status === 404)).toBe(true);
  });
});

describe('list variants', () => {
  const bytes = sampleList();
  const v = listVariants(bytes, PEM, 'https://wire.example/c');
  const pinned = rawPublicKey(PEM_KEY);

  it('the example as given is whole: its digest holds and its signature verifies with its key', () => {
    expect(digestHolds(bytes)).toBe(true);
    expect(parseList(bytes).trailer.publicKey).toBe(pinned);
    expect(signatureHolds(bytes, pinned)).toBe(true);
  });

  it('the newer edition is later, one article shorter (keeping the one asked for), whole and signed with the same key', () => {
    const n = parseList(v.newer);
    expect(n.header.count).toBe(2);
    expect(n.articles.map((a) => a.id)).toEqual(['https://wire.example/a', 'https://wire.example/c']);
    expect(Date.parse(String(n.header.createdAt))).toBeGreaterThan(Date.parse('2024-04-01T00:00:00Z'));
    expect(digestHolds(v.newer)).toBe(true);
    expect(signatureHolds(v.newer, pinned)).toBe(true);
  });

  it('the tampered copy has an edited title and a digest that no longer matches', () => {
    const t = parseList(v.tampered);
    expect(t.articles[0]?.title).toBe('Story 1 (edited)');
    expect(t.trailer).toEqual(parseList(bytes).trailer);
    expect(digestHolds(v.tampered)).toBe(false);
  });

  it('the other-key copy is whole but signed with a key that is not the pinned one', () => {
    const o = parseList(v.otherKey);
    expect(digestHolds(v.otherKey)).toBe(true);
    expect(o.trailer.publicKey).not.toBe(pinned);
    expect(signatureHolds(v.otherKey, pinned)).toBe(false);
    expect(signatureHolds(v.otherKey, o.trailer.publicKey!)).toBe(true);
  });
});
