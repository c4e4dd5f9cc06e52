// From measured features to a verdict and a score. Thresholds were chosen on the
// Clough & Stevenson development corpus and the seed articles only (README, "Detection quality").
import type { Verdict } from './types.ts';
import type { Features } from './verify.ts';

export type Sensitivity = 'low' | 'normal' | 'high';

/** The levels, least flagged first. */
export const SENSITIVITIES: readonly Sensitivity[] = ['low', 'normal', 'high'];

export interface Thresholds {
  copy: number;
  partial: number;
  /** A rewrite keeps some verbatim phrases (containment) and the content words in order. */
  rewriteContainment: number;
  rewriteOrdered: number;
  /** ...or, without verbatim phrases, nearly the whole vocabulary in order. */
  rewriteOrderedAlone: number;
  rewriteVocabularyAlone: number;
  /** ...or a good part of its vocabulary, a few verbatim phrases and some of the order: how a
   * newspaper article that takes some paragraphs of an agency story and writes the rest reads. */
  partVocabulary: number;
  partOriginalVocabulary: number;
  partContainment: number;
  partOrdered: number;
  related: number;
}

// What each level trades, measured on both development corpora, each pair compared directly
// (`npm run eval -- PAIRS --levels`; the figures per label are in the README, "Sensitivity", and
// in src/ui/sensitivity.ts, which the options page shows). Every bar of a lower level is at or
// above the same bar of the level above it, credited or not, so what Low flags Normal flags too
// and what Normal flags High flags too (tests/unit/engine-sensitivity.test.ts).
//   low: only clear copies and close rewrites. A rewrite needs 15% of its text verbatim and 35% of
//     its content words in the original's order, and a credit does not lower the bar (the seed
//     rewrite with 11% verbatim is related, the one with 19% still a rewrite). Flags 83% of wholly
//     and 15% of partly derived Urdu agency rewrites, 3% of independent reports of the same event
//     (Normal: 91%, 51%, 12%); of Clough & Stevenson's heavy rewrites 53% (Normal 89%). A bar of
//     0.12 verbatim flags one more independent report, 0.10 with 30% in order three more; 0.20
//     leaves four more wholly derived rewrites unflagged.
//   high: rewrites with a few verbatim phrases, partial copies from 18% verbatim. Flags 94% of
//     wholly and 67% of partly derived agency rewrites, 20% of independent reports, no unrelated
//     pair. Its bars stay where they were: 3% verbatim flags independent Clough answers (3 of 38)
//     and 20% in order, three more partly derived rewrites for four more pages named against
//     the wrong story through the index.
const THRESHOLDS: Record<Sensitivity, Thresholds> = {
  low: {
    copy: 0.7,
    partial: 0.35,
    rewriteContainment: 0.15,
    rewriteOrdered: 0.35,
    rewriteOrderedAlone: 0.55,
    rewriteVocabularyAlone: 0.6,
    partVocabulary: 0.6,
    partOriginalVocabulary: 0.4,
    partContainment: 0.1,
    partOrdered: 0.35,
    related: 0.03,
  },
  normal: {
    copy: 0.6,
    partial: 0.25,
    rewriteContainment: 0.06,
    rewriteOrdered: 0.25,
    rewriteOrderedAlone: 0.45,
    rewriteVocabularyAlone: 0.5,
    partVocabulary: 0.33,
    partOriginalVocabulary: 0.25,
    partContainment: 0.025,
    partOrdered: 0.2,
    related: 0.03,
  },
  high: {
    copy: 0.5,
    partial: 0.18,
    rewriteContainment: 0.04,
    rewriteOrdered: 0.22,
    rewriteOrderedAlone: 0.4,
    rewriteVocabularyAlone: 0.45,
    partVocabulary: 0.3,
    partOriginalVocabulary: 0.22,
    partContainment: 0.02,
    partOrdered: 0.18,
    related: 0.02,
  },
};

/**
 * What a credit to the original's outlet multiplies the rewrite bars by, per level. Low: nothing,
 * a page is judged by its text alone ("only clear copies and close rewrites"); Normal and High: a
 * quarter off. (The corpora's plain texts credit no one, so their figures are uncredited.)
 */
const CREDIT_DISCOUNT: Record<Sensitivity, number> = { low: 1, normal: 0.75, high: 0.75 };

/** A level's bars and credit discount, for the words the options page and the README put on them. */
export function levelBars(sensitivity: Sensitivity): Readonly<Thresholds> & { creditDiscount: number } {
  return { ...(THRESHOLDS[sensitivity] ?? THRESHOLDS.normal), creditDiscount: CREDIT_DISCOUNT[sensitivity] ?? CREDIT_DISCOUNT.normal };
}

/** Candidates with fewer content words than this are never flagged unless they are copies. */
const MIN_FLAG_TOKENS = 12;

/**
 * How much of the candidate derives from the original, in [0,1]: mostly the share of its content
 * vocabulary found in the original (what survives a rewrite), plus its verbatim share. Weights
 * chosen on the development corpus (ROC AUC 0.974 against same-topic texts written independently).
 */
export function score(f: Features): number {
  const s = 0.15 * f.containment + 0.85 * f.vocabulary;
  return Math.min(1, Math.max(0, Number.isFinite(s) ? s : 0));
}

/** Each text must carry at least this many distinct numbers for their numbers to tell events apart. */
const MIN_NUMBERS = 3;
/** With this many numbers on each side, their disagreement decides whatever words are shared. */
const MANY_NUMBERS = 6;
/** A candidate sharing this much of its vocabulary shares its names too: a few numbers do not part them. */
const SAME_EVENT_VOCABULARY = 0.55;

/**
 * True when the two texts report different events of one kind: both carry numbers (scores,
 * amounts, counts, dates) and hardly any of them agree (fewer than one in six). Two match
 * reports or two earnings reports in one template share their wording, not their numbers; a
 * rewrite keeps them. A few numbers may differ in a rewrite too (a squad of 16 players or of
 * 21 with officials): with fewer than six on a side, a candidate sharing most of its words stays
 * the same event.
 */
export function otherEvent(f: Features): boolean {
  const fewest = Math.min(f.candidateNumbers, f.originalNumbers);
  if (fewest < MIN_NUMBERS || f.sharedNumbers * 6 >= fewest) return false;
  return fewest >= MANY_NUMBERS || f.vocabulary < SAME_EVENT_VOCABULARY;
}

export function verdictOf(f: Features, sensitivity: Sensitivity = 'normal', credited = false): Verdict {
  const t = THRESHOLDS[sensitivity] ?? THRESHOLDS.normal;
  if (f.candidateTokens === 0 || f.originalTokens === 0) return 'unrelated';
  if (f.containment >= t.copy) return 'copy';
  // Short of a copy, a text about another event of the same kind is never flagged: it is related.
  if (f.candidateTokens >= MIN_FLAG_TOKENS && !otherEvent(f)) {
    if (f.containment >= t.partial) return 'partial-copy';
    // Crediting the original's outlet lowers the bar for a rewrite: the page says where it came from.
    const k = credited ? (CREDIT_DISCOUNT[sensitivity] ?? CREDIT_DISCOUNT.normal) : 1;
    if (f.containment >= t.rewriteContainment * k && f.ordered >= t.rewriteOrdered * k) return 'rewrite';
    if (f.ordered >= t.rewriteOrderedAlone * k && f.vocabulary >= t.rewriteVocabularyAlone * k) return 'rewrite';
    if (
      f.vocabulary >= t.partVocabulary &&
      f.originalVocabulary >= t.partOriginalVocabulary &&
      f.containment >= t.partContainment &&
      f.ordered >= t.partOrdered
    )
      return 'rewrite';
  }
  // The same story told apart: a share of the words both ways (names, places, the event's terms).
  if (f.containment >= t.related || f.ordered >= 0.15 || (f.vocabulary >= 0.2 && f.originalVocabulary >= 0.15)) return 'related';
  return 'unrelated';
}

/** The verdicts that mean "this page derives from that one". */
export function isDerived(v: Verdict): boolean {
  return v === 'copy' || v === 'partial-copy' || v === 'rewrite';
}

/** Rank of a verdict, strongest first. */
export const VERDICT_RANK: Record<Verdict, number> = { copy: 4, 'partial-copy': 3, rewrite: 2, related: 1, unrelated: 0 };
