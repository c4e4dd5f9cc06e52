// What the lists bench's page (bench/browser/lists-page.ts) returns for each timed check, as
// bench/lists.ts reads it.

/** One check as the product reads, in the pass of checks one after another. */
export interface CheckSample {
  kind: string;
  /** Postings values and blocks of the list the check read. */
  postings: number;
  blocks: number;
  /** 0 the first time the page is checked, 1 the second, ... */
  round: number;
  ms: number;
  lookupMs: number;
  fetchMs: number;
  named: boolean;
  flagged: boolean;
}

/** A check as the product reads, then the same check reading every bucket of the list, then
 * reading every bucket its key filter allows, one right after the other. */
export interface AlongSample {
  ms: number;
  everyMs: number;
  filterMs: number;
}
