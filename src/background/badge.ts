// The toolbar badge: how much of this page is someone else's text, at a glance.
import type { CheckResult, Verdict } from '../index/types.ts';

export interface Badge {
  text: string;
  color: string;
}

/** Badge colours by tier; the ribbon and popup use the same meaning. */
export const BADGE_COLORS: Partial<Record<Verdict, string>> = {
  copy: '#c5221f',
  'partial-copy': '#e8710a',
  rewrite: '#7b3fa0',
};

/** A rewrite's badge: "about the same" as its original, in other words. Its word-for-word share
 * would understate it (a rewrite shares meaning more than wording), and letters ("RW") are jargon. */
export const REWRITE_BADGE = '≈';

/**
 * Copies show the share of this page found in the original (containment), rewrites "≈";
 * related or unrelated pages show nothing, so the badge only speaks when there is reuse.
 */
export function badgeFor(result: CheckResult | undefined): Badge | null {
  if (!result?.original) return null;
  const color = BADGE_COLORS[result.verdict];
  if (!color) return null;
  if (result.verdict === 'rewrite') return { text: REWRITE_BADGE, color };
  const share = Math.min(1, Math.max(0, result.original.containment));
  return { text: `${Math.max(1, Math.round(share * 100))}%`, color };
}
