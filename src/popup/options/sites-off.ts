// The sites the reader turned Firsthand off for (from the ribbon's "Not on this site", the popup's
// switch, or the list below), each with a button that turns it back on. Host names are shown as
// text, isolated.
import type { Settings } from '../../protocol/messages.ts';
import { el } from '../../ui/dom.ts';

export interface SitesOff {
  fill(s: Settings): void;
}

/** `turnOn` turns a site back on and returns the settings saved; `saved` refreshes the rest of the page with them. */
export function renderSitesOff(doc: Document, container: HTMLElement, turnOn: (host: string) => Promise<Settings>, saved: (s: Settings) => void): SitesOff {
  const list = el(doc, 'ul', { class: 'sites-off', attrs: { 'aria-label': 'Sites Firsthand is off for' } });
  const empty = el(doc, 'p', { class: 'help', text: 'Firsthand is on for every site.' });
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  container.append(list, empty, status);

  const row = (host: string, i: number) =>
    el(
      doc,
      'li',
      { class: 'site-off' },
      el(doc, 'bdi', { class: 'host', text: host, attrs: { id: `site-off-${i}` } }),
      el(doc, 'button', {
        class: 'btn',
        text: 'Turn back on',
        // Named by its words, described by the site it turns back on.
        attrs: { type: 'button', 'aria-describedby': `site-off-${i}` },
        on: {
          click: () => {
            turnOn(host).then(
              (s) => {
                saved(s);
                status.textContent = `Firsthand is on again for ${host}. Reload its open pages to check them.`;
              },
              (err: unknown) => {
                status.textContent = err instanceof Error ? err.message : String(err);
              },
            );
          },
        },
      }),
    );

  return {
    fill(s) {
      list.replaceChildren(...s.excludedSites.map(row));
      list.hidden = s.excludedSites.length === 0;
      empty.hidden = s.excludedSites.length > 0;
    },
  };
}
