/**
 * The host's SQL service: one DuckDB for the whole browser profile, one schema per page
 * (scope) so two panels on two pages never see each other's tables.
 */
import type { ExtractedTable, QueryResult } from '../protocol';
import { TableDatabase, type DuckConnection } from './table-database';

export class SqlHost {
  private readonly scopes = new Map<string, Promise<TableDatabase>>();

  constructor(private readonly connect: () => Promise<DuckConnection>) {}

  private scope(scope: string): Promise<TableDatabase> {
    let db = this.scopes.get(scope);
    if (!db) {
      const schema = `page_${scope.replace(/[^a-zA-Z0-9_]/g, '_')}`;
      db = this.connect().then((conn) => TableDatabase.open(conn, schema));
      db.catch(() => this.scopes.delete(scope));
      this.scopes.set(scope, db);
    }
    return db;
  }

  /** Loads a page's tables; `elapsedMs` is the time inside the host (DuckDB load and typing). */
  async register(
    scope: string,
    tables: ExtractedTable[],
  ): Promise<{ tables: number; rows: number; elapsedMs: number }> {
    const db = await this.scope(scope);
    const t0 = performance.now();
    await db.register(tables);
    return {
      tables: tables.length,
      rows: tables.reduce((n, t) => n + t.rows.length, 0),
      elapsedMs: performance.now() - t0,
    };
  }

  async check(scope: string, sql: string): Promise<{ sql: string }> {
    return { sql: await (await this.scope(scope)).check(sql) };
  }

  async run(scope: string, sql: string, limit?: number): Promise<QueryResult> {
    const db = await this.scope(scope);
    const t0 = performance.now();
    const result = await db.run(sql, limit);
    return { ...result, elapsedMs: performance.now() - t0 };
  }
}
