import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRecord, checkArticle, MemoryStore, type CheckResult, type PageMeta } from '../../src/index/index.ts';

const SEEDS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'seeds');

/** A seed article's text by its number ("000".."004"). */
export function seed(n: string): string {
  const f = readdirSync(SEEDS).find((x) => x.startsWith(n + '_'));
  if (!f) throw new Error(`no seed ${n}`);
  return readFileSync(join(SEEDS, f), 'utf8');
}

/** Metadata of the seed pages as their outlets publish them (see tests/fixtures/seeds). */
export const SEED_META: Record<string, PageMeta> = {
  '001': { url: 'https://www.axios.com/2024/03/31/israel-us-rafah-virtual-meeting', siteName: 'Axios', publishedTime: '2024-03-31T14:00:00Z' },
  '002': { url: 'https://www.jns.org/us-israel-virtual-meeting-rafah/', siteName: 'JNS', publishedTime: '2024-03-31T17:30:00Z' },
  '000': {
    url: 'https://english.almayadeen.net/news/politics/us-israel-virtual-meeting',
    siteName: 'Al Mayadeen English',
    publishedTime: '2024-03-31T18:10:00Z',
  },
  '003': { url: 'https://www.middleeastwire.example/rafah-virtual-meeting', siteName: 'Middle East Wire', publishedTime: '2024-03-31T20:45:00Z' },
  '004': { url: 'https://www.arabcanadanews.ca/us-israel-meeting-rafah', siteName: 'Arab Canada News', publishedTime: '2024-04-01T12:00:00Z' },
};

/** Deterministic pseudo-random words drawn from real text, for generated articles. */
export function wordsFrom(text: string): string[] {
  return text.split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w));
}

/** Checks the seed pages in the given order against one growing index (each read a millisecond after the one before), as a reader reads them. */
export async function readSeedsInOrder(order: string[]): Promise<Map<string, CheckResult>> {
  const store = new MemoryStore();
  const out = new Map<string, CheckResult>();
  let seen = Date.UTC(2024, 3, 2);
  for (const n of order) {
    const { record, fp } = buildRecord(seed(n), SEED_META[n], seen++);
    out.set(n, await checkArticle(store, { record, fp }));
    await store.put(record);
  }
  return out;
}
