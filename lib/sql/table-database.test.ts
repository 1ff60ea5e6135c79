// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { CURRENCY, DATES, GERMAN, JOINABLE, WIKI_STATES } from '../../tests/fixtures/tables/pages';
import { extractTables } from '../tables/extract-tables';
import { openNodeDuckDb } from './node-duckdb';
import { SqlRefusedError } from './read-only';
import { SqlError, TableDatabase } from './table-database';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
let db: TableDatabase;

beforeAll(async () => {
  db = await TableDatabase.open((await openNodeDuckDb()).connection);
}, 60_000); // Starting DuckDB-WASM takes over 10 s when the suite runs in parallel on 2 cores.

describe('TableDatabase (real DuckDB-WASM)', () => {
  it('registers typed columns and answers aggregate, filter and top-N queries', async () => {
    await db.register(extractTables(parse(WIKI_STATES)));
    const types = await db.run(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'states_by_area'`,
    );
    expect(types.rows).toEqual([
      ['state', 'VARCHAR'],
      ['total_area_km2', 'BIGINT'],
      ['total_area_rank', 'BIGINT'],
      ['water_km2', 'BIGINT'],
      ['water_pct', 'DOUBLE'],
    ]);
    expect((await db.run('SELECT SUM(total_area_km2) AS s FROM states_by_area')).rows).toEqual([[2669486]]);
    expect(
      (await db.run('SELECT state FROM states_by_area WHERE water_pct > 10 ORDER BY water_pct DESC')).rows,
    ).toEqual([['Michigan'], ['Alaska']]);
    const top = await db.run('SELECT state, water_km2 FROM states_by_area ORDER BY water_km2 DESC LIMIT 1');
    expect(top).toMatchObject({ rows: [['Alaska', 245383]], rowCount: 1, truncated: false });
  });

  it('joins two tables from the same page', async () => {
    await db.register(extractTables(parse(JOINABLE)));
    const r = await db.run(
      'SELECT c.country, k.capital FROM countries c JOIN capitals k ON c.code = k.code WHERE c.population > 60000000 ORDER BY c.population DESC',
    );
    expect(r.rows).toEqual([
      ['Germany', 'Berlin'],
      ['France', 'Paris'],
    ]);
  });

  it('keeps dates, times, currencies and raw text typed', async () => {
    await db.register([
      ...extractTables(parse(DATES)),
      ...extractTables(parse(CURRENCY)),
      ...extractTables(parse(GERMAN)),
    ]);
    expect(
      (await db.run("SELECT event, date, starts FROM table_1 WHERE date >= DATE '2024-02-01' ORDER BY date"))
        .rows,
    ).toEqual([
      ['Retro', '2024-02-01', '17:00:00'],
      ['Launch', '2024-03-12', '14:30:00'],
    ]);
    expect(
      (await db.run('SELECT SUM(revenue), MIN(profit), MAX(profit_raw) FROM quarterly_results')).rows,
    ).toEqual([[2180.5, -300, '1,020 (est.)']]);
    expect((await db.run('SELECT ROUND(AVG(flache_km2), 2) FROM einwohner_grosser_stadte')).rows).toEqual([
      [535.61],
    ]);
  });

  it('refuses writes before DuckDB and file access inside DuckDB', async () => {
    await db.register(extractTables(parse(WIKI_STATES)));
    await expect(db.check('DELETE FROM states_by_area')).rejects.toBeInstanceOf(SqlRefusedError);
    await expect(db.run("SELECT * FROM 'secrets.csv'")).rejects.toThrow(
      /disabled|external|not allowed|permission/i,
    );
    await expect(db.run('SELECT state FROM states_by_area')).resolves.toMatchObject({ rowCount: 3 });
  });

  it("reports binding errors with DuckDB's message and the SQL", async () => {
    await db.register(extractTables(parse(WIKI_STATES)));
    const error = await db.check('SELECT area FROM states_by_area').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlError);
    expect((error as SqlError).message).toMatch(/area/);
  });

  it('truncates large results at the limit and says so', async () => {
    await db.register(extractTables(parse(WIKI_STATES)));
    const r = await db.run('SELECT * FROM range(50)', 20);
    expect(r).toMatchObject({ rowCount: 20, truncated: true });
  });
});
