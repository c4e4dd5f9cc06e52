// What the content script does on one page: ask the background whether the page may be read
// (not on an excluded site, not while paused), decide whether it is probably an article
// (Readability's quick test), send the page's HTML to the background, which extracts the article
// off the page's main thread and checks it, show the ribbon for the verdict that comes back, and
// answer the background's later messages. Browser glue (runtime messaging) is passed in, so tests
// can run this on a happy-dom document.
import type { CheckResult } from '../index/types.ts';
import type { ContentMessage, Message, PageHtmlReply, Reply, RibbonPrefs, TabState } from '../protocol/messages.ts';
import { isRibbonVerdict } from '../ui/format.ts';
import { probablyArticle } from '../extract/readerable.ts';
import { MAX_HTML_CHARS } from '../protocol/validate.ts';
import { PageHighlighter, type PagePassage } from './highlight.ts';
import type { Ribbon } from './ribbon.ts';
import { askRibbonPrefs, DEFAULT_PREFS, loadUiStrings, RibbonSlot } from './ribbon-slot.ts';
import { isPageHtmlReply } from '../protocol/replies.ts';

export type OutgoingMessage = Message;

export interface ContentEnv {
  doc: Document;
  url: string;
  send(msg: OutgoingMessage): Promise<unknown>;
  /** Registers the handler for validated background messages; its return value is the reply. */
  listen(handler: (msg: ContentMessage) => Reply<unknown>): void;
  now(): number;
  /** Test builds expose the ribbon's text on the page for end-to-end tests. */
  exposeText: boolean;
  /** Calls `changed` when the page moved to another URL without loading and its content settled. */
  watch?(changed: () => void): void;
}

export interface ContentRun {
  /** Main-thread milliseconds spent by the content script (extraction + rendering), not waiting. */
  busyMs: number;
  /** Of which: deciding whether the page is probably an article, serialising it and handing it to the worker. */
  extractMs: number;
  /** extractMs in parts: Readability's quick test, serialising the page, and handing the message over. */
  steps: { testMs: number; serialiseMs: number; sendMs: number };
  verdict?: CheckResult['verdict'];
  ribbon: Ribbon | null;
}

export const TIMING_NAME = 'firsthand:content';

/** One page from start to end: once the background allows it, extract and send the article, answer
 * highlight requests (even while the check runs: with nothing to mark yet), and show the verdict
 * that comes back. Afterwards the page is checked again when the index changed under it (Clear) and
 * when a single-page site swapped the article under a new URL (env.watch). */
export async function runContent(env: ContentEnv): Promise<ContentRun> {
  const run: ContentRun = { busyMs: 0, extractMs: 0, steps: { testMs: 0, serialiseMs: 0, sendMs: 0 }, ribbon: null };
  if (!(await mayRead(env))) return run;
  const page = pageChecks(env, run);
  env.watch?.(() => void page.check({ unlessSame: true }));
  await page.check({ first: true });
  return run;
}

interface CheckOptions {
  /** The first check, timed for the test builds' measure. */
  first?: boolean;
  /** After a navigation: nothing is sent when the page is the same document with the same text. */
  unlessSame?: boolean;
  /** After Clear: checked against the index without being added to it again. */
  recheck?: boolean;
}

/** The page's checks, the first and any later one; only the latest check's verdict is shown. */
function pageChecks(env: ContentEnv, run: ContentRun) {
  let view: VerdictView | undefined;
  let listening = false;
  // Checks are numbered as they are sent; `latest` is the newest whose answer counts.
  let sent = 0;
  let latest = 0;
  // The page last checked, with its article's text once the worker told it (undefined: not an article).
  let last: { url: string; text: Promise<string | undefined> } | undefined;
  const receive = (msg: ContentMessage): Reply<unknown> => {
    if (msg.type === 'content/highlight') return view?.toggleHighlights() ?? { ok: true, value: { on: false, found: 0 } };
    if (msg.type === 'content/ping') return { ok: true, value: { url: env.url } };
    if (msg.type === 'content/focus-ribbon') return view?.receive(msg) ?? { ok: true, value: false };
    if (msg.type === 'content/prefs-changed') return view?.receive(msg) ?? { ok: true, value: null };
    // The index changed (Clear): what is shown no longer holds; the page is checked afresh.
    view?.clear();
    void check({ recheck: true });
    return { ok: true, value: null };
  };
  const notArticle = (url: string): void => {
    last = { url, text: Promise.resolve(undefined) };
    latest = ++sent;
    view?.clear();
    void env.send({ type: 'page/not-article', url }).catch((err: unknown) => console.debug('Firsthand: could not report a page that is not an article:', err));
  };
  async function check(opts: CheckOptions): Promise<void> {
    if (!opts.first && !(await mayRead(env))) return view?.clear();
    const url = env.url;
    const t0 = env.now();
    const probable = probablyArticle(env.doc);
    const t1 = env.now();
    if (opts.first) run.steps.testMs = t1 - t0;
    // After a navigation within the same document: what the page's previous check found (it may still run).
    const before = opts.unlessSame && last && sameDocument(last.url, url) ? last.text : undefined;
    if (!probable) {
      if (before && (await before) === undefined) return;
      notArticle(url);
      if (opts.first) endExtraction(env, run, t0, t1);
      return;
    }
    const html = env.doc.documentElement.outerHTML;
    const t2 = env.now();
    if (opts.first) run.steps.serialiseMs = t2 - t1;
    // Far larger than any news page: not read, as a page that is not an article.
    if (html.length > MAX_HTML_CHARS) {
      notArticle(url);
      if (opts.first) endExtraction(env, run, t0, t2);
      return;
    }
    const unlessText = before ? await before : undefined;
    const mine = ++sent;
    // A check that may turn out unchanged counts only once the worker says the article changed.
    if (unlessText === undefined) latest = mine;
    const pending = env.send({
      type: 'page/html',
      html,
      url,
      base: env.doc.baseURI,
      recheck: opts.recheck === true,
      ...(unlessText === undefined ? {} : { unlessText }),
    });
    if (opts.first) endExtraction(env, run, t0, t2);
    let told: (text: string | undefined) => void = () => undefined;
    last = { url, text: new Promise((resolve) => (told = resolve)) };
    if (!listening) env.listen(receive);
    listening = true;
    const reply = await replyFrom(pending);
    if (reply && 'unchanged' in reply) return told(unlessText);
    told(reply?.text ?? undefined);
    if (!reply) return;
    if (unlessText !== undefined && mine > latest) latest = mine;
    if (mine !== latest) return;
    view?.clear();
    view = undefined;
    if (reply.text === null) return;
    const mineView = (view = verdictView(env, run, reply.text));
    const state = reply.state;
    const prefs =
      state.result && isRibbonVerdict(state.result.verdict)
        ? (await Promise.all([askRibbonPrefs(env, state.result.original?.id), loadUiStrings(env)]))[0]
        : DEFAULT_PREFS;
    if (mine === latest) mineView.show(state, prefs);
  }
  return { check };
}

/** Whether two URLs are one document (they differ at most in their #fragment). */
function sameDocument(a: string, b: string): boolean {
  return a.replace(/#.*$/, '') === b.replace(/#.*$/, '');
}

/** The background's answer to page/should-read. Anything but a yes (an error, no answer) leaves the
 * page unread: what the reader excluded must not be read because a message was lost. */
async function mayRead(env: ContentEnv): Promise<boolean> {
  try {
    const reply = (await env.send({ type: 'page/should-read' })) as Reply<unknown> | undefined;
    if (reply?.ok && reply.value === true) return true;
    if (reply && !reply.ok) console.debug('Firsthand: the background refused to say whether to read this page:', reply.error);
  } catch (err) {
    console.debug('Firsthand: could not reach the background:', err);
  }
  return false;
}

/** Closes the extraction's timing once the page's message is handed over (sendMs: since the last step). */
function endExtraction(env: ContentEnv, run: ContentRun, startedAt: number, lastStepAt: number): void {
  run.busyMs = run.extractMs = env.now() - startedAt;
  run.steps.sendMs = startedAt + run.extractMs - lastStepAt;
}

/** The worker's answer to page/html, or undefined (logged) when there is none to show. */
async function replyFrom(pending: Promise<unknown>): Promise<PageHtmlReply | undefined> {
  try {
    const reply = (await pending) as Reply<unknown> | undefined;
    if (reply && reply.ok && isPageHtmlReply(reply.value)) return reply.value;
    if (reply && !reply.ok) console.debug('Firsthand: the check failed:', reply.error);
    else console.debug('Firsthand: unexpected reply to page/html; ignored');
  } catch (err) {
    console.debug('Firsthand: could not reach the background:', err);
  }
  return undefined;
}

interface VerdictView {
  /** Shows what the worker concluded: the ribbon for a copy or rewrite, nothing on the page otherwise. */
  show(state: TabState, prefs: RibbonPrefs): void;
  /** Takes the verdict off the page: the ribbon, the highlights and (test builds) the exposed verdict. */
  clear(): void;
  /** The popup's "Highlight on page": turns the highlights on when they are off and off when on. */
  toggleHighlights(): Reply<{ on: boolean; found: number }>;
  /** Answers a message of the worker: highlights, the keyboard command, changed ribbon settings. */
  receive(msg: ContentMessage): Reply<unknown>;
}

/** The verdict on the page: the ribbon, the highlights of the copied passages and, in test builds, the data attributes end-to-end tests read. */
function verdictView(env: ContentEnv, run: ContentRun, text: string): VerdictView {
  const highlighter = new PageHighlighter(env.doc);
  let state: TabState | undefined;
  const highlight = (on: boolean): number => {
    if (!on) highlighter.hide();
    const found = on ? highlighter.show(passageTexts(state, text)) : 0;
    if (env.exposeText) exposeHighlights(env.doc, highlighter);
    return found;
  };
  const slot = new RibbonSlot(env, highlight, (ribbon) => {
    run.ribbon = ribbon;
    if (env.exposeText && run.verdict) exposeVerdict(env.doc, run);
  });
  return {
    show(next, prefs) {
      const started = env.now();
      state = next;
      run.verdict = next.result?.verdict;
      run.ribbon = slot.show(next.result, prefs);
      if (env.exposeText) exposeVerdict(env.doc, run);
      run.busyMs += env.now() - started;
    },
    clear() {
      state = undefined;
      highlight(false);
      slot.clear();
      run.ribbon = null;
      run.verdict = undefined;
      if (env.exposeText) delete env.doc.documentElement.dataset.firsthandVerdict;
      if (env.exposeText) delete env.doc.documentElement.dataset.firsthandRibbon;
    },
    receive(msg) {
      if (msg.type === 'content/focus-ribbon') return { ok: true, value: slot.reveal() };
      if (msg.type === 'content/prefs-changed') {
        void slot.refresh();
        return { ok: true, value: null };
      }
      return this.toggleHighlights();
    },
    toggleHighlights() {
      const on = !highlighter.active;
      const found = highlight(on);
      run.ribbon?.setHighlighted(on, found);
      return { ok: true, value: { on: on && found > 0, found } };
    },
  };
}

/** The page's text of each copied passage the worker placed in the extracted article, with its near
 * stretches when the worker told them (it does so only when it had both texts at hand). */
function passageTexts(state: TabState | undefined, text: string): PagePassage[] {
  const passages = state?.result?.original?.passages ?? [];
  return passages.flatMap((p) => {
    if (!p.candidateChars) return [];
    const [start, end] = p.candidateChars;
    const near: [number, number][] =
      p.kind !== 'near'
        ? []
        : p.parts
          ? p.parts.filter((q) => q.kind === 'near').map((q) => [q.candidateChars[0] - start, q.candidateChars[1] - start])
          : [[0, end - start]];
    return [{ text: text.slice(start, end), ...(near.length ? { near } : {}) }];
  });
}

/** Test builds only: a page must not learn what was concluded, or even that Firsthand runs. */
function exposeVerdict(doc: Document, run: ContentRun): void {
  const data = doc.documentElement.dataset;
  data.firsthandVerdict = run.verdict ?? 'none';
  if (run.ribbon) data.firsthandRibbon = run.ribbon.text;
  else delete data.firsthandRibbon;
}

/** Test builds only: how many word-for-word and reworded ranges are painted ("literal:4 near:2"), absent when none. */
function exposeHighlights(doc: Document, highlighter: PageHighlighter): void {
  const data = doc.documentElement.dataset;
  const { literal, near } = highlighter.painted;
  if (highlighter.active) data.firsthandHighlights = `literal:${literal} near:${near}`;
  else delete data.firsthandHighlights;
}

/** Records the content script's main-thread time where end-to-end tests and `npm run bench` read it (test builds). */
export function recordTiming(perf: Performance, startedAt: number, run: Pick<ContentRun, 'busyMs' | 'extractMs' | 'steps'>): void {
  const tenth = (ms: number) => Math.round(ms * 10) / 10;
  const extractMs = tenth(run.extractMs);
  const renderMs = tenth(run.busyMs - run.extractMs);
  // The bench reads the quick test as articleMs and the serialisation as metaMs (bench/page-cost.ts).
  const detail = { extractMs, renderMs, articleMs: tenth(run.steps.testMs), metaMs: tenth(run.steps.serialiseMs), sendMs: tenth(run.steps.sendMs) };
  try {
    perf.measure(TIMING_NAME, { start: startedAt, duration: run.busyMs, detail });
  } catch (err) {
    console.debug('Firsthand: could not record timing:', err);
  }
  console.debug(`Firsthand: content script main-thread time ${run.busyMs.toFixed(1)} ms (extraction ${extractMs} ms, ribbon ${renderMs} ms)`);
}
