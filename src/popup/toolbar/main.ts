// Popup entry: the verdict for the current tab, then the reader's index in a footer.
import browser from 'webextension-polyfill';
import { clear } from '../../ui/dom.ts';
import { localize, t } from '../../ui/i18n.ts';
import { ask, currentTabId } from '../api.ts';
import { errorText } from '../../shared/errors.ts';
import { createIndexPanel } from './index-panel.ts';
import { isIndexChanged, pageDates } from './page-dates.ts';
import { noteCard, renderTabState, type VerdictActions } from './verdict.ts';
import type { TabState } from '../../protocol/messages.ts';
import type { PageDates } from './relation.ts';

const doc = document;
localize(doc);
/** Opened as the toolbar popup (not as a page with ?tab=, as tests and links do): close it after acting. */
const isToolbarPopup = !new URLSearchParams(location.search).has('tab');
const done = () => {
  if (isToolbarPopup) window.close();
};
const verdictBox = doc.getElementById('verdict')!;
const indexBox = doc.getElementById('index')!;
const pausedPill = doc.getElementById('paused')!;
/** Where the pack import happens: the first-run page, at its file control (its own tab stays open while the file picker is shown). */
const IMPORT_PAGE = 'src/popup/welcome.html#import';

const failed = (err: unknown) => console.debug('Firsthand:', errorText(err));

function actionsFor(tabId: number, state: TabState | null): VerdictActions {
  return {
    highlight: () => {
      ask({ type: 'ui/highlight', tabId }).then(done, failed);
    },
    compare: (pageId, originalId) => {
      ask({ type: 'ui/open-compare', pageId, originalId }).then(done, failed);
    },
    pageId: state?.pageId,
  };
}

async function showTab(): Promise<void> {
  const tabId = await currentTabId();
  if (tabId === undefined) {
    verdictBox.replaceChildren(noteCard(doc, t('popup_no_tab'), t('popup_no_tab_text')));
    return;
  }
  try {
    const state = await ask({ type: 'ui/tab-state', tabId });
    const show = (dates?: PageDates) => {
      clear(verdictBox);
      verdictBox.append(...renderTabState(doc, state, actionsFor(tabId, state), dates));
      // A page with related articles: its story (who published first, who took from whom) is a click away.
      showStoryLink(state?.pageId && state.result?.matches.length ? state.pageId : undefined);
    };
    // The verdict at once; then again with this page's dates, read from the index, so that other
    // articles are said to be published before or after it.
    show();
    const dates = await pageDates(state?.pageId);
    if (dates && verdictBox.isConnected && !verdictBox.contains(doc.activeElement)) show(dates);
  } catch (err) {
    verdictBox.replaceChildren(noteCard(doc, t('popup_error'), errorText(err)));
  }
}

/** Opens one of the extension's pages in a tab, then closes the toolbar popup. */
function openPage(path: string): void {
  browser.tabs.create({ url: browser.runtime.getURL(path) }).then(done, failed);
}

const storyLink = doc.getElementById('story-link') as HTMLAnchorElement | null;
let storyPath: string | undefined;
/** The header's Story link, for the page shown (none when it has no related article). */
function showStoryLink(pageId: string | undefined): void {
  if (!storyLink) return;
  const query = pageId ? `?${new URLSearchParams({ id: pageId })}` : '';
  storyPath = pageId ? `src/popup/story.html${query}` : undefined;
  storyLink.hidden = !pageId;
  storyLink.href = `./story.html${query}`;
}
storyLink?.addEventListener('click', (ev) => {
  ev.preventDefault();
  if (storyPath) openPage(storyPath);
});

for (const [id, path] of [
  ['history-link', 'src/popup/history.html'],
  ['library-link', 'src/popup/library.html'],
] as const) {
  doc.getElementById(id)?.addEventListener('click', (ev) => {
    ev.preventDefault();
    openPage(path);
  });
}

doc.getElementById('options-link')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  void browser.runtime.openOptionsPage().then(done);
});

const panel = createIndexPanel(doc, {
  onPausedChange: (paused) => {
    pausedPill.hidden = !paused;
  },
  openImport: () => {
    browser.tabs.create({ url: browser.runtime.getURL(IMPORT_PAGE) }).then(done, failed);
  },
  onCleared: () => void showTab(),
});
indexBox.replaceChildren(panel.root);
void showTab();
void panel.refresh();

// The index changed elsewhere (Clear on another page): what this popup shows is read again.
browser.runtime.onMessage.addListener((msg: unknown) => {
  if (!isIndexChanged(msg)) return undefined;
  void showTab();
  void panel.refresh();
  return undefined;
});
void import('./site-switch.ts').then((m) => m.mountSiteSwitch(doc, doc.getElementById('site-switch')));
