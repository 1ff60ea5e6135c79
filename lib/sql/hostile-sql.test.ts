/**
 * A corpus of hostile SQL, each run as a page's query with another page's secret table loaded
 * beside it, a secret file on disk and a local HTTP server counting requests: every statement
 * is refused (before DuckDB or by DuckDB), or, for catalog reads, runs and shows nothing of the
 * other page; no statement reads the file or reaches the network.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedTable } from '../tables/types';
import { openNodeDuckDb } from './node-duckdb';
import { SqlHost } from './sql-host';
import { SqlError, TableDatabase, wrap } from './table-database';
import { SqlRefusedError } from './read-only';

const FILE_SECRET = 'FILE-SECRET-7f3a';
const ROW_SECRET = 'ROW-SECRET-91c2';
let dir = '';
let server: Server;
let requests = 0;
let url = '';
let host: SqlHost;

const table = (sqlName: string, value: string): ExtractedTable =>
  ({
    index: 0,
    name: sqlName,
    sqlName,
    columns: [{ name: 'v', sqlName: 'v', type: 'text' }],
    rows: [[value]],
  }) as unknown as ExtractedTable;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-sql-'));
  writeFileSync(join(dir, 'secret.csv'), `secret\n${FILE_SECRET}\n`);
  writeFileSync(join(dir, 'secret.txt'), FILE_SECRET);
  server = createServer((_req, res) => {
    requests++;
    res.end(`secret\n${FILE_SECRET}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  host = new SqlHost(openNodeDuckDb, { timeoutMs: 1_000, maxBytes: 1024 * 1024 });
  await host.register('victim', [table('bank', ROW_SECRET)]);
  await host.register('attacker', [table('mine', 'ok')]);
}, 120_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

/** Statements that must be refused. `F` is the secret file's path, `U` the counting server. */
const REFUSED = (F: string, U: string): string[] => [
  // Writes and DDL
  'INSERT INTO mine VALUES (1)',
  "UPDATE mine SET v = 'x'",
  'DELETE FROM mine',
  'DROP TABLE mine',
  'CREATE TABLE x AS SELECT 1',
  'ALTER TABLE mine ADD COLUMN y INT',
  'TRUNCATE mine',
  'CREATE VIEW v AS SELECT 1',
  'CREATE MACRO m(a) AS a + 1',
  "CREATE SECRET s (TYPE S3, KEY_ID 'a', SECRET 'b')",
  'CREATE SEQUENCE s',
  'WITH x AS (DELETE FROM mine RETURNING *) SELECT * FROM x',
  'INSERT INTO mine SELECT * FROM mine RETURNING *',
  // Files and the network
  `ATTACH '${F}/x.db' AS x`,
  `ATTACH '${U}/x.db' AS x`,
  `COPY mine TO '${F}/out.csv'`,
  `COPY mine FROM '${F}/secret.csv'`,
  `EXPORT DATABASE '${F}/dump'`,
  `IMPORT DATABASE '${F}'`,
  'INSTALL httpfs',
  `INSTALL httpfs FROM '${U}'`,
  'LOAD httpfs',
  `LOAD '${U}/evil.duckdb_extension'`,
  `SELECT * FROM read_csv('${F}/secret.csv')`,
  `SELECT * FROM read_csv_auto('${F}/secret.csv')`,
  `SELECT * FROM '${F}/secret.csv'`,
  `FROM '${F}/secret.csv'`,
  `SELECT * FROM "${F}/secret.csv"`,
  `SELECT * FROM read_text('${F}/secret.txt')`,
  `SELECT * FROM read_blob('${F}/secret.txt')`,
  `SELECT * FROM read_parquet('${F}/secret.parquet')`,
  `SELECT * FROM read_json('${F}/secret.txt')`,
  `SELECT * FROM glob('${F}/*')`,
  `SELECT * FROM sniff_csv('${F}/secret.csv')`,
  `SELECT * FROM read_csv('${U}/secret.csv')`,
  `SELECT * FROM '${U}/secret.csv'`,
  `SELECT * FROM read_text('${U}/secret.txt')`,
  `SELECT * FROM parquet_scan('${U}/x.parquet')`,
  `SELECT * FROM query_table('bank')`,
  `SELECT * FROM query('SELECT * FROM read_text(''${F}/secret.txt'')')`,
  "SELECT getenv('HOME')",
  // Settings
  'SET enable_external_access = true',
  "SET memory_limit = '4GB'",
  'RESET lock_configuration',
  'SET lock_configuration = false',
  'PRAGMA enable_profiling',
  'PRAGMA database_list',
  'CALL pragma_version()',
  'CHECKPOINT',
  'VACUUM',
  'BEGIN TRANSACTION',
  'USE memory',
  "SET VARIABLE x = 'y'",
  'DETACH memory',
  // More than one statement, hidden by comments and strings
  'SELECT 1; DROP TABLE mine',
  "SELECT ';'; DROP TABLE mine",
  'SELECT 1 /* ; */ ; DROP TABLE mine',
  'SELECT 1 -- \n; DROP TABLE mine',
  "SELECT 1) AS q; ATTACH 'x.db' AS x; SELECT (1",
  "SELECT 1\n) AS q; COPY mine TO 'x.csv'; --",
  'SELECT $$;$$; INSTALL httpfs',
  "SELECT E'\\'; DROP TABLE mine; --'",
  '/* leading */ DROP TABLE mine',
  '  -- comment\n  DELETE FROM mine',
  '(DELETE FROM mine)',
  // Another page's table by name
  'SELECT * FROM bank',
  'SELECT * FROM page_victim.bank',
  'SELECT * FROM victim.bank',
  'SELECT * FROM memory.main.bank',
  'SELECT * FROM main.bank',
  'SELECT * FROM "page_victim"."bank"',
  // Bombs
  'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r',
  'SELECT count(*) FROM range(1000000000) a, range(1000000000) b',
];

/** Catalog reads: allowed, but they see this page's own tables only. */
const CATALOG = [
  'SELECT * FROM information_schema.tables',
  'SELECT * FROM information_schema.columns',
  'SELECT * FROM information_schema.schemata',
  'SELECT * FROM duckdb_tables()',
  'SELECT * FROM duckdb_columns()',
  'SELECT * FROM duckdb_databases()',
  'SELECT * FROM duckdb_schemas()',
  'SELECT * FROM duckdb_views()',
  'SELECT * FROM pragma_show_tables()',
  'SELECT * FROM pragma_database_list',
  'DESCRIBE bank',
];

describe('hostile SQL (real DuckDB-WASM)', { timeout: 120_000 }, () => {
  it('has at least 60 statements', () => {
    expect(REFUSED('/x', 'http://x').length + CATALOG.length).toBeGreaterThanOrEqual(60);
  });

  it('refuses every one, before DuckDB or by DuckDB, and never reads the file or calls the server', async () => {
    const outcomes: string[] = [];
    for (const sql of REFUSED(dir, url)) {
      const outcome = await host.run('attacker', sql).then(
        (r) => `RAN ${sql} -> ${JSON.stringify(r.rows)}`,
        (e: unknown) =>
          e instanceof SqlRefusedError || e instanceof SqlError ? 'refused' : `ODD ${String(e)}`,
      );
      outcomes.push(outcome);
    }
    expect(outcomes.filter((o) => o !== 'refused')).toEqual([]);
    expect(requests).toBe(0);
    // The attacker's own table is still there and unchanged, the sandbox still locked.
    expect((await host.run('attacker', 'SELECT v FROM mine')).rows).toEqual([['ok']]);
    expect(
      (
        await host.run(
          'attacker',
          "SELECT current_setting('enable_external_access'), current_setting('lock_configuration')",
        )
      ).rows,
    ).toEqual([[false, true]]);
  });

  it("lets catalog reads see only the page's own tables", async () => {
    for (const sql of CATALOG) {
      const seen = await host.run('attacker', sql).then(
        (r) => JSON.stringify(r.rows),
        () => 'refused',
      );
      expect(seen, sql).not.toMatch(/bank|victim|ROW-SECRET/);
    }
    expect((await host.run('victim', 'SELECT v FROM bank')).rows).toEqual([[ROW_SECRET]]);
  });

  it("refuses them through DuckDB's own parser and sandbox alone, without the text check", async () => {
    const raw = await openNodeDuckDb();
    await TableDatabase.open(raw.connection);
    await raw.connection.query("CREATE TABLE mine AS SELECT 'ok' AS v");
    const ran: string[] = [];
    // The last two are bombs: they parse, and the time limit stops them (tested above).
    for (const sql of REFUSED(dir, url).slice(0, -2)) {
      const rows = await Promise.resolve()
        .then(() => raw.connection.query(wrap(sql)))
        .then(
          (table) => JSON.stringify(table.toArray()),
          () => null,
        );
      if (rows !== null) ran.push(sql);
    }
    // The one that runs is a single string literal that the text check takes for two statements.
    expect(ran).toEqual(["SELECT E'\\'; DROP TABLE mine; --'"]);
    expect(JSON.stringify((await raw.connection.query('SELECT v FROM mine')).toArray())).toBe('[{"v":"ok"}]');
    expect(requests).toBe(0);
    await raw.close();
  });

  it('the secret file is readable without the sandbox, so the refusals above are real', async () => {
    const raw = await openNodeDuckDb();
    const result = await raw.connection.query(`SELECT * FROM read_text('${dir}/secret.txt')`);
    expect(JSON.stringify(result.toArray())).toContain(FILE_SECRET);
    await raw.close();
  });
});
