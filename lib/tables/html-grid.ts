/**
 * Builds a filled rectangular grid from an HTML <table>: colspan and rowspan copy a cell into
 * every slot it covers, hidden rows are skipped, header rows are told apart from data rows.
 */
import { isHiddenElement, machineValue, visibleText } from './cell-text';
import type { RawGrid } from './types';

interface Slot {
  text: string;
  sortValue: string | null;
  header: boolean;
}

const MAX_SPAN = 1000;

function ownRows(table: HTMLTableElement): { row: HTMLTableRowElement; section: string }[] {
  const out: { row: HTMLTableRowElement; section: string }[] = [];
  for (const child of Array.from(table.children)) {
    const tag = child.tagName.toUpperCase();
    if (tag === 'TR') out.push({ row: child as HTMLTableRowElement, section: 'TBODY' });
    else if (tag === 'THEAD' || tag === 'TBODY' || tag === 'TFOOT') {
      for (const row of Array.from(child.children)) {
        if (row.tagName.toUpperCase() === 'TR') out.push({ row: row as HTMLTableRowElement, section: tag });
      }
    }
  }
  // THEAD first, TFOOT (totals, which would double-count) left out.
  return [...out.filter((r) => r.section === 'THEAD'), ...out.filter((r) => r.section === 'TBODY')];
}

/** The slots of `table`, spans filled, plus how many leading rows are in <thead>. */
export function fillGrid(table: HTMLTableElement): { grid: Slot[][]; theadRows: number } {
  const rows = ownRows(table).filter(({ row }) => !isHiddenElement(row));
  // Most tables carry no machine-readable values: skip looking in every cell then.
  const machine = table.querySelector('[data-sort-value], time[datetime], data[value]') !== null;
  const grid: Slot[][] = [];
  rows.forEach(({ row }, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of Array.from(row.cells)) {
      const header = cell.localName === 'th';
      while (grid[r][c]) c++;
      const td = cell;
      const colspan = Math.min(MAX_SPAN, Math.max(1, td.colSpan || 1));
      // rowSpan 0 (rowspan="0") spans to the end of the section.
      const rowspan = Math.min(
        rows.length - r,
        td.rowSpan === 0 ? rows.length : Math.max(1, td.rowSpan || 1),
      );
      const slot: Slot = { text: visibleText(cell), sortValue: machine ? machineValue(cell) : null, header };
      for (let dr = 0; dr < rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) grid[r + dr]![c + dc] = slot;
      }
      c += colspan;
    }
  });
  return { grid, theadRows: rows.filter((r) => r.section === 'THEAD').length };
}

const numeric = (s: string) => /^[-+(]?[$€£¥]?\s*\d[\d.,\s]*%?\)?$/.test(s.trim());

/** Splits a filled grid into header rows and body rows (ragged rows padded with empties). */
export function splitHeader(grid: Slot[][], theadRows: number): RawGrid {
  // No spread into Math.max: a 100k-row table would overflow the argument limit.
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const empty: Slot = { text: '', sortValue: null, header: false };
  const rect = grid.map((row) => {
    for (let c = 0; c < width; c++) row[c] ??= empty;
    return row;
  });
  let headerCount = theadRows;
  if (!headerCount) {
    // Leading rows made only of <th> cells are headers.
    while (headerCount < rect.length - 1 && rect[headerCount]!.every((s) => s.header || s.text === ''))
      headerCount++;
  }
  if (!headerCount && rect.length > 1) {
    // A first row of labels above numeric data is a header even without <th>.
    const first = rect[0]!;
    const labels = first.every((s) => s.text !== '' && !numeric(s.text));
    const dataBelow = rect.slice(1).some((row) => row.some((s) => numeric(s.text)));
    if (labels && dataBelow) headerCount = 1;
  }
  return {
    headerRows: rect.slice(0, headerCount).map((row) => row.map((s) => s.text)),
    body: rect.slice(headerCount),
  };
}

/**
 * Whether a table holds data rather than layout, after the heuristics browsers use for
 * accessibility: explicit data signals win; nesting, a single row or column, and cells full
 * of blocks or controls mean layout.
 */
export function isDataTable(table: HTMLTableElement): boolean {
  const role = table.getAttribute('role');
  if (role === 'presentation' || role === 'none') return false;
  if (isHiddenElement(table)) return false;
  if (table.querySelector('table')) return false;
  const rows = ownRows(table);
  const width = rows.reduce((w, { row }) => Math.max(w, row.cells.length), 0);
  if (rows.length < 2 || width < 2) return false;
  if (
    role === 'table' ||
    role === 'grid' ||
    table.caption ||
    table.tHead ||
    table.querySelector('th, col, colgroup, [scope], [headers]') ||
    table.getAttribute('summary')
  ) {
    return true;
  }
  const cells = rows.flatMap(({ row }) => Array.from(row.cells));
  const busy = cells.filter((cell) =>
    cell.querySelector('div, p, ul, ol, form, input, select, textarea, iframe, img, table'),
  ).length;
  return busy / cells.length < 0.5;
}
