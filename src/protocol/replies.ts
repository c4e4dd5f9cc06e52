// Runtime checks for what the background sends to the content script and the UI pages.
// The shapes come from src/shared/messages.ts and src/index/types.ts; anything that does
// not match is dropped (and logged by the caller), never rendered.
import type { CheckResult, Credit, MatchSummary, Passage, Verdict } from '../index/types.ts';
import type { ContentMessage, TabState } from './messages.ts';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optStr = (x: unknown) => x === undefined || isStr(x);
const optNum = (x: unknown) => x === undefined || isNum(x);
const isShare = (x: unknown) => isNum(x) && x >= 0 && x <= 1.000001;
const isPair = (x: unknown) => Array.isArray(x) && x.length === 2 && isNum(x[0]) && isNum(x[1]) && x[0] <= x[1];

const VERDICTS: readonly Verdict[] = ['copy', 'partial-copy', 'rewrite', 'related', 'unrelated'];
export const isVerdict = (x: unknown): x is Verdict => VERDICTS.includes(x as Verdict);

export function isPassage(x: unknown): x is Passage {
  return (
    isObj(x) &&
    isPair(x.candidateTokens) &&
    isPair(x.originalTokens) &&
    (x.candidateChars === undefined || isPair(x.candidateChars)) &&
    (x.originalChars === undefined || isPair(x.originalChars))
  );
}

export function isCredit(x: unknown): x is Credit {
  return isObj(x) && isStr(x.outlet) && isStr(x.key) && isStr(x.kind) && isStr(x.evidence) && optStr(x.host);
}

export function isMatchSummary(x: unknown): x is MatchSummary {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.url) &&
    isStr(x.title) &&
    isStr(x.outlet) &&
    isStr(x.host) &&
    optNum(x.publishedAt) &&
    isNum(x.firstSeenAt) &&
    (x.direction === 'from' || x.direction === 'to') &&
    isVerdict(x.verdict) &&
    isNum(x.score) &&
    isShare(x.containment) &&
    isShare(x.coverage) &&
    typeof x.credited === 'boolean' &&
    Array.isArray(x.passages) &&
    x.passages.every(isPassage)
  );
}

export function isCheckResult(x: unknown): x is CheckResult {
  return (
    isObj(x) &&
    isVerdict(x.verdict) &&
    isNum(x.score) &&
    (x.original === undefined || isMatchSummary(x.original)) &&
    typeof x.credited === 'boolean' &&
    Array.isArray(x.credits) &&
    x.credits.every(isCredit) &&
    Array.isArray(x.matches) &&
    x.matches.every(isMatchSummary) &&
    Array.isArray(x.evidence) &&
    x.evidence.every(isStr)
  );
}

export function isTabState(x: unknown): x is TabState {
  return (
    isObj(x) &&
    isStr(x.url) &&
    optStr(x.pageId) &&
    optStr(x.note) &&
    (x.result === undefined || isCheckResult(x.result))
  );
}

/** Messages the background may send to a content script. */
export function isContentMessage(x: unknown): x is ContentMessage {
  if (!isObj(x)) return false;
  if (x.type === 'content/highlight') return x.on === undefined || typeof x.on === 'boolean';
  if (x.type === 'content/result') return isTabState(x.state);
  return false;
}
