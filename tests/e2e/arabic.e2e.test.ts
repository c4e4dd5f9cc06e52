// The extension with an Arabic interface, as an Arabic-reading reader meets it in each browser:
// on an English copy of the Axios report, the ribbon speaks Arabic and reads right to left while
// the page's own names (the outlet) stay isolated; the toolbar popup is a right-to-left Arabic page.
// Chromium takes its interface language from LANGUAGE and --lang; Firefox ESR from
// intl.locale.requested with its Arabic language pack (Debian: firefox-esr-l10n-ar) installed.
// Screenshots of both go to docs/ribbon-ar.png and docs/popup-ar.png (Chromium).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { BROWSERS, launch, newProfileDir, ROOT } from './harness/session.ts';
import type { Session } from './harness/types.ts';
import { Console, openPopup, read, snap, type Reading } from './steps.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const ARABIC = /[\u0600-\u06FF]/;
/** The Arabic ribbon of the close copy: "منسوخ جزئيًا من Axios: 45% من نص هذا المقال يرد في مقال «U.S. and Israel…» (axios.com، 31 مارس 2024)." */
const PARTLY_COPIED_AR =
  /^منسوخ جزئيًا من Axios: (\d+)% من نص هذا المقال يرد في مقال «U\.S\. and Israel set to hold a virtual meeting…» \(axios\.com، 31 مارس 2024\)\./;

describe.each(BROWSERS)('%s: the Arabic interface', (name) => {
  const profileDir = newProfileDir(`${name}-arabic`);
  let session: Session;
  let ext: Console;
  let copy: Reading;

  beforeAll(async () => {
    session = await launch(name, site, profileDir, undefined, { locale: 'ar' });
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the ribbon on an English copy says its verdict in Arabic, right to left, with the outlet isolated', async () => {
    await read(session, '001');
    copy = await read(session, '002');
    expect(copy.verdict).toBe('partial-copy');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_AR);
    const shown = await copy.tab.evaluate(() => {
      const d = document.documentElement.dataset;
      return { dir: d.firsthandRibbonDir, view: d.firsthandRibbonView, isolated: d.firsthandRibbonIsolated ?? '' };
    }, undefined);
    // The words read right to left; the ribbon keeps the English page's corner (bottom right).
    expect(shown.dir).toBe('rtl');
    expect(shown.view).toBe('ltr full');
    expect(shown.isolated.split(' | ')).toContain('Axios');
    const file = await snap(copy.tab, `${name}-ribbon-ar`);
    if (name === 'chromium') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(file, join(ROOT, 'docs', 'ribbon-ar.png'));
    }
  });

  it('the popup is a right-to-left Arabic page naming the outlet isolated', async () => {
    const popup = await openPopup(session, await ext.get(), copy.url, /منسوخ جزئيًا من/);
    const page = await popup.tab.evaluate(
      () => ({
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
        title: document.getElementById('verdict-title')?.textContent ?? '',
        outlet: document.querySelector('#verdict-title bdi')?.textContent ?? '',
        index: document.getElementById('index-title')?.textContent ?? '',
        direction: getComputedStyle(document.body).direction,
      }),
      undefined,
    );
    expect(page.dir).toBe('rtl');
    expect(page.lang).toMatch(/^ar/);
    expect(page.direction).toBe('rtl');
    expect(page.title).toBe('منسوخ جزئيًا من Axios');
    expect(page.outlet).toBe('Axios');
    expect(page.index).toBe('فهرسك');
    expect(popup.text).toMatch(ARABIC);
    expect(popup.text).not.toMatch(/Partly copied|Your index|Compare side by side/);
    const file = await snap(popup.tab, `${name}-popup-ar`, true);
    if (name === 'chromium') copyFileSync(file, join(ROOT, 'docs', 'popup-ar.png'));
    await popup.tab.close();
  });
});
