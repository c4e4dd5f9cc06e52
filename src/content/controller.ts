// What the content script does on one page: decide whether it is an article, send it to
// the background, show the ribbon for the verdict that comes back, and answer the
// background's later messages. Browser glue (runtime messaging) is passed in, so tests
// can run this on a happy-dom document.
import type { CheckResult } from '../index/types.ts';
import type { ContentMessage, Message, Reply, TabState } from '../protocol/messages.ts';
import { isRibbonVerdict } from '../ui/format.ts';
import { readArticle } from '../extract/extract.ts';
import { readPageMeta } from '../extract/meta.ts';
import { PageHighlighter } from './highlight.ts';
import { createRibbon, type Ribbon } from './ribbon.ts';
import { isTabState } from '../protocol/replies.ts';

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
}

export interface ContentRun {
  /** Main-thread milliseconds spent by the content script (extraction + rendering), not waiting. */
  busyMs: number;
  /** Of which: deciding whether the page is an article, extracting it and reading its metadata, up to sending it. */
  extractMs: number;
  /** extractMs in parts: Readability's test and extraction, the page metadata, and handing the message over. */
  steps: { articleMs: number; metaMs: number; sendMs: number };
  verdict?: CheckResult['verdict'];
  ribbon: Ribbon | null;
}

export const TIMING_NAME = 'firsthand:content';

export async function runContent(env: ContentEnv): Promise<ContentRun> {
  const { doc } = env;
  const t0 = env.now();
  const run: ContentRun = { busyMs: 0, extractMs: 0, steps: { articleMs: 0, metaMs: 0, sendMs: 0 }, ribbon: null };

  const article = readArticle(doc);
  const t1 = env.now();
  run.steps.articleMs = t1 - t0;
  if (!article) {
    void env.send({ type: 'page/not-article', url: env.url }).catch(() => undefined);
    run.busyMs = run.extractMs = env.now() - t0;
    run.steps.sendMs = run.extractMs - run.steps.articleMs;
    return run;
  }
  const meta = readPageMeta(doc, env.url, { bodyLinks: article.bodyLinks });
  if (!meta.title && article.title) meta.title = article.title;
  if (!meta.lang && article.lang) meta.lang = article.lang;
  if (!meta.byline && article.byline) meta.byline = article.byline;
  const text = article.text;
  const t2 = env.now();
  run.steps.metaMs = t2 - t1;
  const pending = env.send({ type: 'page/article', text, meta });
  run.busyMs = run.extractMs = env.now() - t0;
  run.steps.sendMs = t0 + run.extractMs - t2;

  const highlighter = new PageHighlighter(doc);
  let state: TabState | undefined;
  let dismissed = false;

  const passageTexts = (): string[] => {
    const passages = state?.result?.original?.passages ?? [];
    return passages.flatMap((p) => (p.candidateChars ? [text.slice(p.candidateChars[0], p.candidateChars[1])] : []));
  };
  const highlight = (on: boolean): number => {
    if (!on) {
      highlighter.hide();
      return 0;
    }
    return highlighter.show(passageTexts());
  };

  const show = (next: TabState) => {
    const started = env.now();
    state = next;
    const result = next.result;
    // Only test builds tell the page what was concluded: a page must not learn that Firsthand runs.
    if (env.exposeText) doc.documentElement.dataset.firsthandVerdict = result?.verdict ?? 'none';
    run.verdict = result?.verdict;
    if (run.ribbon) {
      highlight(false);
      run.ribbon.remove();
      run.ribbon = null;
    }
    if (!dismissed && result && isRibbonVerdict(result.verdict)) {
      const originalId = result.original?.id;
      run.ribbon = createRibbon(doc, result, {
        highlight,
        compare: () => {
          if (originalId) void env.send({ type: 'page/open-compare', originalId }).catch(() => undefined);
        },
        dismissed: () => {
          dismissed = true;
          run.ribbon = null;
          if (env.exposeText) delete doc.documentElement.dataset.firsthandRibbon;
        },
      });
    }
    if (env.exposeText) {
      if (run.ribbon) doc.documentElement.dataset.firsthandRibbon = run.ribbon.text;
      else delete doc.documentElement.dataset.firsthandRibbon;
    }
    run.busyMs += env.now() - started;
  };

  env.listen((msg) => {
    if (msg.type === 'content/result') {
      show(msg.state);
      return { ok: true, value: run.verdict ?? null };
    }
    const asked = (msg as { on?: unknown }).on;
    const on = typeof asked === 'boolean' ? asked : !highlighter.active;
    const found = highlight(on);
    run.ribbon?.setHighlighted(on, found);
    return { ok: true, value: { on: on && found > 0, found } };
  });

  try {
    const reply = (await pending) as Reply<unknown> | undefined;
    if (reply && reply.ok && isTabState(reply.value)) show(reply.value);
    else if (reply && !reply.ok) console.debug('Firsthand: the check failed:', reply.error);
    else console.debug('Firsthand: unexpected reply to page/article; ignored');
  } catch (err) {
    console.debug('Firsthand: could not reach the background:', err);
  }
  return run;
}

/** Records the content script's main-thread time where end-to-end tests and `npm run bench` read it (test builds). */
export function recordTiming(perf: Performance, startedAt: number, run: Pick<ContentRun, 'busyMs' | 'extractMs' | 'steps'>): void {
  const tenth = (ms: number) => Math.round(ms * 10) / 10;
  const extractMs = tenth(run.extractMs);
  const renderMs = tenth(run.busyMs - run.extractMs);
  const detail = { extractMs, renderMs, articleMs: tenth(run.steps.articleMs), metaMs: tenth(run.steps.metaMs), sendMs: tenth(run.steps.sendMs) };
  try {
    perf.measure(TIMING_NAME, { start: startedAt, duration: run.busyMs, detail });
  } catch (err) {
    console.debug('Firsthand: could not record timing:', err);
  }
  console.debug(`Firsthand: content script main-thread time ${run.busyMs.toFixed(1)} ms (extraction ${extractMs} ms, ribbon ${renderMs} ms)`);
}
