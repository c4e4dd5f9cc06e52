// History page entry: the flagged pages from the worker, filtered here, with the per-outlet
// figures of the rows shown and their export as CSV.
import type { HistoryRow } from '../../protocol/views.ts';
import { errorText } from '../../shared/errors.ts';
import { clear, el } from '../../ui/dom.ts';
import { localize } from '../../ui/i18n.ts';
import { ask } from '../api.ts';
import { creditChart, takenChart } from './charts.ts';
import { csvFileName, toCsv } from './csv.ts';
import { creditByOutlet, filterRows, outletsOf, takenPairs, tCount, verdictLabel, VERDICT_WORDS, type Filters } from './model.ts';
import { historyRow } from './view.ts';

localize(document);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('filters');
const field = (id: string) => $<HTMLInputElement | HTMLSelectElement>(id);
let rows: HistoryRow[] = [];
let shown: HistoryRow[] = [];

function readFilters(): Filters {
  return {
    verdict: field('f-verdict').value,
    outlet: field('f-outlet').value,
    text: field('f-text').value,
    from: field('f-from').value,
    to: field('f-to').value,
  };
}

function fillChoices(): void {
  const verdict = field('f-verdict');
  for (const value of Object.keys(VERDICT_WORDS)) verdict.append(el(document, 'option', { text: verdictLabel(value), attrs: { value } }));
  const outlet = field('f-outlet');
  for (const name of outletsOf(rows)) outlet.append(el(document, 'option', { text: name, attrs: { value: name } }));
}

function count(n: number, total: number): string {
  return n === total ? tCount('history_countAll', total, total) : tCount('history_countSome', n, n, total);
}

function render(): void {
  shown = filterRows(rows, readFilters());
  $('count').textContent = count(shown.length, rows.length);
  const body = $('rows-body');
  clear(body);
  body.append(...shown.map((r) => historyRow(document, r)));
  $('empty').hidden = shown.length > 0;
  $('table-wrap').hidden = shown.length === 0;
  $('who').replaceChildren(takenChart(document, takenPairs(shown)));
  $('credit').replaceChildren(creditChart(document, creditByOutlet(shown)));
  $<HTMLButtonElement>('export').disabled = shown.length === 0;
}

/** Saves the rows shown as a CSV file, through a Blob URL and an <a download>. */
function exportCsv(): void {
  // The byte order mark lets spreadsheets read the titles as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', toCsv(shown)], { type: 'text/csv;charset=utf-8' }));
  const a = el(document, 'a', { attrs: { href: url, download: csvFileName() } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function load(): Promise<void> {
  try {
    const view = await ask({ type: 'view/history' });
    rows = view.rows;
    fillChoices();
    render();
    if (view.more > 0) $('more').textContent = tCount('history_more', view.more, view.more);
  } catch (err) {
    $('count').textContent = errorText(err);
    $('count').classList.add('error');
  }
}

form.addEventListener('input', render);
// A reset empties the fields after the event: render once they are.
form.addEventListener('reset', () => setTimeout(render, 0));
form.addEventListener('submit', (ev) => ev.preventDefault());
$('export').addEventListener('click', exportCsv);
void load();
