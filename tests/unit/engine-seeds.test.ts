import { describe, expect, it } from 'vitest';
import { buildRecord, checkArticle, compareTexts, extractCredits, MemoryStore } from '../../src/index/index.ts';
import { readSeedsInOrder, SEED_META, seed } from './helpers.ts';

describe('the seed articles, pair by pair', () => {
  const axios = seed('001');
  it('002 is a partial copy of the Axios report, both ways measured', () => {
    const c = compareTexts(axios, seed('002'));
    expect(c.verdict).toBe('partial-copy');
    expect(c.containment).toBeGreaterThan(0.25);
    expect(c.coverage).toBeGreaterThan(c.containment); // it carries more of Axios than Axios is of it
  });
  it.each(['000', '003'])('%s is a rewrite of the Axios report', (n) => {
    const c = compareTexts(axios, seed(n));
    expect(c.verdict).toBe('rewrite');
    expect(c.containment).toBeLessThan(0.25);
  });
  it('004 follows the story but is not a copy', () => {
    expect(['related', 'unrelated']).toContain(compareTexts(axios, seed('004')).verdict);
  });
  it('scores order the pairs by how much derives from Axios', () => {
    const s = (n: string) => compareTexts(axios, seed(n)).score;
    expect(s('002')).toBeGreaterThan(s('000'));
    expect(s('000')).toBeGreaterThan(s('003'));
    expect(s('003')).toBeGreaterThan(s('004'));
  });
});

describe('credits', () => {
  it('finds the credit to Axios in the copies and to CNN in the follow-up', () => {
    const keys = (n: string) => extractCredits(seed(n)).map((c) => c.key);
    expect(keys('002')).toContain('axios');
    expect(keys('000')).toContain('axios');
    expect(keys('003')).toContain('axios');
    expect(keys('004')).toEqual(['cnn']);
    expect(extractCredits(seed('002')).find((c) => c.key === 'axios')?.evidence).toBe('told Barak Ravid of Axios');
  });
  it('does not credit an outlet with its own reporting', () => {
    expect(extractCredits(seed('001'), SEED_META['001']).map((c) => c.key)).not.toContain('axios');
  });
  it('reads wire datelines, other languages, metadata and links', () => {
    const c = extractCredits('GAZA CITY (AP) — Talks resumed. Selon Le Monde, the plan stalled.', {
      url: 'https://copy.example/a',
      canonicalUrl: 'https://www.reuters.com/world/a',
      jsonLd: { isBasedOn: ['https://www.axios.com/2024/03/31/x'] },
      links: [{ href: 'https://www.lemonde.fr/article', text: 'Le Monde' }],
    });
    expect(c.map((x) => [x.key, x.kind])).toEqual([
      ['ap', 'dateline'],
      ['lemonde', 'text'],
      ['axios', 'jsonld'],
      ['reuters', 'meta'],
    ]);
    expect(c.find((x) => x.key === 'lemonde')?.host).toBe('lemonde.fr');
  });
  it('credits the host a URL really points at, not a user name written before "@"', () => {
    const c = extractCredits('Talks resumed.', { url: 'https://copy.example/a', jsonLd: { isBasedOn: ['https://axios.com@evil.example/x'] } });
    expect(c.map((x) => [x.key, x.host])).toEqual([['evil', 'evil.example']]);
  });
  it('ignores people and institutions after "according to", at the start of a sentence too', () => {
    // Sentence-initial and capitalised on purpose: the phrase is read there, so these are refused for their names.
    expect(extractCredits('According to Israeli officials, troops withdrew. According to the Health Ministry, 30 died.')).toEqual([]);
    expect(extractCredits('According to John Kirby, troops withdrew. Troops withdrew, according to the Health Ministry.')).toEqual([]);
    // The same sentence with an outlet in it is a credit.
    expect(extractCredits('According to Axios, troops withdrew.').map((c) => c.key)).toEqual(['axios']);
    expect(extractCredits('Citing Axios, the paper said troops withdrew. Axios reported.').map((c) => c.key)).toEqual(['axios']);
  });
});

describe('checking pages against the index', () => {
  it('names Axios as the original of every copy read after it', async () => {
    const r = await readSeedsInOrder(['001', '002', '000', '003', '004']);
    expect(r.get('001')!.verdict).toBe('unrelated');
    expect(r.get('002')!.verdict).toBe('partial-copy');
    for (const n of ['002', '000', '003']) {
      expect(r.get(n)!.original?.outlet).toBe('Axios');
      expect(r.get(n)!.credited).toBe(true);
    }
    expect(r.get('000')!.verdict).toBe('rewrite');
    expect(r.get('003')!.verdict).toBe('rewrite');
    expect(r.get('004')!.original).toBeUndefined();
    expect(r.get('004')!.credits.map((c) => c.key)).toEqual(['cnn']);
  });

  it('names Axios once it arrives after its copies, and lists them as its copies', async () => {
    const r = await readSeedsInOrder(['002', '000', '003', '004', '001', '002', '000', '003']);
    const ax = r.get('001')!;
    expect(ax.original).toBeUndefined();
    expect(
      ax.matches
        .filter((m) => m.direction === 'to' && m.verdict !== 'related')
        .map((m) => m.outlet)
        .sort(),
    ).toEqual(['Al Mayadeen English', 'JNS', 'Middle East Wire']);
    for (const n of ['002', '000', '003']) expect(r.get(n)!.original?.outlet).toBe('Axios');
  });

  it('never flags a seed the wrong way round when dates are known', async () => {
    const order = ['003', '000', '002', '001'];
    const r = await readSeedsInOrder(order);
    const id = (n: string) => SEED_META[n].url!;
    const matched = (n: string) =>
      r
        .get(n)!
        .matches.map((m) => m.id)
        .sort();
    // Each page matches exactly the seeds it shares text with among those read before it; the two
    // rewrites of Axios share no passage but tell the same story, so they are related coverage.
    expect(matched('003')).toEqual([]);
    expect(matched('000')).toEqual([id('003')]);
    expect(r.get('000')!.matches[0].verdict).toBe('related');
    expect(r.get('000')!.original).toBeUndefined();
    expect(matched('002')).toEqual([id('000'), id('003')].sort());
    expect(matched('001')).toEqual([id('002'), id('000'), id('003')].sort());
    order.forEach((n, step) => {
      const before = new Set(order.slice(0, step).map(id));
      for (const m of r.get(n)!.matches) expect(before.has(m.id), `${n} matched ${m.id}`).toBe(true);
    });
    // Read in reverse, every pair still points from the earlier stated date to the later one.
    for (const n of order) {
      const published = Date.parse(SEED_META[n].publishedTime!);
      for (const m of r.get(n)!.matches) expect(m.direction, `${n} and ${m.outlet}`).toBe(m.publishedAt! < published ? 'from' : 'to');
    }
    // Axios never derives from anything.
    expect(r.get('001')!.matches.every((m) => m.direction === 'to')).toBe(true);
  });

  it('lets a credit outweigh a false earlier date, and says so', async () => {
    const store = new MemoryStore();
    const ax = buildRecord(seed('001'), SEED_META['001'], 1);
    await store.put(ax.record);
    const liar = buildRecord(seed('002'), { ...SEED_META['002'], publishedTime: '2024-03-01T00:00:00Z' }, 2);
    const r = await checkArticle(store, liar);
    expect(r.original?.outlet).toBe('Axios');
    expect(r.evidence.join(' ')).toMatch(/credits Axios although its stated date is earlier/);
  });

  it('re-checking a page skips its own record', async () => {
    const store = new MemoryStore();
    const a = buildRecord(seed('001'), SEED_META['001'], 1);
    await store.put(a.record);
    expect((await checkArticle(store, a)).matches).toEqual([]);
  });
});
