// Story page entry: story.html?id=<article id> (or ?url=<address read>): the story's coverage in
// the reader's index and lists, drawn as a timeline and told as a list.
import type { StoryView } from '../../protocol/views.ts';
import { errorText } from '../../shared/errors.ts';
import { el } from '../../ui/dom.ts';
import { localize, t, tNodes } from '../../ui/i18n.ts';
import { ask } from '../api.ts';
import { partsOf, storyList } from './list.ts';
import { timeline } from './timeline.ts';
import { storySummary } from './words.ts';

localize(document);

const main = document.getElementById('story')!;
const params = new URLSearchParams(location.search);
const ref = params.get('id') ?? params.get('url') ?? '';

function legend(doc: Document): HTMLElement {
  const key = (cls: string, text: string) => el(doc, 'span', { class: 'key-item' }, el(doc, 'span', { class: `key ${cls}` }), text);
  return el(
    doc,
    'p',
    { class: 'legend', attrs: { 'aria-hidden': 'true' } },
    key('role-original', t('story_legendOriginal')),
    key('line-credited', t('story_legendCredited')),
    key('line-uncredited', t('story_legendUncredited')),
  );
}

function render(view: StoryView): HTMLElement[] {
  const byId = new Map(view.articles.map((a) => [a.id, a]));
  const focus = byId.get(view.focus)!;
  // The title in isolates (FSI … PDI): a right-to-left title cannot reorder the words around it.
  document.title = t('story_documentTitle', `\u2068${focus.title || focus.url}\u2069`);
  return [
    el(document, 'h1', {}, ...tNodes('story_heading', el(document, 'bdi', { text: focus.title || focus.url }))),
    el(document, 'p', { class: 'lede' }, ...partsOf(document, storySummary(view, byId)), ' ', t('story_source')),
    el(
      document,
      'section',
      { attrs: { 'aria-labelledby': 'timeline-title' } },
      el(document, 'h2', { text: t('story_timelineTitle'), attrs: { id: 'timeline-title' } }),
      legend(document),
      el(
        document,
        'div',
        { class: 'timeline-wrap', attrs: { role: 'region', 'aria-label': t('story_timelineLabel'), tabindex: '0' } },
        timeline(document, view),
      ),
    ),
    el(
      document,
      'section',
      { attrs: { 'aria-labelledby': 'list-title' } },
      el(document, 'h2', { text: t('story_listTitle'), attrs: { id: 'list-title' } }),
      storyList(document, view),
    ),
  ];
}

async function load(): Promise<void> {
  if (!ref) {
    main.replaceChildren(el(document, 'p', { class: 'error', text: t('story_needsArticle') }));
    return;
  }
  try {
    main.replaceChildren(...render(await ask({ type: 'view/story', ref })));
  } catch (err) {
    main.replaceChildren(el(document, 'p', { class: 'error', text: errorText(err) }));
  }
}

void load();
