// Plain-text helpers every context shares (extraction, the ribbon and popup, the CLI), so a
// title is collapsed and shortened the same way everywhere. Free of browser and Node APIs.

/** Runs of whitespace (newlines, tabs, non-breaking spaces) as one space, ends trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Collapsed, and shortened to at most `max` characters counting the closing "…", so that a
 * column of shortened values stays aligned. The cut falls at a word boundary unless that would
 * lose more than 40% of the room, and punctuation left dangling before the "…" is dropped.
 */
export function truncate(text: string, max: number): string {
  const s = collapse(text);
  if (s.length <= max) return s;
  const room = max - 1;
  if (room < 0) return '';
  const cut = s.slice(0, room);
  const space = cut.lastIndexOf(' ');
  const head = space > room * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
