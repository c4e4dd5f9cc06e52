// Load, in Chromium: fifty article tabs opened at once (forty stories and ten word-for-word
// copies). Every tab gets its verdict, the index holds exactly the fifty articles, no write is
// lost, and the worker's heap is measured before and after (reported, not asserted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAD_ARTICLES, LOAD_COPIES, LOAD_DISTINCT, loadUrl } from '../fixtures/site/load.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { Devtools } from './harness/devtools.ts';
import { ask } from './harness/extension.ts';
import { seen } from './harness/reader.ts';
import { newProfileDir } from './harness/session.ts';
import type { Tab } from './harness/types.ts';
import { Console } from './steps.ts';

let site: Site;
let dt: Devtools;
let ext: Console;

beforeAll(async () => {
  site = await startSite();
  dt = await Devtools.launch(site, newProfileDir('chromium-load'));
  ext = new Console(dt.session);
});
afterAll(async () => {
  await dt?.close();
  await site?.close();
});

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

describe('chromium: fifty tabs at once', () => {
  it('every tab gets its verdict and the index holds exactly the fifty articles', async () => {
    const ui = await ext.get();
    expect((await ask<{ articles: number }>(ui, { type: 'ui/stats' })).articles).toBe(0);
    const before = await dt.workerHeap();

    const urls = LOAD_ARTICLES.map(loadUrl);
    expect(urls).toHaveLength(LOAD_DISTINCT + LOAD_COPIES);
    const tabs: Tab[] = await Promise.all(urls.map((u) => dt.session.open(u)));
    const verdicts = await Promise.all(tabs.map((t, i) => seen(t, urls[i]).then((s) => s.verdict)));
    // Every distinct story is new to the index; a copy is flagged unless its original was still
    // being saved when it was checked (the tabs race), and then it is seen as the original.
    expect(verdicts.slice(0, LOAD_DISTINCT).every((v) => v === 'unrelated')).toBe(true);
    expect(verdicts.slice(LOAD_DISTINCT).every((v) => v === 'copy' || v === 'unrelated')).toBe(true);

    const pack = JSON.parse(await ask<string>(ui, { type: 'ui/export' })) as { articles: { id: string; text?: string }[] };
    expect(pack.articles.map((a) => a.id).sort()).toEqual([...urls].sort());
    expect(pack.articles.every((a) => (a.text ?? '').length > 500)).toBe(true);
    expect((await ask<{ articles: number }>(ui, { type: 'ui/stats' })).articles).toBe(urls.length);

    // Read again with every original in the index, each copy names its original.
    const copies = tabs.slice(LOAD_DISTINCT);
    for (const [i, tab] of copies.entries()) {
      await tab.goto(urls[LOAD_DISTINCT + i]);
      const again = await seen(tab, `copy ${i} again`);
      expect(again.verdict).toBe('copy');
      expect(again.ribbon).toContain(`Copied from Loadtown Herald ${i % 10}:`);
    }
    await Promise.all(tabs.map((t) => t.close()));
    const after = await dt.workerHeap();
    const flagged = verdicts.filter((v) => v === 'copy').length;
    console.info(
      `chromium load: ${tabs.length} tabs opened at once, ${tabs.length} verdicts (${flagged} of ${LOAD_COPIES} copies flagged on first sight, all ${LOAD_COPIES} on a re-read), ` +
        `${pack.articles.length} articles indexed; worker heap ${mb(before.used)} before, ${mb(after.used)} after (of ${mb(after.total)} allocated)`,
    );
  });
});
