// The ribbon as a reader in a small window, on the keyboard and on a right-to-left page meets it,
// in each browser: compact on a 1024 x 640 window and full when chosen in the options (applied to
// the open page at once), the popup's per-site switch, the keyboard command and Escape, and an
// Urdu copy of an Urdu agency report. Steps run in order on one profile.
//
// The command's shortcut (Alt+Shift+F) is handled by the browser's own window, which neither
// Playwright nor WebDriver BiDi can press; the test build's ui/run-command runs the worker's
// command handler for a tab as the shortcut would, and the test checks where the focus lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTES } from '../../src/background/page.ts';
import { rtlPage } from '../fixtures/site/rtl.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { ask, gotoExtensionPage, pageText, tabIdFor } from './harness/extension.ts';
import { seen, seenNow } from './harness/reader.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { poll } from './harness/wait.ts';
import { Console, OPTIONS_PATH, openPopup, PARTLY_COPIED_FROM_AXIOS, read, revisit, REWRITTEN_FROM_AXIOS, snap, type Reading } from './steps.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  vw: number;
  vh: number;
}

/** Where the ribbon's host is on the page, and the window's size; undefined while there is none. */
async function ribbonBox(tab: Tab): Promise<Box | undefined> {
  return tab.evaluate(() => {
    const host = [...document.documentElement.children].find((e) => e.tagName.toLowerCase().startsWith('fh-'));
    if (!host) return undefined;
    const r = host.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, vw: innerWidth, vh: innerHeight };
  }, undefined);
}

const share = (b: Box) => ((b.right - b.left) * (b.bottom - b.top)) / (b.vw * b.vh);

/** How the test build says the ribbon is shown: "ltr compact", "rtl full"… */
async function waitForView(tab: Tab, view: string): Promise<void> {
  await poll(`the ribbon shown as "${view}"`, async () => (await tab.evaluate(() => document.documentElement.dataset.firsthandRibbonView, undefined)) === view);
}

/** Chooses a ribbon size on the options page, as a reader clicking its radio. */
async function chooseSize(ui: Tab, mode: 'auto' | 'compact' | 'full'): Promise<void> {
  await gotoExtensionPage(ui, OPTIONS_PATH);
  await pageText(ui, /The ribbon on pages/);
  await poll(`the ${mode} size chosen`, () =>
    ui.evaluate((m) => {
      const radio = document.getElementById(`ribbonMode-${m}`) as HTMLInputElement | null;
      if (!radio || !document.querySelector('input[name="ribbonMode"]:checked')) return false;
      radio.click();
      return /Saved/.test(document.getElementById('appearance')?.textContent ?? '');
    }, mode),
  );
}

/** Both color schemes in Chromium (Firefox cannot emulate one): `name` and `name-dark`. */
async function snapBoth(tab: Tab, name: string): Promise<void> {
  await snap(tab, name);
  if (!tab.setColorScheme) return;
  await tab.setColorScheme('dark');
  await snap(tab, `${name}-dark`);
  await tab.setColorScheme('light');
}

describe.each(BROWSERS)('%s: the ribbon in a small window, on the keyboard and right to left', (name) => {
  const profileDir = newProfileDir(`${name}-ribbon`);
  let session: Session;
  let ext: Console;
  let copy: Reading;

  beforeAll(async () => {
    session = await launch(name, site, profileDir);
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('in a 1024 x 640 window the copy shows a compact pill with the verdict and share; chosen full in the options, the open ribbon grows at once and still covers under 15% of the window', async () => {
    await read(session, '001');
    copy = await read(session, '002');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    await copy.tab.setViewport(1024, 640);
    await waitForView(copy.tab, 'ltr compact');
    const pill = (await ribbonBox(copy.tab))!;
    expect(share(pill)).toBeLessThan(0.03);
    expect(pill.right).toBeLessThanOrEqual(pill.vw);
    expect(pill.bottom).toBeLessThanOrEqual(pill.vh);
    await snapBoth(copy.tab, `${name}-ribbon-compact`);

    await chooseSize(await ext.get(), 'full');
    await waitForView(copy.tab, 'ltr full');
    const full = (await ribbonBox(copy.tab))!;
    expect(share(full)).toBeLessThan(0.15);
    expect(full.left).toBeGreaterThan(full.vw / 2);
    await snapBoth(copy.tab, `${name}-ribbon-full`);

    await copy.tab.setViewport(400, 700);
    await poll('the ribbon to fit a 400 px window', async () => {
      const b = await ribbonBox(copy.tab);
      return b && b.vw === 400 && b.left >= 0 && b.right <= 400;
    });
    await snap(copy.tab, `${name}-ribbon-narrow`);
    await copy.tab.setViewport(1024, 640);
  });

  it('the popup’s switch turns Firsthand off for the site: the open copy loses its ribbon and badge, a reload is not checked, and the options page turns it back on', async () => {
    const ui = await ext.get();
    const popup = await openPopup(session, ui, copy.url, /Firsthand on israelnationalwire\.com/);
    await popup.tab.evaluate(() => (document.getElementById('site-on') as HTMLInputElement).click(), undefined);
    await pageText(popup.tab, /Off for israelnationalwire\.com/);
    await snap(popup.tab, `${name}-popup-site-switch`);
    await poll('the ribbon to leave the open copy', async () => (await seenNow(copy.tab)).ribbon === undefined);
    expect(await ribbonBox(copy.tab)).toBeUndefined();
    expect(await ext.badge(copy.url)).toBe('');
    await popup.tab.close();

    await copy.tab.goto(copy.url);
    const tabId = await tabIdFor(ui, copy.url);
    await poll('the reloaded copy refused', async () => (await ask<{ note?: string } | null>(ui, { type: 'ui/tab-state', tabId }))?.note === NOTES.excluded);
    expect(await seenNow(copy.tab)).toEqual({ verdict: undefined, ribbon: undefined });

    await gotoExtensionPage(ui, OPTIONS_PATH);
    expect(await pageText(ui, /israelnationalwire\.com\s*Turn back on/)).not.toMatch(/Firsthand is on for every site/);
    await ui.evaluate(() => document.getElementById('appearance')?.closest('fieldset')?.scrollIntoView(), undefined);
    await snap(ui, `${name}-options-ribbon`);
    await ui.clickButton('Turn back on');
    await pageText(ui, /Firsthand is on for every site/);
    copy = await revisit(copy);
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
  });

  it('the keyboard command expands a compact ribbon with the focus in it; Escape dismisses the story on its other pages, and the command brings it back', async () => {
    const ui = await ext.get();
    await chooseSize(ui, 'compact');
    await waitForView(copy.tab, 'ltr compact');
    expect(await ask<boolean>(ui, { type: 'ui/run-command', command: 'focus-ribbon', tabId: await tabIdFor(ui, copy.url) })).toBe(true);
    await waitForView(copy.tab, 'ltr full');
    const focused = () => copy.tab.evaluate(() => document.activeElement?.tagName.toLowerCase().startsWith('fh-') ?? false, undefined);
    await poll('the focus in the ribbon', focused);

    await copy.tab.press('Escape');
    await poll('the ribbon dismissed', async () => (await seenNow(copy.tab)).ribbon === undefined);
    const rewrite = await read(session, '000');
    expect(rewrite.verdict).toBe('rewrite');
    expect(rewrite.ribbon).toBeUndefined();

    expect(await ask<boolean>(ui, { type: 'ui/run-command', command: 'focus-ribbon', tabId: await tabIdFor(ui, rewrite.url) })).toBe(true);
    await poll('the rewrite’s ribbon back', async () => REWRITTEN_FROM_AXIOS.test((await seenNow(rewrite.tab)).ribbon ?? ''));
    await poll('the focus in the ribbon', () =>
      rewrite.tab.evaluate(() => document.activeElement?.tagName.toLowerCase().startsWith('fh-') ?? false, undefined),
    );
  });

  it('on an Urdu page (dir="rtl") the ribbon lays out right to left in the mirrored corner and shows the Urdu agency’s name isolated', async () => {
    const ui = await ext.get();
    await chooseSize(ui, 'full');
    const wire = rtlPage('rtl-wire');
    const copied = rtlPage('rtl-copy');
    await seen(await session.open(wire.url), wire.url);
    const tab = await session.open(copied.url);
    await tab.setViewport(1024, 640);
    const shown = await seen(tab, copied.url);
    expect(shown.verdict).toBe('copy');
    expect(shown.ribbon).toMatch(/^Copied from اردو نیوز وائر: \d+% of this article's text appears in '/);
    await waitForView(tab, 'rtl full');
    const isolated = await tab.evaluate(() => document.documentElement.dataset.firsthandRibbonIsolated ?? '', undefined);
    expect(isolated.split(' | ')).toContain('اردو نیوز وائر');
    const box = (await ribbonBox(tab))!;
    expect(box.right).toBeLessThan(box.vw / 2);
    await snapBoth(tab, `${name}-ribbon-rtl`);

    await chooseSize(ui, 'compact');
    await waitForView(tab, 'rtl compact');
    expect((await ribbonBox(tab))!.right).toBeLessThan(box.vw / 2);
    await snap(tab, `${name}-ribbon-rtl-compact`);
  });
});
