// The sensitivity setting as a reader uses it, in each browser: the options page explains each
// level with its development-set flag rates; at Low the rewrite that keeps only 11% of its text
// verbatim (and credits Axios) is not flagged, at Normal the same page says "Rewritten from Axios",
// and at High too. Steps run in order on one profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelOf, ratesText } from '../../src/ui/sensitivity.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { gotoExtensionPage, pageText } from './harness/extension.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { Console, openPopup, read, revisit, REWRITTEN_FROM_AXIOS, snap, type Reading } from './steps.ts';

const OPTIONS_PATH = 'src/popup/options.html';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** Chooses a level on the options page as a reader does (its label, then Save) and waits for "Saved." */
async function chooseLevel(ui: Tab, name: 'Low' | 'Normal' | 'High'): Promise<string> {
  await gotoExtensionPage(ui, OPTIONS_PATH);
  await pageText(ui, /Only clear copies and close rewrites/);
  // The options page fills the form from the stored settings; wait until it has.
  await ui.evaluate(async () => {
    for (let i = 0; i < 200 && !document.querySelector('input[name="sensitivity"]:checked'); i++) await new Promise((r) => setTimeout(r, 50));
  }, undefined);
  const checked = await ui.evaluate((level) => {
    const label = [...document.querySelectorAll('label')].find((l) => l.querySelector('strong')?.textContent === level);
    label?.click();
    return document.querySelector<HTMLInputElement>('input[name="sensitivity"]:checked')?.value;
  }, name);
  expect(checked).toBe(name.toLowerCase());
  await ui.clickButton('Save');
  return pageText(ui, /Saved\./);
}

describe.each(BROWSERS)('%s: the sensitivity setting changes what the reader is told', (name) => {
  const profileDir = newProfileDir(`${name}-sensitivity`);
  let session: Session;
  let ext: Console;
  let rewrite: Reading;

  beforeAll(async () => {
    session = await launch(name, site, profileDir);
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the options page explains each level with what it flags on the development set', async () => {
    const ui = await ext.get();
    await gotoExtensionPage(ui, OPTIONS_PATH);
    const text = await pageText(ui, /Only clear copies and close rewrites/);
    for (const level of ['low', 'normal', 'high'] as const) expect(text).toContain(ratesText(levelOf(level)));
    expect(text).toContain('Flags 83% of wholly derived and 15% of partly derived agency rewrites; 3% of independent reports of the same event');
    // Each radio is described by its bars and its rates, for a screen reader too.
    const described = await ui.evaluate(
      () =>
        [...document.querySelectorAll<HTMLInputElement>('input[name="sensitivity"]')].map((r) => ({
          value: r.value,
          label: document.querySelector(`label[for="${r.id}"]`)?.textContent ?? '',
          description: (r.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        })),
      undefined,
    );
    expect(described.map((d) => d.value)).toEqual(['low', 'normal', 'high']);
    for (const d of described) {
      expect(d.label).toMatch(/^(Low|Normal|High)/);
      expect(d.description).toMatch(/^Copy: \d+% .* Flags \d+% of wholly derived/);
    }
    // Narrow, light and (where the browser can emulate it) dark.
    await ui.setViewport(380, 900);
    await snap(ui, `${name}-options-narrow-light`, true);
    if (ui.setColorScheme) {
      await ui.setColorScheme('dark');
      await snap(ui, `${name}-options-narrow-dark`, true);
      await ui.setViewport(900, 900);
      await snap(ui, `${name}-options-dark`, true);
      await ui.setColorScheme('light');
    }
    await ui.setViewport(900, 900);
    await snap(ui, `${name}-options-light`, true);
  });

  it('at Low, the rewrite with 11% of its text from Axios is not flagged: no ribbon, no badge, related in the popup', async () => {
    await chooseLevel(await ext.get(), 'Low');
    const axios = await read(session, '001');
    expect(axios.ribbon).toBeUndefined();
    rewrite = await read(session, '003');
    expect(rewrite.ribbon).toBeUndefined();
    expect(await ext.badge(rewrite.url)).toBe('');
    const popup = await openPopup(session, await ext.get(), rewrite.url, /Your index/i);
    expect(popup.text).toContain('Same story, own words');
    expect(popup.text).not.toContain('Rewritten from Axios');
    await snap(popup.tab, `${name}-popup-low-related`, true);
    await popup.tab.close();
  });

  it('at Normal, the same page says "Rewritten from Axios" on the page, the badge and the popup', async () => {
    await chooseLevel(await ext.get(), 'Normal');
    rewrite = await revisit(rewrite);
    expect(rewrite.ribbon).toMatch(REWRITTEN_FROM_AXIOS);
    expect(await ext.badge(rewrite.url)).toBe('≈');
    const popup = await openPopup(session, await ext.get(), rewrite.url, /Your index/i);
    expect(popup.text).toContain('Rewritten from Axios');
    await popup.tab.close();
  });

  it('at High it is still a rewrite, and back at Low it is not flagged again', async () => {
    await chooseLevel(await ext.get(), 'High');
    rewrite = await revisit(rewrite);
    expect(rewrite.ribbon).toMatch(REWRITTEN_FROM_AXIOS);

    await chooseLevel(await ext.get(), 'Low');
    rewrite = await revisit(rewrite);
    expect(rewrite.ribbon).toBeUndefined();
    expect(await ext.badge(rewrite.url)).toBe('');
  });
});
