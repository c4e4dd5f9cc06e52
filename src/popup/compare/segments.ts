// Splits an article text into runs by the shared passages' character ranges, so the
// comparison page can render it as text nodes: shared runs (numbered) and everything else.

export interface Segment {
  start: number;
  end: number;
  /** 1-based passage number for shared runs; 0 for text outside every passage. */
  passage: number;
  /** Set on a shared run that is a near match: the same content words, different wording. */
  near?: true;
}

type Range = readonly [number, number];

/**
 * `ranges[i]` is passage i+1's [start, end) range in this text, or undefined when unknown;
 * `near[i]`, the ranges inside it that are near matches (none when absent).
 * Ranges are clipped to the text and to each other (a later overlapping range starts where
 * the earlier one ended), so the segments tile the text exactly, in order.
 */
export function segmentText(length: number, ranges: readonly (Range | undefined)[], near: readonly (readonly Range[] | undefined)[] = []): Segment[] {
  const spans = ranges
    .map((r, i) => (r ? { start: Math.max(0, Math.min(length, r[0])), end: Math.max(0, Math.min(length, r[1])), passage: i + 1 } : null))
    .filter((s): s is Segment => s !== null && s.end > s.start)
    .sort((a, b) => a.start - b.start || a.passage - b.passage);
  const out: Segment[] = [];
  let at = 0;
  for (const s of spans) {
    const start = Math.max(s.start, at);
    if (start >= s.end) continue;
    if (start > at) out.push({ start: at, end: start, passage: 0 });
    out.push(...splitNear({ start, end: s.end, passage: s.passage }, near[s.passage - 1] ?? []));
    at = s.end;
  }
  if (at < length) out.push({ start: at, end: length, passage: 0 });
  return out;
}

/** A shared run cut where its passage's near ranges begin and end; the pieces inside them are near. */
function splitNear(seg: Segment, near: readonly Range[]): Segment[] {
  const cuts = near
    .map(([a, b]): Range => [Math.max(a, seg.start), Math.min(b, seg.end)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Segment[] = [];
  let at = seg.start;
  for (const [a, b] of cuts) {
    const from = Math.max(a, at);
    if (from >= b) continue;
    if (from > at) out.push({ start: at, end: from, passage: seg.passage });
    out.push({ start: from, end: b, passage: seg.passage, near: true });
    at = b;
  }
  if (at < seg.end) out.push({ start: at, end: seg.end, passage: seg.passage });
  return out;
}

/** Share of the text's non-space characters inside shared passages (for the legend). */
export function sharedShare(text: string, segments: readonly Segment[]): number {
  let shared = 0;
  let total = 0;
  for (const s of segments) {
    const n = text.slice(s.start, s.end).replace(/\s+/g, '').length;
    total += n;
    if (s.passage) shared += n;
  }
  return total ? shared / total : 0;
}
