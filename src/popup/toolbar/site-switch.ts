// The popup's per-site switch: "Firsthand on this site", for the site of the current tab's page.
// Turning it off adds the site to the excluded sites (the worker then neither reads nor checks its
// pages, and open tabs of the site lose their ribbon and badge); turning it on removes it. Hidden
// for a tab with no web page the worker heard of. The host is shown as text, isolated.
import { ask, currentTabId } from '../api.ts';
import { el } from '../../ui/dom.ts';
import { tNodes } from '../../ui/i18n.ts';
import { errorText } from '../../shared/errors.ts';

/** Fills `box` (popup.html #site-switch) with the switch for the current tab's site. */
export async function mountSiteSwitch(doc: Document, box: HTMLElement | null): Promise<void> {
  if (!box) return;
  box.hidden = true;
  const tabId = await currentTabId();
  if (tabId === undefined) return;
  let state;
  try {
    state = await ask({ type: 'ui/site-state', tabId });
  } catch (err) {
    console.debug('Firsthand: the site switch could not be shown:', errorText(err));
    return;
  }
  const host = state.host;
  if (!host) return;
  const input = el(doc, 'input', { attrs: { type: 'checkbox', role: 'switch', id: 'site-on' } });
  input.checked = !state.off;
  const status = el(doc, 'p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  status.style.margin = '0';
  const label = el(doc, 'label', { attrs: { for: 'site-on' } }, ...tNodes('popup_site_on', el(doc, 'bdi', { text: host })));
  input.addEventListener('change', () => {
    const on = input.checked;
    input.disabled = true;
    ask({ type: 'ui/set-site', host, on })
      .then(
        (next) => {
          input.checked = !next.off;
          status.replaceChildren(...tNodes(next.off ? 'popup_site_off_status' : 'popup_site_on_status', el(doc, 'bdi', { text: host })));
        },
        (err: unknown) => {
          input.checked = !on;
          status.textContent = errorText(err);
        },
      )
      .finally(() => {
        input.disabled = false;
      });
  });
  box.replaceChildren(el(doc, 'div', { class: 'row' }, input, label), status);
  box.style.display = 'grid';
  box.style.gap = '4px';
  box.hidden = false;
}
