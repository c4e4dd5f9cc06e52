// The history's rows as CSV: every field quoted, and defused (src/shared/csv.ts).
import type { HistoryRow } from '../../protocol/views.ts';
import { outletName } from '../../ui/format.ts';
import { csvField } from '../../shared/csv.ts';
import { VERDICT_WORDS } from './model.ts';

export const CSV_HEADER = [
  'read',
  'verdict',
  'page title',
  'page outlet',
  'page url',
  'original title',
  'original outlet',
  'original url',
  'share of page in original (%)',
  'share of original in page (%)',
  'credited',
];

const pct = (share: number) => String(Math.round(share * 100));

/** "2024-04-02T09:30:00.000Z": when the row's check was made. */
const iso = (ms: number) => new Date(ms).toISOString();

function fields(r: HistoryRow): string[] {
  return [
    iso(r.readAt),
    VERDICT_WORDS[r.verdict] ?? r.verdict,
    r.page.title,
    outletName(r.page),
    r.page.url,
    r.original.title,
    outletName(r.original),
    r.original.url,
    pct(r.ofPage),
    pct(r.ofOriginal),
    r.credited ? 'yes' : 'no',
  ];
}

/** The rows as a CSV document (CRLF line ends, a header line). */
export function toCsv(rows: readonly HistoryRow[]): string {
  return [CSV_HEADER, ...rows.map(fields)].map((line) => line.map((f) => csvField(f, 'always')).join(',')).join('\r\n') + '\r\n';
}

/** "firsthand-history-2024-04-02.csv" for the local day. */
export function csvFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `firsthand-history-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
