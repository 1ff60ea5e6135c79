/** DuckDB column types for extracted column types, and identifier quoting: shared by the prompt and the database. */
import type { ColumnType } from '../protocol';

export const DUCK_TYPES: Record<ColumnType, string> = {
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  percent: 'DOUBLE',
  currency: 'DOUBLE',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  time: 'TIME',
  text: 'VARCHAR',
};

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
