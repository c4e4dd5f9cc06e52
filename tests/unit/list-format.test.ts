// The list format's reader and writer (src/lists): what writeList writes readList reads back
// exactly, gzip or not, signed or not; the digest is the SHA-256 of the bytes before the
// trailer; keys are read from PKCS#8 PEM; a refused list stops the source.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildRecord, listedRecord, type PackItem } from '../../src/index/index.ts';
import { generateSigningKey, ListError, readList, signingKeyFromPem, writeList, type ListMeta } from '../../src/lists/index.ts';
import { EXAMPLE_COLLAPSED, EXAMPLE_KEY, EXAMPLE_KEYS, EXAMPLE_LIST, EXAMPLE_META, EXAMPLE_UNSIGNED } from '../fixtures/lists/build-example.ts';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { story } from './cli-run.ts';

const META: ListMeta = { name: 'Test list', publisher: 'Test desk', description: 'Originals', homepage: 'https://desk.example/list', expiresHours: 12 };
const CREATED = new Date('2025-03-01T00:00:00Z');

function items(n: number): PackItem[] {
  return Array.from({ length: n }, (_, i) => ({
    record: buildRecord(
      story(i + 1),
      { url: `https://desk.example/story/${i}`, siteName: 'Desk', title: `Story ${i}`, publishedTime: '2025-02-01T10:00:00Z' },
      1_740_000_000_000,
    ).record,
  }));
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const c of chunks) out.push(c);
  return Buffer.concat(out);
}

const once = (b: Uint8Array): AsyncIterable<Uint8Array> =>
  (async function* () {
    yield b;
  })();

describe('writeList and readList', () => {
  it('read back the listed records, the header and the digest of what was written (gzip)', async () => {
    const its = items(3);
    const file = await bytesOf(writeList(its, META, { createdAt: CREATED }));
    expect([file[0], file[1]]).toEqual([0x1f, 0x8b]);
    const l = await readList(once(file));
    expect(l.header.list).toEqual(META);
    expect(l.header.count).toBe(3);
    expect(l.header.createdAt).toBe(CREATED.toISOString());
    expect(l.items.map((i) => i.record.id)).toEqual(its.map((i) => i.record.id));
    const want = listedRecord(its[1].record);
    const got = l.items[1].record;
    expect(got.sketch).toEqual(want.sketch);
    expect(got.bandKeys).toEqual(want.bandKeys);
    expect([got.signature.length, got.tokens.length, got.lists]).toEqual([0, 0, undefined]);
    expect([got.title, got.outlet, got.publishedAt, got.firstSeenAt, got.wordCount]).toEqual([
      want.title,
      want.outlet,
      want.publishedAt,
      want.firstSeenAt,
      want.wordCount,
    ]);
    // The digest is the SHA-256 of every byte before the trailer line.
    const text = gunzipSync(file).toString('utf8');
    const body = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1);
    expect(l.digest).toBe(`sha256:${createHash('sha256').update(body).digest('hex')}`);
    expect(l.bytes).toBe(file.length);
    expect(l.publicKey).toBeUndefined();
  });

  it('write the same bytes from full records and from already listed ones, and read plain JSON Lines too', async () => {
    const its = items(2);
    const full = await bytesOf(writeList(its, META, { createdAt: CREATED, gzip: false }));
    const listed = await bytesOf(
      writeList(
        its.map((i) => ({ record: listedRecord(i.record) })),
        META,
        { createdAt: CREATED, gzip: false },
      ),
    );
    expect(full.equals(listed)).toBe(true);
    expect(full.toString('utf8').split('\n').filter(Boolean)).toHaveLength(4);
    const articles = full
      .toString('utf8')
      .split('\n')
      .slice(1, 3)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const a of articles) expect(Object.keys(a).filter((k) => ['text', 'tokens', 'signature'].includes(k))).toEqual([]);
    expect((await readList(once(full))).items).toHaveLength(2);
  });

  it('sign with a PEM key: the reader gets the public key, and a key pinned to it is accepted', async () => {
    const { pem, publicKey } = await generateSigningKey();
    const key = await signingKeyFromPem(pem);
    const file = await bytesOf(writeList(items(2), META, key));
    const l = await readList(once(file), { pinnedKey: publicKey });
    expect(l.publicKey).toBe(publicKey);
  });

  it('stream with a count given, and refuse a count that disagrees, duplicate ids and half a key', async () => {
    const its = items(2);
    expect((await readList(once(await bytesOf(writeList(its, META, { count: 2 }))))).items).toHaveLength(2);
    await expect(bytesOf(writeList(its, META, { count: 3 }))).rejects.toThrow('writeList: 2 items, but the count given was 3');
    await expect(bytesOf(writeList([its[0], its[0]], META))).rejects.toThrow(`writeList: two articles with the id ${its[0].record.id}`);
    const { privateKey } = await signingKeyFromPem((await generateSigningKey()).pem);
    await expect(bytesOf(writeList(its, META, { privateKey }))).rejects.toThrow('give both privateKey and publicKey');
    await expect(bytesOf(writeList(its, { name: ' ', publisher: 'x' }))).rejects.toThrow('This list cannot be used: the list: name is empty');
  });

  it("report progress up to the whole list, and refuse a list above the caller's maximum", async () => {
    const file = await bytesOf(writeList(items(3), META));
    const seen: number[] = [];
    await readList(once(file), { onProgress: (p) => seen.push(p.articles) });
    expect(seen.at(-1)).toBe(3);
    await expect(readList(once(file), { maxArticles: 2 })).rejects.toThrow(
      'This list cannot be used: its header says it holds 3 articles, at most 2 are accepted',
    );
  });

  it('read from a ReadableStream, and cancel it when the list is refused', async () => {
    const good = await bytesOf(writeList(items(1), META));
    // The refused one never ends, as a hostile server's download would not.
    const fromStream = (b: Uint8Array, onCancel?: () => void) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(b.slice(0, 10));
          c.enqueue(b.slice(10));
          if (!onCancel) c.close();
        },
        cancel: onCancel,
      });
    expect((await readList(fromStream(new Uint8Array(good)))).items).toHaveLength(1);
    let cancelled = false;
    const bad = new TextEncoder().encode('{"format":"other"}\n');
    await expect(readList(fromStream(bad, () => (cancelled = true)))).rejects.toBeInstanceOf(ListError);
    expect(cancelled).toBe(true);
  });
});

describe('signing keys', () => {
  it('read the committed TEST key (PKCS#8 PEM with a warning above it) and a fresh one', async () => {
    const key = await signingKeyFromPem(readFileSync(EXAMPLE_KEY, 'utf8'));
    expect(Buffer.from(key.publicKey).toString('base64')).toBe('AXQOa2MRzWzwixGH4hCyKBfFFiYcoiWpksVydezn/RA=');
    expect(readFileSync(EXAMPLE_KEY, 'utf8')).toMatch(/^# TEST KEY ONLY/);
    const fresh = await generateSigningKey();
    expect(fresh.pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(Buffer.from((await signingKeyFromPem(fresh.pem)).publicKey).toString('base64')).toBe(fresh.publicKey);
  });

  it('refuse an RSA key, a public key and text that is no key, saying what is expected', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expect(signingKeyFromPem(rsa)).rejects.toThrow(/another kind of key \(RSA, EC\?\) or damaged$/);
    const pub = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await expect(signingKeyFromPem(pub)).rejects.toThrow(/this one holds "PUBLIC KEY"$/);
    await expect(signingKeyFromPem('hello')).rejects.toThrow(/must hold an Ed25519 private key in PKCS#8 PEM/);
  });
});

describe('the example list', () => {
  it('holds the fixture site originals, signed with the TEST key, the Axios copy collapsed onto its original', async () => {
    const l = await readList(once(readFileSync(EXAMPLE_LIST)), { pinnedKey: 'AXQOa2MRzWzwixGH4hCyKBfFFiYcoiWpksVydezn/RA=' });
    expect(l.header.list).toEqual({ ...EXAMPLE_META, expiresHours: 24 });
    expect(l.items).toHaveLength(EXAMPLE_KEYS.length);
    const urls = l.items.map((i) => i.record.url);
    expect(urls).toContain(articleUrl(articleByKey('001')));
    expect(urls).not.toContain(articleUrl(articleByKey(EXAMPLE_COLLAPSED)));
    expect(l.bytes / l.items.length).toBeLessThanOrEqual(1024);
    const unsigned = await readList(once(readFileSync(EXAMPLE_UNSIGNED)));
    expect(unsigned.publicKey).toBeUndefined();
    expect(unsigned.items.map((i) => i.record.id)).toEqual(l.items.map((i) => i.record.id));
  });
});
