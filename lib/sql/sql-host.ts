/**
 * The host's SQL service: one DuckDB instance per page (scope).
 *
 * Why an instance each, not a schema or an attached database each in one shared DuckDB: inside
 * one database every catalog is reachable by a qualified name (`other.main.t`), and the catalog
 * functions (`duckdb_tables()`, `duckdb_columns()`, `duckdb_databases()`, `information_schema`,
 * SHOW, PRAGMA) list everything. Filtering all of those is a deny-list that one forgotten
 * function breaks. Separate instances share nothing, so nothing needs filtering. The price is
 * memory (one WebAssembly heap and, in the browser, one Worker per instance), so at most
 * `maxOpen` are open at once; the least recently used is closed, and its tables, which we keep,
 * are loaded again when that page asks next. Every call for one scope runs in turn, so two
 * `sql.register` calls at once never collide ("table already exists").
 */
import { SqlError, type ExtractedTable, type QueryResult } from '../protocol';
import type { DuckInstance, OpenDuckInstance } from './duck-instance';
import { DEFAULT_LIMITS, TableDatabase, type RunLimits } from './table-database';

interface OpenScope {
  instance: DuckInstance;
  db: TableDatabase;
}

export interface SqlHostOptions {
  /** Instances open at once. */
  maxOpen?: number;
  /** Pages whose tables are remembered for reloading after their instance was closed. */
  maxRemembered?: number;
  /** Cells remembered across those pages; the oldest pages are forgotten first (the newest stays). */
  maxRememberedCells?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Extra time after the query's own limit before the instance is closed outright: for work
   * DuckDB cannot interrupt (one huge value computed in one step). Only a Worker can be stopped
   * that way; in Node the blocking build finishes its step first.
   */
  killAfterMs?: number;
}

export class SqlHost {
  private readonly open = new Map<string, Promise<OpenScope>>();
  private readonly tables = new Map<string, ExtractedTable[]>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly options: Required<SqlHostOptions>;

  constructor(
    private readonly openInstance: OpenDuckInstance,
    options: SqlHostOptions = {},
  ) {
    this.options = {
      maxOpen: 4,
      maxRemembered: 32,
      maxRememberedCells: 4_000_000,
      timeoutMs: DEFAULT_LIMITS.timeoutMs,
      maxBytes: DEFAULT_LIMITS.maxBytes,
      killAfterMs: 5_000,
      ...options,
    };
  }

  /** Runs `task` after every earlier call for `scope` has settled. */
  private inTurn<T>(scope: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(scope) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(task);
    const tail = next.catch(() => {});
    this.queues.set(scope, tail);
    void tail.then(() => {
      if (this.queues.get(scope) === tail) this.queues.delete(scope);
    });
    return next;
  }

  /** The scope's database, opened (and its remembered tables loaded) on first use. */
  private scope(scope: string): Promise<OpenScope> {
    let entry = this.open.get(scope);
    if (entry) {
      // Most recently used last: Map keeps insertion order.
      this.open.delete(scope);
      this.open.set(scope, entry);
      return entry;
    }
    entry = (async () => {
      const instance = await this.openInstance();
      try {
        const db = await TableDatabase.open(instance.connection);
        const remembered = this.tables.get(scope);
        if (remembered) await db.register(remembered);
        return { instance, db };
      } catch (error) {
        await instance.close();
        throw error;
      }
    })();
    entry.catch(() => {
      if (this.open.get(scope) === entry) this.open.delete(scope);
    });
    this.open.set(scope, entry);
    for (const [old] of this.open) {
      if (this.open.size <= this.options.maxOpen) break;
      void this.close(old);
    }
    return entry;
  }

  private async close(scope: string): Promise<void> {
    const entry = this.open.get(scope);
    this.open.delete(scope);
    await (await entry?.catch(() => null))?.instance.close();
  }

  /** Loads a page's tables; `elapsedMs` is the time inside the host (DuckDB load and typing). */
  register(
    scope: string,
    tables: ExtractedTable[],
  ): Promise<{ tables: number; rows: number; elapsedMs: number }> {
    return this.inTurn(scope, async () => {
      const { db } = await this.scope(scope);
      const t0 = performance.now();
      await db.register(tables);
      this.tables.delete(scope);
      this.tables.set(scope, tables);
      const cells = (ts: ExtractedTable[]) => ts.reduce((n, t) => n + t.rows.length * t.columns.length, 0);
      let total = [...this.tables.values()].reduce((n, ts) => n + cells(ts), 0);
      for (const [old, oldTables] of this.tables) {
        const over = this.tables.size > this.options.maxRemembered || total > this.options.maxRememberedCells;
        if (!over || old === scope) break;
        this.tables.delete(old);
        total -= cells(oldTables);
      }
      return {
        tables: tables.length,
        rows: tables.reduce((n, t) => n + t.rows.length, 0),
        elapsedMs: performance.now() - t0,
      };
    });
  }

  /** @throws {SqlRefusedError} | {SqlError} as TableDatabase.check(). */
  check(scope: string, sql: string): Promise<{ sql: string }> {
    return this.inTurn(scope, async () => ({ sql: await (await this.scope(scope)).db.check(sql) }));
  }

  /** @throws {SqlRefusedError} | {SqlError} as TableDatabase.run(), and when the time limit stops it. */
  run(scope: string, sql: string, limit?: number): Promise<QueryResult> {
    return this.inTurn(scope, async () => {
      const { db } = await this.scope(scope);
      const t0 = performance.now();
      const limits: RunLimits = { timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes };
      if (limit !== undefined) limits.limit = limit;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const killed = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          void this.close(scope);
          reject(
            new SqlError(
              `The query ran longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped. Ask for something smaller (filter, aggregate or LIMIT).`,
            ),
          );
        }, this.options.timeoutMs + this.options.killAfterMs);
      });
      try {
        const result = await Promise.race([db.run(sql, limits), killed]);
        return { ...result, elapsedMs: performance.now() - t0 };
      } finally {
        clearTimeout(timer);
      }
    });
  }
}
