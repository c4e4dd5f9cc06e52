// The founding case as a reader meets it, in each browser: the Axios scoop first, then the
// outlets that copied, rewrote or followed it; pages that are not about it; the comparison page;
// export, clear and import of the index; and a browser restart. Steps run in order on one profile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeU32 } from '../../src/index/base64.ts';
import { fingerprint } from '../../src/index/index.ts';
import { articleByKey, articleUrl, FRONT_PAGE_URL } from '../fixtures/site/articles.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { gotoExtensionPage, pageText, POPUP_PATH, tabIdFor, ask } from './harness/extension.ts';
import { seenNow } from './harness/reader.ts';
import { poll } from './harness/wait.ts';
import { BROWSERS, launch, newProfileDir } from './harness/session.ts';
import type { Session } from './harness/types.ts';
import { Console, indexPanelText, openPopup, PARTLY_COPIED_FROM_AXIOS, read, revisit, REWRITTEN_FROM_AXIOS, snap } from './steps.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(BROWSERS)('%s: reading the Axios scoop and the pages that reused it', (name) => {
  const profileDir = newProfileDir(name);
  let session: Session;
  let ext: Console;
  let firstRequest = 0;
  /** The share of the close copy's text found in Axios, as first shown (e.g. "39"). */
  let copyShare = '';

  beforeAll(async () => {
    firstRequest = site.requests.length;
    session = await launch(name, site, profileDir);
    ext = new Console(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the Axios report, read first, is indexed and shows no ribbon', async () => {
    const axios = await read(session, '001');
    expect(await axios.tab.evaluate(() => document.title, undefined)).toBe(`${articleByKey('001').title} | Axios`);
    expect(axios.ribbon).toBeUndefined();
    expect(axios.verdict).toBe('unrelated');
    expect(await ext.badge(axios.url)).toBe('');
  });

  it('the close copy says "Partly copied from Axios" with its share, on the page, the badge and the popup', async () => {
    const copy = await read(session, '002');
    expect(copy.verdict).toBe('partial-copy');
    expect(copy.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    copyShare = PARTLY_COPIED_FROM_AXIOS.exec(copy.ribbon ?? '')?.[1] ?? '';
    expect(copy.ribbon).toMatch(/It carries \d+% of the original\. It credits Axios\.$/);
    expect(await ext.badge(copy.url)).toBe(`${copyShare}%`);
    await snap(copy.tab, `${name}-ribbon-partial-copy`);

    const popup = await openPopup(session, await ext.get(), copy.url, /Your index/i);
    expect(popup.text).toContain('Partly copied from Axios');
    expect(popup.text).toContain('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    expect(popup.text).toMatch(/\d+% of this page comes from the original/);
    expect(popup.text).toContain('✓ Credits Axios');
    await snap(popup.tab, `${name}-popup-partial-copy`, true);

    // The reader's way to the comparison: the popup's "Compare side by side".
    const compare = await session.newTabAfter(() => popup.tab.clickButton('Compare side by side'));
    expect(await compare.href()).toMatch(/src\/popup\/compare\.html\?/);
    const text = await pageText(compare, /Axios/);
    expect(text).toContain('U.S. and Israel set to hold a virtual meeting on Rafah Monday');
    expect(text).toContain('Israel National Wire');
    await snap(compare, `${name}-compare`);
    await compare.close();
  });

  it('both rewrites say "Rewritten from Axios", and the badge says ≈', async () => {
    for (const key of ['000', '003']) {
      const rewrite = await read(session, key);
      expect(rewrite.verdict, key).toBe('rewrite');
      expect(rewrite.ribbon, key).toMatch(REWRITTEN_FROM_AXIOS);
      expect(await ext.badge(rewrite.url), key).toBe('≈');
      if (key === '000') await snap(rewrite.tab, `${name}-ribbon-rewrite`);
      if (key !== '000') continue;
      // With Axios's text stored, the worker tells the rewrite's passages apart: the highlights
      // mark word-for-word passages and reworded ones each in their own style.
      const ui = await ext.get();
      await ask(ui, { type: 'ui/highlight', tabId: await tabIdFor(ui, rewrite.url) });
      const painted = await poll('the rewrite to be highlighted', () =>
        rewrite.tab.evaluate(() => document.documentElement.dataset.firsthandHighlights, undefined),
      );
      const [, literal, near] = /^literal:(\d+) near:(\d+)$/.exec(painted) ?? [];
      expect(Number(literal), painted).toBeGreaterThan(0);
      expect(Number(near), painted).toBeGreaterThan(0);
      await snap(rewrite.tab, `${name}-ribbon-rewrite-highlighted`);
    }
  });

  it('the next-day report that credits CNN gets no ribbon and no badge', async () => {
    const followUp = await read(session, '004');
    expect(followUp.ribbon).toBeUndefined();
    expect(['related', 'unrelated']).toContain(followUp.verdict);
    expect(await ext.badge(followUp.url)).toBe('');
  });

  it('a front page and an unrelated article show nothing', async () => {
    const front = await session.open(FRONT_PAGE_URL);
    const ui = await ext.get();
    // The content script reports a non-article to the background; wait for that, then look.
    const frontId = await tabIdFor(ui, FRONT_PAGE_URL);
    // The tab can be found before its content script has reported: wait for the report itself.
    const state = await poll('the front page to be reported as not an article', () =>
      ask<{ note?: string; result?: unknown } | null>(ui, { type: 'ui/tab-state', tabId: frontId }),
    );
    expect(state.note).toMatch(/does not look like an article/);
    expect(state.result).toBeUndefined();
    expect(await seenNow(front)).toEqual({ verdict: undefined, ribbon: undefined });
    expect(await ext.badge(FRONT_PAGE_URL)).toBe('');

    const local = await read(session, 'unrelated');
    expect(local.verdict).toBe('unrelated');
    expect(local.ribbon).toBeUndefined();
    expect(await ext.badge(local.url)).toBe('');
  });

  it('an exported index, cleared and imported again, gives the same verdicts', async () => {
    const ui = await ext.get();
    await gotoExtensionPage(ui, POPUP_PATH);
    await pageText(ui, /\b6\s+articles\b/);
    const pack = await session.captureDownload(ui, () => ui.clickButton('Export'));
    expect(pack.name).toMatch(/^firsthand-\d{4}-\d{2}-\d{2}\.firsthand\.json$/);
    const parsed = JSON.parse(pack.text) as { format: string; version: number; articles: unknown[] };
    expect(parsed.format).toBe('firsthand-pack');
    expect(parsed.version).toBe(1);
    expect(parsed.articles).toHaveLength(6);
    // Bit for bit: the browser's signatures and token hashes equal Node's for the same text.
    for (const a of parsed.articles as { id: string; text?: string; signature: string; tokens: string }[]) {
      expect(a.text, a.id).toBeTruthy();
      const fp = fingerprint(a.text ?? '');
      expect(a.tokens, a.id).toBe(encodeU32(fp.tokens));
      expect(a.signature, a.id).toBe(encodeU32(fp.signature));
    }
    const packPath = join(profileDir, '..', pack.name);
    writeFileSync(packPath, pack.text);

    await ui.clickButton('Clear…');
    await ui.clickButton('Delete everything');
    await pageText(ui, /\b0\s+articles\b[\s\S]*The index is empty/);

    // With the index empty the copy has nothing to point to.
    const copy = await read(session, '002');
    expect(copy.ribbon).toBeUndefined();

    // The popup's Import… opens the first-run page at its pack import, in a tab that stays open.
    await gotoExtensionPage(ui, 'src/popup/welcome.html#import');
    await ui.setFiles('#welcome-pack-file', packPath);
    await pageText(ui, /Imported \d+ articles?/);
    await indexPanelText(ui, /\b6\s+articles\b/);

    const again = await revisit(copy);
    expect(again.verdict).toBe('partial-copy');
    expect(again.ribbon).toMatch(PARTLY_COPIED_FROM_AXIOS);
    expect(PARTLY_COPIED_FROM_AXIOS.exec(again.ribbon ?? '')?.[1]).toBe(copyShare);
    const rewrite = await read(session, '000');
    expect(rewrite.ribbon).toMatch(REWRITTEN_FROM_AXIOS);
  });

  it('after a browser restart on the same profile the index is still there', async () => {
    await session.close();
    session = await launch(name, site, profileDir);
    ext = new Console(session);
    const text = await indexPanelText(await ext.get(), /\barticles\b/);
    expect(text).toMatch(/\b6\s+articles\b/);
    const rewrite = await read(session, '003');
    expect(rewrite.ribbon).toMatch(REWRITTEN_FROM_AXIOS);
  });

  it('the extension fetched nothing: the site served only the pages the reader opened', async () => {
    const opened = new Set([...['001', '002', '000', '003', '004', 'unrelated'].map((k) => articleUrl(articleByKey(k))), FRONT_PAGE_URL]);
    const served = site.requests.slice(firstRequest).filter((r) => r.method !== 'CONNECT');
    const extra = served.filter((r) => !opened.has(`http://${r.host}${r.path}`) && !(r.host === 'firsthand.test' && r.path.startsWith('/open?')));
    expect(extra).toEqual([]);
    // Firefox sends its own update checks to the proxy as HTTPS tunnels; they are refused, and
    // none of them is for an outlet's host.
    const tunnels = site.requests.slice(firstRequest).filter((r) => r.method === 'CONNECT');
    expect(tunnels.filter((r) => site.hosts.some((h) => r.host.startsWith(`${h}:`)))).toEqual([]);
  });
});
