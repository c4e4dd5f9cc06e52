// The toolbar popup as a reader meets it, in each browser: it fits the 600 px a toolbar popup is
// given (verdict, original, overlaps and the index's buttons on one screen) on a copy, a rewrite and
// the original; the original lists its copies each with a Compare; the keyboard reaches only
// visible, named controls; Clear empties the verdict and the figures at once; Import… opens a page
// that stays open, where a pack is imported. Screenshots of each, light and dark, go to docs/.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { ask, gotoExtensionPage, pageText, POPUP_PATH, tabIdFor } from './harness/extension.ts';
import { poll } from './harness/wait.ts';
import { BROWSERS, launch, newProfileDir, ROOT } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { Console, read, revisit, snap, type Reading } from './steps.ts';

/** A toolbar popup is at most 600 px tall; the popup is 380 px wide. */
const POPUP_WIDTH = 380;
const POPUP_HEIGHT = 600;

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** The popup for the tab showing `url`, in a tab of the popup's own size. */
async function popupFor(session: Session, ui: Tab, url: string, mustShow: RegExp): Promise<{ tab: Tab; text: string }> {
  const tab = await session.openExtensionPage(`${POPUP_PATH}?tab=${await tabIdFor(ui, url)}`);
  await tab.setViewport(POPUP_WIDTH, POPUP_HEIGHT);
  // The index line is filled last: once it says how many articles, everything is shown.
  const text = await pageText(tab, new RegExp(`${mustShow.source}[\\s\\S]*Your index: \\d+ articles?`));
  return { tab, text };
}

/** How tall the popup's document is, and where the bottom of each index button is. */
async function layout(tab: Tab): Promise<{ scrollHeight: number; buttons: Record<string, number> }> {
  return tab.evaluate(() => {
    const buttons: Record<string, number> = {};
    for (const b of Array.from(document.querySelectorAll('.index .actions button'))) buttons[b.textContent ?? ''] = Math.ceil(b.getBoundingClientRect().bottom);
    return { scrollHeight: document.documentElement.scrollHeight, buttons };
  }, undefined);
}

/** Saves the popup, light and dark, as docs/popup-<name>-<scheme>.png (Chromium, which can emulate the theme). */
async function pictures(session: Session, tab: Tab, name: string): Promise<void> {
  if (!tab.setColorScheme) {
    await snap(tab, `${session.name}-popup-${name}`);
    return;
  }
  for (const scheme of ['light', 'dark'] as const) {
    await tab.setColorScheme(scheme);
    copyFileSync(await snap(tab, `${session.name}-popup-${name}-${scheme}`), join(ROOT, 'docs', `popup-${name}-${scheme}.png`));
  }
  await tab.setColorScheme('light');
}

interface Stop {
  tag: string;
  type: string;
  name: string;
  width: number;
  height: number;
  visible: boolean;
}

/** Presses Tab from the top of the page until the focus leaves it or comes round again: every stop. */
async function tabStops(tab: Tab): Promise<Stop[]> {
  await tab.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.focus();
  }, undefined);
  const stops: Stop[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await tab.press('Tab');
    const stop = await tab.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      if (!e.dataset.stop) e.dataset.stop = String(document.querySelectorAll('[data-stop]').length);
      const labelled = e.getAttribute('aria-labelledby');
      const byLabel = (e as HTMLInputElement).labels?.[0]?.textContent;
      const name = (
        e.getAttribute('aria-label') ??
        (labelled ? document.getElementById(labelled)?.textContent : null) ??
        byLabel ??
        (e.textContent || e.getAttribute('title') || '')
      ).trim();
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      const visible = style.visibility !== 'hidden' && style.opacity !== '0' && e.getClientRects().length > 0;
      return { id: e.dataset.stop, tag: e.tagName.toLowerCase(), type: e.getAttribute('type') ?? '', name, width: r.width, height: r.height, visible };
    }, undefined);
    if (!stop || seen.has(stop.id)) break;
    seen.add(stop.id);
    stops.push({ tag: stop.tag, type: stop.type, name: stop.name, width: stop.width, height: stop.height, visible: stop.visible });
  }
  return stops;
}

describe.each(BROWSERS)('%s: the toolbar popup', (name) => {
  const profileDir = newProfileDir(`${name}-popup`);
  let session: Session;
  let ext: Console;
  const pages = new Map<string, Reading>();
  /** Articles in the pack exported before Clear. */
  let packArticles = 0;

  beforeAll(async () => {
    session = await launch(name, site, profileDir);
    ext = new Console(session);
    // The Axios report, its close copy, two rewrites, a follow-up; then the report again, so that
    // its result lists the copies read since.
    for (const key of ['001', '002', '000', '003', '004']) pages.set(key, await read(session, key));
    pages.set('001', await revisit(pages.get('001')!));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('fits within 600 px, with Export, Import… and Clear… on its first screen, on a flagged copy, a rewrite and the original', async () => {
    const ui = await ext.get();
    const cases: [string, string, RegExp][] = [
      ['002', 'copy', /Partly copied from Axios/],
      ['003', 'rewrite', /Rewritten from Axios/],
      ['001', 'original', /This page came first/],
    ];
    for (const [key, shot, headline] of cases) {
      const popup = await popupFor(session, ui, pages.get(key)!.url, headline);
      const { scrollHeight, buttons } = await layout(popup.tab);
      expect(scrollHeight, `${shot}: ${popup.text}`).toBeLessThanOrEqual(POPUP_HEIGHT);
      expect(Object.keys(buttons)).toEqual(['Pause', 'Export', 'Import…', 'Clear…']);
      for (const [label, bottom] of Object.entries(buttons)) expect(bottom, `${shot}: ${label}`).toBeLessThanOrEqual(POPUP_HEIGHT);
      await pictures(session, popup.tab, shot);
      await popup.tab.close();
    }
    const local = await read(session, 'unrelated');
    const none = await popupFor(session, ui, local.url, /No earlier source found/);
    expect((await layout(none.tab)).scrollHeight).toBeLessThanOrEqual(POPUP_HEIGHT);
    await pictures(session, none.tab, 'no-match');
    await none.tab.close();
  });

  it('on the close copy, says both overlaps in plain words and names the credit once', async () => {
    const popup = await popupFor(session, await ext.get(), pages.get('002')!.url, /Partly copied from Axios/);
    expect(popup.text).toMatch(/\d+% of this page comes from the original/);
    expect(popup.text).toMatch(/\d+% of the original is carried on this page/);
    expect(popup.text).toMatch(/Why this original: .+/);
    expect(popup.text.match(/Credits Axios/g)).toHaveLength(1);
    expect(popup.text).not.toMatch(/It credits Axios|\bRW\b/);
    await popup.tab.close();
  });

  it('on a rewrite, names the original first with why, and says rewrites share meaning more than wording', async () => {
    const popup = await popupFor(session, await ext.get(), pages.get('003')!.url, /Rewritten from Axios/);
    const order = await popup.tab.evaluate(
      () => Array.from(document.querySelectorAll('.original .title, .others .title')).map((e) => (e.closest('.original') ? 'original' : 'other')),
      undefined,
    );
    expect(order[0]).toBe('original');
    expect(popup.text).toMatch(/Why this original: (published|you read it).+/);
    expect(popup.text).toMatch(/shares meaning more than exact wording/);
    expect(popup.text).toMatch(/\d+% of this page is word for word from the original/);
    expect(popup.text).not.toMatch(/match\(es\)|later match/);
    // Opened, the other articles each say whether they were published before or after this page.
    const whens = await popup.tab.evaluate(() => {
      document.querySelector('details.others')?.setAttribute('open', '');
      return Array.from(document.querySelectorAll('.others .when')).map((e) => e.textContent ?? '');
    }, undefined);
    expect(whens.length).toBeGreaterThan(0);
    for (const w of whens) expect(w).toMatch(/^(Published (before|after) this page|Published the same day|You read it (before|after) this page)$/);
    await pictures(session, popup.tab, 'rewrite-others');
    await popup.tab.close();
  });

  it('on the original, each copy has a Compare that opens the comparison of that copy with the original', async () => {
    const popup = await popupFor(session, await ext.get(), pages.get('001')!.url, /This page came first/);
    const labels = await popup.tab.evaluate(() => Array.from(document.querySelectorAll('.copies button')).map((b) => b.getAttribute('aria-label')), undefined);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels).toContain("Compare this page with Israel National Wire's article");
    const compare = await session.newTabAfter(() =>
      popup.tab.evaluate(() => {
        const b = Array.from(document.querySelectorAll<HTMLButtonElement>('.copies button')).find((x) =>
          x.getAttribute('aria-label')?.includes('Israel National Wire'),
        );
        b?.click();
        return Boolean(b);
      }, undefined),
    );
    expect(await compare.href()).toMatch(/src\/popup\/compare\.html\?/);
    const text = await pageText(compare, /Israel National Wire[\s\S]*Axios|Axios[\s\S]*Israel National Wire/);
    expect(text).toContain('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    await compare.close();
    await popup.tab.close();
  });

  it('links to the history and the library, and on a flagged copy to its story, each opening a tab', async () => {
    const ui = await ext.get();
    const popup = await popupFor(session, ui, pages.get('002')!.url, /Partly copied from Axios/);
    const links = await popup.tab.evaluate(
      () => [...document.querySelectorAll<HTMLAnchorElement>('.masthead a:not([hidden])')].map((a) => [a.textContent, a.getAttribute('href')]),
      undefined,
    );
    expect(links.map(([text]) => text)).toEqual(['Story', 'History', 'Library', 'Options']);
    expect(links[0][1]).toMatch(/^\.\/story\.html\?id=http/);
    for (const [id, page] of [
      ['story-link', /src\/popup\/story\.html\?id=/],
      ['history-link', /src\/popup\/history\.html$/],
      ['library-link', /src\/popup\/library\.html$/],
    ] as const) {
      const opened = await session.newTabAfter(() => popup.tab.evaluate((sel) => document.getElementById(sel)!.click(), id));
      await poll(`${id} to open its page`, async () => (page.test(await opened.href()) ? true : undefined));
      await opened.close();
    }
    await popup.tab.close();
  });

  it('reaches by Tab only visible controls that have a name and a size, and no file input', async () => {
    const popup = await popupFor(session, await ext.get(), pages.get('002')!.url, /Partly copied from Axios/);
    const stops = await tabStops(popup.tab);
    expect(stops.map((s) => s.name)).toEqual(expect.arrayContaining(['Compare side by side', 'Export', 'Import…', 'Clear…']));
    for (const s of stops) {
      expect(s.name, JSON.stringify(s)).not.toBe('');
      expect(s.visible, JSON.stringify(s)).toBe(true);
      expect(s.width, JSON.stringify(s)).toBeGreaterThan(4);
      expect(s.height, JSON.stringify(s)).toBeGreaterThan(4);
    }
    // The site switch is a labelled checkbox; no file input (Import opens a page of its own).
    expect(stops.some((s) => s.tag === 'input' && s.type === 'file')).toBe(false);
    await popup.tab.close();
  });

  it('Clear… in the popup empties the verdict at once: not checked (or checked again, not added), no Compare, 0 articles and 0 KB', async () => {
    const ui = await ext.get();
    const pack = await ask<string>(ui, { type: 'ui/export' });
    packArticles = (JSON.parse(pack) as { articles: unknown[] }).articles.length;
    expect(packArticles).toBeGreaterThan(3);
    writeFileSync(join(profileDir, '..', 'pack.firsthand.json'), pack);
    const popup = await popupFor(session, ui, pages.get('002')!.url, /Partly copied from Axios/);
    expect(popup.text).toMatch(/Your index: \d+ articles, \d+ KB/);
    await popup.tab.clickButton('Clear…');
    await popup.tab.clickButton('Delete everything');
    // At once the tab has no result ("Not checked"); a moment later the page, checked again against
    // the emptied index (never added to it), says so. Either way nothing of Axios is left.
    const text = await pageText(popup.tab, /(Not checked|checked again but not added)[\s\S]*Your index: 0 articles, 0 KB/);
    // (The page's own credit of Axios may still be said: it is in the page's text.)
    expect(text).not.toMatch(/from Axios|Compare|indexed this page/);
    expect(await popup.tab.evaluate(() => document.querySelectorAll('.verdict button, .story button').length, undefined)).toBe(0);
    await popup.tab.close();
  });

  it('Import… opens a tab at a labelled, focused file control, where a pack is imported', async () => {
    const ui = await ext.get();
    await gotoExtensionPage(ui, POPUP_PATH);
    await pageText(ui, /Your index: 0 articles/);
    const importPage = await session.newTabAfter(() => ui.clickButton('Import…'));
    expect(await importPage.href()).toMatch(/src\/popup\/welcome\.html#import$/);
    await pageText(importPage, /Import a pack/);
    const control = await poll('the file control to have the focus', async () => {
      const c = await importPage.evaluate(() => {
        const e = document.activeElement as HTMLInputElement | null;
        if (!e || e.type !== 'file') return undefined;
        const r = e.getBoundingClientRect();
        return { label: e.labels?.[0]?.textContent ?? '', width: r.width, height: r.height, tabIndex: e.tabIndex };
      }, undefined);
      return c ?? undefined;
    });
    expect(control.label).toBe('Import a pack file');
    expect(control.tabIndex).toBeGreaterThanOrEqual(0);
    expect(control.width).toBeGreaterThan(4);
    await importPage.setFiles('#welcome-pack-file', join(profileDir, '..', 'pack.firsthand.json'));
    expect(await pageText(importPage, /Imported \d+ articles?|Not imported/)).toContain(`Imported ${packArticles} articles.`);
    // Opened as the toolbar popup (no ?tab=), the popup closed itself once the import page opened.
    const after = await ext.get();
    await gotoExtensionPage(after, POPUP_PATH);
    expect(await pageText(after, /Your index: [1-9]/)).toMatch(new RegExp(`Your index: ${packArticles} articles, [1-9]\\d* KB`));
    await importPage.close();
  });
});
