// The side-by-side comparison: the original on the left, this page on the right, shared
// passages numbered and coloured alike on both sides, the page's own additions marked.
// Both texts become text nodes split at the passages' character ranges.
import type { ListedBy, Passage } from '../../index/types.ts';
import type { ArticleView, CompareView } from '../../protocol/messages.ts';
import { formatCount, formatDate, hostLabel, isRibbonVerdict, outletName, percent, verdictLabel } from '../../ui/format.ts';
import { el, safeHref, shareBar } from '../../ui/dom.ts';
import { t, tNodes, tPlural, type MessageKey } from '../../ui/i18n.ts';
import { listedLine } from '../../ui/listed.ts';
import { segmentText, type Segment } from './segments.ts';

/** The original as the worker may send it for an article known from reuse lists only: `textFree`
 * set and its text empty, `listed` naming the lists. (Proposed fields of ArticleView; read here
 * without relying on them, so an original without them renders as before.) */
export type OriginalView = ArticleView & { textFree?: boolean; listed?: ListedBy[] };

/** 'text': the original's text is at hand; 'listed': it is known from a list, which carries no
 * text; 'missing': no text was kept for it. Only in the first case are its words shown. */
export function originalText(view: CompareView): 'text' | 'listed' | 'missing' {
  const o = view.original as OriginalView;
  if (o.textFree === true || (o.listed?.length && !o.text)) return 'listed';
  return o.text.trim() ? 'text' : 'missing';
}

/** What the comparison says in place of the original's text when it has none, in the interface language. */
export const NO_TEXT_SENTENCE: Readonly<Record<'listed' | 'missing', string>> = {
  get listed() {
    return t('compare_noTextListed');
  },
  get missing() {
    return t('compare_noTextMissing');
  },
};

/** Palette slots for passages; passage n uses slot (n-1) % PALETTE on both sides. */
const PALETTE = 6;

/** How a passage reads, for its number's label. */
function kindOf(p: Passage | undefined): 'whole' | 'near' | 'partly' {
  if (p?.kind !== 'near') return 'whole';
  return p.parts ? 'partly' : 'near';
}

/** A passage number's label: what it is, and where its link leads when it has a twin. */
const PASSAGE_LABEL: Record<'none' | 'page' | 'original', Record<'whole' | 'near' | 'partly', MessageKey>> = {
  none: { whole: 'compare_passage', near: 'compare_passageNear', partly: 'compare_passagePartlyNear' },
  page: { whole: 'compare_passageShowPage', near: 'compare_passageNearShowPage', partly: 'compare_passagePartlyNearShowPage' },
  original: { whole: 'compare_passageShowOriginal', near: 'compare_passageNearShowOriginal', partly: 'compare_passagePartlyNearShowOriginal' },
};

/** The near ranges of each passage on one side: its near parts, or all of it when it is near throughout. */
function nearRanges(passages: readonly Passage[], side: 'candidateChars' | 'originalChars'): [number, number][][] {
  return passages.map((p) => {
    if (p.kind !== 'near') return [];
    if (p.parts) return p.parts.filter((q) => q.kind === 'near').map((q) => q[side]);
    const whole = p[side];
    return whole ? [whole] : [];
  });
}

/** A measure: its value, its label (words, or words around a page-supplied name's node), its bar. */
function tile(doc: Document, value: string, label: string | (Node | string)[], share?: number, cls = ''): HTMLElement {
  const words = typeof label === 'string' ? [label] : label;
  return el(
    doc,
    'div',
    { class: `tile ${cls}`.trim() },
    el(doc, 'span', { class: 'tile-value', text: value }),
    el(doc, 'span', { class: 'tile-label' }, ...words),
    share === undefined || typeof label !== 'string' ? null : shareBar(doc, share, label),
  );
}

/** The verdict and its measures. Whether the page credits the original is the worker's answer, decided
 * by the rule the ribbon and the popup use, so the three never disagree. */
function headline(doc: Document, view: CompareView): HTMLElement {
  const { comparison: c, credited } = view;
  const withText = originalText(view) === 'text';
  const outlet = outletName(view.original);
  // The outlet's name as a node of its own, isolated from the sentence around it.
  const name = () => el(doc, 'bdi', { text: outlet });
  const lead = isRibbonVerdict(c.verdict)
    ? tNodes('compare_leadVerdict', verdictLabel(c.verdict), name())
    : tNodes(c.verdict === 'related' ? 'compare_leadRelated' : 'compare_leadNone', name());
  return el(
    doc,
    'section',
    { class: `summary v-${c.verdict}`, attrs: { 'aria-label': t('compare_summary') } },
    el(doc, 'div', { class: 'summary-head' }, el(doc, 'span', { class: 'badge', text: verdictLabel(c.verdict) }), el(doc, 'h1', {}, ...lead)),
    el(
      doc,
      'div',
      { class: withText ? 'tiles' : 'tiles three' },
      tile(doc, percent(c.containment), t('compare_tileContainment'), c.containment),
      tile(doc, percent(c.coverage), t('compare_tileCoverage'), c.coverage),
      // The order of the original's words is known only from its text.
      withText ? tile(doc, percent(c.ordered), t('compare_tileOrdered'), c.ordered) : null,
      tile(
        doc,
        credited ? t('compare_credited') : t('compare_notCredited'),
        tNodes(credited ? 'compare_creditsOutlet' : 'compare_notCreditsOutlet', name()),
        undefined,
        credited ? 'credited' : 'uncredited',
      ),
    ),
  );
}

function articleHead(doc: Document, side: 'original' | 'page', a: ArticleView): HTMLElement {
  const href = safeHref(a.url);
  const date = a.publishedAt ? formatDate(a.publishedAt) : t('compare_firstRead', formatDate(a.firstSeenAt));
  const meta = [outletName(a), hostLabel(a.host), date, tPlural('compare_words', a.wordCount, formatCount)].filter(Boolean).join(' · ');
  return el(
    doc,
    'header',
    { class: 'article-head' },
    el(doc, 'div', { class: 'kicker', text: side === 'original' ? t('compare_theOriginal') : t('compare_thisPage') }),
    el(
      doc,
      'h2',
      { attrs: { dir: 'auto' } },
      href ? el(doc, 'a', { text: a.title || hostLabel(a.host), attrs: { href, target: '_blank', rel: 'noreferrer noopener' } }) : a.title,
    ),
    el(doc, 'div', { class: 'byline', text: meta }),
  );
}

/** Renders one text: paragraphs (one per line) of runs; shared runs carry their passage number,
 * and near runs say so (class, tooltip, and words for screen readers). */
function articleBody(doc: Document, side: 'original' | 'page', text: string, segments: Segment[], passages: readonly Passage[], twins = true): HTMLElement {
  const body = el(doc, 'div', { class: 'article-text' });
  let para = el(doc, 'p');
  body.append(para);
  const seen = new Set<number>();
  for (const seg of segments) {
    const lines = text.slice(seg.start, seg.end).split('\n');
    let spoken = false;
    lines.forEach((line, i) => {
      if (i > 0) {
        para = el(doc, 'p');
        body.append(para);
      }
      if (!line) return;
      if (seg.passage === 0) {
        para.append(side === 'page' ? el(doc, 'span', { class: 'own', text: line }) : doc.createTextNode(line));
        return;
      }
      const first = !seen.has(seg.passage);
      seen.add(seg.passage);
      const mark = el(doc, 'mark', {
        class: `shared c${(seg.passage - 1) % PALETTE}${seg.near ? ' near' : ''}`,
        attrs: {
          'data-passage': String(seg.passage),
          ...(first ? { id: `${side}-p${seg.passage}` } : {}),
          ...(seg.near ? { title: t('compare_nearTitle') } : {}),
        },
      });
      if (first && !twins) {
        mark.append(
          el(doc, 'span', {
            class: 'num',
            text: String(seg.passage),
            attrs: { 'aria-label': t(PASSAGE_LABEL.none[kindOf(passages[seg.passage - 1])], seg.passage) },
          }),
        );
      } else if (first) {
        const other = side === 'page' ? 'original' : 'page';
        const label = t(PASSAGE_LABEL[other][kindOf(passages[seg.passage - 1])], seg.passage);
        mark.append(el(doc, 'a', { class: 'num', text: String(seg.passage), attrs: { href: `#${other}-p${seg.passage}`, 'aria-label': label } }));
      }
      if (seg.near && !spoken) {
        mark.append(el(doc, 'span', { class: 'visually-hidden', text: t('compare_nearSpoken') }));
        spoken = true;
      }
      mark.append(line);
      para.append(mark);
    });
  }
  for (const p of [...body.querySelectorAll('p')]) if (!p.firstChild) p.remove();
  return body;
}

function legend(doc: Document, passages: readonly Passage[], withText = true): HTMLElement {
  const near = passages.some((p) => p.kind === 'near');
  return el(
    doc,
    'div',
    { class: 'legend', attrs: { 'aria-label': t('compare_legend') } },
    el(
      doc,
      'span',
      {},
      el(doc, 'mark', { class: 'shared c0', text: '1' }),
      ` ${tPlural(withText ? 'compare_legendShared' : 'compare_legendSharedPage', passages.length, formatCount)}`,
    ),
    near
      ? el(
          doc,
          'span',
          { class: 'legend-near' },
          el(doc, 'mark', { class: 'shared c0 near', text: t('compare_legendNearSample') }),
          ` ${t('compare_legendNear')}`,
        )
      : null,
    el(doc, 'span', {}, el(doc, 'span', { class: 'own', text: t('compare_legendOwnSample') }), ` ${t('compare_legendOwn')}`),
    withText ? el(doc, 'span', {}, el(doc, 'span', { class: 'plain', text: t('compare_legendPlainSample') }), ` ${t('compare_legendPlain')}`) : null,
  );
}

export function renderCompare(doc: Document, view: CompareView): HTMLElement[] {
  const state = originalText(view);
  if (state !== 'text') return renderWithoutOriginalText(doc, view, state);
  const passages = view.comparison.passages;
  const pageSegs = segmentText(
    view.page.text.length,
    passages.map((p) => p.candidateChars),
    nearRanges(passages, 'candidateChars'),
  );
  const origSegs = segmentText(
    view.original.text.length,
    passages.map((p) => p.originalChars),
    nearRanges(passages, 'originalChars'),
  );
  const column = (side: 'original' | 'page', a: ArticleView, segs: Segment[]) =>
    el(
      doc,
      'article',
      { class: `column ${side}`, attrs: { 'aria-label': side === 'original' ? t('compare_theOriginal') : t('compare_thisPage') } },
      articleHead(doc, side, a),
      articleBody(doc, side, a.text, segs, passages),
    );
  const missing = passages.some((p) => !p.candidateChars || !p.originalChars);
  return [
    headline(doc, view),
    legend(doc, passages),
    missing
      ? el(doc, 'p', {
          class: 'note',
          text: t('compare_unplacedBoth'),
        })
      : null,
    el(doc, 'div', { class: 'columns' }, column('original', view.original, origSegs), column('page', view.page, pageSegs)),
  ].filter((x): x is HTMLElement => x !== null);
}

/** The original's card when its text is not at hand: what it is, where it is, who lists it, and
 * why its words are not shown. Nothing stands in for its text. */
function originalCard(doc: Document, view: CompareView, state: 'listed' | 'missing'): HTMLElement {
  const o = view.original as OriginalView;
  const href = safeHref(o.url);
  const date = o.publishedAt ? formatDate(o.publishedAt) : o.firstSeenAt ? t('compare_firstKnown', formatDate(o.firstSeenAt)) : '';
  const meta = [outletName(o), hostLabel(o.host), date, o.wordCount > 0 ? tPlural('compare_words', o.wordCount, formatCount) : ''].filter(Boolean);
  return el(
    doc,
    'article',
    { class: 'column original text-free', attrs: { 'aria-label': t('compare_theOriginal') } },
    el(
      doc,
      'header',
      { class: 'article-head' },
      el(doc, 'div', { class: 'kicker', text: state === 'listed' ? t('compare_originalFromList') : t('compare_theOriginal') }),
      el(
        doc,
        'h2',
        { attrs: { dir: 'auto' } },
        href
          ? el(doc, 'a', { text: o.title || hostLabel(o.host), attrs: { href, target: '_blank', rel: 'noreferrer noopener' } })
          : o.title || hostLabel(o.host),
      ),
      el(doc, 'div', { class: 'byline', text: [...new Set(meta)].join(' · ') }),
    ),
    listedLine(doc, o.listed),
    el(doc, 'p', { class: 'no-text', text: NO_TEXT_SENTENCE[state] }),
    href ? el(doc, 'a', { class: 'btn primary open', text: t('compare_openOriginal'), attrs: { href, target: '_blank', rel: 'noreferrer noopener' } }) : null,
  );
}

/** The comparison with a text-free original: this page's text with its shared passages marked,
 * beside the original's metadata. */
function renderWithoutOriginalText(doc: Document, view: CompareView, state: 'listed' | 'missing'): HTMLElement[] {
  const passages = view.comparison.passages;
  const segs = segmentText(
    view.page.text.length,
    passages.map((p) => p.candidateChars),
    nearRanges(passages, 'candidateChars'),
  );
  const unplaced = passages.some((p) => !p.candidateChars);
  return [
    headline(doc, view),
    legend(doc, passages, false),
    unplaced ? el(doc, 'p', { class: 'note', text: t('compare_unplacedPage') }) : null,
    el(
      doc,
      'div',
      { class: 'columns' },
      originalCard(doc, view, state),
      el(
        doc,
        'article',
        { class: 'column page', attrs: { 'aria-label': t('compare_thisPage') } },
        articleHead(doc, 'page', view.page),
        articleBody(doc, 'page', view.page.text, segs, passages, false),
      ),
    ),
  ].filter((x): x is HTMLElement => x !== null);
}
