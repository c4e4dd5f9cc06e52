// The accessibility engine (axe-core) on every extension page a reader meets after reading the
// Axios report and the pages that took from it: the popup on the close copy, the options, the
// comparison, the history and the story; in both browsers, light and dark. A page passes when axe
// finds no violation of serious or critical impact; the failure message lists each one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleByKey, articleUrl } from '../fixtures/site/articles.ts';
import { startSite, type Site } from '../fixtures/site/server.ts';
import { pageText } from './harness/extension.ts';
import { BROWSERS, launch, newProfileDir, ROOT } from './harness/session.ts';
import type { Session, Tab } from './harness/types.ts';
import { Console, OPTIONS_PATH, openPopup, read } from './steps.ts';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core's source in the tab. The harness evaluates outside the page's CSP (DevTools /
 * BiDi), where an inline <script> or eval would be refused by the extension pages' policy. */
const injectAxe = new Function(`${AXE_SOURCE}\n;if (typeof axe !== 'undefined') window.axe = axe;`) as (arg: undefined) => void;

interface Found {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** The serious and critical violations axe finds in the tab. */
async function violations(tab: Tab): Promise<Found[]> {
  await tab.evaluate(injectAxe, undefined);
  return tab.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, undefined);
}

const describeFound = (found: Found[]) => found.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.join(' | ')}`).join('\n');

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const url = (key: string) => articleUrl(articleByKey(key));
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Each page a reader meets, and how to open it once the reading is done. */
const PAGES: [string, (session: Session, ext: Console) => Promise<Tab>][] = [
  ['popup on the close copy', async (session, ext) => (await openPopup(session, await ext.get(), url('002'), /Partly copied from Axios/)).tab],
  ['options', (session) => opened(session, OPTIONS_PATH, /Add list/)],
  ['comparison', (session) => opened(session, `src/popup/compare.html?${q({ page: url('002'), original: url('001') })}`, /Axios/)],
  ['history', (session) => opened(session, 'src/popup/history.html', /3 pages flagged/)],
  ['story', (session) => opened(session, `src/popup/story.html?${q({ url: url('002') })}`, /published first by Axios/)],
];

async function opened(session: Session, path: string, shown: RegExp): Promise<Tab> {
  const tab = await session.openExtensionPage(path);
  await pageText(tab, shown);
  return tab;
}

describe.each(BROWSERS.flatMap((b) => (['light', 'dark'] as const).map((s) => [b, s] as const)))(
  '%s, %s theme: axe-core on the extension pages',
  (name, scheme) => {
    let session: Session;
    let ext: Console;

    beforeAll(async () => {
      // Firefox takes the dark theme at launch; Chromium emulates it per tab.
      session = await launch(name, site, newProfileDir(`${name}-axe-${scheme}`), undefined, { colorScheme: scheme });
      ext = new Console(session);
      for (const key of ['001', '002', '000', '004']) await read(session, key);
    });
    afterAll(async () => {
      await session?.close();
    });

    it.each(PAGES)('%s: no serious or critical violation', async (_page, open) => {
      const tab = await open(session, ext);
      if (tab.setColorScheme) await tab.setColorScheme(scheme);
      const isDark = await tab.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches, undefined);
      expect(isDark).toBe(scheme === 'dark');
      const found = await violations(tab);
      await tab.close();
      expect(found, describeFound(found)).toEqual([]);
    });
  },
);
