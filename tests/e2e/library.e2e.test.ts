// The library page, "not a copy" and Undo Clear as a reader meets them, in each browser: the seed
// copy marked not a copy of Axios from the comparison page is no longer flagged, the mark is shown
// in the library and survives an export, a Clear and an import; Clear can be undone (the copy is
// flagged again), and "Clear and forget now" leaves nothing. Steps run in order on one profile.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { ask, gotoExtensionPage, pageText } from './harness/extension.ts';
import { dbShape } from './harness/index-db.ts';
import { BROWSERS, launch, newProfileDir, ROOT } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { Console, PARTLY_COPIED_FROM_AXIOS, read, revisit, snap, type Reading } from './steps.ts';

const LIBRARY_PATH = 'src/popup/library.html';
const DERIVED = ['copy', 'partial-copy', 'rewrite'];

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** The library page in the console tab, once it shows `mustInclude`. */
async function library(ui: Tab, mustInclude: RegExp): Promise<string> {
  await gotoExtensionPage(ui, LIBRARY_PATH);
  return pageText(ui, mustInclude);
}

describe.each(BROWSERS)('%s: the library, "not a copy" and Undo Clear', (name) => {
  let session: Session;
  let ext: Console;
  let axios: Reading;
  let copy: Reading;

  beforeAll(async () => {
    session = await launch(name, site, newProfileDir(`${name}-library`));
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists the articles read, with their outlets, and finds them by search', async () => {
    axios = await read(session, '001');
    copy = await read(session, '002');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    const ui = await ext.get();
    const text = await library(ui, /2 articles in your index/);
    expect(text).toContain('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    expect(text).toMatch(/Read\s+Axios/);
    await ui.fill('#library-search', 'axios');
    const found = await pageText(ui, /1 found for “axios”/);
    expect(found).toContain(axios.url);
    expect(found).not.toContain(copy.url);
  });

  it('"Not a copy" on the comparison page: the copy, read again, is no longer flagged with Axios', async () => {
    const query = new URLSearchParams({ page: copy.url, original: axios.url });
    const compare = await session.openExtensionPage(`src/popup/compare.html?${query}`);
    await pageText(compare, /If this page does not copy Axios/);
    await compare.clickButton('Not a copy');
    await pageText(compare, /You marked this page as not a copy of Axios/);
    await snap(compare, `${name}-compare-not-a-copy`);
    await compare.close();
    copy = await revisit(copy);
    expect(DERIVED).not.toContain(copy.verdict);
    expect(copy.ribbon).toBeUndefined();
    const text = await library(await ext.get(), /is not a copy of/);
    expect(text).toMatch(/“[^”]+” \([^)]+\) is not a copy of “U\.S\. and Israel set to hold a virtual meeting on Rafah Monday” \(Axios\)/);
  });

  it('the mark survives an export, a Clear and an import', async () => {
    const ui = await ext.get();
    const pack = await ask<string>(ui, { type: 'ui/export' });
    expect((JSON.parse(pack) as { corrections?: { page: string; original: string }[] }).corrections).toEqual([
      expect.objectContaining({ page: copy.url, original: axios.url }),
    ]);
    await library(ui, /2 articles in your index/);
    await ui.clickButton('Clear');
    await pageText(ui, /0 articles in your index[\s\S]*Your last Clear kept 2 articles and 1 “not a copy” mark/);
    expect(await pageText(ui, /No pair is marked/)).not.toContain('is not a copy of');
    await ask(ui, { type: 'ui/import', text: pack });
    await library(ui, /2 articles in your index[\s\S]*is not a copy of/);
    copy = await revisit(copy);
    expect(copy.ribbon).toBeUndefined();
  });

  it('pictures of the library page, light and dark, narrow and right-to-left', async () => {
    const ui = await ext.get();
    await library(ui, /2 articles in your index[\s\S]*is not a copy of[\s\S]*Your last Clear kept/);
    await ui.setViewport(900, 900);
    if (name === 'chromium' && ui.setColorScheme) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      await ui.setColorScheme('light');
      await ui.screenshot(join(ROOT, 'docs', 'library.png'), true);
      await ui.setColorScheme('dark');
      await ui.screenshot(join(ROOT, 'docs', 'library-dark.png'), true);
      await ui.setColorScheme('light');
    }
    await ui.setViewport(360, 800);
    await snap(ui, `${name}-library-narrow`, true);
    const width = await ui.evaluate(() => document.documentElement.scrollWidth, undefined);
    expect(width).toBeLessThanOrEqual(360);
    await ui.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'), undefined);
    await snap(ui, `${name}-library-rtl`, true);
    expect(await ui.evaluate(() => document.documentElement.scrollWidth, undefined)).toBeLessThanOrEqual(360);
    await ui.setViewport(1000, 800);
  });

  it('undoing the mark in the library flags the copy again', async () => {
    const ui = await ext.get();
    await library(ui, /is not a copy of/);
    await ui.clickButton('Undo');
    await pageText(ui, /Undone: the pair may be flagged again/);
    copy = await revisit(copy);
    expect(copy.verdict).toBe('partial-copy');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
  });

  it('Clear, then Undo Clear, restores the articles: the copy is flagged again', async () => {
    const ui = await ext.get();
    await library(ui, /2 articles in your index/);
    await ui.clickButton('Clear');
    const kept = await pageText(ui, /0 articles in your index[\s\S]*Your last Clear kept 2 articles/);
    expect(kept).toMatch(/until \d{1,2} \w{3} \d{4}/);
    await ui.clickButton('Undo Clear');
    await pageText(ui, /Restored 2 articles/);
    expect(await pageText(ui, /2 articles in your index/)).not.toContain('Your last Clear kept');
    copy = await revisit(copy);
    expect(copy.verdict).toBe('partial-copy');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
  });

  it('"Clear and forget now" leaves nothing: no undo, an empty store', async () => {
    const ui = await ext.get();
    await library(ui, /2 articles in your index/);
    await ui.clickButton('Clear and forget now');
    await pageText(ui, /with no copy to undo it/);
    await ui.clickButton('Delete everything now');
    const text = await pageText(ui, /Cleared\. Nothing was kept/);
    expect(text).toMatch(/0 articles in your index/);
    expect(text).not.toContain('Undo Clear');
    expect(await ask(ui, { type: 'undo/status' })).toEqual({ kept: false });
    const shape = await dbShape(ui);
    expect(shape?.counts.articles).toBe(0);
    expect(shape?.counts.texts).toBe(0);
    const metaKeys = await ui.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const req = indexedDB.open('firsthand');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const keys = req.result.transaction('meta').objectStore('meta').getAllKeys();
            keys.onsuccess = () => {
              resolve(keys.result.map(String));
              req.result.close();
            };
            keys.onerror = () => reject(keys.error);
          };
        }),
      undefined,
    );
    expect(metaKeys).not.toContain('undo-clear');
    expect(metaKeys).not.toContain('corrections');
    expect(JSON.parse(await ask<string>(ui, { type: 'ui/export' }))).toMatchObject({ count: 0, articles: [] });
  });
});
