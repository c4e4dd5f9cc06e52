// Load to ribbon with a reuse list: the time from navigation to the ribbon on the seed copy page
// (002) for a reader who never read its original but is subscribed to a list that holds it (the
// example list's originals and generated articles, 100k in all), beside a reader who read the
// original (the seed pages alone in the index, no list). Loads alternate between the two
// profiles, each load from another site's page. In Chromium each profile's copy page is also
// loaded right after its service worker was stopped, as the browser stops an idle one: the
// worker then starts, reads the lists and their key filters while the page is extracted, and
// checks (src/background/main.ts, IdbStore.prepare). Firefox's background page cannot be
// stopped from outside; its loads are with the worker running only.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Generator } from './corpus.ts';
import { buildExtension, launchPageBrowser, type PageBrowser, type PageBrowserName } from './page-browsers.ts';
import type { PageLoad } from './page-probe.ts';
import { benchPages, longArticle, startPageSite } from './page-site.ts';
import { summarize, type Summary } from './stats.ts';
import type { Vocabulary } from './vocabulary.ts';
import { isDerived } from '../src/index/verdict.ts';
import { isVerdict } from '../src/protocol/replies.ts';

/** The loads of the copy page in one profile, one way (worker running, or just stopped). */
export interface RibbonLoads {
  /** ms from navigation start to the ribbon, from the load event to the ribbon. */
  fromNavigation: Summary;
  fromLoad: Summary;
  /** Loads whose ribbon showed, and of those, how many flagged the page. */
  shown: number;
  flagged: number;
  loads: number;
}

export interface ListRibbonResult {
  browser: PageBrowserName;
  version?: string;
  /** Generated articles in the subscribed list, and all its articles (with the example list's);
   * seconds to generate and install it in the extension page. */
  generated?: number;
  listed?: number;
  installSeconds?: number;
  /** The reader who read the original (no list) and the reader subscribed to the list. */
  read?: { running: RibbonLoads; stopped?: RibbonLoads };
  list?: { running: RibbonLoads; stopped?: RibbonLoads };
  /** Whether stopping the worker found one to stop, every time it was asked. */
  stopsFound?: number;
  error?: string;
}

function loadsOf(loads: PageLoad[]): RibbonLoads {
  const shown = loads.filter((l) => l.ribbonAt !== undefined);
  return {
    fromNavigation: summarize(shown.map((l) => l.ribbonAt as number)),
    fromLoad: summarize(shown.map((l) => (l.ribbonAt as number) - l.loadEnd)),
    shown: shown.length,
    flagged: shown.filter((l) => isVerdict(l.verdict) && isDerived(l.verdict)).length,
    loads: loads.length,
  };
}

export async function benchListRibbon(
  root: string,
  vocab: Vocabulary,
  opts: { browsers: PageBrowserName[]; articles: number; rounds: number; log: (s: string) => void },
): Promise<ListRibbonResult[]> {
  const long = longArticle(new Generator(vocab, 31));
  const pages = benchPages(long, []);
  const site = await startPageSite(long, []);
  const original = pages.find((p) => p.name === '001')!;
  const copy = pages.find((p) => p.name === '002')!;
  const elsewhere = pages.find((p) => p.name === 'front')!;
  const example = readFileSync(join(root, 'tests/fixtures/lists/example.fhlist'));
  const out: ListRibbonResult[] = [];
  try {
    for (const name of opts.browsers) {
      const log = (s: string) => opts.log(`  load to ribbon with a list, ${name}: ${s}`);
      const browsers: PageBrowser[] = [];
      const extDir = await buildExtension(root, name);
      try {
        const read = await launchPageBrowser(name, root, extDir, site);
        browsers.push(read);
        const listed = await launchPageBrowser(name, root, extDir, site);
        browsers.push(listed);
        log(`subscribing to a list of the example list's originals and ${opts.articles} generated articles...`);
        const installed = await listed.list(vocab, example, opts.articles);
        log(`installed ${installed.articles} listed articles in ${installed.seconds.toFixed(1)} s`);
        // The reader who read the original reads it first; one unrecorded load of the copy each.
        await read.load(original.url);
        await read.load(copy.url);
        await listed.load(copy.url);
        const stops = !!read.stopWorker && !!listed.stopWorker;
        const got = { read: { running: [] as PageLoad[], stopped: [] as PageLoad[] }, list: { running: [] as PageLoad[], stopped: [] as PageLoad[] } };
        let stopsFound = 0;
        for (let r = 0; r < opts.rounds; r++) {
          for (const [key, b] of [
            ['read', read],
            ['list', listed],
          ] as const) {
            await b.load(elsewhere.url);
            got[key].running.push(await b.load(copy.url));
            if (stops) {
              await b.load(elsewhere.url);
              if (await b.stopWorker!()) stopsFound++;
              // The browser notes the stop before the next page asks for the worker.
              await new Promise((resolve) => setTimeout(resolve, 200));
              got[key].stopped.push(await b.load(copy.url));
            }
          }
          if ((r + 1) % 5 === 0) log(`${r + 1}/${opts.rounds} rounds`);
        }
        out.push({
          browser: name,
          version: read.version,
          generated: opts.articles,
          listed: installed.articles,
          installSeconds: installed.seconds,
          read: { running: loadsOf(got.read.running), ...(stops ? { stopped: loadsOf(got.read.stopped) } : {}) },
          list: { running: loadsOf(got.list.running), ...(stops ? { stopped: loadsOf(got.list.stopped) } : {}) },
          ...(stops ? { stopsFound } : {}),
        });
      } catch (err) {
        log(`failed: ${String(err)}`);
        out.push({ browser: name, error: String(err) });
      } finally {
        for (const b of browsers) await b.close();
        rmSync(extDir, { recursive: true, force: true });
      }
    }
    return out;
  } finally {
    await site.close();
  }
}
