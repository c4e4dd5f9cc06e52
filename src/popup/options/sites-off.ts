// The sites the reader turned Firsthand off for (from the ribbon's "Not on this site", the popup's
// switch, or the list below), each with a button that turns it back on. Host names are shown as
// text, isolated.
import type { Settings } from '../../protocol/messages.ts';
import { el } from '../../ui/dom.ts';
import { t, tNodes } from '../../ui/i18n.ts';

export interface SitesOff {
  fill(s: Settings): void;
}

/** `turnOn` turns a site back on and returns the settings saved; `saved` refreshes the rest of the page with them. */
export function renderSitesOff(doc: Document, container: HTMLElement, turnOn: (host: string) => Promise<Settings>, saved: (s: Settings) => void): SitesOff {
  const list = el(doc, 'ul', { class: 'sites-off', attrs: { 'aria-label': t('options_sitesOffLabel') } });
  const empty = el(doc, 'p', { class: 'help', text: t('options_sitesOffNone') });
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
        text: t('options_turnBackOn'),
        // Named by its words, described by the site it turns back on.
        attrs: { type: 'button', 'aria-describedby': `site-off-${i}` },
        on: {
          click: () => {
            turnOn(host).then(
              (s) => {
                saved(s);
                status.replaceChildren(...tNodes('options_siteOnAgain', el(doc, 'bdi', { text: host })));
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
