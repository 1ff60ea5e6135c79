/**
 * Turns a raw grid into typed columns: header rows joined into one name per column, names
 * made unique and SQL-safe, each column typed by what all its cells parse as (a column with
 * mixed kinds stays text), raw text kept where typing lost something.
 */
import { parseCell, type ParsedValue } from './parse-value';
import type { CellValue, ColumnType, RawGrid, TableColumn } from './types';

/** snake_case ASCII identifier: "Area (km²) Land" → "area_km2_land". */
export function toSqlName(name: string, fallback: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[øł]/g, (c) => (c === 'ø' ? 'o' : 'l'))
    .replace(/%/g, ' pct ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const id = ascii || fallback;
  return /^[0-9]/.test(id) ? `c_${id}` : id;
}

export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n}_${count}`;
  });
}

/** One name per column from the header rows, repeated span texts said once. */
export function headerNames(headerRows: string[][], width: number): string[] {
  return Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    for (const row of headerRows) {
      const text = row[c]?.trim() ?? '';
      if (text && parts.at(-1) !== text) parts.push(text);
    }
    return parts.join(' ') || `Column ${c + 1}`;
  });
}

const NUMERIC = new Set(['integer', 'decimal']);

function columnType(values: ParsedValue[]): ColumnType {
  const kinds = new Set(values.filter((v) => v.kind !== 'null').map((v) => v.kind));
  if (!kinds.size) return 'text';
  if ([...kinds].every((k) => NUMERIC.has(k))) return kinds.has('decimal') ? 'decimal' : 'integer';
  if (kinds.size === 1) return [...kinds][0] as ColumnType;
  if ([...kinds].every((k) => k === 'date' || k === 'datetime')) return 'datetime';
  return 'text';
}

function typedValue(v: ParsedValue, type: ColumnType, raw: string): CellValue {
  if (v.kind === 'null') return null;
  if (type === 'text') return raw;
  if (type === 'datetime' && v.kind === 'date') return `${v.value}T00:00:00`;
  return v.value;
}

export function typeColumns(grid: RawGrid, lang: string): { columns: TableColumn[]; rows: CellValue[][] } {
  const width = grid.body.reduce((w, r) => Math.max(w, r.length), grid.headerRows[0]?.length ?? 0);
  const names = headerNames(grid.headerRows, width);
  const sqlNames = uniqueNames(names.map((n, i) => toSqlName(n, `column_${i + 1}`)));
  const rows: CellValue[][] = grid.body.map(() => []);
  const columns = names.map((name, c): TableColumn => {
    const cells = grid.body.map((row) => row[c] ?? { text: '', sortValue: null });
    const parsed = cells.map((cell) => parseCell(cell.text, lang, cell.sortValue));
    const type = columnType(parsed);
    const currencies = new Set(parsed.flatMap((p) => (p.kind === 'currency' ? [p.currency] : [])));
    const lossy = type !== 'text' && parsed.some((p) => 'lossy' in p && p.lossy);
    parsed.forEach((p, r) => rows[r]!.push(typedValue(p, type, cells[r]!.text)));
    return {
      name,
      sqlName: sqlNames[c]!,
      type,
      ...(type === 'currency' && currencies.size === 1 ? { currency: [...currencies][0] } : {}),
      ...(lossy ? { raw: cells.map((cell) => cell.text || null) } : {}),
    };
  });
  return { columns, rows };
}
