// Small text helpers for the CLI's human-readable output.
import type { Credit, Passage, Verdict } from '../index/index.ts';
import { truncate } from '../shared/text.ts';

export const VERDICT_WORDS: Record<Verdict, string> = {
  copy: 'copy',
  'partial-copy': 'partial copy',
  rewrite: 'rewrite',
  related: 'related (same story, not a copy)',
  unrelated: 'unrelated',
};

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function num(x: number, digits = 3): string {
  return x.toFixed(digits);
}

/** Rounds for JSON output: four decimals are plenty for shares and scores. */
export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** "2024-03-31 14:39 UTC", or "undated". */
export function date(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'undated';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The quoted text of a passage, from whichever side's text is at hand. */
export function passageText(p: Passage, candidateText?: string, originalText?: string): string | undefined {
  if (candidateText && p.candidateChars) return candidateText.slice(p.candidateChars[0], p.candidateChars[1]);
  if (originalText && p.originalChars) return originalText.slice(p.originalChars[0], p.originalChars[1]);
  return undefined;
}

export function passageLines(passages: Passage[], candidateText?: string, originalText?: string, max = 8): string[] {
  const lines: string[] = [];
  passages.slice(0, max).forEach((p, i) => {
    const words = p.candidateTokens[1] - p.candidateTokens[0];
    const quote = passageText(p, candidateText, originalText);
    lines.push(`  ${i + 1}. ${quote ? `"${truncate(quote, 160)}"` : `content words ${p.candidateTokens[0]}-${p.candidateTokens[1]}`} (${words} content words)`);
  });
  if (passages.length > max) lines.push(`  … and ${passages.length - max} more`);
  return lines;
}

export function creditLines(credits: Credit[]): string[] {
  if (!credits.length) return ['  none found'];
  return credits.map((c) => `  ${c.outlet} (${c.kind}: "${truncate(c.evidence, 100)}")`);
}
