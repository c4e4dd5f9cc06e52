// What the content script's own measure cannot see: the browser compiling and evaluating the
// script before its first line runs. A Chromium trace of one page load, read for the content
// script's v8.compile and EvaluateScript events (both on the page's main thread).
import type { BrowserContext, Page } from 'playwright-core';

export interface ScriptTrace {
  /** v8.compile of the content script (top level; inner functions compile lazily later, inside the measure). */
  compileMs: number;
  /** EvaluateScript of the content script: compile, top-level code and the synchronous part of its work. */
  evaluateMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  args?: { data?: { url?: string } };
}

/** Loads `url` in `page` under a trace, waits for `ready`, and returns the content script's compile and evaluation times. */
export async function traceScript<T>(
  ctx: BrowserContext,
  page: Page,
  url: string,
  scriptPath: string,
  ready: () => Promise<T>,
): Promise<ScriptTrace & { value: T }> {
  const cdp = await ctx.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value as unknown as TraceEvent[])
      if (ev.ph === 'X' && (ev.name === 'v8.compile' || ev.name === 'EvaluateScript') && ev.args?.data?.url?.endsWith(scriptPath)) events.push(ev);
  });
  let value: T;
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  try {
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8', transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    value = await ready();
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  const sum = (name: string) => events.filter((e) => e.name === name).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
  return { compileMs: sum('v8.compile'), evaluateMs: sum('EvaluateScript'), value };
}
