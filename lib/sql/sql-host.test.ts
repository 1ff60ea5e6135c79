// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { JOINABLE } from '../../tests/fixtures/tables/pages';
import { SqlRefusedError } from '../protocol';
import { extractTables } from '../tables/extract-tables';
import type { ExtractedTable } from '../tables/types';
import type { DuckInstance } from './duck-instance';
import { openNodeDuckDb } from './node-duckdb';
import { SqlHost } from './sql-host';
import { SqlError } from './table-database';

const table = (sqlName: string, rows: (string | number)[][]): ExtractedTable =>
  ({
    index: 0,
    name: sqlName,
    sqlName,
    columns: [
      { name: 'name', sqlName: 'name', type: 'text' },
      { name: 'amount', sqlName: 'amount', type: 'integer' },
    ],
    rows,
  }) as unknown as ExtractedTable;

/** Counts the instances opened and closed, around the real DuckDB. */
function countingOpener() {
  const counts = { opened: 0, closed: 0 };
  const open = async (): Promise<DuckInstance> => {
    const instance = await openNodeDuckDb();
    counts.opened++;
    return {
      connection: instance.connection,
      close: async () => {
        counts.closed++;
        await instance.close();
      },
    };
  };
  return { open, counts };
}

// Each page opens a DuckDB instance of its own (about a second each on a busy machine).
describe('SqlHost (real DuckDB-WASM, one instance per page)', { timeout: 60_000 }, () => {
  it("never shows one page's tables to another page's queries", async () => {
    const host = new SqlHost(openNodeDuckDb);
    await host.register('tab_1', [table('bank', [['alice', 100]])]);
    await host.register('tab_2', [table('shop', [['pen', 2]])]);
    for (const sql of [
      'SELECT * FROM bank',
      'SELECT * FROM page_tab_1.bank',
      'SELECT * FROM tab_1.main.bank',
      'SELECT * FROM memory.main.bank',
    ])
      await expect(host.run('tab_2', sql)).rejects.toBeInstanceOf(SqlError);
    const catalogs = [
      'SELECT table_name FROM information_schema.tables',
      'SELECT table_name FROM duckdb_tables()',
      'SELECT table_name FROM duckdb_columns()',
      'SELECT database_name FROM duckdb_databases()',
      'SELECT schema_name FROM duckdb_schemas()',
    ];
    for (const sql of catalogs) {
      const seen = JSON.stringify((await host.run('tab_2', sql)).rows);
      expect(seen).not.toMatch(/bank|tab_1/);
    }
    expect((await host.run('tab_2', 'SELECT table_name FROM duckdb_tables()')).rows).toEqual([['shop']]);
    expect((await host.run('tab_1', 'SELECT amount FROM bank')).rows).toEqual([[100]]);
  });

  it('serialises two register calls for one page instead of failing with "already exists"', async () => {
    const host = new SqlHost(openNodeDuckDb);
    const results = await Promise.all([
      host.register('tab_1', [table('t', [['a', 1]])]),
      host.register('tab_1', [table('t', [['b', 2]])]),
      host.run('tab_1', 'SELECT count(*) FROM t'),
    ]);
    expect(results[0]).toMatchObject({ tables: 1, rows: 1 });
    expect(results[1]).toMatchObject({ tables: 1, rows: 1 });
    expect((await host.run('tab_1', 'SELECT name FROM t')).rows).toEqual([['b']]);
  });

  it('keeps at most maxOpen instances and reloads an evicted page from its remembered tables', async () => {
    const { open, counts } = countingOpener();
    const host = new SqlHost(open, { maxOpen: 2 });
    for (const scope of ['a', 'b', 'c']) await host.register(scope, [table(`t_${scope}`, [[scope, 1]])]);
    expect(counts).toEqual({ opened: 3, closed: 1 });
    expect((await host.run('a', 'SELECT name FROM t_a')).rows).toEqual([['a']]);
    expect(counts).toEqual({ opened: 4, closed: 2 });
  });

  it('forgets the oldest pages once the remembered cells pass the cap, never the newest', async () => {
    const { open } = countingOpener();
    // Each page: one row of two cells. Room for three pages' cells.
    const host = new SqlHost(open, { maxOpen: 1, maxRememberedCells: 6 });
    for (const scope of ['a', 'b', 'c', 'd']) await host.register(scope, [table(`t_${scope}`, [[scope, 1]])]);
    await expect(host.run('a', 'SELECT name FROM t_a')).rejects.toThrow(/t_a/);
    expect((await host.run('b', 'SELECT name FROM t_b')).rows).toEqual([['b']]);
    expect((await host.run('d', 'SELECT name FROM t_d')).rows).toEqual([['d']]);
    // One page bigger than the whole cap is still kept: it is the page the user is on.
    const big = [
      table(
        't_big',
        Array.from({ length: 10 }, (_, i) => [`r${i}`, i]),
      ),
    ];
    await host.register('e', big);
    expect((await host.run('e', 'SELECT count(*) AS n FROM t_big')).rows).toEqual([[10]]);
  });

  it('stops a query at the time limit with a clear error, and the page keeps working', async () => {
    const host = new SqlHost(openNodeDuckDb, { timeoutMs: 500 });
    await host.register('tab_1', [table('t', [['a', 1]])]);
    const error = await host
      .run('tab_1', 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlError);
    expect((error as Error).message).toMatch(/longer than 0.5 s and was stopped/);
    expect((await host.run('tab_1', 'SELECT amount FROM t')).rows).toEqual([[1]]);
  });

  it('caps results by rows and by bytes, and says so', async () => {
    const host = new SqlHost(openNodeDuckDb, { maxBytes: 256 * 1024 });
    await host.register('tab_1', [table('t', [['a', 1]])]);
    const rows = await host.run('tab_1', 'SELECT * FROM range(100000)', 50);
    expect(rows).toMatchObject({ rowCount: 50, truncated: true });
    const wide = await host.run('tab_1', "SELECT repeat('x', 10000) AS s FROM range(2000)");
    expect(wide.truncated).toBe(true);
    expect(wide.rowCount).toBeLessThan(2000);
    expect(wide.note).toMatch(/capped at 0 MB|capped at/);
  });
});

describe('SqlHost serving the SQL methods (real DuckDB-WASM)', { timeout: 60_000 }, () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('checks SQL without running it, refuses anything that writes, and runs with the row limit', async () => {
    const joinable = extractTables(parse(JOINABLE));
    const host = new SqlHost(openNodeDuckDb);
    await host.register('s', joinable);
    const { sql } = await host.check('s', 'SELECT code FROM countries;');
    expect(sql).toContain('SELECT code FROM countries');
    await expect(host.check('s', 'DROP TABLE countries')).rejects.toThrow(SqlRefusedError);
    await expect(host.check('s', 'SELECT nope FROM countries')).rejects.toThrow(SqlError);
    const run = await host.run('s', 'SELECT code FROM countries ORDER BY code', 2);
    expect(run).toMatchObject({ rows: [['DE'], ['FR']], truncated: true });
    expect(await host.check('s', 'SELECT 1')).toEqual({ sql: 'SELECT 1' });
  });

  it('tries again after a failed start instead of keeping the failure', async () => {
    let attempts = 0;
    const host = new SqlHost(() => {
      attempts++;
      return attempts === 1 ? Promise.reject(new Error('DuckDB failed to start')) : openNodeDuckDb();
    });
    const tables = extractTables(parse(JOINABLE));
    await expect(host.register('tab-1', tables)).rejects.toThrow('DuckDB failed to start');
    await expect(host.register('tab-1', tables)).resolves.toMatchObject({ tables: 2 });
    expect(attempts).toBe(2);
  });
});
