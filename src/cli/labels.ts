// The labels of the evaluation corpora and what each means for Firsthand: a derived text that
// should be flagged, a hard negative (same topic or event, written independently) or an easy one.
//   Clough & Stevenson: cut, light, heavy (derived), non (hard negative), unrelated.
//   COUNTER (Urdu news reuse): WD wholly and PD partially derived, ND non-derived on the same
//   event (hard negative), unrelated.
//   Firsthand's own verdict names: copy, partial-copy, rewrite; related; unrelated.

export type LabelClass = 'positive' | 'hard-negative' | 'easy-negative' | 'other';

const POSITIVE = new Set(['cut', 'light', 'heavy', 'copy', 'partial-copy', 'rewrite', 'wd', 'pd']);
const HARD_NEGATIVE = new Set(['non', 'related', 'nd']);
const EASY_NEGATIVE = new Set(['unrelated']);
/** Table order: most derived first, then the negatives. */
const LABEL_ORDER = ['cut', 'copy', 'wd', 'light', 'partial-copy', 'pd', 'heavy', 'rewrite', 'non', 'related', 'nd', 'unrelated'];

/** What a label counts as; corpora differ in case (COUNTER writes WD, PD, ND), so case is ignored. */
export function labelClass(label: string): LabelClass {
  const l = label.toLowerCase();
  if (POSITIVE.has(l)) return 'positive';
  if (HARD_NEGATIVE.has(l)) return 'hard-negative';
  if (EASY_NEGATIVE.has(l)) return 'easy-negative';
  return 'other';
}

/** Orders labels for a table: known labels in LABEL_ORDER, unknown ones after them by name. */
export function compareLabels(a: string, b: string): number {
  const rank = (l: string): number => {
    const i = LABEL_ORDER.indexOf(l.toLowerCase());
    return i < 0 ? LABEL_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
