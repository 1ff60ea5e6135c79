/** What extraction returns: named tables with typed columns and typed rows. */

export type ColumnType =
  'integer' | 'decimal' | 'percent' | 'currency' | 'date' | 'datetime' | 'time' | 'text';

/** A typed cell: numbers for numeric types, ISO strings for dates and times, null for empty. */
export type CellValue = number | string | null;

export interface TableColumn {
  /** The header as the page shows it (multi-row headers joined). */
  name: string;
  /** A unique snake_case identifier for SQL. */
  sqlName: string;
  type: ColumnType;
  /** ISO 4217 code for currency columns. */
  currency?: string;
  /** Raw cell texts, present only where typing lost something (notes, mixed formats). */
  raw?: (string | null)[];
}

export interface ExtractedTable {
  /** Position among the page's data tables, from 0. */
  index: number;
  /** From caption, aria-label(ledby) or the nearest heading before the table. */
  name: string;
  sqlName: string;
  source: 'html' | 'aria';
  columns: TableColumn[];
  /** Row-major typed values, one array per row, one entry per column. */
  rows: CellValue[][];
  /** Rows a virtualised grid declares (aria-rowcount) that could not be read; absent when none. */
  unreadRows?: number;
}

/** A rectangular grid of cells before typing, with the number of leading header rows. */
export interface RawGrid {
  headerRows: string[][];
  body: { text: string; sortValue: string | null }[][];
}
