// The history and story pages after a reader has read the Axios report and the four pages that
// copied, edited, rewrote or followed it: what each page shows, its filters, its CSV, and the
// story of the close copy.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { gotoExtensionPage, pageText } from './harness/extension.ts';
import { BROWSERS, launch, newProfileDir, ROOT } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { read, snap } from './steps.ts';

export const HISTORY_PATH = 'src/popup/history.html';
export const storyPath = (url: string) => `src/popup/story.html?${new URLSearchParams({ url })}`;

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** The history table's rows as the reader sees them: each cell's text. */
function tableRows(tab: Tab): Promise<string[][]> {
  return tab.evaluate(
    () => Array.from(document.querySelectorAll('#rows-body tr'), (tr) => Array.from((tr as HTMLTableRowElement).cells, (td) => td.innerText.trim())),
    undefined,
  );
}

/** A chart's table equivalent, row by row. */
function chartTable(tab: Tab, id: string): Promise<string[][]> {
  return tab.evaluate(
    (sel) => Array.from(document.querySelectorAll(`#${sel} tbody tr`), (tr) => Array.from((tr as HTMLTableRowElement).cells, (c) => c.textContent!.trim())),
    id,
  );
}

/** Sets a filter field as a reader's choice does (value, then the input event). */
function choose(tab: Tab, id: string, value: string): Promise<void> {
  return tab.evaluate(
    ([i, v]) => {
      const f = document.getElementById(i) as HTMLInputElement | HTMLSelectElement;
      f.value = v;
      f.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [id, value] as const,
  );
}

const count = (tab: Tab) => tab.evaluate(() => document.getElementById('count')!.textContent, undefined);

/** A CSV line's fields (every field quoted, quotes doubled). */
const csvFields = (line: string) => Array.from(line.matchAll(/"((?:[^"]|"")*)"/g), (m) => m[1].replace(/""/g, '"'));

const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe.each(BROWSERS)('%s: the history and the story', (name) => {
  let session: Session;
  let ui: Tab;
  const url = (key: string) => articleUrl(articleByKey(key));

  beforeAll(async () => {
    session = await launch(name, site, newProfileDir(`${name}-history`));
    for (const key of ['001', '002', '000', '003', '004']) await read(session, key);
    ui = await session.openExtensionPage(HISTORY_PATH);
    await ui.setViewport(1200, 900);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists the pages that edited, rewrote and followed the Axios report, newest first, each with Axios as its original, both shares and the credit', async () => {
    await pageText(ui, /4 pages flagged/);
    const rows = await tableRows(ui);
    // The verdict badge is set in capitals.
    expect(rows.map((r) => [r[1].split('\n').at(-1), r[2].toLowerCase(), r[3].split('\n').at(-1), r[5]])).toEqual([
      ['Arab Canada News', 'followed (related coverage)', 'Axios', 'Not credited'],
      ['Gulf Observer', 'rewritten', 'Axios', 'Credited'],
      ['Levant Press English', 'rewritten', 'Axios', 'Credited'],
      ['Israel National Wire', 'edited (partly copied)', 'Axios', 'Credited'],
    ]);
    expect(rows[3][4]).toMatch(/^39% of the page is in the original\n65% of the original is in the page$/);
    const links = await ui.evaluate(() => Array.from(document.querySelectorAll('#rows-body tr:last-child a'), (a) => a.getAttribute('href')), undefined);
    expect(links).toEqual([url('002'), url('001'), `story.html?id=${encodeURIComponent(url('002'))}`]);
    expect(await chartTable(ui, 'credit')).toEqual([
      ['Arab Canada News', '0', '1'],
      ['Gulf Observer', '1', '0'],
      ['Israel National Wire', '1', '0'],
      ['Levant Press English', '1', '0'],
    ]);
  });

  it('filters by verdict, outlet, words and dates; the figures and the exported CSV hold the rows shown', async () => {
    await choose(ui, 'f-verdict', 'rewrite');
    expect(await count(ui)).toBe('2 pages of 4 flagged');
    expect(await chartTable(ui, 'who')).toEqual([
      ['Gulf Observer', 'Axios', '1'],
      ['Levant Press English', 'Axios', '1'],
    ]);
    const file = await session.captureDownload(ui, () => ui.clickButton('Export CSV'));
    expect(file.name).toMatch(/^firsthand-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = file.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(csvFields(lines[0])[0]).toBe('read');
    expect(csvFields(lines[1]).slice(1, 8)).toEqual([
      'Rewritten',
      articleByKey('003').title,
      'Gulf Observer',
      url('003'),
      articleByKey('001').title,
      'Axios',
      url('001'),
    ]);
    expect(csvFields(lines[1])[10]).toBe('yes');

    await ui.clickButton('Clear filters');
    await choose(ui, 'f-outlet', 'Israel National Wire');
    expect(await count(ui)).toBe('1 page of 4 flagged');
    await choose(ui, 'f-outlet', '');
    await ui.fill('#f-text', 'gulf');
    expect(await count(ui)).toBe('1 page of 4 flagged');
    await ui.fill('#f-text', '');
    await choose(ui, 'f-from', day(1));
    expect(await count(ui)).toBe('0 pages of 4 flagged');
    await pageText(ui, /No flagged page matches these filters/);
    expect(await tableRows(ui)).toEqual([]);
    await choose(ui, 'f-from', day(-1));
    await choose(ui, 'f-to', day(0));
    expect(await count(ui)).toBe('4 pages flagged');
  });

  it('shows the story of the close copy: the Axios report first and marked as the original, every outlet that took from it, each linking to its article', async () => {
    await gotoExtensionPage(ui, storyPath(url('002')));
    await pageText(ui, /published first by Axios/);
    const items = await ui.evaluate(
      () =>
        Array.from(document.querySelectorAll('.story-list > li'), (li) => ({
          badge: li.querySelector('.badge')!.textContent,
          outlet: li.querySelector('.item-outlet')!.textContent,
          href: li.querySelector('h3 a')!.getAttribute('href'),
          text: (li as HTMLElement).innerText,
        })),
      undefined,
    );
    expect(items.map((i) => [i.badge, i.outlet, i.href])).toEqual([
      ['Original', 'Axios', url('001')],
      ['Edited', 'Israel National Wire', url('002')],
      ['Rewritten', 'Levant Press English', url('000')],
      ['Rewritten', 'Gulf Observer', url('003')],
      ['Followed', 'Arab Canada News', url('004')],
    ]);
    expect(items[0].text).toMatch(/Taken by Israel National Wire \(edited, credited\); Levant Press English \(rewritten, credited\)/);
    expect(items[0].text).toMatch(/Arab Canada News \(followed, not credited\)/);
    expect(items[1].text).not.toMatch(/Taken by/);
    expect(items[1].text).toContain('This page');
    expect(items[1].text).toMatch(/Partly copied from Axios: 39% of its text is found there, and it carries 65% of it\. Credits Axios\./);
    const drawn = await ui.evaluate(() => {
      const svg = document.querySelector('svg.timeline')!;
      return { hidden: svg.getAttribute('aria-hidden'), dots: svg.querySelectorAll('circle').length, arrows: svg.querySelectorAll('path.link').length };
    }, undefined);
    expect(drawn.hidden).toBe('true');
    expect(drawn.dots).toBe(5);
    // One arrow from each of the four to Axios.
    expect(drawn.arrows).toBe(4);
  });

  it('in a 360 px window, right to left, nothing on either page reaches past the window but the table and the timeline, which scroll in their own regions', async () => {
    await ui.setViewport(360, 740);
    for (const path of [HISTORY_PATH, storyPath(url('002'))]) {
      await gotoExtensionPage(ui, path);
      await pageText(ui, /4 pages flagged|published first by/);
      const { overflow, wide } = await ui.evaluate(() => {
        document.documentElement.dir = 'rtl';
        const width = document.documentElement.clientWidth;
        const wide = Array.from(document.querySelectorAll('body *'))
          .filter((e) => !e.closest('.table-wrap, .timeline-wrap, .visually-hidden'))
          .filter((e) => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
        return { overflow: document.documentElement.scrollWidth - width, wide };
      }, undefined);
      expect(wide, `${path} (the document is ${overflow}px wider than the window)`).toEqual([]);
    }
    await ui.setViewport(1200, 900);
  });

  it('follows the reader’s theme: both pages light, and dark where the browser emulates it (pictures for the README from Chromium)', async () => {
    const background = () => ui.evaluate(() => getComputedStyle(document.body).backgroundColor, undefined);
    const schemes = ui.setColorScheme ? (['light', 'dark'] as const) : (['light'] as const);
    for (const [page, path, shown] of [
      ['history', HISTORY_PATH, /4 pages flagged/],
      ['story', storyPath(url('002')), /published first/],
    ] as const) {
      await ui.setViewport(1100, 900);
      for (const scheme of schemes) {
        await ui.setColorScheme?.(scheme);
        await gotoExtensionPage(ui, path);
        await pageText(ui, shown);
        expect(await background(), `${page} ${scheme}`).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(22, 26, 33)');
        const file = await snap(ui, `${name}-${page}-${scheme}`, true);
        if (name === 'chromium') copyFileSync(file, join(ROOT, 'docs', scheme === 'light' ? `${page}.png` : `${page}-dark.png`));
      }
    }
    await ui.setColorScheme?.('light');
  });
});
