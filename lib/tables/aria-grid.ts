/**
 * Reads ARIA grids and tables built from <div>s (role=grid/treegrid/table): rows by role=row,
 * placed by aria-rowindex / aria-colindex when given, so virtualised grids, which render only
 * a window of rows, can be collected window by window and merged.
 */
import { machineValue, visibleText } from './cell-text';
import type { RawGrid } from './types';

export const ARIA_GRID_SELECTOR =
  '[role="grid"]:not(table), [role="treegrid"]:not(table), [role="table"]:not(table)';

export interface AriaRows {
  header: string[] | null;
  /** Body rows keyed by aria-rowindex (or position when there is none). */
  rows: Map<number, { text: string; sortValue: string | null }[]>;
  /** aria-rowcount where the grid declares it (header rows included, -1 for unknown). */
  rowCount: number | null;
}

/** Rows rendered in the grid right now. */
export function readAriaRows(grid: Element): AriaRows {
  let header: string[] | null = null;
  const rows = new Map<number, { text: string; sortValue: string | null }[]>();
  const rowEls = Array.from(grid.querySelectorAll('[role="row"]')).filter(
    (r) => r.closest(ARIA_GRID_SELECTOR) === grid,
  );
  rowEls.forEach((row, position) => {
    const cells = Array.from(
      row.querySelectorAll('[role="columnheader"], [role="rowheader"], [role="gridcell"], [role="cell"]'),
    );
    if (!cells.length) return;
    const placed: { text: string; sortValue: string | null }[] = [];
    cells.forEach((cell, i) => {
      const col = Number(cell.getAttribute('aria-colindex')) || i + 1;
      placed[col - 1] = { text: visibleText(cell), sortValue: machineValue(cell) };
    });
    const filled = Array.from(placed, (c) => c ?? { text: '', sortValue: null });
    if (cells.every((c) => c.getAttribute('role') === 'columnheader')) {
      header ??= filled.map((c) => c.text);
      return;
    }
    const index = Number(row.getAttribute('aria-rowindex')) || position + 1;
    rows.set(index, filled);
  });
  const declared = Number(grid.getAttribute('aria-rowcount'));
  return { header, rows, rowCount: Number.isFinite(declared) && declared > 0 ? declared : null };
}

/** Merges windows of rows read while scrolling into one grid, ordered by row index. */
export function mergeAriaRows(parts: AriaRows[]): RawGrid {
  const header = parts.find((p) => p.header)?.header ?? null;
  const all = new Map<number, { text: string; sortValue: string | null }[]>();
  for (const part of parts) for (const [i, row] of part.rows) all.set(i, row);
  const body = [...all.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  const width = body.reduce((w, r) => Math.max(w, r.length), header?.length ?? 0);
  const pad = <T>(row: T[], fill: T) => Array.from({ length: width }, (_, i) => row[i] ?? fill);
  return {
    headerRows: header ? [pad(header, '')] : [],
    body: body.map((row) => pad(row, { text: '', sortValue: null })),
  };
}
