// What a reader sees, read the way a test can: the verdict and ribbon text the test build
// mirrors onto <html data-firsthand-verdict data-firsthand-ribbon> (the ribbon itself is in a
// closed shadow root), the toolbar badge, and the popup's text.
import type { Session, Tab } from './types.ts';
import { poll } from './wait.ts';

export interface Seen {
  /** The verdict word ('copy', 'partial-copy', 'rewrite', 'related', 'unrelated' or 'none'). */
  verdict: string;
  /** The ribbon's sentences, or undefined when the page shows no ribbon. */
  ribbon: string | undefined;
}

function readDataset(): { verdict?: string; ribbon?: string } {
  const d = document.documentElement.dataset;
  return { verdict: d.firsthandVerdict, ribbon: d.firsthandRibbon };
}

/** Waits until the extension has answered for this page (the check ran) and returns what it shows. */
export async function seen(tab: Tab, what = 'the page'): Promise<Seen> {
  return poll(
    `Firsthand's verdict on ${what}`,
    async () => {
      const d = await tab.evaluate(readDataset, undefined);
      return d.verdict ? { verdict: d.verdict, ribbon: d.ribbon } : undefined;
    },
    45_000,
    150,
  );
}

/** The page's mirrored state right now, without waiting (for pages that get no verdict). */
export async function seenNow(tab: Tab): Promise<{ verdict?: string; ribbon?: string }> {
  return tab.evaluate(readDataset, undefined);
}

export async function visit(session: Session, url: string): Promise<{ tab: Tab; seen: Seen }> {
  const tab = await session.open(url);
  return { tab, seen: await seen(tab, url) };
}
