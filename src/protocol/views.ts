// What the history and story pages ask the worker for, and the runtime checks of its answers.
// A history row is one flagged page and the article it derives from, as the page's last check
// found them; a story is the articles linked to one another by checks, with each link.
import { isRecord } from '../index/guards.ts';
import type { ArticleHead, ListedBy, Verdict } from '../index/types.ts';

/** An article as the history and the story name it; `listed` when it is known from lists only. */
export interface ViewArticle extends ArticleHead {
  listed?: ListedBy[];
}

/** One flagged page: it copies, edits, rewrites or follows `original`. */
export interface HistoryRow {
  page: ViewArticle;
  original: ViewArticle;
  /** What the page is of the original: copy, partial-copy (edited), rewrite, related (followed). */
  verdict: Verdict;
  /** Share of the page's text found in the original. */
  ofPage: number;
  /** Share of the original's text found in the page. */
  ofOriginal: number;
  /** The page credits the original's outlet. */
  credited: boolean;
  /** When the check that found this was made (the page was read, or its original was). */
  readAt: number;
}

export interface HistoryView {
  rows: HistoryRow[];
  /** Rows left out beyond the most recent ones sent. */
  more: number;
}

/** One link of a story: `from` (the later article) takes from `to` (the earlier one). */
export interface StoryLink {
  from: string;
  to: string;
  verdict: Verdict;
  ofPage: number;
  ofOriginal: number;
  credited: boolean;
}

export interface StoryView {
  /** The article the story was asked for. */
  focus: string;
  /** The story's first article: the one nothing earlier in it is taken from, published first. */
  original?: string;
  /** Every article of the story, earliest first (stated date, else first seen). */
  articles: ViewArticle[];
  links: StoryLink[];
}

const VERDICTS: readonly string[] = ['copy', 'partial-copy', 'rewrite', 'related', 'unrelated'];
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isShare = (x: unknown) => isNum(x) && x >= 0 && x <= 1.000001;
const isVerdict = (x: unknown): x is Verdict => VERDICTS.includes(x as string);
const isListed = (x: unknown) => isRecord(x) && isStr(x.list) && isStr(x.publisher) && isStr(x.source);

export function isViewArticle(x: unknown): x is ViewArticle {
  return (
    isRecord(x) &&
    isStr(x.id) &&
    isStr(x.url) &&
    isStr(x.title) &&
    isStr(x.outlet) &&
    isStr(x.host) &&
    (x.publishedAt === undefined || isNum(x.publishedAt)) &&
    isNum(x.firstSeenAt) &&
    (x.listed === undefined || (Array.isArray(x.listed) && x.listed.every(isListed)))
  );
}

export function isHistoryRow(x: unknown): x is HistoryRow {
  return (
    isRecord(x) &&
    isViewArticle(x.page) &&
    isViewArticle(x.original) &&
    isVerdict(x.verdict) &&
    isShare(x.ofPage) &&
    isShare(x.ofOriginal) &&
    typeof x.credited === 'boolean' &&
    isNum(x.readAt)
  );
}

export function isHistoryView(x: unknown): x is HistoryView {
  return isRecord(x) && Array.isArray(x.rows) && x.rows.every(isHistoryRow) && Number.isSafeInteger(x.more);
}

function isStoryLink(x: unknown): x is StoryLink {
  return isRecord(x) && isStr(x.from) && isStr(x.to) && isVerdict(x.verdict) && isShare(x.ofPage) && isShare(x.ofOriginal) && typeof x.credited === 'boolean';
}

export function isStoryView(x: unknown): x is StoryView {
  return (
    isRecord(x) &&
    isStr(x.focus) &&
    (x.original === undefined || isStr(x.original)) &&
    Array.isArray(x.articles) &&
    x.articles.every(isViewArticle) &&
    Array.isArray(x.links) &&
    x.links.every(isStoryLink)
  );
}
