// The sensitivity levels in plain words, with what each flags on the development corpora. The
// options page shows these sentences under each level's radio; the README's "Sensitivity" table
// gives the same figures, and tests/unit/ui-sensitivity.test.ts holds the two equal. The bars in
// the sentences come from the engine itself (levelBars), so they cannot drift from the verdicts.
import { levelBars, type Sensitivity } from '../index/index.ts';
import { percent as pc } from './format.ts';

/** Pairs of one label flagged (copy, partial copy or rewrite) at one level. */
export interface Rate {
  flagged: number;
  n: number;
}

export interface SensitivityLevel {
  value: Sensitivity;
  name: string;
  /** One line: what the level is for. */
  gist: string;
  /**
   * Flag rates, each pair compared directly (`npm run eval -- PAIRS --levels`), on the
   * development halves: COUNTER (Urdu agency stories and newspaper articles: wholly derived,
   * partly derived, written independently about the same event, another event's story) and
   * Clough & Stevenson (short answers cut from, lightly or heavily rewritten from a Wikipedia
   * source, written independently, or another task's source).
   */
  counter: { WD: Rate; PD: Rate; ND: Rate; unrelated: Rate };
  clough: { cut: Rate; light: Rate; heavy: Rate; non: Rate; unrelated: Rate };
}

const r = (flagged: number, n: number): Rate => ({ flagged, n });

export const SENSITIVITY_LEVELS: readonly SensitivityLevel[] = [
  {
    value: 'low',
    name: 'Low',
    gist: 'Only clear copies and close rewrites.',
    counter: { WD: r(65, 78), PD: r(20, 135), ND: r(3, 99), unrelated: r(0, 160) },
    clough: { cut: r(16, 19), light: r(17, 19), heavy: r(10, 19), non: r(0, 38), unrelated: r(0, 95) },
  },
  {
    value: 'normal',
    name: 'Normal',
    gist: "Copies, partial copies and rewrites that keep the original's order.",
    counter: { WD: r(74, 78), PD: r(95, 135), ND: r(15, 99), unrelated: r(0, 160) },
    clough: { cut: r(17, 19), light: r(19, 19), heavy: r(18, 19), non: r(0, 38), unrelated: r(0, 95) },
  },
  {
    value: 'high',
    name: 'High',
    gist: 'Also looser rewrites; expect more false alarms.',
    counter: { WD: r(74, 78), PD: r(106, 135), ND: r(23, 99), unrelated: r(0, 160) },
    clough: { cut: r(17, 19), light: r(19, 19), heavy: r(18, 19), non: r(0, 38), unrelated: r(0, 95) },
  },
];

/** A share as the pages print it: "83%". */
export const percent = (x: Rate): string => `${x.n ? Math.round((x.flagged / x.n) * 100) : 0}%`;
/** A share to a tenth of a percent where it has one: "2.5%". */
const pct1 = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** The level's bars in plain words, from the engine's own thresholds. */
export function barsText(level: Sensitivity): string {
  const b = levelBars(level);
  const credit =
    b.creditDiscount < 1
      ? `A credit to the original's outlet lowers the rewrite bar by ${b.creditDiscount === 0.75 ? 'a quarter' : pc(1 - b.creditDiscount)}.`
      : "Crediting the original's outlet does not lower the bar.";
  return (
    `Copy: ${pc(b.copy)} of the page's text word for word from the original; partial copy: ${pc(b.partial)}; ` +
    `rewrite: ${pc(b.rewriteContainment)} word for word and ${pc(b.rewriteOrdered)} of its words in the original's order, ` +
    `or nearly all of them in order, or ${pc(b.partVocabulary)} of its words found in the original and ${pc(b.partOriginalVocabulary)} of the original's in it ` +
    `with ${pct1(b.partContainment)} word for word and ${pc(b.partOrdered)} in order (a page that takes some paragraphs and writes the rest). ${credit}`
  );
}

/** What the level flagged on the development set, in the options page's words. */
export function ratesText(level: SensitivityLevel): string {
  const c = level.counter;
  const unrelated = c.unrelated.flagged === 0 ? 'no unrelated article' : `${percent(c.unrelated)} of unrelated articles`;
  return (
    `Flags ${percent(c.WD)} of wholly derived and ${percent(c.PD)} of partly derived agency rewrites; ` +
    `${percent(c.ND)} of independent reports of the same event; ${unrelated}.`
  );
}

export function levelOf(value: Sensitivity): SensitivityLevel {
  return SENSITIVITY_LEVELS.find((l) => l.value === value) ?? SENSITIVITY_LEVELS[1];
}
