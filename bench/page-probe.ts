// Page-side code of the page-cost benchmark, as strings so that the TypeScript runner's helpers
// never reach the page: what is installed before a page loads, and what reads the content
// script's measure once it exists. The same in Chromium and Firefox.

/** What one load of a page recorded. */
export interface PageLoad {
  /** firsthand:content: main-thread ms of the content script (quick test + serialise + send + ribbon). */
  busyMs: number;
  extractMs: number;
  renderMs: number;
  /** Parts of extractMs: Readability's quick test, serialising the page, handing the message over. */
  articleMs: number;
  metaMs: number;
  sendMs: number;
  /** ms since navigation start. */
  scriptStart: number;
  ribbonAt?: number;
  loadEnd: number;
  verdict?: string;
  /** Elements in the document when the measure was read. */
  nodes: number;
  /** Whether the browser reports long tasks (PerformanceObserver 'longtask'); Firefox does not. */
  longTaskSupported: boolean;
  /** Long tasks (>= 50 ms) ending after the content script started (empty when unsupported). */
  longTasks: number[];
  /**
   * Frame gaps ending after the content script started, as the main thread's blocked time: the
   * time between two animation frames less one frame (16.7 ms), for gaps of 50 ms or more. A
   * task that long (of any cause) held the page; measured alike in both browsers.
   */
  frameGaps: number[];
}

/** Half a frame over 50 ms: below this, two frames 16.7 ms apart saw no task of 50 ms. */
const FRAME_MS = 1000 / 60;

/**
 * Installed before each page loads: the page's long tasks (where the browser reports them), an
 * animation-frame gap monitor, and the time the test build's ribbon attribute appears.
 */
export const INIT_SCRIPT = `(() => {
  const b = { longTasks: [], gaps: [], ribbonAt: undefined, longTaskSupported: false };
  Object.defineProperty(window, '__firsthandBench', { value: b });
  try {
    b.longTaskSupported = (PerformanceObserver.supportedEntryTypes || []).includes('longtask');
    if (b.longTaskSupported)
      new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]); })
        .observe({ type: 'longtask', buffered: true });
  } catch {}
  let last;
  const frame = () => {
    const now = performance.now();
    if (last !== undefined && now - last - ${FRAME_MS} >= 50) b.gaps.push([last, now - last - ${FRAME_MS}]);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new MutationObserver(() => {
    if (b.ribbonAt === undefined && document.documentElement && document.documentElement.dataset.firsthandRibbon) b.ribbonAt = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-firsthand-ribbon'] });
})();`;

/**
 * Resolves with what the content script's `firsthand:content` measure recorded, once it exists,
 * after two more animation frames (so a long task the script ended with shows as a frame gap).
 */
export const READ_MEASURE = `new Promise((resolve, reject) => {
  let done = false;
  const read = () => {
    if (done) return true;
    const m = performance.getEntriesByName('firsthand:content')[0];
    if (!m) return false;
    done = true;
    const finish = () => {
      const b = window.__firsthandBench;
      const nav = performance.getEntriesByType('navigation')[0];
      const detail = m.detail || {};
      resolve({
        busyMs: m.duration,
        extractMs: detail.extractMs ?? NaN,
        renderMs: detail.renderMs ?? NaN,
        articleMs: detail.articleMs ?? NaN,
        metaMs: detail.metaMs ?? NaN,
        sendMs: detail.sendMs ?? NaN,
        scriptStart: m.startTime,
        ribbonAt: b.ribbonAt,
        loadEnd: nav.loadEventEnd,
        verdict: document.documentElement.dataset.firsthandVerdict,
        nodes: document.getElementsByTagName('*').length,
        longTaskSupported: b.longTaskSupported,
        longTasks: b.longTasks.filter(([s, d]) => s + d > m.startTime).map(([, d]) => d),
        frameGaps: b.gaps.filter(([s, d]) => s + d > m.startTime).map(([, d]) => d),
      });
    };
    requestAnimationFrame(() => requestAnimationFrame(finish));
    return true;
  };
  if (read()) return;
  const observer = new PerformanceObserver(() => { if (read()) observer.disconnect(); });
  observer.observe({ type: 'measure' });
  setTimeout(() => { observer.disconnect(); if (!read()) reject(new Error('no firsthand:content measure on ' + location.href + ' after 60 s')); }, 60000);
})`;
