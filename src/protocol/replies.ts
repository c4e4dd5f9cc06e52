// Runtime checks for what the background sends to the content script and the UI pages.
// The shapes come from messages.ts and src/index/types.ts; anything that does not match is
// dropped (and logged by the caller) or refused with an error, never rendered.
import { isRecord } from '../index/guards.ts';
import type {
  ArticleHead,
  CheckResult,
  Comparison,
  Credit,
  ListedBy,
  MatchSummary,
  OriginalConfidence,
  Passage,
  PassageKind,
  PassagePart,
  Verdict,
} from '../index/types.ts';
import type {
  ArticleView,
  CompareView,
  ContentMessage,
  CorrectionView,
  ImportResult,
  IndexChangedMessage,
  IndexStats,
  LibraryItem,
  LibraryPage,
  ListInfo,
  ListProgressMessage,
  PageHtmlReply,
  ReplyMap,
  RibbonPrefs,
  Settings,
  SiteState,
  TabState,
  TestUiMessage,
  UiMessage,
  UiStrings,
  UndoStatus,
} from './messages.ts';
import { DEFAULT_SETTINGS, RIBBON_MODES, RIBBON_POSITIONS, validateSettingsPatch } from './validate.ts';
import { isHistoryView, isStoryView } from './views.ts';

const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optStr = (x: unknown) => x === undefined || isStr(x);
const optNum = (x: unknown) => x === undefined || isNum(x);
const isShare = (x: unknown) => isNum(x) && x >= 0 && x <= 1.000001;
const isPair = (x: unknown) => Array.isArray(x) && x.length === 2 && isNum(x[0]) && isNum(x[1]) && x[0] <= x[1];

const VERDICTS: readonly Verdict[] = ['copy', 'partial-copy', 'rewrite', 'related', 'unrelated'];
export const isVerdict = (x: unknown): x is Verdict => VERDICTS.includes(x as Verdict);

const PASSAGE_KINDS: readonly PassageKind[] = ['literal', 'near'];
const isPassageKind = (x: unknown): x is PassageKind => PASSAGE_KINDS.includes(x as PassageKind);
const isPassagePart = (x: unknown): x is PassagePart => isRecord(x) && isPassageKind(x.kind) && isPair(x.candidateChars) && isPair(x.originalChars);

export function isPassage(x: unknown): x is Passage {
  return (
    isRecord(x) &&
    isPair(x.candidateTokens) &&
    isPair(x.originalTokens) &&
    (x.candidateChars === undefined || isPair(x.candidateChars)) &&
    (x.originalChars === undefined || isPair(x.originalChars)) &&
    (x.kind === undefined || isPassageKind(x.kind)) &&
    (x.parts === undefined || (Array.isArray(x.parts) && x.parts.every(isPassagePart)))
  );
}

export function isCredit(x: unknown): x is Credit {
  return isRecord(x) && isStr(x.outlet) && isStr(x.key) && isStr(x.kind) && isStr(x.evidence) && optStr(x.host);
}

/** The fields every view of a stored article names it by (ArticleHead). */
function isArticleHead(x: unknown): x is ArticleHead & Record<string, unknown> {
  return isRecord(x) && isStr(x.id) && isStr(x.url) && isStr(x.title) && isStr(x.outlet) && isStr(x.host) && optNum(x.publishedAt) && isNum(x.firstSeenAt);
}

export function isListedBy(x: unknown): x is ListedBy {
  return isRecord(x) && isStr(x.list) && isStr(x.publisher) && isStr(x.source);
}

export function isMatchSummary(x: unknown): x is MatchSummary {
  return (
    isArticleHead(x) &&
    (x.listed === undefined || (Array.isArray(x.listed) && x.listed.every(isListedBy))) &&
    (x.textFree === undefined || typeof x.textFree === 'boolean') &&
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

const CONFIDENCE_LEVELS: readonly OriginalConfidence['level'][] = ['high', 'medium', 'low'];

export function isConfidence(x: unknown): x is OriginalConfidence {
  return isRecord(x) && CONFIDENCE_LEVELS.includes(x.level as OriginalConfidence['level']) && Array.isArray(x.reasons) && x.reasons.every(isStr);
}

export function isCheckResult(x: unknown): x is CheckResult {
  return (
    isRecord(x) &&
    isVerdict(x.verdict) &&
    isNum(x.score) &&
    (x.original === undefined || isMatchSummary(x.original)) &&
    (x.closest === undefined || isMatchSummary(x.closest)) &&
    (x.confidence === undefined || isConfidence(x.confidence)) &&
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
  return isRecord(x) && isStr(x.url) && optStr(x.pageId) && optStr(x.note) && (x.result === undefined || isCheckResult(x.result));
}

/** The worker's answer to page/html (PageHtmlReply). */
export function isPageHtmlReply(x: unknown): x is PageHtmlReply {
  if (!isRecord(x)) return false;
  if (x.unchanged === true) return Object.keys(x).length === 1;
  return isTabState(x.state) && (x.text === null || isStr(x.text));
}

/** Messages the background may send to a content script. */
export function isContentMessage(x: unknown): x is ContentMessage {
  const bare = isRecord(x) && Object.keys(x).length === 1;
  return (bare && CONTENT_TYPES.includes(x.type as ContentMessage['type'])) || isIndexChanged(x);
}

const CONTENT_TYPES: readonly ContentMessage['type'][] = ['content/highlight', 'content/ping', 'content/focus-ribbon', 'content/prefs-changed'];

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

export function isIndexStats(x: unknown): x is IndexStats {
  return (
    isRecord(x) &&
    isCount(x.articles) &&
    (x.listed === undefined || isCount(x.listed)) &&
    isNum(x.bytes) &&
    optNum(x.oldestSeenAt) &&
    optNum(x.newestSeenAt) &&
    isStr(x.params) &&
    optStr(x.error)
  );
}

/** Settings whole: every field present and each one valid (a patch may leave fields out, settings may not). */
export function isSettings(x: unknown): x is Settings {
  return isRecord(x) && validateSettingsPatch(x).ok && Object.keys(DEFAULT_SETTINGS).every((k) => Object.hasOwn(x, k));
}

export function isArticleView(x: unknown): x is ArticleView {
  return (
    isArticleHead(x) &&
    isCount(x.wordCount) &&
    Array.isArray(x.credits) &&
    x.credits.every(isCredit) &&
    isStr(x.text) &&
    (x.textFree === undefined || typeof x.textFree === 'boolean') &&
    (x.listed === undefined || (Array.isArray(x.listed) && x.listed.every(isListedBy)))
  );
}

export function isComparison(x: unknown): x is Comparison {
  return (
    isRecord(x) &&
    isVerdict(x.verdict) &&
    isNum(x.score) &&
    isShare(x.containment) &&
    isShare(x.coverage) &&
    isShare(x.jaccard) &&
    isShare(x.ordered) &&
    isShare(x.vocabulary) &&
    Array.isArray(x.passages) &&
    x.passages.every(isPassage)
  );
}

export function isCompareView(x: unknown): x is CompareView {
  return isRecord(x) && isArticleView(x.page) && isArticleView(x.original) && isComparison(x.comparison) && typeof x.credited === 'boolean';
}

export function isImportResult(x: unknown): x is ImportResult {
  return isRecord(x) && isCount(x.added) && isCount(x.updated) && isCount(x.evicted) && (x.corrections === undefined || isCount(x.corrections));
}

const isListSource = (x: unknown) => isRecord(x) && (isStr(x.url) || isStr(x.file)) && Object.keys(x).length === 1;

export function isListInfo(x: unknown): x is ListInfo {
  return (
    isRecord(x) &&
    isStr(x.id) &&
    isStr(x.name) &&
    isStr(x.publisher) &&
    optStr(x.description) &&
    optStr(x.homepage) &&
    isListSource(x.source) &&
    isCount(x.articles) &&
    isCount(x.bytes) &&
    isStr(x.digest) &&
    optStr(x.publicKey) &&
    isNum(x.addedAt) &&
    isNum(x.updatedAt) &&
    optNum(x.checkedAt) &&
    optNum(x.nextUpdate) &&
    optStr(x.lastError) &&
    optNum(x.expiresHours)
  );
}

const PROGRESS_PHASES: readonly string[] = ['downloading', 'reading', 'writing', 'indexing', 'done'];

/** The worker's progress broadcast of a list download (options page). */
export function isListProgress(x: unknown): x is ListProgressMessage {
  return (
    isRecord(x) &&
    x.type === 'lists/progress' &&
    isStr(x.id) &&
    isStr(x.url) &&
    PROGRESS_PHASES.includes(x.phase as string) &&
    isCount(x.done) &&
    isCount(x.total)
  );
}

const INDEX_CHANGE_REASONS: readonly string[] = ['cleared'];

/** The worker's word that the index changed under a page (content scripts and extension pages). */
export function isIndexChanged(x: unknown): x is IndexChangedMessage {
  return isRecord(x) && x.type === 'index/changed' && INDEX_CHANGE_REASONS.includes(x.reason as string) && Object.keys(x).length === 2;
}

/** The content script's answer to content/ping: the URL its document shows, or undefined for anything else. */
export function pongUrl(reply: unknown): string | undefined {
  if (!isRecord(reply) || reply.ok !== true || !isRecord(reply.value)) return undefined;
  return isStr(reply.value.url) ? reply.value.url : undefined;
}

const isListInfos = (x: unknown): x is ListInfo[] => Array.isArray(x) && x.every(isListInfo);

const SOURCES: readonly string[] = ['read', 'imported', 'listed'];

export function isLibraryItem(x: unknown): x is LibraryItem {
  return (
    isRecord(x) &&
    isCount(x.key) &&
    isStr(x.id) &&
    isStr(x.url) &&
    isStr(x.title) &&
    isStr(x.outlet) &&
    isStr(x.host) &&
    optNum(x.publishedAt) &&
    isNum(x.seenAt) &&
    SOURCES.includes(x.source as string) &&
    (x.lists === undefined || (Array.isArray(x.lists) && x.lists.every(isStr)))
  );
}

export function isLibraryPage(x: unknown): x is LibraryPage {
  return (
    isRecord(x) && Array.isArray(x.items) && x.items.every(isLibraryItem) && (x.next === undefined || isCount(x.next)) && isCount(x.scanned) && isCount(x.total)
  );
}

export function isCorrectionView(x: unknown): x is CorrectionView {
  return (
    isRecord(x) &&
    isStr(x.page) &&
    isStr(x.original) &&
    isNum(x.at) &&
    optStr(x.pageTitle) &&
    optStr(x.pageOutlet) &&
    optStr(x.originalTitle) &&
    optStr(x.originalOutlet)
  );
}

const isCorrectionViews = (x: unknown): x is CorrectionView[] => Array.isArray(x) && x.every(isCorrectionView);

export function isUndoStatus(x: unknown): x is UndoStatus {
  return (
    isRecord(x) &&
    typeof x.kept === 'boolean' &&
    optNum(x.clearedAt) &&
    optNum(x.expiresAt) &&
    (x.articles === undefined || isCount(x.articles)) &&
    (x.corrections === undefined || isCount(x.corrections))
  );
}

const isDeleted = (x: unknown): x is { listed: boolean } => isRecord(x) && typeof x.listed === 'boolean';

const isNull = (x: unknown): x is null => x === null;
const isTabStateOrNull = (x: unknown): x is TabState | null => x === null || isTabState(x);
const isPackText = (x: unknown): x is string => isStr(x);

type ReplyCheck<K extends keyof ReplyMap> = (x: unknown) => x is ReplyMap[K];

/** The check for every reply an extension page may receive: a message cannot be added to the
 * protocol without saying here what its answer looks like. */
export const REPLY_CHECKS: { [K in UiMessage['type'] | TestUiMessage['type']]: ReplyCheck<K> } = {
  'ui/tab-state': isTabStateOrNull,
  'ui/stats': isIndexStats,
  'ui/clear': isIndexStats,
  'ui/set-paused': isSettings,
  'ui/get-settings': isSettings,
  'ui/set-settings': isSettings,
  'ui/compare': isCompareView,
  'ui/open-compare': isNull,
  'ui/highlight': isNull,
  'ui/export': isPackText,
  'ui/import': isImportResult,
  'ui/lists': isListInfos,
  'ui/list-subscribe': isListInfo,
  'ui/list-update': isListInfo,
  'ui/list-remove': isListInfos,
  'ui/lists-sweep': isListInfos,
  'ui/saves-settled': isNull,
  'ui/site-state': isSiteState,
  'ui/set-site': isSiteState,
  'ui/run-command': (x): x is boolean => typeof x === 'boolean',
  'view/history': isHistoryView,
  'view/story': isStoryView,
  'view/open-story': isNull,
  'library/browse': isLibraryPage,
  'library/delete': isDeleted,
  'library/clear-forget': isIndexStats,
  'corrections/add': isCorrectionViews,
  'corrections/remove': isCorrectionViews,
  'corrections/list': isCorrectionViews,
  'undo/status': isUndoStatus,
  'undo/restore': isImportResult,
  'undo/forget': isUndoStatus,
};

/** The popup's per-site switch: the tab's host (or null) and whether Firsthand is off there. */
export function isSiteState(x: unknown): x is SiteState {
  return isRecord(x) && (x.host === null || isStr(x.host)) && typeof x.off === 'boolean';
}

/** The worker's answer to page/ribbon-prefs. */
export function isRibbonPrefs(x: unknown): x is RibbonPrefs {
  return (
    isRecord(x) &&
    RIBBON_MODES.includes(x.mode as RibbonPrefs['mode']) &&
    RIBBON_POSITIONS.includes(x.position as RibbonPrefs['position']) &&
    typeof x.dismissed === 'boolean' &&
    typeof x.siteOff === 'boolean'
  );
}

/** At most this many strings, each at most this long, in an answer to page/ui-strings. */
const MAX_UI_STRINGS = 4000;
const MAX_UI_STRING_CHARS = 4000;

/** The worker's answer to page/ui-strings: a language tag, a direction, and strings only. */
export function isUiStrings(x: unknown): x is UiStrings {
  if (!isRecord(x) || typeof x.lang !== 'string' || x.lang.length > 35 || (x.dir !== 'ltr' && x.dir !== 'rtl') || !isRecord(x.templates)) return false;
  const values = Object.values(x.templates);
  return values.length <= MAX_UI_STRINGS && values.every((v) => typeof v === 'string' && v.length <= MAX_UI_STRING_CHARS);
}
