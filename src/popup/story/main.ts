// Story page entry: story.html?id=<article id> (or ?url=<address read>): the story's coverage in
// the reader's index and lists, drawn as a timeline and told as a list.
import type { StoryView } from '../../protocol/views.ts';
import { errorText } from '../../shared/errors.ts';
import { el } from '../../ui/dom.ts';
import { ask } from '../api.ts';
import { partsOf, storyList } from './list.ts';
import { timeline } from './timeline.ts';
import { storySummary } from './words.ts';

const main = document.getElementById('story')!;
const params = new URLSearchParams(location.search);
const ref = params.get('id') ?? params.get('url') ?? '';

function legend(doc: Document): HTMLElement {
  const key = (cls: string, text: string) => el(doc, 'span', { class: 'key-item' }, el(doc, 'span', { class: `key ${cls}` }), text);
  return el(
    doc,
    'p',
    { class: 'legend', attrs: { 'aria-hidden': 'true' } },
    key('role-original', 'original'),
    key('line-credited', 'takes from, credited'),
    key('line-uncredited', 'takes from, not credited'),
  );
}

function render(view: StoryView): HTMLElement[] {
  const byId = new Map(view.articles.map((a) => [a.id, a]));
  const focus = byId.get(view.focus)!;
  document.title = `Firsthand: the story of ${focus.title || focus.url}`;
  return [
    el(document, 'h1', {}, 'The story of ', el(document, 'bdi', { text: focus.title || focus.url })),
    el(
      document,
      'p',
      { class: 'lede' },
      ...partsOf(document, storySummary(view, byId)),
      ' From the articles in your index and in the lists you subscribed to.',
    ),
    el(
      document,
      'section',
      { attrs: { 'aria-labelledby': 'timeline-title' } },
      el(document, 'h2', { text: 'Timeline', attrs: { id: 'timeline-title' } }),
      legend(document),
      el(
        document,
        'div',
        { class: 'timeline-wrap', attrs: { role: 'region', 'aria-label': 'Timeline, drawn (the list below says the same)', tabindex: '0' } },
        timeline(document, view),
      ),
    ),
    el(
      document,
      'section',
      { attrs: { 'aria-labelledby': 'list-title' } },
      el(document, 'h2', { text: 'Who published what, in order', attrs: { id: 'list-title' } }),
      storyList(document, view),
    ),
  ];
}

async function load(): Promise<void> {
  if (!ref) {
    main.replaceChildren(
      el(document, 'p', { class: 'error', text: 'This page needs an article: open it from the history, the comparison page or the popup.' }),
    );
    return;
  }
  try {
    main.replaceChildren(...render(await ask({ type: 'view/story', ref })));
  } catch (err) {
    main.replaceChildren(el(document, 'p', { class: 'error', text: errorText(err) }));
  }
}

void load();
