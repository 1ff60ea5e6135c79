/**
 * The page's tables inside DuckDB: registered with typed columns, queried read-only, in a
 * sandbox (no file or network access, no extension loading, memory capped, configuration
 * locked), each query within a time limit and a result-size cap.
 */
import { Table, tableToIPC, type Vector } from 'apache-arrow';
import { DUCK_TYPES, quoteIdent } from './duck-types';
import {
  dateColumn,
  float64Column,
  int64Column,
  timeColumn,
  timestampColumn,
  utf8Column,
} from './arrow-columns';
import { SqlError, type ColumnType, type ExtractedTable, type QueryResult, errorMessage } from '../protocol';
import { assertReadOnly } from './read-only';
import { boundedQuery } from './bounded-query';
import type { DuckConnection } from './duck-instance';

function columnVector(type: ColumnType, values: (number | string | null)[]): Vector {
  const nums = () => values.map((v) => (typeof v === 'number' ? v : null));
  const strs = () => values.map((v) => (v === null ? null : String(v)));
  switch (type) {
    case 'integer':
      return int64Column(nums());
    case 'decimal':
    case 'percent':
    case 'currency':
      return float64Column(nums());
    case 'date':
      return dateColumn(strs());
    case 'datetime':
      return timestampColumn(strs());
    case 'time':
      return timeColumn(strs());
    case 'text':
      return utf8Column(strs());
  }
}

export { SqlError };
export { DUCK_TYPES, quoteIdent };

function toPlain(value: unknown, type: string): number | string | boolean | null {
  if (value === null || value === undefined) return null;
  if (/^Date/.test(type)) return new Date(Number(value)).toISOString().slice(0, 10);
  if (/^Timestamp/.test(type)) return new Date(Number(value)).toISOString().slice(0, 19);
  if (/^Time/.test(type)) {
    const seconds = Math.floor(Number(value) / (/micro/i.test(type) ? 1e6 : /nano/i.test(type) ? 1e9 : 1e3));
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  // Lists and structs: their JSON, with 64-bit integers as numbers.
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? null;
}

/** Settings applied before the lock; after it no statement can change any of them. */
const SANDBOX = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  // No files, no URLs: read_csv, glob, ATTACH, COPY, INSTALL and httpfs all stop here.
  'SET enable_external_access = false',
  'SET allow_community_extensions = false',
  // Bounds what a hostile query can allocate through DuckDB's buffer manager.
  "SET memory_limit = '256MB'",
  'SET lock_configuration = true',
];

export interface RunLimits {
  /** Rows returned at most; more are cut off and `truncated` says so. */
  limit?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

export const DEFAULT_LIMITS = { limit: 10_000, timeoutMs: 15_000, maxBytes: 8 * 1024 * 1024 };

export class TableDatabase {
  private constructor(private readonly conn: DuckConnection) {}

  /**
   * Opens the sandbox on a fresh DuckDB instance of its own (one per page: see SqlHost for why
   * isolation is by instance, not by schema). Once locked, no SET, RESET or PRAGMA can turn
   * file or network access back on, whatever gets past the read-only check.
   */
  static async open(conn: DuckConnection): Promise<TableDatabase> {
    // A new connection to an instance already locked down has nothing left to set.
    const locked = await conn.query(
      "SELECT current_setting('lock_configuration') AND NOT current_setting('enable_external_access') AS done",
    );
    if ((locked.toArray() as { done: unknown }[])[0]?.done === true) return new TableDatabase(conn);
    for (const setting of SANDBOX) await conn.query(setting);
    return new TableDatabase(conn);
  }

  /** Replaces every registered table with `tables`, typed as extracted. */
  async register(tables: ExtractedTable[]): Promise<void> {
    const existing = await this.conn.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`,
    );
    for (const row of existing.toArray() as { table_name: unknown }[])
      await this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(String(row.table_name))}`);
    for (const table of tables) await this.registerOne(table);
  }

  private async registerOne(table: ExtractedTable): Promise<void> {
    // Typed Arrow columns straight into DuckDB: BIGINT, DOUBLE, DATE, TIMESTAMP, TIME, VARCHAR.
    const columns: Record<string, Vector> = {};
    table.columns.forEach((col, c) => {
      const values = table.rows.map((r) => r[c] ?? null);
      columns[col.sqlName] = columnVector(col.type, values);
      if (col.raw) columns[`${col.sqlName}_raw`] = utf8Column(col.raw);
    });
    // IPC bytes, not an Arrow object: the bundled DuckDB may hold its own copy of Arrow.
    await this.conn.insertArrowFromIPCStream(tableToIPC(new Table(columns), 'stream'), {
      name: table.sqlName,
      create: true,
    });
  }

  /**
   * Checks that `sql` is one read-only query and binds against the registered tables, without
   * running it. A cheap text check refuses the obvious with a clear message; the guarantee is
   * DuckDB's own parser: the query is prepared as the body of `SELECT * FROM (…)`, which
   * DuckDB's grammar accepts only for a single SELECT (no DML, DDL, PRAGMA, SET, ATTACH, COPY,
   * CALL…), and prepare() refuses more than one statement however comments and strings are used
   * to hide a semicolon. (`json_serialize_sql` would say the same, but the json extension is not
   * built into DuckDB-WASM and loading extensions is off.)
   * @throws {SqlRefusedError} for writes and file access; {SqlError} with DuckDB's message otherwise.
   */
  async check(sql: string): Promise<string> {
    const clean = assertReadOnly(sql);
    try {
      const statement = await this.conn.prepare(wrap(clean));
      await statement.close();
    } catch (error) {
      throw new SqlError(errorMessage(error));
    }
    return clean;
  }

  /**
   * Runs a checked query within the time limit, returning at most `limit` rows (and at most
   * `maxBytes` of result) as plain JSON values.
   * @throws {SqlRefusedError} as check(); {SqlError} for DuckDB's errors and the time limit.
   */
  async run(sql: string, limits: RunLimits | number = {}): Promise<QueryResult> {
    const { limit, timeoutMs, maxBytes } = {
      ...DEFAULT_LIMITS,
      ...(typeof limits === 'number' ? { limit: limits } : limits),
    };
    const clean = await this.check(sql);
    const { table, cappedBytes } = await boundedQuery(this.conn, `${wrap(clean)} LIMIT ${limit + 1}`, {
      timeoutMs,
      maxBytes,
    });
    const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
    const rows = table
      .toArray()
      .map((row) => columns.map((c) => toPlain((row as Record<string, unknown>)[c.name], c.type)));
    const kept = rows.slice(0, limit);
    return {
      columns,
      rows: kept,
      rowCount: kept.length,
      truncated: rows.length > limit || cappedBytes,
      ...(cappedBytes
        ? {
            note: `The result was capped at ${Math.round(maxBytes / 1024 / 1024)} MB: ${kept.length} rows shown. Select fewer columns or rows.`,
          }
        : {}),
    };
  }
}

/** The query as the body of a subquery: see check(). The newline ends a trailing `--` comment. */
export const wrap = (sql: string) => `SELECT * FROM (${sql}\n) AS q`;
