// ROC AUC by the Mann–Whitney U statistic: the probability that a random positive scores
// higher than a random negative, ties counting one half (ranks averaged over tied scores).

/** AUC of `positives` against `negatives`; NaN when either side is empty or a score is not a number. */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  const nPos = positives.length;
  const nNeg = negatives.length;
  if (!nPos || !nNeg) return Number.NaN;
  if ([...positives, ...negatives].some((x) => Number.isNaN(x))) return Number.NaN;
  const all = [...positives.map((score) => ({ score, pos: true })), ...negatives.map((score) => ({ score, pos: false }))].sort((a, b) => a.score - b.score);
  // Sum of the positives' ranks (1-based), tied scores sharing the average rank of their run.
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].score === all[i].score) j++;
    const avgRank = (i + 1 + j + 1) / 2;
    for (let k = i; k <= j; k++) if (all[k].pos) rankSum += avgRank;
    i = j + 1;
  }
  const u = rankSum - (nPos * (nPos + 1)) / 2;
  return u / (nPos * nNeg);
}
