// The pack reader for files too large for one string: it must read every pack exactly as
// parsePack reads it, wherever the pieces are cut, and refuse every file parsePack refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRecord, encodePack, PackError, parsePack, parsePackChunks, type PackItem } from '../../src/index/index.ts';
import { CASES } from '../fixtures/hostile-packs/cases.ts';
import { fileName, HOSTILE_DIR } from '../fixtures/hostile-packs/generate.ts';
import { SEED_META, seed } from './helpers.ts';

async function* pieces(text: string, cuts: number[]): AsyncIterable<string> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= text.length) continue;
    yield text.slice(at, cut);
    at = cut;
  }
  yield text.slice(at);
}

const every = (size: number) => (text: string) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => i * size);

async function outcome(read: () => Promise<unknown> | unknown): Promise<{ ok: unknown } | { error: string }> {
  try {
    return { ok: await read() };
  } catch (e) {
    expect(e).toBeInstanceOf(PackError);
    return { error: (e as Error).message };
  }
}

function items(): PackItem[] {
  const out: PackItem[] = [];
  for (const id of ['000', '001', '002', '003', '004']) {
    const { record } = buildRecord(seed(id), SEED_META[id], 1000 + Number(id));
    out.push({ record, text: seed(id) });
  }
  // Text that looks like JSON structure, escapes and characters outside the BMP.
  const odd = 'Braces } { and ] [ inside "quotes", a backslash \\ , a tab\t, emoji 😀 and CJK 東京 text. '.repeat(20);
  out.push({ record: { ...buildRecord(odd, { url: 'https://odd.example/a"}]' }, 7).record }, text: odd });
  out.push({ record: buildRecord('A record without its text, about a council vote on housing.', { url: 'https://odd.example/b' }, 8).record });
  return out;
}

describe('pack reader in pieces', () => {
  const text = encodePack(items());
  const want = parsePack(text);

  for (const size of [1, 3, 64, 4096, text.length]) {
    it(`reads a pack cut every ${size} characters exactly as parsePack does`, async () => {
      const got = await parsePackChunks(pieces(text, every(size)(text)));
      expect(got.items).toEqual(want.items);
    });
  }

  it('reads it the same wherever the cuts fall (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 40 }), async (cuts) => {
        const got = await parsePackChunks(pieces(text, cuts));
        expect(got.items).toEqual(want.items);
      }),
      { numRuns: 60 },
    );
  });

  it('reads pretty-printed packs, an empty list, and members in any order', async () => {
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    expect((await parsePackChunks(pieces(pretty, every(17)(pretty)))).items).toEqual(want.items);
    const doc = JSON.parse(text) as Record<string, unknown>;
    const reordered = JSON.stringify({ articles: doc.articles, count: doc.count, params: doc.params, version: doc.version, format: doc.format });
    expect((await parsePackChunks(pieces(reordered, every(100)(reordered)))).items).toEqual(want.items);
    const empty = encodePack([]);
    expect((await parsePackChunks(pieces(empty, [5]))).items).toEqual([]);
  });

  it('refuses a pack cut short, with a trailing comma, or with garbage between articles', async () => {
    await expect(parsePackChunks(pieces(text.slice(0, text.length - 100), [1000]))).rejects.toThrow(/ends early/);
    const trailing = text.replace(/\]\}$/, ',]}');
    await expect(parsePackChunks(pieces(trailing, [50]))).rejects.toThrow(PackError);
    const garbage = text.replace('},{"id"', '} x {"id"');
    await expect(parsePackChunks(pieces(garbage, [50]))).rejects.toThrow(PackError);
    await expect(parsePackChunks(pieces('   ', []))).rejects.toThrow('the file is empty');
  });

  describe('every hostile pack: refused when parsePack refuses it, read the same when parsePack reads it', () => {
    for (const c of CASES.filter((x) => !x.large)) {
      it(c.name, async () => {
        const file = new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(join(HOSTILE_DIR, fileName(c))));
        const whole = await outcome(() => parsePack(file));
        const streamed = await outcome(() => parsePackChunks(pieces(file, every(257)(file))));
        if ('ok' in whole) expect(streamed).toEqual(whole);
        else {
          expect('error' in streamed, `${c.name} was read in pieces`).toBe(true);
          const message = (streamed as { error: string }).error;
          expect(message).not.toMatch(/\n/);
          expect(message.length).toBeLessThan(300);
          // The same words, except where a syntax error is located (by article, not by line).
          if (!/not valid JSON/.test(whole.error)) expect(message).toBe(whole.error);
        }
      });
    }
  });
});
