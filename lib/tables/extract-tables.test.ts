// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  CURRENCY,
  DATES,
  GERMAN,
  LAYOUT,
  MESSY,
  ROWSPANS,
  WIKI_STATES,
} from '../../tests/fixtures/tables/pages';
import { mergeAriaRows, readAriaRows } from './aria-grid';
import { extractTables } from './extract-tables';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const cols = (t: { columns: { sqlName: string; type: string }[] }) =>
  t.columns.map((c) => `${c.sqlName}:${c.type}`);

describe('extractTables', () => {
  it('reads a Wikipedia-style table: two header rows, colspans, hidden sort keys, separators, percentages', () => {
    const [t, ...rest] = extractTables(parse(WIKI_STATES));
    expect(rest).toHaveLength(0);
    expect(t!.name).toBe('States by area');
    expect(t!.sqlName).toBe('states_by_area');
    expect(t!.columns.map((c) => c.name)).toEqual([
      'State',
      'Total area km²',
      'Total area Rank',
      'Water km²',
      'Water %',
    ]);
    expect(cols(t!)).toEqual([
      'state:text',
      'total_area_km2:integer',
      'total_area_rank:integer',
      'water_km2:integer',
      'water_pct:percent',
    ]);
    // tfoot totals are not rows: they would be counted twice by SUM.
    expect(t!.rows).toEqual([
      ['Alaska', 1723337, 1, 245383, 14.2],
      ['Texas', 695662, 2, 19075, 2.7],
      ['Michigan', 250487, 11, 104052, 41.5],
    ]);
  });

  it('fills rowspans into every row they cover', () => {
    const [t] = extractTables(parse(ROWSPANS));
    expect(t!.name).toBe('Teams by region');
    expect(t!.rows).toEqual([
      ['North', 'Bears', 10],
      ['North', 'Wolves', 7],
      ['South', 'Sharks', 12],
    ]);
  });

  it('types currency, negatives in parentheses and dashes as NULL, keeping raw text where lossy', () => {
    const [t] = extractTables(parse(CURRENCY));
    expect(t!.name).toBe('Quarterly results');
    expect(cols(t!)).toEqual(['quarter:text', 'revenue:currency', 'profit:decimal', 'note:text']);
    expect(t!.columns[1]!.currency).toBe('USD');
    expect(t!.rows.map((r) => r.slice(1))).toEqual([
      [1200.5, -300, 'launch'],
      [980, -45.5, '12'],
      [null, 1020, null],
    ]);
    expect(t!.columns[2]!.raw).toEqual(['(300)', '-45.5', '1,020 (est.)']);
    expect(t!.columns[1]!.raw).toBeUndefined();
  });

  it('reads decimal commas and dot thousands on a German page', () => {
    const [t] = extractTables(parse(GERMAN));
    expect(t!.name).toBe('Einwohner großer Städte');
    expect(cols(t!)).toEqual(['stadt:text', 'einwohner:integer', 'flache_km2:decimal', 'anteil:percent']);
    expect(t!.rows).toEqual([
      ['Berlin', 3677472, 891.12, 4.4],
      ['München', 1487708, 310.7, 1.8],
      ['Köln', 1073096, 405.01, 1.3],
    ]);
  });

  it('types dates (preferring <time datetime> and data-sort-value), times and datetimes', () => {
    const [t] = extractTables(parse(DATES));
    expect(cols(t!)).toEqual(['event:text', 'date:date', 'starts:time', 'logged:datetime']);
    expect(t!.rows).toEqual([
      ['Launch', '2024-03-12', '14:30:00', '2024-03-12T14:31:00'],
      ['Review', '2024-01-05', '09:05:00', '2024-01-05T09:10:00'],
      ['Retro', '2024-02-01', '17:00:00', '2024-02-01T17:45:00'],
    ]);
  });

  it('skips layout tables', () => {
    expect(extractTables(parse(LAYOUT))).toEqual([]);
  });

  it('names empty and duplicate headers uniquely, pads ragged rows, keeps mixed columns as text', () => {
    const [t] = extractTables(parse(MESSY));
    expect(t!.columns.map((c) => c.sqlName)).toEqual(['name', 'column_2', 'name_2', 'mixed']);
    expect(cols(t!)).toEqual(['name:text', 'column_2:integer', 'name_2:text', 'mixed:text']);
    expect(t!.rows).toEqual([
      ['a', 1, 'x', '5'],
      ['b', 2, null, null],
      ['c', 3, 'z', 'soon'],
    ]);
  });

  it('finds no tables on a page without any', () => {
    expect(extractTables(parse('<p>No tables here.</p>'))).toEqual([]);
  });
});

describe('ARIA grids', () => {
  it('reads role=grid rows and merges virtualised windows by aria-rowindex', () => {
    const win = (
      from: number,
    ) => `<div role="grid" aria-rowcount="6"><div role="row" aria-rowindex="1"><div role="columnheader">Order</div><div role="columnheader">Amount</div></div>
      ${[from, from + 1, from + 2].map((i) => `<div role="row" aria-rowindex="${i + 1}"><div role="gridcell">#${i}</div><div role="gridcell">${i * 1.5}</div></div>`).join('')}</div>`;
    const a = readAriaRows(parse(win(1)).querySelector('[role=grid]')!);
    const b = readAriaRows(parse(win(3)).querySelector('[role=grid]')!);
    const grid = mergeAriaRows([b, a]);
    expect(grid.headerRows).toEqual([['Order', 'Amount']]);
    expect(grid.body.map((r) => r[0]!.text)).toEqual(['#1', '#2', '#3', '#4', '#5']);
    const [t] = extractTables(parse(`<h2>Orders</h2>${win(1)}`));
    expect(t).toMatchObject({ name: 'Orders', source: 'aria' });
    expect(t!.rows).toEqual([
      ['#1', 1.5],
      ['#2', 3],
      ['#3', 4.5],
    ]);
  });
});
