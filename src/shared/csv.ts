// CSV fields (RFC 4180) for the files readers and researchers open in a spreadsheet: the
// popup's history export and the archive engine's reuse graph. A field a spreadsheet would run as
// a formula (starting with = + - @, a tab or a carriage return) is prefixed with a quote mark, so
// it stays text.

/** One field. `quote`: "always" quotes every field; "needed" only one holding a comma, a quote or
 * a line break. Quotes inside are doubled. Only strings are defused (a number stays a number). */
export function csvField(v: string | number | boolean, quote: 'always' | 'needed' = 'needed'): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return quote === 'always' || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
