// The choice of the original among the articles a page derives from, how sure it is, and the
// closest match. The Washington Post case of issue 10: one report's text placed into three other
// outlets' layouts (a near-verbatim copy, a half copy, a copy in a cluttered layout), read in
// either order, with and without stated dates.
import { describe, expect, it } from 'vitest';
import { buildRecord, checkArticle, MemoryStore, type CheckResult, type PageMeta } from '../../src/index/index.ts';
import { prng } from '../../src/index/hash.ts';
import { dayOnly } from '../../src/index/original.ts';
import { readSeedsInOrder, seed, wordsFrom } from './helpers.ts';

const DAY = 86_400_000;
const SEEN = Date.UTC(2026, 10, 1);

/** Paragraphs of words drawn from real text, the same every run: distinct enough that every shingle is the article's own. */
function paragraphs(seedNo: number, count: number, words = 25): string[] {
  const vocab = [...new Set(wordsFrom(['000', '001', '002', '003', '004'].map(seed).join(' ')).map((w) => w.toLowerCase()))];
  const rnd = prng(seedNo);
  return Array.from({ length: count }, () => {
    const w = Array.from({ length: words }, () => vocab[rnd() % vocab.length]);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return `${w.join(' ')}.`;
  });
}

// The Post's report: 24 paragraphs; with `credit`, its 16th quotes a spokesperson who "told The
// Washington Post" (past the half that the half copy keeps).
const POST_BODY = paragraphs(101, 24);
const CREDIT_LINE = 'A harbor authority spokesperson told The Washington Post that the agreement would be signed next week.';
const withCredit = (ps: string[]) => [...ps.slice(0, 15), CREDIT_LINE, ...ps.slice(15)];
const OWN = paragraphs(202, 3);
const CLUTTER = paragraphs(303, 4, 8);

/** The report and its copies in other layouts; `credit`: whether the report's text names the Post. */
function texts(credit: boolean) {
  const post = credit ? withCredit(POST_BODY) : POST_BODY;
  const last = post[post.length - 1].split(' ');
  return {
    post: post.join('\n\n'),
    // A near-verbatim copy: the last words of the report lost, a tagline added.
    ledger: [...post.slice(0, -1), last.slice(0, -3).join(' ') + '.', 'Follow the Metro Ledger for more.'].join('\n\n'),
    // A half copy: the first 13 paragraphs, then the outlet's own.
    coastal: [...post.slice(0, 13), ...OWN].join('\n\n'),
    // A whole copy in a cluttered layout: related headlines between the paragraphs.
    relay: [...post.slice(0, 8), ...CLUTTER.slice(0, 2), ...post.slice(8), ...CLUTTER.slice(2)].join('\n\n'),
  };
}

const POST: PageMeta = {
  url: 'https://www.washingtonpost.com/world/2024/05/10/harbor-deal/',
  siteName: 'The Washington Post',
  publishedTime: '2024-05-10T14:00:00Z',
};
const LEDGER: PageMeta = { url: 'https://www.metroledger.example/news/harbor-deal', siteName: 'Metro Ledger', publishedTime: '2024-05-10T18:30:00Z' };
/** A date in the URL path only: the day, no time. */
const COASTAL: PageMeta = {
  url: 'https://www.coastaltimes.example/2024/05/12/harbor-deal',
  siteName: 'Coastal Times',
  publishedTime: '2024-05-12',
  publishedFrom: 'url',
};
const RELAY: PageMeta = { url: 'https://www.dailyrelay.example/harbor-deal', siteName: 'Daily Relay' };

type Name = 'post' | 'ledger' | 'coastal' | 'relay';
const METAS: Record<Name, PageMeta> = { post: POST, ledger: LEDGER, coastal: COASTAL, relay: RELAY };

/** Reads the pages in order, a day apart, each checked then stored; `meta` overrides a page's metadata. */
async function readInOrder(order: Name[], opts: { credit?: boolean; meta?: Partial<Record<Name, PageMeta>> } = {}) {
  const t = texts(opts.credit ?? false);
  const store = new MemoryStore();
  const out = new Map<Name, CheckResult>();
  for (const [i, n] of order.entries()) {
    const { record, fp } = buildRecord(t[n], opts.meta?.[n] ?? METAS[n], SEEN + i * DAY);
    out.set(n, await checkArticle(store, { record, fp }));
    await store.put(record);
  }
  return { store, out, texts: t };
}

describe('the Washington Post case: one report in three other layouts', () => {
  it('the copies measure as built: a near-verbatim copy, a half copy, a copy in clutter', async () => {
    const { out } = await readInOrder(['post', 'ledger', 'coastal', 'relay']);
    const share = (n: Name) => out.get(n)!.matches.find((m) => m.outlet === 'The Washington Post')!;
    expect(share('ledger').verdict).toBe('copy');
    expect(share('ledger').coverage).toBeGreaterThan(0.99); // 99.6% of the Post is in the Ledger's copy
    expect(share('coastal').coverage).toBeGreaterThan(0.5);
    expect(share('coastal').coverage).toBeLessThan(0.6);
    expect(share('relay').verdict).toBe('copy');
    expect(dayOnly(Date.parse('2024-05-12'))).toBe(true);
  });

  it('read first, the Post is named by every copy, at high confidence when the copy states its date', async () => {
    const { out } = await readInOrder(['post', 'ledger', 'coastal', 'relay']);
    expect(out.get('post')!.original).toBeUndefined();
    for (const n of ['ledger', 'coastal', 'relay'] as const) {
      const r = out.get(n)!;
      expect(r.original?.outlet, n).toBe('The Washington Post');
      expect(r.closest, n).toBeUndefined();
    }
    expect(out.get('ledger')!.confidence?.level).toBe('high');
    expect(out.get('coastal')!.confidence?.level).toBe('high');
    expect(out.get('coastal')!.confidence?.reasons).toContain('The Washington Post states 2024-05-10 14:00 UTC, this page 2024-05-12 (day only).');
    // The relay states no date: the reading order alone.
    expect(out.get('relay')!.confidence).toEqual({
      level: 'medium',
      reasons: [
        `You read The Washington Post first (2026-11-01 00:00 UTC), this page later (2026-11-04 00:00 UTC).`,
        'The Washington Post states 2024-05-10 14:00 UTC; this page states no date.',
      ],
    });
    // The earlier copies share text with the relay too, and the sentence about them stays true.
    expect(out.get('relay')!.evidence).toContain(
      '2 other articles in your index that this page shares text with came before it; The Washington Post is named because it came first.',
    );
    expect(out.get('relay')!.evidence.join(' ')).not.toMatch(/later match/);
  });

  it('read after its copies, the Post with its stated date is flagged as nobody’s copy, and says what its date overturns', async () => {
    const { out } = await readInOrder(['ledger', 'coastal', 'relay', 'post']);
    const post = out.get('post')!;
    expect(post.original).toBeUndefined();
    expect(post.verdict).toBe('unrelated');
    expect(post.matches.map((m) => [m.outlet, m.direction]).sort()).toEqual([
      ['Coastal Times', 'to'],
      ['Daily Relay', 'to'],
      ['Metro Ledger', 'to'],
    ]);
    // Read first and dated later, or not dated at all: only the Post's date puts it first, and it says so.
    expect(post.evidence.filter((e) => /only this page's stated date puts it first/.test(e))).toHaveLength(3);
  });

  it('a copy read after all of them names the Post, not the copy it credits, which is a near-verbatim copy of the Post', async () => {
    const { store, texts: t } = await readInOrder(['ledger', 'coastal', 'relay', 'post']);
    // A syndicated page that credits the Metro Ledger, whose copy it carries.
    const page = buildRecord(
      `${t.ledger}\n\nThe Metro Ledger first reported the agreement.`,
      {
        url: 'https://www.harborwire.example/harbor-deal',
        siteName: 'Harbor Wire',
        publishedTime: '2024-05-11T09:00:00Z',
        links: [{ href: 'https://www.metroledger.example/news/harbor-deal', text: 'Metro Ledger' }],
      },
      SEEN + 10 * DAY,
    );
    expect(page.record.credits.map((c) => c.key)).toContain('metroledger');
    const r = await checkArticle(store, page);
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.reasons).toContain(
      'Metro Ledger is not named: 99% of its text is in The Washington Post, which came before it, so it is a copy of The Washington Post.',
    );
    expect(r.confidence?.level).toBe('high');
    // The figures are the Post's; the Ledger's copy, which this page carries, is the closest.
    expect(r.closest?.outlet).toBe('Metro Ledger');
    expect(r.closest!.containment).toBeGreaterThan(r.original!.containment);
    // The page's own date (11 May, 09:00) comes before the two copies read first: they are its copies, not its sources.
    expect(r.evidence).toContain(
      '1 other article in your index that this page shares text with came before it; The Washington Post is named because Metro Ledger, which this page shares text with too, is a copy of it.',
    );
  });

  it('before the Post is in the index, a copy names another copy, at low confidence: both credit the Post', async () => {
    const { out } = await readInOrder(['ledger', 'relay'], { credit: true });
    const r = out.get('relay')!;
    expect(r.original?.outlet).toBe('Metro Ledger');
    expect(r.confidence?.level).toBe('low');
    expect(r.confidence?.reasons).toContain(
      'This page and Metro Ledger both credit The Washington Post, whose article is not in your index: it may be the original of both.',
    );
  });

  it('a copy that states an earlier date than the Post but carries its credit is not named in its place', async () => {
    // The Ledger's layout carries a date of its own, a day before the Post's; its text (the Post's) credits the Post.
    const backdated = { ...LEDGER, publishedTime: '2024-05-09T08:00:00Z' };
    const { store, out, texts: t } = await readInOrder(['ledger', 'post'], { credit: true, meta: { ledger: backdated } });
    expect(out.get('post')!.original).toBeUndefined();
    // The half copy stops before the credit: only the Ledger's credit to the Post orders the two.
    const page = buildRecord(t.coastal, COASTAL, SEEN + 5 * DAY);
    expect(page.record.credits).toEqual([]);
    const r = await checkArticle(store, page);
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('high');
    expect(r.confidence?.reasons).toContain('Metro Ledger states an earlier date (2024-05-09 08:00 UTC) but credits The Washington Post, so it came after it.');
    expect(r.evidence).toContain(
      '1 other article in your index that this page shares text with came before it; The Washington Post is named because Metro Ledger, which this page shares text with too, credits it.',
    );
  });

  it('a copy credited by the page is named, and an earlier source it does not credit is said to be earlier', async () => {
    const backdated = { ...LEDGER, publishedTime: '2024-05-09T08:00:00Z' };
    const { store, texts: t } = await readInOrder(['ledger', 'coastal'], { meta: { ledger: backdated } });
    const page = buildRecord(
      `${t.coastal}

As the Coastal Times reported, the agreement would be signed next week.`,
      { ...RELAY, publishedTime: '2024-05-13T10:00:00Z' },
      SEEN + 5 * DAY,
    );
    const r = await checkArticle(store, page);
    expect(r.original?.outlet).toBe('Coastal Times');
    expect(r.confidence?.level).toBe('medium');
    expect(r.confidence?.reasons).toContain(
      'Metro Ledger states an earlier date (2024-05-09 08:00 UTC) and shares text with this page too; Coastal Times is named because this page credits it.',
    );
  });

  it('without the Post’s date, the Post read last names its earliest copy, and shows its closest copy beside it', async () => {
    // As before the date fix: the Post states nothing; the half copy states the earliest date.
    const coastal = { ...COASTAL, publishedTime: '2024-05-09', url: 'https://www.coastaltimes.example/2024/05/09/harbor-deal' };
    const { out } = await readInOrder(['coastal', 'ledger', 'relay', 'post'], { meta: { post: { ...POST, publishedTime: undefined }, coastal } });
    const r = out.get('post')!;
    expect(r.original?.outlet).toBe('Coastal Times');
    expect(r.original!.containment).toBeGreaterThan(0.5);
    expect(r.original!.containment).toBeLessThan(0.6);
    // The figures are the named original's; the 99.6% copy is the closest, shown too.
    expect(r.verdict).toBe('partial-copy');
    expect(r.closest?.outlet).toBe('Metro Ledger');
    expect(r.closest!.containment).toBeGreaterThan(0.99);
    expect(r.evidence).toContain(
      `This page is closest to Metro Ledger: ${Math.round(r.closest!.containment * 100)}% of its text is found there, ${Math.round(r.original!.containment * 100)}% in Coastal Times.`,
    );
    expect(r.confidence?.level).toBe('medium');
  });
});

/** Two pages: `a` stored, then `b` checked against it. */
async function pair(a: { text: string; meta: PageMeta; seen: number }, b: { text: string; meta: PageMeta; seen: number }) {
  const store = new MemoryStore();
  await store.put(buildRecord(a.text, a.meta, a.seen).record);
  return checkArticle(store, buildRecord(b.text, b.meta, b.seen));
}

describe('the confidence of the original, ground by ground', () => {
  const t = texts(false);
  const post = (meta: PageMeta = POST, seen = SEEN) => ({ text: t.post, meta, seen });
  const copy = (meta: PageMeta, seen = SEEN + DAY) => ({ text: t.ledger, meta, seen });
  const undated = (m: PageMeta): PageMeta => ({ ...m, publishedTime: undefined });

  it('high: the stated dates and the reading order agree', async () => {
    const r = await pair(post(), copy(LEDGER));
    expect(r.confidence).toEqual({
      level: 'high',
      reasons: [
        'The Washington Post states 2024-05-10 14:00 UTC, this page 2024-05-10 18:30 UTC.',
        'You read The Washington Post first (2026-11-01 00:00 UTC), this page later (2026-11-02 00:00 UTC).',
      ],
    });
  });

  it('high: a credit in the text', async () => {
    const r = await pair(post(undated(POST)), {
      text: `${t.ledger}\n\nAs The Washington Post reported, talks continue.`,
      meta: undated(LEDGER),
      seen: SEEN + DAY,
    });
    expect(r.confidence?.level).toBe('high');
    expect(r.confidence?.reasons[0]).toMatch(/^This page credits The Washington Post \(“/);
  });

  it('low, yet named: a canonical link to the original article, against the reading order and the dates', async () => {
    // The canonical link decides even against both the reading order and the dates.
    const r = await pair(post(POST, SEEN + DAY), copy({ ...LEDGER, publishedTime: '2024-05-01T00:00:01Z', canonicalUrl: POST.url }, SEEN));
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.reasons[0]).toBe("This page's canonical link points to The Washington Post's article.");
    expect(r.confidence?.level).toBe('low');
  });

  it('high: JSON-LD isBasedOn', async () => {
    const r = await pair(post(), copy({ ...LEDGER, jsonLd: { isBasedOn: [POST.url!] } }));
    expect(r.confidence?.level).toBe('high');
    expect(r.confidence?.reasons[0]).toBe("This page's JSON-LD says it is based on The Washington Post's article.");
  });

  it('medium, not high: the page credits an outlet whose article is not in the index', async () => {
    const r = await pair(post(), { text: `${t.ledger}\n\nAccording to Reuters, the agreement would be signed next week.`, meta: LEDGER, seen: SEEN + DAY });
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('medium');
    expect(r.confidence?.reasons).toContain('This page credits Reuters, whose article is not in your index: it may be the original.');
  });

  it('medium: the reading order alone, neither page dated', async () => {
    const r = await pair(post(undated(POST)), copy(undated(LEDGER)));
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('medium');
    expect(r.confidence?.reasons).toContain('Neither page states a publication date.');
  });

  it('medium: a credit that the page’s own earlier date disputes', async () => {
    const r = await pair(post(), {
      text: `${t.ledger}\n\nAs The Washington Post reported, talks continue.`,
      meta: { ...LEDGER, publishedTime: '2024-05-01T08:00:00Z' },
      seen: SEEN + DAY,
    });
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('medium');
    expect(r.confidence?.reasons).toContain(
      "The Washington Post states 2024-05-10 14:00 UTC, this page 2024-05-01 08:00 UTC: this page's stated date is earlier.",
    );
  });

  it('low: only the stated dates put the original first; the reader saw this page first', async () => {
    const r = await pair(post(POST, SEEN + DAY), copy(LEDGER, SEEN));
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('low');
    expect(r.confidence?.reasons[0]).toBe('Only the stated dates put The Washington Post first.');
    expect(r.confidence?.reasons).toContain('You read this page first (2026-11-01 00:00 UTC) and The Washington Post later (2026-11-02 00:00 UTC).');
  });

  it('low: only the date the original states puts it first; this page states none and was read first', async () => {
    const r = await pair(post(POST, SEEN + DAY), copy(undated(LEDGER), SEEN));
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('low');
    expect(r.confidence?.reasons[0]).toBe('Only the date The Washington Post states puts it first.');
  });

  it('low: both dated the same day, one without a time; the reading order decides', async () => {
    const r = await pair(post({ ...POST, publishedTime: '2024-05-10' }), copy(LEDGER));
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('low');
    expect(r.confidence?.reasons).toContain(
      'The Washington Post states 2024-05-10 (day only), this page 2024-05-10 18:30 UTC: the same day, stated without a time, so the dates cannot tell which came first.',
    );
  });

  it('a day-only date does not put an article before a timestamp of that day: the reading order decides', async () => {
    // Day only, the Post's date reads as midnight, hours before the copy's 18:30; the copy was read first.
    const r = await pair(copy(LEDGER, SEEN), post({ ...POST, publishedTime: '2024-05-10' }, SEEN + DAY));
    expect(r.original?.outlet).toBe('Metro Ledger');
    expect(r.confidence?.level).toBe('low');
  });

  it('medium, not high: another source of the same day whose order with the original cannot be told', async () => {
    const store = new MemoryStore();
    await store.put(buildRecord(t.post, { ...POST, publishedTime: '2024-05-10' }, SEEN).record);
    await store.put(buildRecord(t.coastal, { ...COASTAL, publishedTime: '2024-05-10' }, SEEN + DAY).record);
    const r = await checkArticle(store, buildRecord(t.relay, { ...RELAY, publishedTime: '2024-05-13' }, SEEN + 2 * DAY));
    expect(r.original?.outlet).toBe('The Washington Post');
    expect(r.confidence?.level).toBe('medium');
    expect(r.confidence?.reasons).toContain(
      'Coastal Times may have come before The Washington Post: their stated dates fall on one day, stated without a time; you read The Washington Post first.',
    );
  });
});

describe('sources that nothing orders', () => {
  it('keep the strongest match as the original, and say that their order cannot be told', async () => {
    const t = texts(false);
    const store = new MemoryStore();
    // Seen at the same moment, neither dated: as in `firsthand eval --index`.
    await store.put(buildRecord(t.coastal, { ...COASTAL, publishedTime: undefined }, SEEN).record);
    await store.put(buildRecord(t.ledger, { ...LEDGER, publishedTime: undefined }, SEEN).record);
    const r = await checkArticle(store, buildRecord(t.relay, RELAY, SEEN + DAY));
    expect(r.original?.outlet).toBe('Metro Ledger');
    expect(r.verdict).toBe('copy');
    expect(r.closest).toBeUndefined();
    expect(r.confidence?.level).toBe('medium');
    expect(r.confidence?.reasons).toContain(
      'Coastal Times may have come before Metro Ledger: nothing tells which of the two came first; Metro Ledger shares more with this page.',
    );
  });
});

describe('the seed articles', () => {
  it('read first with its stated date, the Axios report is named at high confidence, with the verdicts of the seeds README', async () => {
    const r = await readSeedsInOrder(['001', '002', '000', '003', '004']);
    expect(r.get('001')!.confidence).toBeUndefined();
    expect([r.get('002')!.verdict, r.get('000')!.verdict, r.get('003')!.verdict]).toEqual(['partial-copy', 'rewrite', 'rewrite']);
    for (const n of ['002', '000', '003']) {
      expect(r.get(n)!.original?.outlet, n).toBe('Axios');
      expect(r.get(n)!.confidence?.level, n).toBe('high');
      expect(r.get(n)!.confidence?.reasons[0], n).toMatch(/^This page credits Axios \(“/);
    }
    expect(r.get('002')!.confidence?.reasons).toContain('Axios states 2024-03-31 14:00 UTC, this page 2024-03-31 17:30 UTC.');
    expect(r.get('004')!.original).toBeUndefined();
    expect(r.get('004')!.confidence).toBeUndefined();
  });

  it('before the Axios report is read, a rewrite of it is not named a rewrite of a copy that credits Axios too', async () => {
    const r = await readSeedsInOrder(['002', '000']);
    const page = r.get('000')!;
    expect(page.original).toBeUndefined();
    expect(page.matches.map((m) => [m.outlet, m.verdict])).toEqual([['JNS', 'related']]);
    expect(page.evidence).toContain("This page and JNS both credit Axios and tell the story in their own words: neither is named as the other's original.");
  });

  it('read after its copies, Axios is their original once they are read again', async () => {
    const r = await readSeedsInOrder(['002', '000', '003', '004', '001', '002', '000', '003']);
    expect(r.get('001')!.original).toBeUndefined();
    for (const n of ['002', '000', '003']) {
      expect(r.get(n)!.original?.outlet, n).toBe('Axios');
      expect(r.get(n)!.confidence?.level, n).toBe('high');
    }
  });
});
