// Every hostile pack through the worker's own import path (the router, its message checks and the
// ui/import handler, on fake IndexedDB), with an export taken before and after: a refused file
// leaves the index exactly as it was; an accepted one changes it exactly as its clean pack does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageHandlers } from '../../src/background/page.ts';
import { ribbonHandlers } from '../../src/background/ribbon-prefs.ts';
import { route, type Handlers, type SenderInfo } from '../../src/background/router.ts';
import type { Services } from '../../src/background/services.ts';
import { testUiHandlers } from '../../src/background/test-handlers.ts';
import { libraryHandlers } from '../../src/background/library.ts';
import { uiHandlers } from '../../src/background/ui.ts';
import { viewHandlers } from '../../src/background/views.ts';
import { CASES, type HostileCase } from '../fixtures/hostile-packs/cases.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileName, HOSTILE_DIR } from '../fixtures/hostile-packs/generate.ts';
import { BASE_URL, syntheticArticle, testServices } from './background-fixtures.ts';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const self = { id: EXT_ID, baseUrl: BASE_URL };
/** The popup, as Chrome reports it to the worker. */
const popup: SenderInfo = { id: EXT_ID, url: `${BASE_URL}src/popup/popup.html`, origin: BASE_URL.slice(0, -1) };

function handlersOf(s: Services): Handlers {
  return {
    ...pageHandlers(s),
    ...uiHandlers(s),
    ...ribbonHandlers(s),
    ...viewHandlers(s),
    ...libraryHandlers(s),
    'page/html': () => Promise.reject(new Error('not sent in these tests')),
  };
}

/** An index of three articles read by the reader, the same every time it is built. */
async function readerIndex(): Promise<{ s: Services; ask: (msg: unknown) => Promise<{ ok: boolean; value?: unknown; error?: string }> }> {
  const { s } = testServices({ now: () => 1_750_000_000_000 });
  for (let n = 1; n <= 3; n++) {
    const a = syntheticArticle(n, 1_700_000_000_000 + n * 1000);
    await s.writer.putArticle(a.record, a.text, a.meta);
  }
  const handlers = handlersOf(s);
  // A test build's router: ui/export and ui/import are known, as in the end-to-end tests.
  const testHandlers = testUiHandlers(s);
  const warn = () => {};
  return { s, ask: (msg) => route(msg, popup, { self, handlers, testHandlers, warn }) as Promise<{ ok: boolean; value?: unknown; error?: string }> };
}

/** The index as an export shows it; the export's own time stamp aside. */
async function exported(ask: (msg: unknown) => Promise<{ ok: boolean; value?: unknown }>): Promise<string> {
  const r = await ask({ type: 'ui/export' });
  expect(r.ok).toBe(true);
  return String(r.value).replace(/"createdAt":"[^"]*"/, '"createdAt":"-"');
}

/** What the popup sends: the file read as Blob.text() reads it (UTF-8, byte-order mark dropped, bad bytes replaced). */
const fileText = (c: HostileCase): string =>
  new TextDecoder('utf-8').decode(c.large ? c.bytes() : new Uint8Array(readFileSync(join(HOSTILE_DIR, fileName(c)))));

describe('a refused import leaves the index as it was', () => {
  let index: Awaited<ReturnType<typeof readerIndex>>;
  let before = '';
  beforeAll(async () => {
    index = await readerIndex();
    before = await exported(index.ask);
    expect(JSON.parse(before).articles).toHaveLength(3);
  });
  afterAll(() => index.s.conn.close());

  for (const c of CASES.filter((x) => x.refused)) {
    it(`${c.name}: ${c.tries}`, async () => {
      const reply = await index.ask({ type: 'ui/import', text: fileText(c) });
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatch(/^This file cannot be imported: /);
      expect(reply.error).toMatch(c.refused!);
      expect(await exported(index.ask)).toBe(before);
      const stats = await index.ask({ type: 'ui/stats' });
      expect(stats.value).toMatchObject({ articles: 3 });
      expect((stats.value as { error?: string }).error).toBeUndefined();
    });
  }
});

describe('an accepted import adds exactly what its clean pack adds', () => {
  for (const c of CASES.filter((x) => x.reference)) {
    it(`${c.name}: ${c.tries}`, async () => {
      const hostile = await readerIndex();
      const clean = await readerIndex();
      const before = await exported(hostile.ask);
      const got = await hostile.ask({ type: 'ui/import', text: fileText(c) });
      const want = await clean.ask({ type: 'ui/import', text: c.reference!() });
      expect(got).toEqual({ ok: true, value: { added: 2, updated: 0, evicted: 0 } });
      expect(want).toEqual(got);
      const after = await exported(hostile.ask);
      expect(after).toBe(await exported(clean.ask));
      expect(JSON.parse(after).articles).toHaveLength(5);
      // The articles already there are untouched.
      const kept = new Map((JSON.parse(after).articles as { id: string }[]).map((a) => [a.id, a]));
      for (const a of JSON.parse(before).articles as { id: string }[]) expect(kept.get(a.id)).toEqual(a);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      hostile.s.conn.close();
      clean.s.conn.close();
    });
  }
});
