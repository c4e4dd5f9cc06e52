// The ribbon over its life on one page: shown unless its story was dismissed or its site turned
// off, laid out as the settings say, dismissed for the story (× or Escape), removed when the reader
// turns the site off (here or elsewhere), and brought back, expanded and focused, by the keyboard
// command. The worker is asked (page/ribbon-prefs) before the ribbon is shown and whenever it says
// the settings changed.
import type { CheckResult } from '../index/types.ts';
import type { Message, Reply, RibbonPrefs } from '../protocol/messages.ts';
import { isRibbonPrefs, isUiStrings } from '../protocol/replies.ts';
import { useUiStrings } from '../ui/i18n.ts';
import { isRibbonVerdict } from '../ui/format.ts';
import { createRibbon, type Ribbon } from './ribbon.ts';
import { DEFAULT_LAYOUT } from './ribbon-layout.ts';

export interface SlotEnv {
  doc: Document;
  send(msg: Message): Promise<unknown>;
  exposeText: boolean;
}

export const DEFAULT_PREFS: RibbonPrefs = { ...DEFAULT_LAYOUT, dismissed: false, siteOff: false };

const asked = new WeakMap<object, Promise<void>>();

/** Once per page, before its first ribbon: the interface's strings from the worker (page/ui-strings),
 * which t() then answers from. Without an answer the browser's i18n API is asked as before. */
export function loadUiStrings(env: Pick<SlotEnv, 'send'>): Promise<void> {
  const known = asked.get(env);
  if (known) return known;
  const strings = (async () => {
    try {
      const reply = (await env.send({ type: 'page/ui-strings' })) as Reply<unknown> | undefined;
      if (reply?.ok && isUiStrings(reply.value)) useUiStrings(reply.value);
      else console.debug('Firsthand: no interface strings from the worker; the browser is asked instead');
    } catch (err) {
      console.debug('Firsthand: the interface strings could not be read:', err);
    }
  })();
  asked.set(env, strings);
  return strings;
}

/** The worker's answer to page/ribbon-prefs, or the defaults when it gives none (an older worker, an error). */
export async function askRibbonPrefs(env: Pick<SlotEnv, 'send'>, originalId: string | undefined): Promise<RibbonPrefs> {
  try {
    const reply = (await env.send({ type: 'page/ribbon-prefs', ...(originalId ? { originalId } : {}) })) as Reply<unknown> | undefined;
    if (reply?.ok && isRibbonPrefs(reply.value)) return reply.value;
  } catch (err) {
    console.debug('Firsthand: the ribbon settings could not be read:', err);
  }
  return DEFAULT_PREFS;
}

export class RibbonSlot {
  ribbon: Ribbon | null = null;
  private result: CheckResult | undefined;
  private prefs: RibbonPrefs = DEFAULT_PREFS;

  constructor(
    private readonly env: SlotEnv,
    private readonly highlight: (on: boolean) => number,
    /** Called whenever the ribbon appears, changes or goes. */
    private readonly changed: (ribbon: Ribbon | null) => void,
  ) {}

  /** Shows the ribbon for a result the ribbon speaks up for, unless its story was dismissed or its site is off. */
  show(result: CheckResult | undefined, prefs: RibbonPrefs): Ribbon | null {
    this.result = result;
    this.prefs = prefs;
    this.set(result && !prefs.dismissed && !prefs.siteOff ? this.create(result, false) : null);
    return this.ribbon;
  }

  /** The keyboard command: the ribbon expanded with the focus in it; a dismissed one comes back. */
  reveal(): boolean {
    if (!this.ribbon && this.result && !this.prefs.siteOff) this.set(this.create(this.result, true));
    this.ribbon?.reveal();
    this.expose();
    return this.ribbon !== null;
  }

  /** The settings changed: ask again, then move, resize or remove the ribbon. */
  async refresh(): Promise<void> {
    this.prefs = await askRibbonPrefs(this.env, this.result?.original?.id);
    if (this.prefs.siteOff) this.takeDown();
    else this.ribbon?.setLayout(this.prefs);
    this.expose();
  }

  /** The verdict no longer holds (the index changed, the page changed): the ribbon goes and the command brings nothing back. */
  clear(): void {
    this.result = undefined;
    this.ribbon?.remove();
    if (this.ribbon) this.set(null);
  }

  private create(result: CheckResult, expanded: boolean): Ribbon | null {
    if (!isRibbonVerdict(result.verdict)) return null;
    const originalId = result.original?.id;
    const env = this.env;
    return createRibbon(
      env.doc,
      result,
      {
        highlight: this.highlight,
        compare: () => {
          if (originalId)
            void env.send({ type: 'page/open-compare', originalId }).catch((err: unknown) => console.debug('Firsthand: could not open the comparison:', err));
        },
        dismissed: () => {
          this.set(null);
          if (originalId)
            void env.send({ type: 'page/dismiss-story', originalId }).catch((err: unknown) => console.debug('Firsthand: dismissal not kept:', err));
        },
        siteOff: () => {
          this.prefs = { ...this.prefs, siteOff: true };
          this.set(null);
          void env.send({ type: 'page/site-off' }).catch((err: unknown) => console.debug('Firsthand: the site was not turned off:', err));
        },
      },
      { layout: this.prefs, expanded, rendered: () => this.expose() },
    );
  }

  private takeDown(): void {
    if (!this.ribbon) return;
    this.highlight(false);
    this.ribbon.remove();
    this.set(null);
  }

  private set(ribbon: Ribbon | null): void {
    this.ribbon = ribbon;
    this.changed(ribbon);
    this.expose();
  }

  /** Test builds only: how the ribbon is shown ("rtl compact"), the direction of its words, and the page strings it isolates. */
  private expose(): void {
    if (!this.env.exposeText) return;
    const data = this.env.doc.documentElement.dataset;
    const view = this.ribbon?.view();
    if (!this.ribbon || !view) {
      delete data.firsthandRibbonView;
      delete data.firsthandRibbonIsolated;
      delete data.firsthandRibbonDir;
      return;
    }
    data.firsthandRibbonView = `${view.dir} ${view.pill ? 'compact' : 'full'}`;
    data.firsthandRibbonDir = view.textDir;
    data.firsthandRibbonIsolated = this.ribbon.isolated().join(' | ');
  }
}
