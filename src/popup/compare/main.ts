// Comparison page entry: compare.html?page=<id>&original=<id>.
import { outletName } from '../../ui/format.ts';
import { el } from '../../ui/dom.ts';
import { localize, t } from '../../ui/i18n.ts';
import { isolate } from '../../ui/lists.ts';
import { ask } from '../api.ts';
import { errorText } from '../../shared/errors.ts';
import { renderCompare } from './view.ts';
import { notCopySection } from './not-copy.ts';

localize(document);

const main = document.getElementById('compare')!;
const params = new URLSearchParams(location.search);
const pageId = params.get('page') ?? '';
const originalId = params.get('original') ?? '';

/** Hovering or focusing a passage lights up its twin on the other side. */
function linkTwins(root: HTMLElement): void {
  const toggle = (target: EventTarget | null, on: boolean) => {
    const mark = target instanceof Element ? target.closest('mark.shared') : null;
    const n = mark?.getAttribute('data-passage');
    if (!n) return;
    for (const m of root.querySelectorAll(`mark.shared[data-passage="${CSS.escape(n)}"]`)) m.classList.toggle('active', on);
  };
  root.addEventListener('mouseover', (ev) => toggle(ev.target, true));
  root.addEventListener('mouseout', (ev) => toggle(ev.target, false));
  root.addEventListener('focusin', (ev) => toggle(ev.target, true));
  root.addEventListener('focusout', (ev) => toggle(ev.target, false));
}

async function load(): Promise<void> {
  if (!pageId || !originalId) {
    main.replaceChildren(el(document, 'p', { class: 'error', text: t('compare_needsIds') }));
    return;
  }
  try {
    const view = await ask({ type: 'ui/compare', pageId, originalId });
    document.title = t('compare_docTitle', isolate(view.page.title || outletName(view.page)), isolate(outletName(view.original)));
    const ids = { page: pageId, original: originalId };
    const notCopy = notCopySection(document, ids, view.original, {
      list: () => ask({ type: 'corrections/list' }),
      add: () => ask({ type: 'corrections/add', pageId, originalId }),
      remove: () => ask({ type: 'corrections/remove', pageId, originalId }),
    });
    const [summary, ...rest] = renderCompare(document, view);
    main.replaceChildren(summary, notCopy, ...rest);
    main.append(
      el(
        document,
        'p',
        { class: 'note' },
        el(document, 'a', { attrs: { href: `story.html?${new URLSearchParams({ id: pageId })}` } }, t('compare_wholeStory')),
      ),
    );
    linkTwins(main);
  } catch (err) {
    main.replaceChildren(el(document, 'p', { class: 'error', text: errorText(err) }));
  }
}

void load();
