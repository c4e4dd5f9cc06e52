// First-run page: what Firsthand does, then a list to add and a pack to import, with the same
// controls as the options page (options/lists.ts) and the popup (toolbar/bulk.ts).
import { createListAdder } from '../options/lists.ts';
import { LISTS_DEPS } from '../options/lists-deps.ts';
import { importLocally } from '../toolbar/bulk.ts';
import { importSummary } from '../toolbar/index-panel.ts';
import { createPackImport } from './pack.ts';

document.getElementById('welcome-lists')?.replaceChildren(createListAdder(document, LISTS_DEPS, { idPrefix: 'welcome-list' }));
document.getElementById('welcome-pack')?.replaceChildren(createPackImport(document, (file, say) => importLocally(file, say), importSummary, 'welcome-pack'));
