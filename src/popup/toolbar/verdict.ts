// The popup's upper half: what Firsthand concluded about the current tab.
// Pure DOM building from a TabState; page-derived strings only ever become text nodes.
import type { CheckResult, Credit, MatchSummary } from '../../index/types.ts';
import type { TabState } from '../../protocol/messages.ts';
import { articleDate, hostLabel, isRibbonVerdict, outletName, pageShares, percent, verdictLabel, verdictSentences, verdictSummary } from '../../ui/format.ts';
import { el, safeHref, shareBar } from '../../ui/dom.ts';

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
    ),
    meters(doc, [
      [`Of this page, from ${outlet}`, original.containment, 'page'],
      [`Of the original, carried here`, original.coverage, 'other'],
    ]),
    el(doc, 'div', { class: 'row' }, creditChip(doc, result.credited, outlet)),
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

function matchItem(doc: Document, m: MatchSummary, actions: VerdictActions): HTMLElement {
  const { ofPage, ofOther } = pageShares(m);
  const when = m.direction === 'from' ? 'earlier' : 'later';
  return el(
    doc,
    'li',
    { class: `match v-${m.verdict}` },
    el(
      doc,
      'div',
      { class: 'match-head' },
      el(doc, 'span', { class: 'tier', text: verdictLabel(m.verdict) }),
      el(doc, 'span', { class: 'when', text: m.direction === 'from' ? 'earlier' : 'later, from this page' }),
      el(doc, 'span', { class: 'spacer' }),
      m.credited ? el(doc, 'span', { class: 'mini credited', text: 'credited', attrs: { title: 'The later article credits the earlier one' } }) : null,
    ),
    articleLink(doc, m.url, m.title || hostLabel(m.host)),
    byline(doc, m),
    meters(doc, [
      ['Of this page', ofPage, 'page'],
      [`Of the ${when} article`, ofOther, 'other'],
    ]),
    m.direction === 'from' && isRibbonVerdict(m.verdict)
      ? el(doc, 'button', { class: 'link-btn', text: 'Compare', attrs: { type: 'button' }, on: { click: () => actions.compare(m.id) } })
      : null,
  );
}

function matchesSection(doc: Document, result: CheckResult, actions: VerdictActions): HTMLElement | null {
  if (result.matches.length === 0) return null;
  const list = el(doc, 'ol', { class: 'matches' });
  for (const m of result.matches) list.append(matchItem(doc, m, actions));
  return el(doc, 'section', { class: 'block' }, el(doc, 'h2', { text: `Matches in your index (${result.matches.length})` }), list);
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
  return [card, creditsSection(doc, result.credits), matchesSection(doc, result, actions), evidenceSection(doc, result.evidence)].filter(
    (x): x is HTMLElement => x !== null,
  );
}
