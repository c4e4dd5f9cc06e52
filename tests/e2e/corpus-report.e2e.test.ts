// The researcher's path: a news archive (the seed articles and agency stories that regional outlets
// ran) through `firsthand corpus ingest` and `corpus graph`, and the report opened in Chromium as
// they would open it: what it shows, that axe finds no serious or critical violation in light and
// dark, that it fits a narrow window, and a screenshot for the README (docs/corpus-report.png).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../bench/chromium.ts';
import { archiveLines } from '../fixtures/corpus/archive.ts';
import { ROOT } from './harness/session.ts';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const cli = (...args: string[]): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(process.execPath, [join(ROOT, 'bin/firsthand.js'), ...args], { cwd: ROOT }, (err, stdout, stderr) =>
      err ? reject(new Error(stderr || String(err))) : resolve(stdout),
    ),
  );

let dir: string;
let report: string;
let browser: Browser;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firsthand-report-'));
  writeFileSync(join(dir, 'archive.jsonl'), archiveLines().join('\n') + '\n');
  await cli('corpus', 'ingest', join(dir, 'archive.jsonl'), '--store', join(dir, 'store'));
  await cli('corpus', 'graph', '--store', join(dir, 'store'), '--out', join(dir, 'graph'), '--publisher', 'Media desk');
  report = `file://${join(dir, 'graph', 'report.html')}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the archive report in Chromium', () => {
  it('ranks the outlets that ran agency copy without credit first and names the Axios report among the most-copied originals', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(report);
    const outlets = await page.locator('section[aria-labelledby="outlets"] tbody th').allInnerTexts();
    expect(outlets.slice(0, 2).sort()).toEqual(['Plains Daily', 'Valley Gazette']);
    const originals = await page.locator('section[aria-labelledby="originals"] tbody th a').allInnerTexts();
    expect(originals).toContain('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    expect(await page.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining(['Outlets by uncredited reuse', 'Most-copied originals']));
    await page.screenshot({ path: join(ROOT, 'docs', 'corpus-report.png') });
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const)
    it(`has no serious or critical accessibility violation (${scheme})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: scheme });
      await page.goto(report);
      await page.evaluate(new Function(`${AXE_SOURCE}\n;window.axe = axe;`) as () => void);
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const r = await axe.run(document);
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(found).toEqual([]);
      await page.close();
    });

  it('fits a 360-pixel window without scrolling sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(report);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
