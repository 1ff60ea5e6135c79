// @vitest-environment happy-dom
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOINABLE, WIKI_STATES } from '../../tests/fixtures/tables/pages';
import { SqlRefusedError, type ExtractedTable } from '../protocol';
import { extractTables } from '../tables/extract-tables';
import { openNodeDuckDb } from './node-duckdb';
import { SqlHost } from './sql-host';
import { SqlError, type DuckConnection } from './table-database';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
let states: ExtractedTable[];
let joinable: ExtractedTable[];
let first: DuckConnection;

beforeAll(async () => {
  states = extractTables(parse(WIKI_STATES));
  joinable = extractTables(parse(JOINABLE));
  first = await openNodeDuckDb();
}, 60_000);

/** A new connection to the one real DuckDB-WASM database, as the extension's host makes. */
function openConnection(): Promise<DuckConnection> {
  return Promise.resolve((first as DuckDBConnection).useUnsafe((bindings) => bindings.connect()));
}

/** Counts connections so the test can see one per page scope. */
function realHost() {
  let connections = 0;
  const host = new SqlHost(() => {
    connections++;
    return openConnection();
  });
  return { host, connections: () => connections };
}

describe('SqlHost (real DuckDB-WASM)', () => {
  it('registers a page and reports what it loaded', async () => {
    const { host } = realHost();
    const r = await host.register('tab-1', joinable);
    expect(r).toMatchObject({ tables: 2, rows: 6 });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    const result = await host.run('tab-1', 'SELECT capital FROM capitals ORDER BY capital');
    expect(result.rows).toEqual([['Berlin'], ['Paris'], ['Rome']]);
  });

  it('keeps each page scope to its own tables, one connection per scope', async () => {
    const { host, connections } = realHost();
    await host.register('tab-1', joinable);
    await host.register('https://example.com/a?b', states);
    expect(connections()).toBe(2);
    await expect(host.run('https://example.com/a?b', 'SELECT * FROM capitals')).rejects.toThrow(SqlError);
    await expect(host.run('tab-1', 'SELECT * FROM states_by_area')).rejects.toThrow(SqlError);
    // Re-registering a scope reuses its database and replaces its tables.
    await host.register('tab-1', states);
    expect(connections()).toBe(2);
    expect((await host.run('tab-1', 'SELECT COUNT(*) FROM states_by_area')).rows).toEqual([[3]]);
    await expect(host.run('tab-1', 'SELECT * FROM capitals')).rejects.toThrow(SqlError);
  });

  it('checks SQL without running it and refuses anything that writes', async () => {
    const { host } = realHost();
    await host.register('tab-1', joinable);
    const { sql } = await host.check('tab-1', 'SELECT code FROM countries;');
    expect(sql).toContain('SELECT code FROM countries');
    await expect(host.check('tab-1', 'DROP TABLE countries')).rejects.toThrow(SqlRefusedError);
    await expect(host.check('tab-1', 'SELECT nope FROM countries')).rejects.toThrow(SqlError);
    expect((await host.run('tab-1', 'SELECT COUNT(*) FROM countries')).rows).toEqual([[3]]);
  });

  it('serves the SQL methods, with the row limit', async () => {
    const { host } = realHost();
    await host.register('s', joinable);
    const run = await host.run('s', 'SELECT code FROM countries ORDER BY code', 2);
    expect(run).toMatchObject({ rows: [['DE'], ['FR']], truncated: true });
    expect(await host.check('s', 'SELECT 1')).toEqual({ sql: 'SELECT 1' });
  });

  it('tries again after a failed connection instead of keeping the failure', async () => {
    let attempts = 0;
    const host = new SqlHost(() => {
      attempts++;
      return attempts === 1 ? Promise.reject(new Error('DuckDB failed to start')) : openConnection();
    });
    await expect(host.register('tab-1', joinable)).rejects.toThrow('DuckDB failed to start');
    await expect(host.register('tab-1', joinable)).resolves.toMatchObject({ tables: 2 });
    expect(attempts).toBe(2);
  });
});
