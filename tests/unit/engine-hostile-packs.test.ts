// Every hostile pack of tests/fixtures/hostile-packs against the engine's pack reader: refused
// whole with a PackError that says what is wrong and where, or (for the few harmless ones) read
// exactly like the clean pack. The committed files are checked against their generator.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackError, parsePack } from '../../src/index/index.ts';
import { CASES } from '../fixtures/hostile-packs/cases.ts';
import { fileName, HOSTILE_DIR } from '../fixtures/hostile-packs/generate.ts';

/** The file's bytes as text, byte-order mark kept (the extension's Blob.text() drops it; parsePack must cope either way). */
const asText = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const bytesOf = (c: (typeof CASES)[number]): Uint8Array => (c.large ? c.bytes() : new Uint8Array(readFileSync(join(HOSTILE_DIR, fileName(c)))));

describe('hostile packs', () => {
  it('cover at least 25 refused and some accepted files; the small ones are committed as generated', () => {
    expect(CASES.filter((c) => c.refused).length).toBeGreaterThanOrEqual(25);
    expect(CASES.filter((c) => c.reference).length).toBeGreaterThanOrEqual(5);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(Boolean(c.refused) !== Boolean(c.reference), c.name).toBe(true);
      if (c.large) continue;
      const file = join(HOSTILE_DIR, fileName(c));
      expect(existsSync(file), `${file} (run: npx tsx tests/fixtures/hostile-packs/generate.ts)`).toBe(true);
      expect(Buffer.from(readFileSync(file)).equals(Buffer.from(c.bytes())), `${file} is stale`).toBe(true);
    }
  });

  for (const c of CASES.filter((x) => x.refused)) {
    it(`refuses ${c.name}: ${c.tries}`, () => {
      const text = asText(bytesOf(c));
      let error: unknown;
      try {
        parsePack(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PackError);
      const message = (error as PackError).message;
      expect(message).toMatch(c.refused!);
      // One readable sentence: no stack, no newline, bounded even when the file is 10 MB.
      expect(message).not.toMatch(/\n|\bat .*\.ts:\d+/);
      expect(message.length).toBeLessThan(300);
    });
  }

  for (const c of CASES.filter((x) => x.reference)) {
    it(`reads ${c.name} like the clean pack: ${c.tries}`, () => {
      const got = parsePack(asText(bytesOf(c)));
      const want = parsePack(c.reference!());
      expect(got.items).toEqual(want.items);
      expect(got.items.length).toBeGreaterThan(0);
      // Nothing reached Object.prototype, and no record gained a prototype of the file's making.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      for (const it of got.items) {
        expect(Object.getPrototypeOf(it.record)).toBe(Object.prototype);
        expect(Object.keys(it.record)).not.toContain('__proto__');
        for (const cr of it.record.credits) expect(Object.getPrototypeOf(cr)).toBe(Object.prototype);
      }
    });
  }

  it('keeps markup as the literal text it is', () => {
    const c = CASES.find((x) => x.name === '83-markup-fields')!;
    const [first] = parsePack(asText(bytesOf(c))).items;
    expect(first.record.title).toBe('<img src=x onerror="alert(document.domain)"><script>alert(1)</script>');
    expect(first.record.url).toBe('https://evil.example/"><script>alert(1)</script>');
  });
});
