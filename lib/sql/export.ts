/** A query result as CSV (RFC 4180) or as a markdown table, for export and copy. */
import type { QueryResult } from '../protocol';

type Cell = QueryResult['rows'][number][number];

function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  // Quote when needed; prefix formula-looking text so spreadsheets do not execute it.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(result: QueryResult): string {
  const lines = [result.columns.map((c) => csvCell(c.name)), ...result.rows.map((r) => r.map(csvCell))];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

function mdCell(v: Cell): string {
  return v === null ? '' : String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function toMarkdown(result: QueryResult): string {
  const head = `| ${result.columns.map((c) => mdCell(c.name)).join(' | ')} |`;
  const rule = `| ${result.columns.map(() => '---').join(' | ')} |`;
  return [head, rule, ...result.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}
