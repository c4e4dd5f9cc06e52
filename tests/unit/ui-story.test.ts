// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { historyRow } from '../../src/popup/history/view.ts';
import { storyList } from '../../src/popup/story/list.ts';
import { timeline } from '../../src/popup/story/timeline.ts';
import { plain, storySummary, takenBySentence } from '../../src/popup/story/words.ts';
import type { StoryView } from '../../src/protocol/views.ts';
import { STORY_T, storyArticle } from './ui-fixtures.ts';

const T = STORY_T;
const a = storyArticle;
const RTL = '\u202Eevil\u202C <img src=x onerror=alert(1)>';
const view: StoryView = {
  focus: 'copy',
  original: 'scoop',
  articles: [a('scoop', 'Axios', 0), a('copy', RTL, 2, RTL), a('follow', 'Canada News', 24)],
  links: [
    { from: 'copy', to: 'scoop', verdict: 'partial-copy', ofPage: 0.39, ofOriginal: 0.65, credited: true },
    { from: 'follow', to: 'scoop', verdict: 'related', ofPage: 0.04, ofOriginal: 0.09, credited: false },
    { from: 'follow', to: 'copy', verdict: 'related', ofPage: 0.03, ofOriginal: 0.05, credited: false },
  ],
};
const byId = new Map(view.articles.map((x) => [x.id, x]));

describe('story words', () => {
  it('sums up the story and names each taker once, by the link it is shown by', () => {
    expect(plain(storySummary(view, byId))).toBe('3 articles: published first by Axios; 1 edited, 1 followed.');
    expect(plain(takenBySentence(view, 'scoop', byId))).toBe(`Taken by ${RTL} (edited, credited); Canada News (followed, not credited).`);
    expect(takenBySentence(view, 'copy', byId)).toEqual([]);
  });

  it('puts page-supplied titles and outlets in the list and the timeline as isolated text, never markup', () => {
    const list = storyList(document, view);
    expect(list.querySelectorAll('img')).toHaveLength(0);
    const copy = list.children[1];
    expect(copy.querySelector('.badge')!.textContent).toBe('Edited');
    expect(copy.querySelector('h3 bdi')!.textContent).toBe(RTL);
    expect(copy.textContent).toContain('This page');
    expect(list.children[0].querySelector('.badge')!.textContent).toBe('Original');
    const svg = timeline(document, view);
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.querySelectorAll('path.link')).toHaveLength(2);
    expect(svg.querySelectorAll('a')[1].getAttribute('tabindex')).toBe('-1');
    expect(svg.querySelectorAll('img')).toHaveLength(0);
  });

  it('renders a history row with its titles in <bdi>, the original linked and a story link', () => {
    const tr = historyRow(document, {
      page: a('copy', RTL, 2, RTL),
      original: a('scoop', 'Axios', 0),
      verdict: 'rewrite',
      ofPage: 0.18,
      ofOriginal: 0.3,
      credited: false,
      readAt: T,
    });
    expect(tr.querySelectorAll('img')).toHaveLength(0);
    expect([...tr.querySelectorAll('bdi')].map((b) => b.textContent).slice(0, 2)).toEqual([RTL, RTL]);
    expect([...tr.querySelectorAll('a')].map((x) => x.getAttribute('href'))).toEqual([
      'https://copy.example/x',
      'https://scoop.example/x',
      'story.html?id=copy',
    ]);
    expect(tr.textContent).toContain('Not credited');
  });
});
