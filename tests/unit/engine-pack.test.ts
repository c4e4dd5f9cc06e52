import { describe, expect, it } from 'vitest';
import { buildRecord, DEFAULT_PARAMS, encodePack, MemoryStore, PACK_VERSION, PackError, parsePack } from '../../src/index/index.ts';
import { decodeU32, encodeU32 } from '../../src/index/base64.ts';
import { SEED_META, seed } from './helpers.ts';

const items = ['001', '002'].map((n, i) => ({ record: buildRecord(seed(n), SEED_META[n], 1000 + i).record, text: seed(n) }));
const good = () => JSON.parse(encodePack(items));
const refuse = (doc: unknown, msg: RegExp) => expect(() => parsePack(typeof doc === 'string' ? doc : JSON.stringify(doc))).toThrow(msg);

describe('pack format', () => {
  it('round-trips records and texts exactly', () => {
    const back = parsePack(encodePack(items));
    expect(back.items).toHaveLength(2);
    expect(back.items[0].record).toEqual(items[0].record);
    expect(back.items[1].text).toBe(items[1].text);
  });

  it('base64 of 32-bit values round-trips every length', () => {
    for (let n = 0; n < 9; n++) {
      const a = Uint32Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 0);
      expect(Array.from(decodeU32(encodeU32(a))!)).toEqual(Array.from(a));
    }
    expect(decodeU32('abc')).toBeUndefined();
    expect(decodeU32('ab$d')).toBeUndefined();
  });

  it('refuses broken or foreign files with a message saying what and where', () => {
    refuse('', /empty/);
    refuse('{"format":', /not valid JSON/);
    refuse({ format: 'other' }, /format/);
    refuse({ ...good(), version: PACK_VERSION + 1 }, /newer Firsthand/);
    refuse({ ...good(), params: { ...DEFAULT_PARAMS, numPerm: 128 } }, /other signature parameters \(256 vs 128 permutations/);
    refuse({ ...good(), params: { ...DEFAULT_PARAMS, tokenizer: 99 } }, /tokenizer v1 vs v99/);
    const dup = good();
    dup.articles.push(dup.articles[0]);
    refuse(dup, /article 3: duplicate id, the same as article 1/);
    const bad = good();
    bad.articles[1].signature = 'AAAA';
    refuse(bad, /article 2: signature must be base64 of 256/);
    const js = good();
    js.articles[0].url = 'javascript:alert(1)';
    refuse(js, /article 1: url must be an http\(s\) or file URL/);
    const nan = good();
    nan.articles[0].firstSeenAt = -5;
    refuse(nan, /article 1: firstSeenAt must be a time/);
    const long = good();
    long.articles[0].title = 'x'.repeat(10_000_000);
    refuse(long, /article 1: title is 10000000 characters long/);
    const missing = good();
    delete missing.articles[0].tokens;
    refuse(missing, /article 1: tokens is missing/);
  });

  it('throws PackError, never another error type', () => {
    for (const text of ['null', '[]', '1', '{"format":"firsthand-pack","version":1,"params":{},"articles":{}}', '{"__proto__":{"x":1}}']) {
      expect(() => parsePack(text)).toThrow(PackError);
    }
  });

  it('a parsed pack fills a store that finds the same candidates', async () => {
    const store = new MemoryStore();
    for (const it of parsePack(encodePack(items)).items) await store.put(it.record);
    expect(await store.count()).toBe(2);
    const copy = buildRecord(seed('002'), SEED_META['002'], 5);
    expect((await store.candidates(copy.record.bandKeys)).map((h) => h.ref)).toContain(items[0].record.id);
  });
});
