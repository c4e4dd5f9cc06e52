// Chromium's DevTools protocol at browser level, for what playwright-core does not reach: the
// extension's service worker (stop it, read its heap, watch its network) and the extension's
// incognito access. Chromium is launched with --remote-debugging-port=0 beside playwright's own
// pipe, and puppeteer-core connects to that port as a second client.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Target } from 'puppeteer-core';
import type { BrowserContext } from 'playwright-core';
import type { Site } from '../../fixtures/site/server.ts';
import { launchChromium } from './chromium.ts';
import { extensionDir } from './session.ts';
import type { Session } from './types.ts';
import { poll } from './wait.ts';

export type ChromiumSession = Session & { context: BrowserContext; extensionId: string };

export interface SeenRequest {
  /** The DevTools target type that made it: service_worker, page, other… */
  target: string;
  /** The URL of the context that made it (the worker script, the extension page, the web page). */
  from: string;
  url: string;
  /** The request's method (GET, POST…); absent for a WebSocket. */
  method?: string;
}

export class Devtools {
  private readonly watched = new Set<Target>();
  private recording: SeenRequest[] | undefined;

  private constructor(
    readonly session: ChromiumSession,
    readonly browser: Browser,
    private readonly root: CDPSession,
  ) {}

  static async launch(site: Site, profileDir: string): Promise<Devtools> {
    const session = await launchChromium({
      profileDir,
      sitePort: site.port,
      hosts: site.hosts,
      extensionDir: extensionDir('chromium'),
      headless: process.env.FIRSTHAND_E2E_HEADED ? false : true,
      extraArgs: ['--remote-debugging-port=0'],
    });
    const [port, path] = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
    const browser = await puppeteer.connect({ browserWSEndpoint: `ws://127.0.0.1:${port}${path}`, defaultViewport: null });
    return new Devtools(session, browser, await browser.target().createCDPSession());
  }

  get extensionId(): string {
    return this.session.extensionId;
  }

  /** The running worker's DevTools target id, or undefined while the browser has it stopped. */
  async workerTargetId(): Promise<string | undefined> {
    const { targetInfos } = await this.root.send('Target.getTargets');
    return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${this.extensionId}/`))?.targetId;
  }

  /**
   * Stops the extension's worker at once (as the browser does when it reclaims it), wherever it
   * is. A worker woken again right away may keep its DevTools target, so the old instance is
   * told apart by a mark left in its global scope.
   */
  async stopWorker(): Promise<void> {
    const id = await this.workerTargetId();
    if (!id) return;
    await this.inWorker('self.__firsthandMarked = true', 20_000);
    await this.root.send('Target.closeTarget', { targetId: id });
    await poll(
      'the worker to stop',
      async () => {
        if (!(await this.workerTargetId())) return true;
        // A stopped worker's target no longer answers: ask briefly, then look again.
        const marked = await this.inWorker('self.__firsthandMarked === true', 1_000).catch(() => undefined);
        return marked === false ? true : undefined;
      },
      20_000,
      100,
    );
  }

  /** Evaluates an expression in the running worker (by its current target id) and returns its value. */
  private async inWorker(expression: string, timeoutMs: number): Promise<unknown> {
    const targetId = await this.workerTargetId();
    if (!targetId) throw new Error('no worker running');
    const { sessionId } = await this.root.send('Target.attachToTarget', { targetId, flatten: true });
    const cdp = this.root.connection()?.session(sessionId);
    if (!cdp) throw new Error('no DevTools session for the worker');
    try {
      const evaluated = cdp.send('Runtime.evaluate', { expression, returnByValue: true });
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the worker did not answer')), timeoutMs));
      const { result, exceptionDetails } = await Promise.race([evaluated, timeout]);
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return result.value;
    } finally {
      await this.root.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }

  private async workerTarget(): Promise<Target> {
    return poll(
      'the extension worker target',
      async () => this.browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${this.extensionId}/`)),
      20_000,
    );
  }

  /** The worker's JavaScript heap after a full garbage collection, in bytes. */
  async workerHeap(): Promise<{ used: number; total: number }> {
    const cdp = await (await this.workerTarget()).createCDPSession();
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      return { used: heap.usedSize, total: heap.totalSize };
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /**
   * Records every network request of every target from now on (the extension's worker and pages,
   * and the web pages with their content scripts), including worker restarts and new tabs.
   */
  async recordRequests(): Promise<SeenRequest[]> {
    const seen: SeenRequest[] = [];
    this.recording = seen;
    this.browser.on('targetcreated', (t: Target) => void this.watch(t));
    for (const t of this.browser.targets()) {
      // A target that does not answer DevTools in 20 s (a page left hung by the settings page) is
      // said, not waited for: the suite's setup must end.
      await within(this.watch(t), 20_000).catch((err: unknown) => console.warn(`not watching ${t.type()} ${t.url()}:`, err));
    }
    return seen;
  }

  private async watch(target: Target): Promise<void> {
    const seen = this.recording;
    const type = target.type();
    if (!seen || this.watched.has(target) || !['page', 'service_worker', 'shared_worker', 'other'].includes(type)) return;
    this.watched.add(target);
    try {
      const cdp = await target.createCDPSession();
      cdp.on('Network.requestWillBeSent', (e) => seen.push({ target: type, from: target.url(), url: e.request.url, method: e.request.method }));
      cdp.on('Network.webSocketCreated', (e) => seen.push({ target: type, from: target.url(), url: e.url }));
      await cdp.send('Network.enable');
    } catch {
      // The target went away before it could be watched (a closed tab or a stopped worker).
    }
  }

  /**
   * Lets the extension run in incognito windows, as a reader does on chrome://extensions
   * (developer mode on first, or Chromium disables an unpacked extension when its settings
   * change). The extension reloads; resolves once its pages load again.
   */
  async allowIncognito(): Promise<void> {
    type Dev = {
      updateProfileConfiguration(c: { inDeveloperMode: boolean }): Promise<void>;
      updateExtensionConfiguration(c: { extensionId: string; incognitoAccess: boolean }): Promise<void>;
      getExtensionInfo(id: string): Promise<{ incognitoAccess: { isActive: boolean } }>;
    };
    // Every step is bounded, each try uses a fresh settings page, and the result is read back:
    // the settings page's promises have been seen to hang once the extension reloads, and so has
    // opening or closing a page on a loaded machine: a whole try is bounded too, so a hung one
    // is given up and the next begins.
    const attempt = async (): Promise<true | undefined> => {
      const page = await this.session.context.newPage();
      try {
        await page.goto('chrome://extensions', { timeout: 10_000 });
        const active = await within(
          page.evaluate(async (id) => {
            const dev = (globalThis as unknown as { chrome: { developerPrivate: Dev } }).chrome.developerPrivate;
            if ((await dev.getExtensionInfo(id)).incognitoAccess.isActive) return true;
            await dev.updateProfileConfiguration({ inDeveloperMode: true });
            await dev.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
            return (await dev.getExtensionInfo(id)).incognitoAccess.isActive;
          }, this.extensionId),
          10_000,
        );
        return active || undefined;
      } finally {
        await within(page.close(), 5_000).catch(() => undefined);
      }
    };
    await poll('incognito access to be granted', () => within(attempt(), 25_000), 60_000, 500);
    const probe = await within(this.session.context.newPage(), 15_000);
    await poll(
      'the extension to reload with incognito access',
      async () => {
        const ok = await probe.goto(`chrome-extension://${this.extensionId}/src/popup/popup.html`, { timeout: 5_000 }).then(
          () => true,
          () => false,
        );
        return ok ? true : undefined;
      },
      30_000,
      300,
    );
    await within(probe.close(), 5_000).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.browser.disconnect().catch(() => undefined);
    await this.session.close();
  }
}

/** The promise's value, or a rejection after `ms` (so one hung call cannot hold a poll forever). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
