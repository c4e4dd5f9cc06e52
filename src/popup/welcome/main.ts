// First-run page: what Firsthand does, then a list to add and a pack to import, with the same
// controls as the options page (options/lists.ts) and the popup (toolbar/bulk.ts).
import { localize, tNodes } from '../../ui/i18n.ts';
import { createListAdder } from '../options/list-adder.ts';
import { LISTS_DEPS } from '../options/lists-deps.ts';
import { importLocally } from '../toolbar/bulk.ts';
import { importSummary } from '../toolbar/index-panel.ts';
import { createPackImport } from './pack.ts';

localize(document);
// The closing line around the options link, as one message with the link in its place.
const next = document.getElementById('welcome-next');
const optionsLink = document.getElementById('options-link');
if (next && optionsLink) next.replaceChildren(...tNodes('welcome_next', optionsLink));

document.getElementById('welcome-lists')?.replaceChildren(createListAdder(document, LISTS_DEPS, { idPrefix: 'welcome-list' }));
document.getElementById('welcome-pack')?.replaceChildren(createPackImport(document, (file, say) => importLocally(file, say), importSummary, 'welcome-pack'));

// The popup's Import… opens this page at #import: its file control, focused, in a tab that stays
// open while the file picker is shown (a toolbar popup closes when one opens).
if (location.hash === '#import') {
  const input = document.getElementById('welcome-pack-file');
  input?.closest('section')?.scrollIntoView({ block: 'start' });
  input?.focus();
}
