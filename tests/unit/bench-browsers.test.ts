// The benchmark's browser plumbing: which browsers a run asks for, the bytes of the bench origin's
// folder in a profile, and the IndexedDB rows of both browsers printed side by side with the
// statuses of round 2's targets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browsersOf, originBytesIn } from '../../bench/browsers.ts';
import { idbRows, sideBySide } from '../../bench/idb-table.ts';
import type { IdbResult, IdbSize } from '../../bench/idb.ts';
import { listRibbonRows, listRows } from '../../bench/lists-table.ts';
import type { RibbonLoads } from '../../bench/list-ribbon.ts';
import type { ListsResult } from '../../bench/lists.ts';
import { summarize } from '../../bench/stats.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function size(articles: number, p50: number, p95: number): IdbSize {
  const check = { ...summarize([p50]), p95 };
  return { articles, fillSeconds: 1, check, candidates: check, save: summarize([20]), byKind: {} };
}

function result(browser: 'chromium' | 'firefox', p95At100k: number, importMs: number, indexBytes: number): IdbResult {
  return {
    browser,
    version: browser,
    sizes: [size(1000, 4, 6), size(10_000, 5, 7), size(100_000, 6, p95At100k)],
    storage: {
      articles: 9925,
      indexBytesPerArticle: indexBytes,
      source: browser === 'firefox' ? 'disk' : 'estimate',
      estimateIndexBytesPerArticle: indexBytes,
      diskIndexBytesPerArticle: indexBytes,
      textArticles: 2000,
      textBytesPerArticle: 2100,
      textEstimateBytesPerArticle: 1500,
    },
    writeRate: 800,
    bulk: [{ articles: 100_000, exportMs: 20_000, packMB: 500, importMs }],
  };
}

describe('browsersOf', () => {
  it('runs both browsers unless one is named', () => {
    expect(browsersOf(['--only-browser'])).toEqual(['chromium', 'firefox']);
    expect(browsersOf(['--browser=both'])).toEqual(['chromium', 'firefox']);
    expect(browsersOf(['--browser=firefox', '--quick'])).toEqual(['firefox']);
    expect(browsersOf(['--browser=chromium'])).toEqual(['chromium']);
  });
  it('refuses a browser it cannot run, naming the choices', () => {
    expect(() => browsersOf(['--browser=safari'])).toThrow(/chromium, firefox or both/);
  });
});

describe('originBytesIn', () => {
  it('sums the files under folders named for the loopback origin only', () => {
    const p = mkdtempSync(join(tmpdir(), 'firsthand-bench-test-'));
    dirs.push(p);
    mkdirSync(join(p, 'storage/default/http+++127.0.0.1+4000/idb'), { recursive: true });
    writeFileSync(join(p, 'storage/default/http+++127.0.0.1+4000/idb/1.sqlite'), new Uint8Array(3000));
    writeFileSync(join(p, 'storage/default/http+++127.0.0.1+4000/.metadata'), new Uint8Array(50));
    mkdirSync(join(p, 'storage/permanent/chrome/idb'), { recursive: true });
    writeFileSync(join(p, 'storage/permanent/chrome/idb/2.sqlite'), new Uint8Array(9000));
    writeFileSync(join(p, 'prefs.js'), 'x'.repeat(700));
    expect(originBytesIn(p)).toBe(3050);
    expect(originBytesIn(join(p, 'missing'))).toBe(0);
  });
});

describe('the IndexedDB rows', () => {
  it('prints each Chromium row with its Firefox twin right below it', () => {
    const rows = sideBySide(idbRows('chromium', result('chromium', 7, 15_000, 1400)), idbRows('firefox', result('firefox', 30, 60_000, 2600)));
    const names = rows.map((r) => r[0]);
    expect(names.slice(0, 4)).toEqual([
      '1. Check, Chromium IndexedDB, 1k',
      '1. Check, Firefox IndexedDB, 1k',
      '1. Saving a read article, Chromium IndexedDB, 1k',
      '1. Saving a read article, Firefox IndexedDB, 1k',
    ]);
    expect(names).toContain('2. Storage per article, Firefox IndexedDB');
    expect(names.indexOf('3. Export / import, Firefox, 100k articles')).toBe(names.indexOf('3. Export / import, Chromium, 100k articles') + 1);
  });

  it('holds each browser to round 2: p95 <= 8 ms and <= 2x its 1k at 100k, 1.5 KB, 20 s', () => {
    const status = (rows: string[][], name: string) => rows.find((r) => r[0] === name)?.[4];
    const chromium = sideBySide(idbRows('chromium', result('chromium', 7, 15_000, 1400)));
    expect(status(chromium, '1. Check, Chromium IndexedDB, 100k')).toBe('met');
    expect(chromium.find((r) => r[0] === '1. Check, Chromium IndexedDB, 100k')?.[2]).toBe('p95 <= 8 ms at 100k; <= 2x its own 1k figure');
    expect(status(chromium, '2. Storage per article, Chromium IndexedDB')).toBe('met');
    expect(status(chromium, '3. Export / import, Chromium, 100k articles')).toBe('met');
    const firefox = sideBySide(idbRows('firefox', result('firefox', 30, 60_000, 2600)));
    expect(status(firefox, '1. Check, Firefox IndexedDB, 100k')).toBe('**not met**');
    expect(status(firefox, '2. Storage per article, Firefox IndexedDB')).toBe('**not met**');
    expect(firefox.find((r) => r[0] === '2. Storage per article, Firefox IndexedDB')?.[1]).toMatch(/profile's folder for the origin on disk/);
    expect(status(firefox, '3. Export / import, Firefox, 100k articles')).toBe('**not met**');
    // Between round 1's budgets (10 ms, 2 KB, 30 s) and round 2's: not met any more.
    const between = sideBySide(idbRows('firefox', result('firefox', 9, 25_000, 1800)));
    expect(status(between, '1. Check, Firefox IndexedDB, 100k')).toBe('**not met**');
    expect(status(between, '2. Storage per article, Firefox IndexedDB')).toBe('**not met**');
    expect(status(between, '3. Export / import, Firefox, 100k articles')).toBe('**not met**');
  });

  it('says why the 1M size was not run', () => {
    const r = { ...result('chromium', 7, 15_000, 1400), notRun: [{ articles: 1_000_000, reason: 'filling to 1M would take ~25 min' }] };
    const row = sideBySide(idbRows('chromium', r)).find((x) => x[0] === '1. Check, Chromium IndexedDB, 1M');
    expect(row?.[1]).toBe('not run: filling to 1M would take ~25 min');
    expect(row?.[4]).toBe('not run');
  });

  it('prints the list file once and the browsers’ list rows as twins', () => {
    const z = (browser: 'chromium' | 'firefox', subscribeMs: number): ListsResult => ({
      browser,
      version: browser,
      sizes: [
        {
          articles: 100_000,
          fileBytesPerArticle: 700,
          subscribeMs,
          readMs: 5000,
          updateMs: 12_000,
          progressEvents: 40,
          idbBytesPerArticle: 1200,
          diskBytesPerArticle: 1250,
          check: summarize([5, 6]),
          byKind: {},
        },
      ],
    });
    const rows = sideBySide(listRows('chromium', z('chromium', 15_000)), listRows('firefox', z('firefox', 25_000)));
    expect(rows.filter((r) => r[0] === 'L1. List file, 100k articles')).toHaveLength(1);
    expect(rows.find((r) => r[0] === 'L6. Subscribe + update, Chromium, 100k')?.[4]).toBe('met');
    expect(rows.find((r) => r[0] === 'L6. Subscribe + update, Firefox, 100k')?.[4]).toBe('**not met**');
  });

  it('prints load to ribbon with a list per browser, held to row 5 by the list reader with the worker running, the stopped worker only where it could be stopped', () => {
    const loads = (fromNavigation: number): RibbonLoads => ({
      fromNavigation: summarize([fromNavigation]),
      fromLoad: summarize([fromNavigation - 80]),
      shown: 12,
      flagged: 12,
      loads: 12,
    });
    const rows = listRibbonRows([
      {
        browser: 'chromium',
        generated: 100_000,
        listed: 100_012,
        installSeconds: 30,
        read: { running: loads(100), stopped: loads(300) },
        list: { running: loads(110), stopped: loads(420) },
        stopsFound: 24,
      },
      { browser: 'firefox', generated: 100_000, listed: 100_012, installSeconds: 30, read: { running: loads(150) }, list: { running: loads(180) } },
      { browser: 'chromium', error: 'the extension page did not open' },
    ]);
    expect(rows.map((r) => r[0])).toEqual([
      'L7. Load to ribbon, seed copy page, original known from a 100k-article list, Chromium',
      'L7. Load to ribbon, seed copy page, original known from a 100k-article list, Firefox',
      'L7. Load to ribbon with a list, Chromium',
    ]);
    expect(rows.map((r) => r[4])).toEqual(['met', '**not met**', 'not run']);
    expect(rows[0][1]).toContain('the worker stopped before each load');
    expect(rows[0][3]).toContain('1.40x (worker stopped)');
    expect(rows[1][1]).toContain('loads with it running only');
    expect(rows[2][1]).toBe('failed: the extension page did not open');
  });
});
