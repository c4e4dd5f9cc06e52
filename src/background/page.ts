// A content script reports the article on its page: check it against the reader's index, then
// remember it. The check runs before the write, so the page is compared with what was read
// before it; a later copy of this page finds it as its original, and an earlier-published
// original read after its copies is named by the copies' next check. The verdict is sent as soon
// as it is known and the page saved after it, in the worker's save queue (saves.ts); a check
// first waits for the saves queued before it, so it sees every page whose verdict was sent.
import {
  buildRecord,
  checkArticle,
  hostOf,
  type ArticleRecord,
  type CandidateHit,
  type CandidateSource,
  type CheckResult,
  type MatchSummary,
  type StoreRef,
} from '../index/index.ts';
import { withPassageKinds, type PageSide } from '../index/page-passages.ts';
import type { PageMeta } from '../index/types.ts';
import type {
  PageArticleMessage,
  PageNotArticleMessage,
  PageOpenCompareMessage,
  PageRecheckMessage,
  RibbonPageMessage,
  Settings,
  TabState,
} from '../protocol/messages.ts';
import { compareUrl } from './ui.ts';
import { isExcludedHost } from '../protocol/validate.ts';
import { errorText } from '../shared/errors.ts';
import { nameListed, type ListedRecords } from './lists.ts';
import { originOf, type Handlers, type PageSender } from './router.ts';
import type { Services } from './services.ts';
import { loadSettings } from '../storage/settings.ts';
import { refreshOriginals } from './originals.ts';
import { keep, publish } from './tab-sync.ts';
import { firstSeen, readText } from '../storage/db.ts';
import { unpackText } from '../storage/texts.ts';
import { excludedForPage } from '../storage/corrections.ts';

/** Why a page has no result, as the popup tells the reader. */
export const NOTES = {
  paused: 'Firsthand is paused: this page was not checked or added to your index.',
  excluded: 'This site is excluded in the options: the page was not checked or added to your index.',
  private: 'Private window: checked against your index but not added to it.',
  notArticle: 'This page does not look like an article.',
  cleared: 'Your index was cleared: this page was checked again but not added to it.',
} as const;

/** Why this page must not be read at all (paused, an excluded site), or undefined when it may be. */
function refusal(settings: Settings, url: string): string | undefined {
  if (settings.paused) return NOTES.paused;
  if (isExcludedHost(hostOf(url), settings.excludedSites)) return NOTES.excluded;
  return undefined;
}

/**
 * Where the page is now: the browser's word for it (the sender's URL), or the page's own where a
 * single-page site moved it with pushState, which cannot leave the sender's origin (Chrome reports
 * the URL the document was loaded at).
 */
export function pageAddress(sender: string, own: string | undefined): string {
  if (!own || !/^https?:\/\//i.test(own)) return sender;
  return originOf(own) === originOf(sender) ? own : sender;
}

/** The content script asks before it reads the page: an excluded site's or a paused reader's page is
 * never extracted, and its tab keeps the reason for the popup. */
export async function handlePageShouldRead(s: Services, from: PageSender): Promise<boolean> {
  const note = refusal(await loadSettings(s.conn), from.url);
  if (note) await publish(s, from, { url: from.url, note });
  return note === undefined;
}

export async function handlePageArticle(s: Services, msg: PageArticleMessage | PageRecheckMessage, sender: PageSender): Promise<TabState> {
  const from = { ...sender, url: pageAddress(sender.url, msg.meta.url) };
  const settings = await loadSettings(s.conn);
  const url = from.url;
  // Asked again: the settings may have changed since the content script asked.
  const note = refusal(settings, url);
  const { state, save }: Checked = note ? { state: { url, note } } : await checkAndRemember(s, msg, from, settings);
  const published = publish(s, from, state);
  // The save is queued now, so whatever asks next waits for it, and starts once the verdict is kept.
  const saved = save
    ? s.saves.run(async () => {
        await published;
        await save();
      })
    : undefined;
  await published;
  // A tab showing the original this page copies learns of its new copy once the copy is saved
  // (not awaited: this page's verdict comes first).
  void (async () => {
    await saved;
    await refreshOriginals(s, from.tabId, state, (id, url) => checkStored(s, id, url));
  })().catch((err: unknown) => console.debug('Firsthand: the original tabs were not brought up to date:', errorText(err)));
  return state;
}

/** A page's verdict, and the write that remembers the page when it is to be saved. */
interface Checked {
  state: TabState;
  save?: () => Promise<void>;
}

async function checkAndRemember(s: Services, msg: PageArticleMessage | PageRecheckMessage, from: PageSender, settings: Settings): Promise<Checked> {
  const url = from.url;
  // The browser's word for the page's address, not the page's.
  const meta = { ...msg.meta, url };
  let record: ArticleRecord;
  let state: TabState;
  let told: Promise<CheckResult>;
  try {
    // The index as the pages checked before this one left it.
    await s.saves.settled();
    const checked = await checkText(s, msg.text, meta, settings);
    record = checked.record;
    told = checked.told;
    state = { url, pageId: record.id, result: checked.result };
  } catch (err) {
    return { state: { url, note: `This page could not be checked: ${errorText(err)}` } };
  }
  if (msg.type === 'page/recheck') return { state: { ...state, result: await told, pageId: undefined, note: NOTES.cleared } };
  const remember = !from.incognito || settings.indexPrivate;
  if (!remember) return { state: { ...state, result: await told, pageId: undefined, note: NOTES.private } };
  state.result = await told;
  return { state, save: () => saveChecked(s, from, state, record, msg.text, meta, settings) };
}

/**
 * Saves a page whose verdict was sent. A save that fails is noted in the tab's state, where the
 * popup says it, unless the tab has moved on to another page meanwhile.
 */
async function saveChecked(
  s: Services,
  from: PageSender,
  state: TabState,
  record: ArticleRecord,
  text: string,
  meta: PageMeta,
  settings: Settings,
): Promise<void> {
  try {
    await s.writer.putArticle(record, text, meta);
    await s.writer.enforceRetention(settings, s.now());
  } catch (err) {
    const note = s.conn.problem ?? `This page was checked but not saved: ${errorText(err)}`;
    console.warn('Firsthand: a checked page was not saved:', errorText(err));
    await s.tabs.exclusive(from.tabId, async () => {
      const now = await s.tabs.get(from.tabId);
      if (now?.url === state.url && now.pageId === state.pageId) await keep(s, from, { ...now, note });
    });
  }
}

/** A text checked against the index; `told` is the result with its shown passages told literal or
 * near, read while the page is saved. */
async function checkText(
  s: Services,
  text: string,
  meta: PageMeta,
  settings: Settings,
): Promise<{ record: ArticleRecord; result: CheckResult; told: Promise<CheckResult> }> {
  const built = buildRecord(text, meta, s.now());
  const seen = new SeenBefore(s.store, built.record);
  // Originals the reader marked "not a copy" of this page are passed over (storage/corrections.ts).
  const exclude = await excludedForPage(s.conn, built.record.id);
  const result = await nameListed(s, await checkArticle(seen, built, { sensitivity: settings.sensitivity, exclude }), seen.listed);
  return { record: built.record, result, told: withKinds(s, result, { text, offsets: built.fp.offsets }) };
}

/** A stored article checked again against the index as it is now, as its page would be on a reload;
 * undefined when its text is not stored. */
export async function checkStored(s: Services, id: string, url: string): Promise<CheckResult | undefined> {
  await s.saves.settled();
  const stored = await readText(s.conn, id);
  const text = stored ? await unpackText(stored) : '';
  if (!stored || !text) return undefined;
  const checked = await checkText(s, text, { ...stored.meta, url }, await loadSettings(s.conn));
  return checked.told;
}

/** A stored text longer than this is not read to tell passages apart (news articles are far shorter). */
export const MAX_KIND_TEXT = 400_000;

/**
 * The result with the passages of the matches the reader is shown (the named original, and the
 * closest match when it is another) told literal or near, from their stored texts. Only those
 * one or two texts are read; a match whose text is not stored (a pack without texts), too long
 * or unreadable keeps its passages untold, and nothing here fails the check.
 */
export async function withKinds(s: Services, result: CheckResult, page: PageSide): Promise<CheckResult> {
  const shown = [result.original, result.closest].filter((m, i, all): m is MatchSummary => m !== undefined && all.findIndex((o) => o?.id === m.id) === i);
  if (shown.length === 0) return result;
  const told = new Map<string, MatchSummary>();
  await Promise.all(
    shown.map(async (m) => {
      try {
        const stored = await readText(s.conn, m.id);
        const text = stored ? await unpackText(stored) : '';
        if (text && text.length <= MAX_KIND_TEXT) told.set(m.id, withPassageKinds(m, page, text));
      } catch (err) {
        console.debug('Firsthand: passages not told literal or near:', errorText(err));
      }
    }),
  );
  if (told.size === 0) return result;
  const pick = (m: MatchSummary) => told.get(m.id) ?? m;
  return {
    ...result,
    ...(result.original ? { original: pick(result.original) } : {}),
    ...(result.closest ? { closest: pick(result.closest) } : {}),
    matches: result.matches.map(pick),
  };
}

/**
 * The store as a page's check sees it. A re-visited page keeps when it was first seen, and the
 * check orders the page and its matches by that time; so the page's own stored record is read in
 * the same request as the candidates (the check fetches them before it compares any times), its
 * first sighting carried into the page's record, and it is left out of the candidates (a page is
 * never its own match). The writer keeps the earlier time again when it stores the page.
 */
export class SeenBefore implements CandidateSource {
  constructor(
    private readonly store: CandidateSource,
    private readonly page: ArticleRecord,
  ) {}

  /** The page's own record is read with the first request only (a check may fetch twice: band and topic candidates). */
  private ownAsked = false;

  /** The lists carrying each record fetched, and the text-free ones: to name them to the reader. */
  readonly listed: ListedRecords = { lists: new Map(), textFree: new Set() };

  async fetch(refs: readonly StoreRef[]): Promise<ArticleRecord[]> {
    const own = this.ownAsked ? [] : [this.page.id];
    this.ownAsked = true;
    const found = await this.store.fetch([...refs, ...own]);
    const others: ArticleRecord[] = [];
    for (const r of found) {
      if (r.id === this.page.id) {
        this.page.firstSeenAt = firstSeen(this.page, r);
        continue;
      }
      others.push(r);
      if (r.lists?.length) this.listed.lists.set(r.id, r.lists);
      if (r.sketch) this.listed.textFree.add(r.id);
    }
    return others;
  }

  candidates(keys: readonly number[], maxPerKey?: number, minHits?: number): Promise<CandidateHit[]> {
    return this.store.candidates(keys, maxPerKey, minHits);
  }
}

export async function handlePageNotArticle(s: Services, _msg: PageNotArticleMessage, from: PageSender): Promise<TabState> {
  const state: TabState = { url: from.url, note: NOTES.notArticle };
  await publish(s, from, state);
  return state;
}

/** The ribbon's Compare button: only for the page this tab reported and one of its matches. */
export async function handlePageOpenCompare(s: Services, msg: PageOpenCompareMessage, from: PageSender): Promise<null> {
  const state = await s.tabs.get(from.tabId);
  const result = state?.result;
  if (!state?.pageId || !result) throw new Error('This tab has no checked article to compare.');
  const known = result.original?.id === msg.originalId || result.matches.some((m) => m.id === msg.originalId);
  if (!known) throw new Error("That article is not among this page's matches.");
  await s.browser.openTab(compareUrl(s, state.pageId, msg.originalId));
  return null;
}

// The ribbon's own page messages are answered in ribbon-prefs.ts, page/not-a-copy in library.ts,
// page/html in extract-html.ts (it hands the article to page/article).
type PageHandlers = {
  [
    K in keyof Handlers as K extends `page/${string}` ? (K extends RibbonPageMessage['type'] | 'page/not-a-copy' | 'page/html' ? never : K) : never
  ]: Handlers[K];
};

export function pageHandlers(s: Services): PageHandlers {
  return {
    'page/should-read': (_m, from) => handlePageShouldRead(s, from),
    'page/article': (m, from) => handlePageArticle(s, m, from),
    'page/not-article': (m, from) => handlePageNotArticle(s, m, from),
    'page/open-compare': (m, from) => handlePageOpenCompare(s, m, from),
    'page/recheck': (m, from) => handlePageArticle(s, m, from),
  };
}
