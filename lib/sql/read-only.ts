/**
 * A cheap early refusal, with a message that says why, for SQL that is plainly not one
 * read-only query. It is not the guarantee: TableDatabase.check() has DuckDB's own parser
 * accept only a single SELECT, and DuckDB's sandbox (external access off, configuration
 * locked) stands behind both.
 */
import { SqlRefusedError } from '../protocol/errors';

export { SqlRefusedError };

const FORBIDDEN =
  /\b(insert|update|delete|merge|create|drop|alter|truncate|attach|detach|copy|install|load|pragma|set|reset|export|import|call|checkpoint|vacuum|use|grant|revoke|begin|commit|rollback|prepare|execute|deallocate|summarize|describe|show)\b/i;
const FILE_FUNCTIONS = /\b(read_\w+|\w+_scan|glob|sniff_csv|parquet_\w+|query_table|query|getenv)\s*\(/i;

/** The SQL with string literals, quoted identifiers and comments blanked out, for keyword checks. */
function code(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""');
}

/**
 * @throws {SqlRefusedError} for anything but one SELECT or WITH … SELECT statement, or for
 * statements that write, attach, copy, install, change settings or read files.
 */
export function assertReadOnly(sql: string): string {
  const trimmed = sql.trim().replace(/;\s*$/, '');
  const plain = code(trimmed);
  if (!trimmed) throw new SqlRefusedError('The query is empty.');
  if (plain.includes(';')) throw new SqlRefusedError('Only one statement may run at a time.');
  if (!/^\s*(select|with|from)\b/i.test(plain) && !/^\s*\(\s*select\b/i.test(plain)) {
    throw new SqlRefusedError("Only SELECT queries run here: the page's tables are read-only.");
  }
  const bad = FORBIDDEN.exec(plain);
  if (bad)
    throw new SqlRefusedError(
      `"${bad[1]!.toUpperCase()}" is not allowed: only read-only SELECT queries run here.`,
    );
  const file = FILE_FUNCTIONS.exec(plain);
  if (file)
    throw new SqlRefusedError(`${file[1]}() is not allowed: queries may read only the page's tables.`);
  return trimmed;
}
