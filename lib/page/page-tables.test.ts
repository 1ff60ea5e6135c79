// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { JOINABLE } from '../../tests/fixtures/tables/pages';
import { contextTableIndex, extractPageTables, highlightTable, rememberContextTarget } from './page-tables';

/** The overlay highlightTable draws: the only element on the page it adds. */
const outlines = () => document.documentElement.querySelectorAll(':scope > div[aria-hidden="true"]');

beforeEach(() => {
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    JOINABLE,
    'text/html',
  ).documentElement.innerHTML;
});

describe('extractPageTables', () => {
  it('extracts both tables of the page, typed and named', async () => {
    const tables = await extractPageTables();
    expect(tables.map((t) => [t.index, t.sqlName, t.source])).toEqual([
      [0, 'countries', 'html'],
      [1, 'capitals', 'html'],
    ]);
    expect(tables[0]!.columns.map((c) => [c.sqlName, c.type])).toEqual([
      ['code', 'text'],
      ['country', 'text'],
      ['population', 'integer'],
    ]);
    expect(tables[0]!.rows[1]).toEqual(['DE', 'Germany', 84_480_000]);
  });

  it('leaves out a layout table with no data', async () => {
    document.body.insertAdjacentHTML('afterbegin', '<table><tr><td>menu</td></tr></table>');
    const tables = await extractPageTables();
    expect(tables.map((t) => t.sqlName)).toEqual(['countries', 'capitals']);
  });
});

describe('contextTableIndex', () => {
  it('knows which table the user right-clicked last, and nothing outside tables', () => {
    rememberContextTarget();
    const cell = document.querySelectorAll('table')[1]!.querySelector('td')!;
    cell.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(contextTableIndex()).toBe(1);

    document.querySelector('h2')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(contextTableIndex()).toBeNull();
  });
});

describe('highlightTable', () => {
  it('outlines one table at a time and removes the outline with null', () => {
    highlightTable(0);
    expect(outlines()).toHaveLength(1);
    highlightTable(1);
    expect(outlines()).toHaveLength(1);
    expect((outlines()[0] as HTMLElement).style.pointerEvents).toBe('none');
    highlightTable(null);
    expect(outlines()).toHaveLength(0);
  });

  it('draws nothing for an index that is not a table', () => {
    highlightTable(7);
    expect(outlines()).toHaveLength(0);
  });
});
