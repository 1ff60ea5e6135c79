import { describe, expect, it } from 'vitest';
import { SqlRefusedError, assertReadOnly } from './read-only';

describe('assertReadOnly', () => {
  it.each([
    'SELECT * FROM "t"',
    "select count(*) from t where name = 'drop table x'",
    'WITH a AS (SELECT 1 AS x) SELECT x FROM a;',
    'SELECT "update" FROM "t" -- insert here',
    'FROM t SELECT a',
  ])('accepts %s', (sql) => {
    expect(() => assertReadOnly(sql)).not.toThrow();
  });

  it.each([
    ['DROP TABLE t', /only read-only|Only SELECT/i],
    ['INSERT INTO t VALUES (1)', /Only SELECT/],
    ['SELECT 1; DROP TABLE t', /one statement/],
    ["ATTACH 'x.db' AS x", /Only SELECT/],
    ["COPY t TO 'out.csv'", /Only SELECT/],
    ['INSTALL httpfs', /Only SELECT/],
    ["SELECT * FROM read_csv('/etc/passwd')", /read_csv\(\) is not allowed/],
    ["SELECT * FROM 'file.parquet'", null],
    ['WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x', /DELETE/],
    ['SELECT * FROM t; ', null],
    ["SELECT getenv('HOME')", /getenv/],
    ['SET enable_external_access = true', /Only SELECT/],
    ['', /empty/],
  ])('judges %s', (sql, refusal) => {
    if (refusal === null) return expect(() => assertReadOnly(sql)).not.toThrow();
    expect(() => assertReadOnly(sql)).toThrow(SqlRefusedError);
    expect(() => assertReadOnly(sql)).toThrow(refusal);
  });
});
