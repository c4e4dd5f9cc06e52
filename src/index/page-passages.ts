// A checked page's match, told literal or near once the other article's stored text is at hand.
// The check itself has only the page's text; the worker reads the few stored texts it shows and
// places each passage in both texts here, with the engine's own `withChars` / `passageKind`.
import { withChars } from './compare.ts';
import { tokenHashes } from './fingerprint.ts';
import { DEFAULT_PARAMS } from './params.ts';
import type { MatchSummary } from './types.ts';

/** The page being checked: its text and the offsets of its content words (Fingerprint.offsets). */
export interface PageSide {
  text: string;
  offsets: Uint32Array;
}

/**
 * The match with each passage placed in both texts and told literal or near (with its parts).
 * `otherText` is the match's stored text. The pair was measured later-in-earlier: for a match
 * the page derives from ('from') the page is the candidate, for one derived from the page
 * ('to') the match is. Token ranges that do not fit the texts (a text stored under other
 * signature parameters) leave those passages as they were. A text-free match (a listed article's)
 * is returned as it is.
 */
export function withPassageKinds(match: MatchSummary, page: PageSide, otherText: string): MatchSummary {
  // A listed article's passages have no side of its own to place (it has no stored text).
  if (match.textFree) return match;
  const other = tokenHashes(otherText, DEFAULT_PARAMS.seed).offsets;
  const passages =
    match.direction === 'from'
      ? withChars(match.passages, page.offsets, other, { candidate: page.text, original: otherText })
      : withChars(match.passages, other, page.offsets, { candidate: otherText, original: page.text });
  return { ...match, passages };
}
