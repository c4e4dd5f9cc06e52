// The popup's upper half: what Firsthand concluded about the current tab.
// Pure DOM building from a TabState; page-derived strings only ever become text nodes.
import type { CheckResult, Credit, MatchSummary, OriginalConfidence } from '../../index/types.ts';
import type { TabState } from '../../protocol/messages.ts';
import {
  articleDate,
  byDate,
  closestLine,
  confidenceLabel,
  hostLabel,
  isRibbonVerdict,
  outletName,
  pageShares,
  percent,
  relationLabel,
  verdictLabel,
  verdictSentences,
  verdictSummary,
} from '../../ui/format.ts';
import { el, safeHref, shareBar } from '../../ui/dom.ts';
import { listedLine } from '../../ui/listed.ts';

export interface VerdictActions {
  highlight(): void;
  compare(originalId: string): void;
}

/** A link to an article when its URL is a web URL, plain text otherwise. */
function articleLink(doc: Document, url: string, title: string, cls = 'title'): HTMLElement {
  const href = safeHref(url);
  return href
    ? el(doc, 'a', { class: cls, text: title, attrs: { href, target: '_blank', rel: 'noreferrer noopener' } })
    : el(doc, 'span', { class: cls, text: title });
}

function byline(doc: Document, m: MatchSummary): HTMLElement {
  const parts = [outletName(m), hostLabel(m.host), articleDate(m)].filter((p, i, all) => p && all.indexOf(p) === i);
  return el(doc, 'div', { class: 'byline', text: parts.join(' · ') });
}

function meters(doc: Document, rows: [string, number, string][]): HTMLElement {
  const box = el(doc, 'div', { class: 'meters' });
  for (const [label, share, cls] of rows) {
    box.append(
      el(doc, 'span', { class: 'meter-label', text: label }),
      shareBar(doc, share, label, `bar ${cls}`),
      el(doc, 'span', { class: 'meter-pct', text: percent(share) }),
    );
  }
  return box;
}

function creditChip(doc: Document, credited: boolean, outlet: string): HTMLElement {
  return el(doc, 'span', {
    class: credited ? 'chip credited' : 'chip uncredited',
    text: credited ? `✓ Credits ${outlet}` : `No credit to ${outlet}`,
  });
}

/** Under an original known from a list only. */
export const TEXT_FREE_NOTE = 'You have not read it: a list you added names it, without its text. Compare shows the passages of this page that it shares.';

/** The verdict card when the page derives from an original (copy, partial copy, rewrite). */
function derivedCard(doc: Document, result: CheckResult, original: MatchSummary, actions: VerdictActions): HTMLElement {
  const s = verdictSentences(result)!;
  const outlet = outletName(original);
  const [lead] = s.headline.split(':');
  return el(
    doc,
    'section',
    { class: `verdict v-${result.verdict}`, attrs: { 'aria-labelledby': 'verdict-title' } },
    el(doc, 'span', { class: 'badge', text: verdictLabel(result.verdict) }),
    el(doc, 'h1', { text: lead, attrs: { id: 'verdict-title' } }),
    el(doc, 'p', { class: 'sentence', text: verdictSummary(result) }),
    el(
      doc,
      'div',
      { class: 'original' },
      el(doc, 'div', { class: 'kicker', text: 'The original' }),
      articleLink(doc, original.url, original.title || hostLabel(original.host)),
      byline(doc, original),
      listedLine(doc, original.listed),
      original.textFree ? el(doc, 'p', { class: 'text-free', text: TEXT_FREE_NOTE }) : null,
    ),
    meters(doc, [
      [`Of this page, from ${outlet}`, original.containment, 'page'],
      [`Of the original, carried here`, original.coverage, 'other'],
    ]),
    el(doc, 'div', { class: 'row' }, creditChip(doc, result.credited, outlet)),
    result.confidence ? confidenceBlock(doc, result.confidence) : null,
    el(
      doc,
      'div',
      { class: 'row buttons' },
      el(doc, 'button', {
        class: 'btn primary',
        text: 'Compare side by side',
        attrs: { type: 'button' },
        on: { click: () => actions.compare(original.id) },
      }),
      el(doc, 'button', { class: 'btn', text: 'Highlight on page', attrs: { type: 'button' }, on: { click: () => actions.highlight() } }),
    ),
    // Below the buttons: what the reader does first stays within the popup's first screen.
    result.closest && result.closest.id !== original.id ? closestBlock(doc, result.closest, actions) : null,
  );
}

/** The verdict card for a page that derives from nothing in the index. */
function plainCard(doc: Document, result: CheckResult): HTMLElement {
  const later = result.matches.filter((m) => m.direction === 'to' && isRibbonVerdict(m.verdict));
  let cls = 'v-unrelated';
  let badge = verdictLabel(result.verdict);
  let title = 'No earlier source found';
  let text = 'No article in your index shares this text. Firsthand has indexed this page, so later copies will point back to it.';
  if (later.length > 0) {
    cls = 'v-original';
    badge = 'Original';
    title = 'This page came first';
    text = `${later.length} later article${later.length === 1 ? '' : 's'} in your index reuse${later.length === 1 ? 's' : ''} its text.`;
  } else if (result.verdict === 'related') {
    cls = 'v-related';
    title = 'Same story, own words';
    text = 'Other articles in your index cover this story, but this page does not copy or rewrite them.';
  }
  return el(
    doc,
    'section',
    { class: `verdict ${cls}`, attrs: { 'aria-labelledby': 'verdict-title' } },
    el(doc, 'span', { class: 'badge', text: badge }),
    el(doc, 'h1', { text: title, attrs: { id: 'verdict-title' } }),
    el(doc, 'p', { class: 'sentence', text }),
  );
}

function creditsSection(doc: Document, credits: Credit[]): HTMLElement | null {
  if (credits.length === 0) return null;
  const list = el(doc, 'ul', { class: 'credits' });
  for (const c of credits) {
    list.append(
      el(
        doc,
        'li',
        {},
        el(doc, 'strong', { text: c.outlet }),
        el(doc, 'span', { class: 'evidence', text: ` “${c.evidence}”` }),
        el(doc, 'span', { class: 'kind', text: c.kind === 'jsonld' ? 'JSON-LD' : c.kind }),
      ),
    );
  }
  return el(doc, 'section', { class: 'block' }, el(doc, 'h2', { text: 'This page credits' }), list);
}

/** "How sure: medium", its reasons behind a disclosure. */
function confidenceBlock(doc: Document, confidence: OriginalConfidence): HTMLElement {
  const label = confidenceLabel(confidence.level);
  if (confidence.reasons.length === 0) return el(doc, 'p', { class: `confidence c-${confidence.level}`, text: label });
  const list = el(doc, 'ul', { class: 'evidence-list' });
  for (const r of confidence.reasons) list.append(el(doc, 'li', { text: r }));
  return el(doc, 'details', { class: `confidence c-${confidence.level}` }, el(doc, 'summary', { text: label }), list);
}

/** The match sharing the most of this page when it is not the original: its share of this page and its bars
 * (its outlet and date are in the story list below, tagged "closest"). */
function closestBlock(doc: Document, m: MatchSummary, actions: VerdictActions): HTMLElement {
  const { ofPage, ofOther } = pageShares(m);
  const outlet = outletName(m);
  return el(
    doc,
    'div',
    { class: 'closest', attrs: { role: 'group', 'aria-label': 'Closest match' } },
    el(doc, 'div', { class: 'closest-line', text: closestLine(m) }),
    articleLink(doc, m.url, m.title || hostLabel(m.host)),
    listedLine(doc, m.listed),
    meters(doc, [
      [`Of this page`, ofPage, 'page'],
      [`Of their article`, ofOther, 'other'],
    ]),
    m.direction === 'from' && isRibbonVerdict(m.verdict)
      ? el(doc, 'button', { class: 'link-btn', text: `Compare with ${outlet}`, attrs: { type: 'button' }, on: { click: () => actions.compare(m.id) } })
      : null,
  );
}

/** Rows of the story's coverage shown before "Show … more": the popup is cut at 600 px. */
export const STORY_ROWS = 3;

function storyItem(doc: Document, m: MatchSummary, result: CheckResult, actions: VerdictActions): HTMLElement {
  const { ofPage } = pageShares(m);
  const tags = [m.id === result.original?.id && 'original', m.id === result.closest?.id && m.id !== result.original?.id && 'closest'].filter((t): t is string =>
    Boolean(t),
  );
  const meta = [outletName(m), articleDate(m), `${percent(ofPage)} of this page`].filter(Boolean).join(' · ');
  return el(
    doc,
    'li',
    { class: `match v-${m.verdict}` },
    el(
      doc,
      'div',
      { class: 'match-head' },
      el(doc, 'span', { class: 'tier', text: relationLabel(m) }),
      el(doc, 'span', { class: 'spacer' }),
      ...tags.map((t) => el(doc, 'span', { class: `mini tag-${t}`, text: t })),
      m.credited ? el(doc, 'span', { class: 'mini credited', text: 'credited', attrs: { title: 'The later article credits the earlier one' } }) : null,
    ),
    articleLink(doc, m.url, m.title || hostLabel(m.host)),
    listedLine(doc, m.listed),
    el(
      doc,
      'div',
      { class: 'story-foot' },
      el(doc, 'span', { class: 'byline', text: meta }),
      m.direction === 'from' && isRibbonVerdict(m.verdict)
        ? el(doc, 'button', {
            class: 'link-btn',
            text: 'Compare',
            attrs: { type: 'button', 'aria-label': `Compare with ${outletName(m)}` },
            on: { click: () => actions.compare(m.id) },
          })
        : null,
    ),
  );
}

/** Every stored article on the same story, copies, rewrites and related coverage, earliest first; the rows past the first few behind a disclosure. */
function storySection(doc: Document, result: CheckResult, actions: VerdictActions): HTMLElement | null {
  if (result.matches.length === 0) return null;
  const items = byDate(result.matches).map((m) => storyItem(doc, m, result, actions));
  const list = el(doc, 'ol', { class: 'matches' }, ...items.slice(0, STORY_ROWS));
  const rest = items.slice(STORY_ROWS);
  const more =
    rest.length > 0
      ? el(
          doc,
          'details',
          { class: 'more' },
          el(doc, 'summary', { text: `Show ${rest.length} more` }),
          el(doc, 'ol', { class: 'matches', attrs: { start: String(STORY_ROWS + 1) } }, ...rest),
        )
      : null;
  return el(doc, 'section', { class: 'block story' }, el(doc, 'h2', { text: `Same story in your index (${result.matches.length})` }), list, more);
}

function evidenceSection(doc: Document, evidence: string[]): HTMLElement | null {
  if (evidence.length === 0) return null;
  const list = el(doc, 'ul', { class: 'evidence-list' });
  for (const e of evidence) list.append(el(doc, 'li', { text: e }));
  return el(doc, 'details', { class: 'block' }, el(doc, 'summary', { text: 'Why this original' }), list);
}

/** A short card for tabs without a result: not an article, paused, excluded, not yet checked. */
export function noteCard(doc: Document, title: string, text: string): HTMLElement {
  return el(
    doc,
    'section',
    { class: 'verdict v-none', attrs: { 'aria-labelledby': 'verdict-title' } },
    el(doc, 'h1', { text: title, attrs: { id: 'verdict-title' } }),
    el(doc, 'p', { class: 'sentence', text }),
  );
}

/** Everything the popup says about one tab, as a list of sections. */
export function renderTabState(doc: Document, state: TabState | null | undefined, actions: VerdictActions): HTMLElement[] {
  if (!state) {
    return [noteCard(doc, 'Not checked', 'Firsthand has not checked this tab. It checks article pages as they load: reload the page to check it.')];
  }
  const result = state.result;
  if (!result) return [noteCard(doc, 'Not checked', state.note ?? 'Firsthand has no result for this page.')];
  const original = result.original;
  const card = original && isRibbonVerdict(result.verdict) ? derivedCard(doc, result, original, actions) : plainCard(doc, result);
  return [card, creditsSection(doc, result.credits), storySection(doc, result, actions), evidenceSection(doc, result.evidence)].filter(
    (x): x is HTMLElement => x !== null,
  );
}
