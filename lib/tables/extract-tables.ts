/**
 * extractTables(root): every data table under a Document or Element, named, with typed
 * columns and typed rows. A pure function of the DOM (no extension APIs), so it runs in a
 * content script, in tests, and on any page outside the extension.
 */
import { ARIA_GRID_SELECTOR, mergeAriaRows, readAriaRows } from './aria-grid';
import { isHiddenElement } from './cell-text';
import { toSqlName, typeColumns, uniqueNames } from './column-types';
import { fillGrid, isDataTable, splitHeader } from './html-grid';
import type { ExtractedTable, RawGrid } from './types';

export type { ExtractedTable, TableColumn, ColumnType, CellValue } from './types';

/** The page language that decides decimal commas and date order: nearest lang attribute. */
export function languageOf(el: Element): string {
  const lang =
    el.closest('[lang]')?.getAttribute('lang') ?? el.ownerDocument?.documentElement.getAttribute('lang');
  return lang?.trim() || 'en';
}

const HEADING = /^H[1-6]$/;

function nearestHeading(el: Element): string | null {
  // Walk backwards in document order from the table to the closest heading.
  let node: Element | null = el;
  while (node) {
    let prev = node.previousElementSibling;
    while (prev) {
      if (HEADING.test(prev.tagName.toUpperCase())) return prev.textContent?.trim() || null;
      const inner = prev.querySelectorAll('h1, h2, h3, h4, h5, h6');
      if (inner.length) return inner[inner.length - 1]!.textContent?.trim() || null;
      prev = prev.previousElementSibling;
    }
    node = node.parentElement;
  }
  return null;
}

/** caption → aria-label → aria-labelledby → nearest heading before it → "Table N". */
export function tableName(el: Element, index: number): string {
  const caption = el.tagName.toUpperCase() === 'TABLE' ? (el as HTMLTableElement).caption : null;
  const fromCaption = caption?.textContent
    ?.replace(/\[\d+\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (fromCaption) return fromCaption;
  const label = el.getAttribute('aria-label')?.trim();
  if (label) return label;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => el.ownerDocument?.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
      .trim();
    if (text) return text;
  }
  return (
    nearestHeading(el)
      ?.replace(/\[edit\]$/i, '')
      .trim() || `Table ${index + 1}`
  );
}

/** Every data element under root in document order: HTML data tables and ARIA grids. */
export function findTableElements(root: Document | Element): Element[] {
  const all = Array.from(root.querySelectorAll(`table, ${ARIA_GRID_SELECTOR}`));
  return all.filter((el) =>
    el.tagName.toUpperCase() === 'TABLE' ? isDataTable(el as HTMLTableElement) : !isHiddenElement(el),
  );
}

/** Reads one table element into a raw grid (an ARIA grid's currently rendered rows). */
export function rawGridOf(el: Element): RawGrid {
  if (el.tagName.toUpperCase() === 'TABLE') {
    const { grid, theadRows } = fillGrid(el as HTMLTableElement);
    return splitHeader(grid, theadRows);
  }
  return mergeAriaRows([readAriaRows(el)]);
}

/** Types and names a raw grid. */
export function buildTable(el: Element, grid: RawGrid, index: number): ExtractedTable {
  const { columns, rows } = typeColumns(grid, languageOf(el));
  const name = tableName(el, index);
  return {
    index,
    name,
    sqlName: toSqlName(name, `table_${index + 1}`),
    source: el.tagName.toUpperCase() === 'TABLE' ? 'html' : 'aria',
    columns,
    rows,
  };
}

/** The same tables with SQL names made unique ("ships", "ships_2", …). */
export function withUniqueNames(tables: ExtractedTable[]): ExtractedTable[] {
  const names = uniqueNames(tables.map((t) => t.sqlName));
  return tables.map((t, i) => ({ ...t, sqlName: names[i]! }));
}

/** Every data table under `root`, named and typed; table SQL names are unique. */
export function extractTables(root: Document | Element): ExtractedTable[] {
  const tables = findTableElements(root)
    .map((el, index) => buildTable(el, rawGridOf(el), index))
    .filter((t) => t.columns.length > 0 && t.rows.length > 0);
  return withUniqueNames(tables.map((t, i) => ({ ...t, index: i })));
}
