import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor } from '../../src/background/badge.ts';
import { handlePageArticle, handlePageNotArticle, handlePageOpenCompare, NOTES, pageHandlers, withKinds } from '../../src/background/page.ts';
import { buildRecord, checkArticle } from '../../src/index/index.ts';
import type { PageSender } from '../../src/background/router.ts';
import type { Services } from '../../src/background/services.ts';
import type { PageMeta } from '../../src/index/types.ts';
import type { PageArticleMessage, Settings } from '../../src/protocol/messages.ts';
import { REPLY_CHECKS } from '../../src/protocol/replies.ts';
import { BASE_URL, syntheticArticle, testOf, testServices, uiOf } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';

const HOUR = 3_600_000;
const tabOf: Record<string, number> = { '001': 1, '002': 2, '000': 3, '003': 4, '004': 5 };

function visit(s: Services, n: string, opts: { incognito?: boolean } = {}) {
  const msg: PageArticleMessage = { type: 'page/article', text: seed(n), meta: { ...SEED_META[n] } };
  const from: PageSender = { kind: 'page', tabId: tabOf[n], url: SEED_META[n].url!, incognito: opts.incognito ?? false };
  return handlePageArticle(s, msg, from);
}

function clock(start = Date.UTC(2024, 3, 2)) {
  let t = start;
  return () => (t += HOUR);
}

async function settings(s: Services, patch: Partial<Settings>) {
  return uiOf(s)['ui/set-settings']({ type: 'ui/set-settings', settings: patch }, { kind: 'ui' });
}

describe('page/should-read', () => {
  const from = (url: string): PageSender => ({ kind: 'page', tabId: 7, url, incognito: false });

  it('lets a page be read unless Firsthand is paused or its site (or a parent site) is excluded, and keeps the reason for the popup', async () => {
    const { s } = testServices({ now: clock() });
    const ask = (url: string) => pageHandlers(s)['page/should-read']({ type: 'page/should-read' }, from(url));
    expect(await ask('https://www.axios.com/2024/03/31/x')).toBe(true);
    expect(await s.tabs.get(7)).toBeNull();
    await settings(s, { excludedSites: ['axios.com'] });
    expect(await ask('https://www.axios.com/2024/03/31/x')).toBe(false);
    expect(await s.tabs.get(7)).toEqual({ url: 'https://www.axios.com/2024/03/31/x', note: NOTES.excluded });
    expect(await ask('https://news.axios.com/x')).toBe(false);
    expect(await ask('https://notaxios.com/x')).toBe(true);
    await settings(s, { excludedSites: [], paused: true });
    expect(await ask('https://notaxios.com/x')).toBe(false);
    expect((await s.tabs.get(7))?.note).toBe(NOTES.paused);
    s.conn.close();
  });
});

describe('page/article', () => {
  it('checks a copy against what was read before, names the original, and badges the tab', async () => {
    const { s, rec, session } = testServices({ now: clock() });
    const first = await visit(s, '001');
    expect(first.pageId).toBe(SEED_META['001'].url);
    expect(first.result?.original).toBeUndefined();
    expect(rec.badges.get(1)).toBeNull();

    const copy = await visit(s, '002');
    expect(copy.result?.verdict).toBe('partial-copy');
    expect(copy.result?.original?.id).toBe(SEED_META['001'].url);
    const badge = rec.badges.get(2);
    expect(badge?.color).toBe(BADGE_COLORS['partial-copy']);
    expect(badge?.text).toBe(`${Math.round(copy.result!.original!.containment * 100)}%`);
    // The state outlives the worker: it is in storage.session.
    expect(session.data.get('tab:2')).toEqual(copy);
    expect(await uiOf(s)['ui/tab-state']({ type: 'ui/tab-state', tabId: 2 }, { kind: 'ui' })).toEqual(copy);

    const rewrite = await visit(s, '000');
    expect(rewrite.result?.verdict).toBe('rewrite');
    expect(rec.badges.get(3)).toEqual({ text: '≈', color: BADGE_COLORS.rewrite });
    s.conn.close();
  });

  it('names an earlier-published original read after its copies, without duplicating re-visits', async () => {
    const { s } = testServices({ now: clock() });
    await visit(s, '002');
    await s.saves.settled();
    const firstSeen = (await s.store.get(SEED_META['002'].url!))!.firstSeenAt;
    await visit(s, '001');
    const again = await visit(s, '002');
    expect(again.result?.original?.id).toBe(SEED_META['001'].url);
    await s.saves.settled();
    expect(await s.store.count()).toBe(2);
    expect((await s.store.get(SEED_META['002'].url!))!.firstSeenAt).toBe(firstSeen);
    s.conn.close();
  });

  it('orders a re-visited page by when it was first seen, not by the re-visit', async () => {
    const { s } = testServices({ now: clock() });
    // Neither page states a publication time or credits the other: the order is the reader's first sighting.
    const { text, meta } = syntheticArticle(1, 0);
    const copyMeta = { ...meta, url: 'https://copier.example/story', siteName: 'Copier' };
    const read = (m: typeof meta, tabId: number) =>
      handlePageArticle(s, { type: 'page/article', text, meta: m }, { kind: 'page', tabId, url: m.url!, incognito: false });
    await read(meta, 1);
    const copy = await read(copyMeta, 2);
    expect(copy.result?.original?.id).toBe(meta.url);
    const again = await read(meta, 1);
    expect(again.result?.original).toBeUndefined();
    expect(again.result?.matches.map((m) => [m.id, m.direction])).toEqual([[copyMeta.url, 'to']]);
    s.conn.close();
  });

  it('neither checks nor indexes when paused or on an excluded site', async () => {
    const { s, rec } = testServices({ now: clock() });
    await settings(s, { paused: true });
    expect(await visit(s, '001')).toEqual({ url: SEED_META['001'].url, note: NOTES.paused });
    await settings(s, { paused: false, excludedSites: ['axios.com'] });
    expect(await visit(s, '001')).toEqual({ url: SEED_META['001'].url, note: NOTES.excluded });
    await s.saves.settled();
    expect(await s.store.count()).toBe(0);
    expect(rec.badges.get(1)).toBeNull();
    s.conn.close();
  });

  it('checks private-window pages without adding them, unless the reader allows it', async () => {
    const { s } = testServices({ now: clock() });
    await visit(s, '001');
    const priv = await visit(s, '002', { incognito: true });
    expect(priv.note).toBe(NOTES.private);
    expect(priv.pageId).toBeUndefined();
    expect(priv.result?.original?.id).toBe(SEED_META['001'].url);
    await s.saves.settled();
    expect(await s.store.count()).toBe(1);
    await settings(s, { indexPrivate: true });
    await visit(s, '002', { incognito: true });
    await s.saves.settled();
    expect(await s.store.count()).toBe(2);
    s.conn.close();
  });

  it('keeps tab states in storage.local when storage.session is missing, but never private ones', async () => {
    const { s, local } = testServices({ now: clock(), session: false });
    const state = await visit(s, '001');
    expect(local.data.get('tab:1')).toEqual(state);
    await visit(s, '002', { incognito: true });
    expect(local.data.has('tab:2')).toBe(false);
    await s.tabs.removeAll();
    expect(local.data.size).toBe(0);
    s.conn.close();
  });

  it('keeps at most maxArticles, evicting the first seen', async () => {
    const { s } = testServices({ now: clock() });
    await settings(s, { maxArticles: 100 });
    const old = Array.from({ length: 100 }, (_, i) => syntheticArticle(i, 1000 + i));
    for (const a of old) await s.writer.putArticle(a.record, a.text);
    await visit(s, '001');
    await s.saves.settled();
    expect(await s.store.count()).toBe(100);
    expect(await s.store.get(old[0].record.id)).toBeUndefined();
    expect(await s.store.get(old[1].record.id)).toBeDefined();
    expect(await s.store.get(SEED_META['001'].url!)).toBeDefined();
    s.conn.close();
  });

  it('clears the tab for pages that are not articles', async () => {
    const { s, rec } = testServices();
    const state = await handlePageNotArticle(
      s,
      { type: 'page/not-article', url: 'https://x.example/' },
      { kind: 'page', tabId: 8, url: 'https://x.example/', incognito: false },
    );
    expect(state).toEqual({ url: 'https://x.example/', note: NOTES.notArticle });
    expect(rec.badges.get(8)).toBeNull();
    s.conn.close();
  });
});

describe('passages told word for word or reworded', () => {
  const kinds = (ps: { kind?: string; parts?: unknown[] }[] | undefined) => (ps ?? []).map((p) => `${p.kind ?? '?'}${p.parts ? `/${p.parts.length}` : ''}`);

  it("tells the original's passages literal or near from its stored text, as the comparison page does", async () => {
    const { s } = testServices({ now: clock() });
    await visit(s, '001');
    const rewrite = await visit(s, '000');
    const passages = rewrite.result!.original!.passages;
    expect(passages.length).toBeGreaterThan(3);
    expect(passages.every((p) => p.kind && p.candidateChars && p.originalChars)).toBe(true);
    expect(passages.some((p) => p.kind === 'literal')).toBe(true);
    expect(passages.some((p) => p.kind === 'near')).toBe(true);
    // A near passage with literal stretches is split into parts that tile it on the page's side.
    const mixed = passages.find((p) => p.parts)!;
    expect(mixed.parts![0].candidateChars[0]).toBe(mixed.candidateChars![0]);
    expect(mixed.parts!.at(-1)!.candidateChars[1]).toBe(mixed.candidateChars![1]);
    expect(new Set(mixed.parts!.map((q) => q.kind))).toEqual(new Set(['literal', 'near']));
    // The same kinds as the side-by-side comparison, which reads both stored texts.
    const view = await uiOf(s)['ui/compare']({ type: 'ui/compare', pageId: rewrite.pageId!, originalId: SEED_META['001'].url! }, { kind: 'ui' });
    expect(kinds(passages)).toEqual(kinds(view.comparison.passages));
    // The list of matches carries the same told passages, and so does the tab's state.
    expect(rewrite.result!.matches.find((m) => m.id === SEED_META['001'].url)!.passages).toEqual(passages);
    expect(await s.tabs.get(tabOf['000'])).toEqual(rewrite);
    expect(REPLY_CHECKS['ui/tab-state'](rewrite)).toBe(true);
    s.conn.close();
  });

  it('tells the closest match too, and leaves untold a match whose text is not stored', async () => {
    const { s } = testServices({ now: clock() });
    await visit(s, '001');
    await visit(s, '002');
    const text = seed('000');
    const built = buildRecord(text, { ...SEED_META['000'] }, s.now());
    await s.saves.settled();
    const checked = await checkArticle(s.store, built);
    const jns = checked.matches.find((m) => m.id === SEED_META['002'].url)!;
    expect(jns).toBeDefined();
    const gone = { ...checked.original!, id: 'https://gone.example/never-stored' };
    const told = await withKinds(s, { ...checked, original: gone, closest: jns }, { text, offsets: built.fp.offsets });
    expect(told.closest!.passages.every((p) => p.kind)).toBe(true);
    expect(told.matches.find((m) => m.id === jns.id)!.passages).toEqual(told.closest!.passages);
    expect(told.original!.passages).toEqual(gone.passages);
    expect(told.original!.passages.every((p) => p.kind === undefined)).toBe(true);
    s.conn.close();
  });

  it('tells passages in a private tab too, whose page is not kept', async () => {
    const { s } = testServices({ now: clock() });
    await visit(s, '001');
    const priv = await visit(s, '000', { incognito: true });
    expect(priv.note).toBe(NOTES.private);
    expect(priv.result!.original!.passages.every((p) => p.kind)).toBe(true);
    s.conn.close();
  });
});

describe('page/open-compare', () => {
  it("opens the comparison of the tab's page with one of its matches, and nothing else", async () => {
    const { s, rec } = testServices({ now: clock() });
    await visit(s, '001');
    await visit(s, '002');
    const from: PageSender = { kind: 'page', tabId: 2, url: SEED_META['002'].url!, incognito: false };
    await handlePageOpenCompare(s, { type: 'page/open-compare', originalId: SEED_META['001'].url! }, from);
    const opened = new URL(rec.opened[0]);
    expect(opened.searchParams.get('page')).toBe(SEED_META['002'].url);
    expect(opened.searchParams.get('original')).toBe(SEED_META['001'].url);
    await expect(handlePageOpenCompare(s, { type: 'page/open-compare', originalId: 'https://elsewhere.example/' }, from)).rejects.toThrow(/not among/);
    await expect(handlePageOpenCompare(s, { type: 'page/open-compare', originalId: SEED_META['001'].url! }, { ...from, tabId: 99 })).rejects.toThrow(
      /no checked article/,
    );
    expect(rec.opened).toHaveLength(1);
    s.conn.close();
  });
});

describe('badge', () => {
  it('speaks only for copies and rewrites', () => {
    expect(badgeFor(undefined)).toBeNull();
    const base = { score: 0.5, credited: false, credits: [], matches: [], evidence: [] };
    const original = { containment: 0.004 } as never;
    expect(badgeFor({ ...base, verdict: 'copy', original })).toEqual({ text: '1%', color: BADGE_COLORS.copy });
    expect(badgeFor({ ...base, verdict: 'related', original })).toBeNull();
    expect(badgeFor({ ...base, verdict: 'copy' })).toBeNull();
  });
});

describe('ui requests', () => {
  it('reports stats, exports a pack another index imports (test builds), and compares two stored articles', async () => {
    const { s } = testServices({ now: clock() });
    const ui = uiOf(s);
    const test = testOf(s);
    for (const n of ['001', '002', '004']) await visit(s, n);
    const stats = await ui['ui/stats']({ type: 'ui/stats' }, { kind: 'ui' });
    expect(stats).toMatchObject({ articles: 3, bytes: 12345 });
    expect(stats.oldestSeenAt).toBeLessThan(stats.newestSeenAt!);
    expect(stats.error).toBeUndefined();
    expect(REPLY_CHECKS['ui/stats'](stats)).toBe(true);

    const pack = await test['ui/export']({ type: 'ui/export' }, { kind: 'ui' });
    expect(REPLY_CHECKS['ui/export'](pack)).toBe(true);
    const other = testServices({ now: clock() });
    await visit(other.s, '001'); // already known there
    const result = await testOf(other.s)['ui/import']({ type: 'ui/import', text: pack }, { kind: 'ui' });
    expect(result).toEqual({ added: 2, updated: 1, evicted: 0 });
    expect(REPLY_CHECKS['ui/import'](result)).toBe(true);

    const view = await uiOf(other.s)['ui/compare']({ type: 'ui/compare', pageId: SEED_META['002'].url!, originalId: SEED_META['001'].url! }, { kind: 'ui' });
    expect(view.page.text).toBe(seed('002'));
    expect(view.original.text).toBe(seed('001'));
    expect(view.original.outlet).toBe('Axios');
    expect(view.comparison.verdict).toBe('partial-copy');
    expect(view.comparison.passages.length).toBeGreaterThan(0);
    expect(view.credited).toBe(true);
    // What the worker answers is what the pages accept.
    expect(REPLY_CHECKS['ui/compare'](view)).toBe(true);

    await expect(test['ui/import']({ type: 'ui/import', text: '{"format":"nope"}' }, { kind: 'ui' })).rejects.toThrow(/cannot be imported/);
    s.conn.close();
    other.s.conn.close();
  });

  it('says the comparison is credited when the ribbon does: outlet "The Washington Post", credit key washingtonpost', async () => {
    const { s } = testServices({ now: clock() });
    // The copy names the outlet without its article: its credit reads "Washington Post", key washingtonpost.
    const asWaPo = (n: string, name = 'The Washington Post') => seed(n).replaceAll('Axios', name);
    const originalMeta = { ...SEED_META['001'], url: 'https://www.washingtonpost.com/world/2024/03/31/rafah-meeting/', siteName: 'The Washington Post' };
    const page = (tabId: number, text: string, meta: PageMeta & { url: string }): [PageArticleMessage, PageSender] => [
      { type: 'page/article', text, meta },
      { kind: 'page', tabId, url: meta.url, incognito: false },
    ];
    await handlePageArticle(s, ...page(1, asWaPo('001'), originalMeta));
    const copy = await handlePageArticle(s, ...page(2, asWaPo('002', 'Washington Post'), { ...SEED_META['002'], url: SEED_META['002'].url! }));
    expect(copy.result?.original?.id).toBe(originalMeta.url);
    expect(copy.result?.credits.map((c) => [c.outlet, c.key])).toContainEqual(['Washington Post', 'washingtonpost']);
    expect(copy.result?.credited).toBe(true);

    const view = await uiOf(s)['ui/compare']({ type: 'ui/compare', pageId: copy.pageId!, originalId: originalMeta.url }, { kind: 'ui' });
    expect(view.original.outlet).toBe('The Washington Post');
    expect(view.credited).toBe(copy.result?.credited);
    s.conn.close();
  });

  it('opens the compare page, forwards highlight requests, clears the index but not settings', async () => {
    const { s, rec } = testServices({ now: clock() });
    const ui = uiOf(s);
    await ui['ui/open-compare']({ type: 'ui/open-compare', pageId: 'https://a.example/x?y=1', originalId: 'https://b.example/' }, { kind: 'ui' });
    const opened = new URL(rec.opened[0]);
    expect(rec.opened[0].startsWith(`${BASE_URL}src/popup/compare.html?`)).toBe(true);
    expect(opened.searchParams.get('page')).toBe('https://a.example/x?y=1');
    expect(opened.searchParams.get('original')).toBe('https://b.example/');
    await ui['ui/highlight']({ type: 'ui/highlight', tabId: 4 }, { kind: 'ui' });
    expect(rec.sent).toEqual([{ tabId: 4, msg: { type: 'content/highlight' } }]);

    await visit(s, '001');
    expect(await s.tabs.get(tabOf['001'])).not.toBeNull();
    await ui['ui/set-paused']({ type: 'ui/set-paused', paused: true }, { kind: 'ui' });
    expect((await ui['ui/clear']({ type: 'ui/clear' }, { kind: 'ui' })).articles).toBe(0);
    expect(await s.tabs.get(tabOf['001'])).toBeNull();
    expect((await ui['ui/get-settings']({ type: 'ui/get-settings' }, { kind: 'ui' })).paused).toBe(true);
    await expect(settings(s, { maxArticles: 3 })).rejects.toThrow(/Settings not saved/);
    s.conn.close();
  });
});
