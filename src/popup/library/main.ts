// Library page entry: the index to browse, the reader's corrections, Clear and its undo.
import { localize } from '../../ui/i18n.ts';
import { ask } from '../api.ts';
import { mountArticles } from './articles.ts';
import { mountClear } from './clear.ts';
import { mountCorrections } from './corrections.ts';

localize(document);

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const loadArticles = mountArticles(
  document,
  {
    search: byId<HTMLInputElement>('library-search'),
    list: byId('library-articles'),
    summary: byId('library-summary'),
    more: byId<HTMLButtonElement>('library-more'),
    status: byId('library-status'),
  },
  {
    browse: (query, after) => ask({ type: 'library/browse', query, ...(after !== undefined ? { after } : {}) }),
    remove: async (id) => {
      const r = await ask({ type: 'library/delete', id });
      await loadCorrections();
      return r;
    },
  },
);

const loadCorrections = mountCorrections(document, byId('library-corrections'), {
  list: () => ask({ type: 'corrections/list' }),
  remove: (pageId, originalId) => ask({ type: 'corrections/remove', pageId, originalId }),
});

const loadClear = mountClear(
  document,
  byId('library-clear'),
  {
    status: () => ask({ type: 'undo/status' }),
    clear: () => ask({ type: 'ui/clear' }),
    clearForget: () => ask({ type: 'library/clear-forget' }),
    undo: () => ask({ type: 'undo/restore' }),
    forget: () => ask({ type: 'undo/forget' }),
  },
  async () => {
    await Promise.all([loadArticles(), loadCorrections()]);
  },
);

void Promise.all([loadArticles(), loadCorrections(), loadClear()]);
