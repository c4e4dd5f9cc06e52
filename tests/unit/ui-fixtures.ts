// Hand-made CheckResult fixtures for the UI tests, modelled on the seed case: an Axios scoop
// (the original), a partial copy that credits it, a rewrite, and related coverage.
import type { CheckResult, MatchSummary } from '../../src/index/types.ts';

export const AXIOS_TITLE = 'U.S. and Israel set to hold a virtual meeting on Rafah Monday';
/** Noon UTC, so the date reads "31 Mar 2024" in every time zone within ±11 h. */
export const AXIOS_PUBLISHED = Date.UTC(2024, 2, 31, 12, 0, 0);

export function axiosMatch(over: Partial<MatchSummary> = {}): MatchSummary {
  return {
    id: 'https://www.axios.com/2024/03/31/israel-us-meeting-rafah',
    url: 'https://www.axios.com/2024/03/31/israel-us-meeting-rafah',
    title: AXIOS_TITLE,
    outlet: 'Axios',
    host: 'www.axios.com',
    publishedAt: AXIOS_PUBLISHED,
    firstSeenAt: AXIOS_PUBLISHED + 3_600_000,
    direction: 'from',
    verdict: 'partial-copy',
    score: 0.52,
    containment: 0.45,
    coverage: 0.18,
    jaccard: 0.12,
    ordered: 0.4,
    credited: true,
    passages: [{ candidateTokens: [0, 20], originalTokens: [3, 23], candidateChars: [0, 120], originalChars: [10, 130] }],
    ...over,
  };
}

export function result(verdict: CheckResult['verdict'], over: Partial<CheckResult> = {}, match: Partial<MatchSummary> = {}): CheckResult {
  const original = verdict === 'unrelated' ? undefined : axiosMatch({ verdict, ...match });
  return {
    verdict,
    score: original?.score ?? 0,
    original,
    credited: true,
    credits: [{ outlet: 'Axios', key: 'axios', kind: 'text', evidence: 'told Axios' }],
    matches: original ? [original] : [],
    evidence: ['Axios published it first (31 Mar 2024)', 'This page credits Axios'],
    ...over,
  };
}

/** The story fixtures' clock: 31 Mar 2024, 14:00 UTC. */
export const STORY_T = Date.UTC(2024, 2, 31, 14);

/** An article of a story view, published `hours` after STORY_T. */
export const storyArticle = (id: string, outlet: string, hours: number, title = `${outlet} story`) => ({
  id,
  url: `https://${id}.example/x`,
  title,
  outlet,
  host: `${id}.example`,
  publishedAt: STORY_T + hours * 3_600_000,
  firstSeenAt: STORY_T,
});
