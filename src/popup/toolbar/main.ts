// Popup entry: the verdict for the current tab, then the reader's index.
import browser from 'webextension-polyfill';
import { clear } from '../../ui/dom.ts';
import { ask, currentTabId } from '../api.ts';
import { errorText } from '../../shared/errors.ts';
import { createIndexPanel } from './index-panel.ts';
import { noteCard, renderTabState } from './verdict.ts';

const doc = document;
/** Opened as the toolbar popup (not as a page with ?tab=, as tests and links do): close it after acting. */
const isToolbarPopup = !new URLSearchParams(location.search).has('tab');
const done = () => {
  if (isToolbarPopup) window.close();
};
const verdictBox = doc.getElementById('verdict')!;
const indexBox = doc.getElementById('index')!;
const pausedPill = doc.getElementById('paused')!;

async function showTab(): Promise<void> {
  const tabId = await currentTabId();
  if (tabId === undefined) {
    verdictBox.replaceChildren(noteCard(doc, 'No tab', 'Open an article page to see where it comes from.'));
    return;
  }
  try {
    const state = await ask({ type: 'ui/tab-state', tabId });
    clear(verdictBox);
    verdictBox.append(
      ...renderTabState(doc, state, {
        highlight: () => {
          ask({ type: 'ui/highlight', tabId }).then(done, (err) => console.debug('Firsthand:', errorText(err)));
        },
        compare: (originalId) => {
          if (!state?.pageId) return;
          ask({ type: 'ui/open-compare', pageId: state.pageId, originalId }).then(done, (err) => console.debug('Firsthand:', errorText(err)));
        },
      }),
    );
  } catch (err) {
    verdictBox.replaceChildren(noteCard(doc, 'Something went wrong', errorText(err)));
  }
}

doc.getElementById('options-link')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  void browser.runtime.openOptionsPage().then(done);
});

const panel = createIndexPanel(doc, (paused) => {
  pausedPill.hidden = !paused;
});
indexBox.replaceChildren(panel.root);
void showTab();
void panel.refresh();
void import('./site-switch.ts').then((m) => m.mountSiteSwitch(doc, doc.getElementById('site-switch')));
