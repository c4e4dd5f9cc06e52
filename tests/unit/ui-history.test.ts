import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/popup/history/csv.ts';
import { csvField as field } from '../../src/shared/csv.ts';
import { creditByOutlet, filterRows, NO_FILTERS, takenPairs } from '../../src/popup/history/model.ts';
import type { HistoryRow } from '../../src/protocol/views.ts';

/** A field as the history export writes it: always quoted. */
const csvField = (value: string) => field(value, 'always');

const article = (id: string, outlet: string, title: string) => ({ id, url: `https://${id}.example/x`, title, outlet, host: `${id}.example`, firstSeenAt: 0 });
const row = (page: string, outlet: string, verdict: HistoryRow['verdict'], credited: boolean, readAt: number, title = `Story by ${outlet}`): HistoryRow => ({
  page: article(page, outlet, title),
  original: article('axios', 'Axios', 'The scoop'),
  verdict,
  ofPage: 0.39,
  ofOriginal: 0.65,
  credited,
  readAt,
});

const DAY = new Date(2024, 3, 2).getTime();
const rows = [
  row('a', 'Wire', 'rewrite', true, DAY + 3_600_000),
  row('b', 'Ledger', 'partial-copy', false, DAY - 86_400_000),
  row('c', 'Wire', 'copy', false, DAY),
];

describe('history CSV', () => {
  it('quotes every field, doubles quotes, and prefixes a field starting with = + - @ (or a tab) with a quote', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "hi", twice')).toBe('"say ""hi"", twice"');
    for (const f of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx']) expect(csvField(f)).toBe(`"'${f.replace(/"/g, '""')}"`);
    expect(csvField('a=b')).toBe('"a=b"');
  });

  it('writes a header and one CRLF line per row, a hostile title kept as text', () => {
    const csv = toCsv([row('a', 'Wire', 'rewrite', true, Date.UTC(2024, 3, 2), '=cmd|"/c calc"!A1')]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0].startsWith('"read","verdict","page title"')).toBe(true);
    expect(lines[1]).toBe(
      '"2024-04-02T00:00:00.000Z","Rewritten","\'=cmd|""/c calc""!A1","Wire","https://a.example/x","The scoop","Axios","https://axios.example/x","39","65","yes"',
    );
  });
});

describe('history filters and figures', () => {
  it('keeps rows by verdict, by outlet as copier or original, by words in titles and outlets, and by local days', () => {
    expect(filterRows(rows, NO_FILTERS)).toEqual(rows);
    expect(filterRows(rows, { ...NO_FILTERS, verdict: 'copy' }).map((r) => r.page.id)).toEqual(['c']);
    expect(filterRows(rows, { ...NO_FILTERS, outlet: 'Ledger' }).map((r) => r.page.id)).toEqual(['b']);
    expect(filterRows(rows, { ...NO_FILTERS, outlet: 'Axios' })).toHaveLength(3);
    expect(filterRows(rows, { ...NO_FILTERS, text: 'story WIRE' }).map((r) => r.page.id)).toEqual(['a', 'c']);
    expect(filterRows(rows, { ...NO_FILTERS, text: 'scoop ledger' }).map((r) => r.page.id)).toEqual(['b']);
    expect(filterRows(rows, { ...NO_FILTERS, from: '2024-04-02', to: '2024-04-02' }).map((r) => r.page.id)).toEqual(['a', 'c']);
    expect(filterRows(rows, { ...NO_FILTERS, to: '2024-04-01' }).map((r) => r.page.id)).toEqual(['b']);
    expect(filterRows(rows, { ...NO_FILTERS, from: 'not a day' })).toHaveLength(3);
  });

  it('counts who takes from whom, most often first, and each outlet’s credited and uncredited pages', () => {
    expect(takenPairs(rows)).toEqual([
      { taker: 'Wire', source: 'Axios', count: 2 },
      { taker: 'Ledger', source: 'Axios', count: 1 },
    ]);
    expect(creditByOutlet(rows)).toEqual([
      { outlet: 'Wire', credited: 1, uncredited: 1 },
      { outlet: 'Ledger', credited: 0, uncredited: 1 },
    ]);
  });
});
