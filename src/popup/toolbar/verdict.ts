// The popup's upper half: what Firsthand concluded about the current tab, compact enough that the
// verdict, the original, why it is the original and the overlaps fit the popup's first screen.
// Pure DOM building from a TabState; page-derived strings only ever become text nodes, isolated.
import type { CheckResult, Credit, MatchSummary, OriginalConfidence } from '../../index/types.ts';
import type { TabState } from '../../protocol/messages.ts';
import { articleDate, closestLine, confidenceLabel, hostLabel, isRibbonVerdict, outletName, verdictLabel } from '../../ui/format.ts';
import { el, shareBar } from '../../ui/dom.ts';
import { listedLine } from '../../ui/listed.ts';
import { t, tNodes, type MessageKey } from '../../ui/i18n.ts';
import { articleLink, bdi, copiesSection, othersSection, type CompareAction } from './matches.ts';
import { creditWhere, overlapSentences, REWRITE_NOTE, whyOriginal, type PageDates } from './relation.ts';

export interface VerdictActions extends CompareAction {
  highlight(): void;
}

/** Under an original known from a list only. */
export const TEXT_FREE_NOTE = t('popup_text_free');

function byline(doc: Document, m: MatchSummary): HTMLElement {
  const rest = [hostLabel(m.host), articleDate(m)].filter((p) => p && p !== outletName(m));
  // Each part isolated: a Latin host beside a date in a right-to-left interface keeps its order.
  return el(doc, 'div', { class: 'byline' }, bdi(doc, outletName(m)), ...rest.flatMap((p) => [' · ', bdi(doc, p)]));
}

/** One overlap: the share in bold, its sentence, and a bar as wide as the share. */
function meter(doc: Document, share: number, [pct, words]: [string, string], cls: string): HTMLElement {
  return el(
    doc,
    'div',
    { class: 'meter' },
    el(doc, 'p', { class: 'meter-text' }, el(doc, 'strong', { text: pct }), ` ${words}`),
    shareBar(doc, share, `${pct} ${words}`, `bar ${cls}`),
  );
}

/** Whether a credit names this match's outlet (by name or by host). */
function names(c: Credit, m: MatchSummary): boolean {
  return c.outlet.toLowerCase() === outletName(m).toLowerCase() || (c.host !== undefined && hostLabel(c.host) === hostLabel(m.host));
}

function creditChip(doc: Document, result: CheckResult, original: MatchSummary): HTMLElement {
  const outlet = outletName(original);
  const own = result.credited ? result.credits.find((c) => names(c, original)) : undefined;
  const chip = el(
    doc,
    'span',
    { class: result.credited ? 'chip credited' : 'chip uncredited' },
    ...tNodes(result.credited ? 'ui_credits_chip' : 'ui_no_credit_chip', bdi(doc, outlet)),
  );
  if (own) chip.title = t('popup_credit_title', own.outlet, creditWhere(own.kind), own.evidence);
  return chip;
}

/** "How sure: medium", its reasons and the rest of the evidence behind a disclosure. */
function confidenceBlock(doc: Document, confidence: OriginalConfidence | undefined, evidence: string[]): HTMLElement | null {
  if (!confidence) return null;
  const label = confidenceLabel(confidence.level);
  const reasons = [...confidence.reasons, ...evidence.filter((e) => !confidence.reasons.includes(e))];
  if (reasons.length === 0) return el(doc, 'p', { class: `confidence c-${confidence.level}`, text: label });
  const list = el(doc, 'ul', { class: 'evidence-list' });
  for (const r of reasons) list.append(el(doc, 'li', { text: r }));
  return el(doc, 'details', { class: `confidence c-${confidence.level}` }, el(doc, 'summary', { text: label }), list);
}

/** What the engine noted about the order of this page and the others, behind a disclosure. */
function evidenceDetails(doc: Document, evidence: string[]): HTMLElement | null {
  if (!evidence.length) return null;
  const list = el(doc, 'ul', { class: 'evidence-list' });
  for (const e of evidence) list.append(el(doc, 'li', { text: e }));
  return el(doc, 'details', { class: 'evidence' }, el(doc, 'summary', { text: t('popup_how_decided') }), list);
}

/** The page's credits to outlets other than `skip`'s, in one line: "Also credits CNN (in its text)". */
function creditsLine(doc: Document, credits: Credit[], lead: 'popup_also_credits' | 'popup_page_credits', skip?: MatchSummary): HTMLElement | null {
  const shown = credits.filter((c) => c.outlet && !(skip && names(c, skip)));
  if (!shown.length) return null;
  const list = doc.createDocumentFragment();
  shown.slice(0, 3).forEach((c, i) => {
    if (i > 0) list.append(t('ui_comma'));
    list.append(bdi(doc, c.outlet), ` (${creditWhere(c.kind)})`);
  });
  const more = shown.length - 3;
  const parts = more > 0 ? tNodes(`${lead}_more`, list, String(more)) : tNodes(lead, list);
  return el(doc, 'p', { class: 'credits-line' }, ...parts);
}

function heading(doc: Document, title: string | (Node | string)[]): HTMLElement {
  return el(doc, 'h1', { attrs: { id: 'verdict-title' } }, ...(typeof title === 'string' ? [title] : title));
}

/** The derived card's heading: "Partly copied from Axios", the outlet isolated. */
const TITLE_KEYS: Record<string, MessageKey> = { copy: 'popup_title_copy', 'partial-copy': 'popup_title_partial', rewrite: 'popup_title_rewrite' };

/** The verdict card when the page derives from an original (copy, partial copy, rewrite). */
function derivedCard(doc: Document, result: CheckResult, original: MatchSummary, page: PageDates | undefined, actions: VerdictActions): HTMLElement {
  const outlet = outletName(original);
  const lines = overlapSentences(result);
  const rewrite = result.verdict === 'rewrite';
  return el(
    doc,
    'section',
    { class: `verdict v-${result.verdict}`, attrs: { 'aria-labelledby': 'verdict-title' } },
    heading(doc, tNodes(TITLE_KEYS[result.verdict] ?? 'popup_title_copy', bdi(doc, outlet))),
    el(
      doc,
      'div',
      { class: 'original' },
      el(doc, 'div', { class: 'kicker', text: t('popup_the_original') }),
      articleLink(doc, original.url, original.title || hostLabel(original.host)),
      byline(doc, original),
      el(doc, 'p', { class: 'why', text: whyOriginal(result, page) }),
      listedLine(doc, original.listed),
      original.textFree ? el(doc, 'p', { class: 'text-free', text: TEXT_FREE_NOTE }) : null,
    ),
    rewrite ? el(doc, 'p', { class: 'note', text: REWRITE_NOTE }) : null,
    el(doc, 'div', { class: 'meters' }, meter(doc, original.containment, lines.ofPage, 'page'), meter(doc, original.coverage, lines.ofOriginal, 'other')),
    result.closest && result.closest.id !== original.id ? el(doc, 'p', { class: 'closest-line', text: closestLine(result.closest) }) : null,
    el(
      doc,
      'div',
      { class: 'row' },
      creditChip(doc, result, original),
      el(doc, 'span', { class: 'spacer' }),
      confidenceBlock(doc, result.confidence, result.evidence),
    ),
    creditsLine(doc, result.credits, 'popup_also_credits', original),
    el(
      doc,
      'div',
      { class: 'row buttons' },
      actions.pageId
        ? el(doc, 'button', {
            class: 'btn primary',
            text: t('ui_compare_side'),
            attrs: { type: 'button' },
            on: { click: () => actions.compare(actions.pageId!, original.id) },
          })
        : null,
      el(doc, 'button', { class: 'btn', text: t('popup_highlight'), attrs: { type: 'button' }, on: { click: () => actions.highlight() } }),
    ),
  );
}

/** The articles that reuse this page's text (it came first). */
function copiesOf(result: CheckResult): MatchSummary[] {
  return result.matches.filter((m) => m.direction === 'to' && isRibbonVerdict(m.verdict));
}

/** The verdict card for a page that derives from nothing in the index. */
/** `added`: the page went into the index (not so after Clear, in a private window, or when saving failed: the worker notes why). */
function plainCard(doc: Document, result: CheckResult, added: boolean): HTMLElement {
  const copies = copiesOf(result).length;
  let cls = 'v-unrelated';
  let badge = verdictLabel(result.verdict);
  let title = t('popup_no_source');
  let text = added ? t('popup_no_source_text') : t('popup_no_source_text_unsaved');
  if (copies > 0) {
    cls = 'v-original';
    badge = t('popup_original_badge');
    title = t('popup_came_first');
    text = t('popup_came_first_text');
  } else if (result.verdict === 'related') {
    cls = 'v-related';
    title = t('ui_rel_same_story');
    text = t('popup_related_text');
  }
  return el(
    doc,
    'section',
    { class: `verdict ${cls}`, attrs: { 'aria-labelledby': 'verdict-title' } },
    el(doc, 'div', { class: 'verdict-head' }, heading(doc, title), el(doc, 'span', { class: 'badge', text: badge })),
    el(doc, 'p', { class: 'sentence', text }),
    creditsLine(doc, result.credits, 'popup_page_credits'),
    evidenceDetails(doc, result.evidence),
  );
}

/** A short card for tabs without a result: not an article, paused, excluded, not yet checked. */
export function noteCard(doc: Document, title: string, text: string): HTMLElement {
  return el(
    doc,
    'section',
    { class: 'verdict v-none', attrs: { 'aria-labelledby': 'verdict-title' } },
    heading(doc, title),
    el(doc, 'p', { class: 'sentence', text }),
  );
}

/** Everything the popup says about one tab, as a list of sections; `page`: when this page appeared. */
export function renderTabState(doc: Document, state: TabState | null | undefined, actions: VerdictActions, page?: PageDates): HTMLElement[] {
  if (!state) {
    return [noteCard(doc, t('popup_not_checked'), t('popup_not_checked_text'))];
  }
  const result = state.result;
  if (!result) return [noteCard(doc, t('popup_not_checked'), state.note ?? t('popup_no_result'))];
  const compare: VerdictActions = { ...actions, pageId: actions.pageId ?? state.pageId };
  const original = result.original;
  // What the worker noted about this check (a private window, a check after Clear: not added to
  // the index) is said right under the verdict.
  const note = state.note ? el(doc, 'p', { class: 'note', text: state.note }) : null;
  if (original && isRibbonVerdict(result.verdict)) {
    const card = derivedCard(doc, result, original, page, compare);
    return [card, note, othersSection(doc, result, page, compare, new Set([original.id]))].filter((x): x is HTMLElement => x !== null);
  }
  const copies = copiesOf(result);
  const skip = new Set(copies.map((m) => m.id));
  return [plainCard(doc, result, !state.note), note, copiesSection(doc, copies, page, compare), othersSection(doc, result, page, compare, skip)].filter(
    (x): x is HTMLElement => x !== null,
  );
}
