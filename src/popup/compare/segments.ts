// Splits an article text into runs by the shared passages' character ranges, so the
// comparison page can render it as text nodes: shared runs (numbered) and everything else.

export interface Segment {
  start: number;
  end: number;
  /** 1-based passage number for shared runs; 0 for text outside every passage. */
  passage: number;
}

/**
 * `ranges[i]` is passage i+1's [start, end) range in this text, or undefined when unknown.
 * Ranges are clipped to the text and to each other (a later overlapping range starts where
 * the earlier one ended), so the segments tile the text exactly, in order.
 */
export function segmentText(length: number, ranges: readonly ([number, number] | undefined)[]): Segment[] {
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
    out.push({ start, end: s.end, passage: s.passage });
    at = s.end;
  }
  if (at < length) out.push({ start: at, end: length, passage: 0 });
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
