// The sensitivity levels in plain words, with what each flags on the development corpora. The
// options page shows these sentences under each level's radio; the README's "Sensitivity" table
// gives the same figures, and tests/unit/ui-sensitivity.test.ts holds the two equal. The bars in
// the sentences come from the engine itself (levelBars), so they cannot drift from the verdicts.
import { levelBars, type Sensitivity } from '../index/index.ts';
import { percent as pc } from './format.ts';
import { t } from './i18n.ts';

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
    name: t('ui_sens_low'),
    gist: t('ui_sens_low_gist'),
    counter: { WD: r(65, 78), PD: r(20, 135), ND: r(3, 99), unrelated: r(0, 160) },
    clough: { cut: r(16, 19), light: r(17, 19), heavy: r(10, 19), non: r(0, 38), unrelated: r(0, 95) },
  },
  {
    value: 'normal',
    name: t('ui_sens_normal'),
    gist: t('ui_sens_normal_gist'),
    counter: { WD: r(74, 78), PD: r(95, 135), ND: r(15, 99), unrelated: r(0, 160) },
    clough: { cut: r(17, 19), light: r(19, 19), heavy: r(18, 19), non: r(0, 38), unrelated: r(0, 95) },
  },
  {
    value: 'high',
    name: t('ui_sens_high'),
    gist: t('ui_sens_high_gist'),
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
    b.creditDiscount >= 1 ? t('ui_sens_no_credit') : b.creditDiscount === 0.75 ? t('ui_sens_credit_quarter') : t('ui_sens_credit_by', pc(1 - b.creditDiscount));
  return t(
    'ui_sens_bars',
    pc(b.copy),
    pc(b.partial),
    pc(b.rewriteContainment),
    pc(b.rewriteOrdered),
    pc(b.partVocabulary),
    pc(b.partOriginalVocabulary),
    pct1(b.partContainment),
    pc(b.partOrdered),
    credit,
  );
}

/** What the level flagged on the development set, in the options page's words. */
export function ratesText(level: SensitivityLevel): string {
  const c = level.counter;
  const unrelated = c.unrelated.flagged === 0 ? t('ui_sens_no_unrelated') : t('ui_sens_unrelated', percent(c.unrelated));
  return t('ui_sens_rates', percent(c.WD), percent(c.PD), percent(c.ND), unrelated);
}

export function levelOf(value: Sensitivity): SensitivityLevel {
  return SENSITIVITY_LEVELS.find((l) => l.value === value) ?? SENSITIVITY_LEVELS[1];
}
