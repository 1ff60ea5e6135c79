/**
 * The page's tables inside DuckDB: registered with typed columns, queried read-only, in a
 * sandbox (no file or network access, no extension loading, configuration locked).
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

/** The slice of a DuckDB-WASM connection we use; the async (browser) and blocking (Node) ones both fit. */
export interface DuckConnection {
  query(sql: string): Promise<Table> | Table;
  prepare(sql: string): Promise<{ close(): unknown }> | { close(): unknown };
  insertArrowFromIPCStream(
    buffer: Uint8Array,
    options: { name: string; create?: boolean },
  ): Promise<void> | void;
}

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

export class TableDatabase {
  private constructor(
    private readonly conn: DuckConnection,
    private readonly schema: string,
  ) {}

  /**
   * Opens the sandbox on a fresh connection; `schema` keeps one page's tables apart from
   * another's in a shared database. The settings are the database's: once external access is
   * off it cannot be turned back on, and the read-only guard refuses every SET anyway.
   */
  static async open(conn: DuckConnection, schema = 'main'): Promise<TableDatabase> {
    for (const setting of [
      'SET autoinstall_known_extensions = false',
      'SET autoload_known_extensions = false',
      'SET enable_external_access = false',
    ]) {
      await conn.query(setting);
    }
    if (schema !== 'main') {
      await conn.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await conn.query(`SET schema = '${schema.replace(/'/g, "''")}'`);
    }
    return new TableDatabase(conn, schema);
  }

  /** Replaces every registered table with `tables`, typed as extracted. */
  async register(tables: ExtractedTable[]): Promise<void> {
    const existing = await this.conn.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = '${this.schema.replace(/'/g, "''")}'`,
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
   * Checks that `sql` is read-only and binds against the registered tables, without running it.
   * @throws {SqlRefusedError} for writes and file access; {SqlError} with DuckDB's message otherwise.
   */
  async check(sql: string): Promise<string> {
    const clean = assertReadOnly(sql);
    try {
      const statement = await this.conn.prepare(clean);
      await statement.close();
    } catch (error) {
      throw new SqlError(errorMessage(error));
    }
    return clean;
  }

  /** Runs a checked query, returning at most `limit` rows as plain JSON values. */
  async run(sql: string, limit = 10_000): Promise<QueryResult> {
    const clean = await this.check(sql);
    let table: Table;
    try {
      table = await this.conn.query(`SELECT * FROM (${clean}) AS q LIMIT ${limit + 1}`);
    } catch (error) {
      throw new SqlError(errorMessage(error));
    }
    const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
    const rows = table
      .toArray()
      .map((row) => columns.map((c) => toPlain((row as Record<string, unknown>)[c.name], c.type)));
    return {
      columns,
      rows: rows.slice(0, limit),
      rowCount: Math.min(rows.length, limit),
      truncated: rows.length > limit,
    };
  }
}
