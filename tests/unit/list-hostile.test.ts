// Every hostile list of tests/fixtures/hostile-lists against readList: refused whole with the
// exact message, nothing returned, and for the large ones the reading stopped early; the harmless
// ones read exactly like the clean base list. The committed files are checked against their generator.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListError, readList, type ListContent } from '../../src/lists/index.ts';
import { baseLines, listBytes } from '../fixtures/hostile-lists/base.ts';
import { LIST_CASES, type HostileList } from '../fixtures/hostile-lists/cases.ts';
import { HOSTILE_LISTS_DIR, listFileName } from '../fixtures/hostile-lists/generate.ts';

const bytesOf = async (c: HostileList): Promise<Uint8Array> => (c.large ? c.bytes() : new Uint8Array(readFileSync(join(HOSTILE_LISTS_DIR, listFileName(c)))));

/** The bytes as a source that hands them out in 16 KB pieces and counts what was taken. */
function pieces(bytes: Uint8Array): { source: AsyncIterable<Uint8Array>; taken: () => number } {
  let taken = 0;
  return {
    source: (async function* () {
      for (let i = 0; i < bytes.length; i += 16_384) {
        const piece = bytes.slice(i, i + 16_384);
        taken += piece.length;
        yield piece;
      }
    })(),
    taken: () => taken,
  };
}

async function outcome(c: HostileList, bytes: Uint8Array): Promise<{ value?: ListContent; error?: unknown; taken: number }> {
  const { source, taken } = pieces(bytes);
  const pinnedKey = c.pinned ? await c.pinned() : undefined;
  try {
    return { value: await readList(source, pinnedKey ? { pinnedKey } : {}), taken: taken() };
  } catch (error) {
    return { error, taken: taken() };
  }
}

describe('hostile lists', () => {
  it('cover the refusals the format promises, and the small ones are committed as generated', async () => {
    expect(LIST_CASES.filter((c) => c.refused).length).toBeGreaterThanOrEqual(50);
    expect(new Set(LIST_CASES.map((c) => c.name)).size).toBe(LIST_CASES.length);
    for (const c of LIST_CASES) {
      expect(Boolean(c.refused) !== Boolean(c.accepted), c.name).toBe(true);
      if (c.large) continue;
      const file = join(HOSTILE_LISTS_DIR, listFileName(c));
      expect(existsSync(file), `${file} (run: npx tsx tests/fixtures/hostile-lists/generate.ts)`).toBe(true);
      expect(Buffer.from(readFileSync(file)).equals(Buffer.from(await c.bytes())), `${file} is stale`).toBe(true);
    }
  });

  for (const c of LIST_CASES.filter((x) => x.refused)) {
    it(`refuses ${c.name}: ${c.tries}`, { timeout: 60_000 }, async () => {
      const bytes = await bytesOf(c);
      const { value, error, taken } = await outcome(c, bytes);
      expect(value).toBeUndefined();
      expect(error).toBeInstanceOf(ListError);
      expect((error as ListError).message).toBe(c.refused);
      if (c.large) expect(taken, 'the reading stops at the bound, long before the end').toBeLessThan(bytes.length / 4);
    });
  }

  it('reads the clean base list', async () => {
    const l = await readList(pieces(await listBytes(baseLines())).source);
    expect(l.items.map((i) => i.record.title)).toEqual(['Harbour authority approves night ferry trial', 'Library reopens reading room after roof repairs']);
    expect(l.publicKey).toBeUndefined();
  });

  for (const c of LIST_CASES.filter((x) => x.accepted)) {
    it(`reads ${c.name} like the clean list: ${c.tries}`, async () => {
      const clean = await readList(pieces(await listBytes(baseLines())).source);
      const { value, error } = await outcome(c, await bytesOf(c));
      expect(error).toBeUndefined();
      expect(value!.items).toEqual(clean.items);
      expect(value!.header.list).toEqual(clean.header.list);
      expect(Object.prototype.hasOwnProperty.call({}, 'polluted')).toBe(false);
    });
  }
});
