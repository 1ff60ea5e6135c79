/**
 * A grammar (GBNF: llama.cpp's format, which WebLLM's XGrammar also reads) generated from the
 * page's schema. Every string it admits is one DuckDB SELECT that names only real tables and
 * columns, applies aggregates only to numeric columns, groups consistently and compares each
 * column only with literals of its type — so a model decoding under it cannot write SQL that
 * fails to parse or bind. Deliberately a small subset: what questions about tables need.
 */
import type { ColumnType } from '../protocol';

export interface SchemaTable {
  sqlName: string;
  columns: { sqlName: string; type: ColumnType }[];
}

/** What the model writes when the tables cannot answer the question. */
export const CANNOT_ANSWER = '-- cannot answer';

const NUMERIC = new Set<ColumnType>(['integer', 'decimal', 'percent', 'currency']);
const DATES = new Set<ColumnType>(['date', 'datetime']);
const GROUPABLE = new Set<ColumnType>(['text', 'date', 'integer']);

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** A GBNF string literal. */
const lit = (text: string) => JSON.stringify(text);
const alt = (items: string[]) => items.join(' | ');

const COMMON = [
  'cmp ::= " = " | " > " | " < " | " >= " | " <= "',
  'dir ::= " DESC" | " ASC"',
  'limit ::= " LIMIT " [1-9] [0-9]?',
  'number ::= "-"? [1-9] [0-9]{0,5} ("." [0-9]{1,2})? | "0"',
  'str ::= "\'" [a-zA-Z0-9 ]{1,12} "\'"',
  'like ::= "\'%" [a-zA-Z0-9]{1,10} "%\'"',
  'datelit ::= "DATE \'" [12] [0-9]{3} "-" ("0" [1-9] | "1" [0-2]) "-" ("0" [1-9] | "1" [0-9] | "2" [0-8]) "\'"',
  'aggfn ::= "SUM" | "AVG" | "MIN" | "MAX"',
];

function tableRules(t: SchemaTable, i: number): { rules: string[]; entries: string[] } {
  const p = `t${i}`;
  const q = (col: string) => lit(ident(col));
  const of = (types: Set<ColumnType> | null) =>
    t.columns.filter((c) => !types || types.has(c.type)).map((c) => q(c.sqlName));
  const rules: string[] = [`${p}-col ::= ${alt(of(null))}`];
  const num = of(NUMERIC);
  const txt = of(new Set<ColumnType>(['text']));
  const dat = of(DATES);
  if (num.length) rules.push(`${p}-num ::= ${alt(num)}`);
  const conds: string[] = [];
  if (num.length) conds.push(`${p}-num cmp number`);
  if (txt.length) {
    conds.push(`${p}-txt " = " str`, `${p}-txt " LIKE " like`);
    rules.push(`${p}-txt ::= ${alt(txt)}`);
  }
  if (dat.length) {
    conds.push(`${p}-dat cmp datelit`);
    rules.push(`${p}-dat ::= ${alt(dat)}`);
  }
  const where = conds.length ? ` ${p}-where?` : '';
  if (conds.length)
    rules.push(`${p}-cond ::= ${alt(conds)}`, `${p}-where ::= " WHERE " ${p}-cond (" AND " ${p}-cond)?`);
  const from = lit(` FROM ${ident(t.sqlName)}`);
  const agg = num.length ? `"COUNT(*)" | aggfn "(" ${p}-num ")"` : '"COUNT(*)"';
  rules.push(
    `${p}-agg ::= ${agg}`,
    `${p}-plain ::= "SELECT " ("*" | ${p}-col (", " ${p}-col){0,2}) ${from}${where} (" ORDER BY " ${p}-col dir)? limit?`,
    `${p}-total ::= "SELECT " ${p}-agg " AS value" ${from}${where}`,
  );
  const entries = [`${p}-plain`, `${p}-total`];
  const groups = t.columns.filter((c) => GROUPABLE.has(c.type)).map((c) => q(c.sqlName));
  if (groups.length) {
    // One alternative per grouping column, so the selected column is always the grouped one.
    rules.push(
      `${p}-group ::= ${alt(groups.map((g) => `"SELECT " ${g} ", " ${p}-agg " AS value" ${from}${where} " GROUP BY " ${g} (" ORDER BY 2" dir)? limit?`))}`,
    );
    entries.push(`${p}-group`);
  }
  return { rules, entries };
}

/** Pairs of tables that share a column name and type: joinable on it. */
function joins(tables: SchemaTable[]): { a: SchemaTable; b: SchemaTable; key: string }[] {
  const out: { a: SchemaTable; b: SchemaTable; key: string }[] = [];
  tables.forEach((a, i) =>
    tables.slice(i + 1).forEach((b) => {
      const key = a.columns.find((ca) =>
        b.columns.some((cb) => cb.sqlName === ca.sqlName && cb.type === ca.type),
      );
      if (key) out.push({ a, b, key: key.sqlName });
    }),
  );
  return out;
}

/** The GBNF grammar for queries over `tables`; `cannotAnswer` adds the way to decline. */
export function schemaGrammar(tables: SchemaTable[], options: { cannotAnswer?: boolean } = {}): string {
  const rules: string[] = [];
  const entries: string[] = options.cannotAnswer === false ? [] : [lit(CANNOT_ANSWER)];
  tables.forEach((t, i) => {
    const r = tableRules(t, i);
    rules.push(...r.rules);
    entries.push(...r.entries);
  });
  joins(tables).forEach(({ a, b, key }, j) => {
    const p = `j${j}`;
    const cols = [
      ...a.columns.map((c) => `${ident(a.sqlName)}.${ident(c.sqlName)}`),
      ...b.columns.map((c) => `${ident(b.sqlName)}.${ident(c.sqlName)}`),
    ];
    const on = `${ident(a.sqlName)}.${ident(key)} = ${ident(b.sqlName)}.${ident(key)}`;
    rules.push(
      `${p}-col ::= ${alt(cols.map(lit))}`,
      `${p} ::= "SELECT " ${p}-col (", " ${p}-col){0,2} ${lit(` FROM ${ident(a.sqlName)} JOIN ${ident(b.sqlName)} ON ${on}`)} (" ORDER BY " ${p}-col dir)? limit?`,
    );
    entries.push(p);
  });
  return [`root ::= ${alt(entries)}`, ...rules, ...COMMON].join('\n');
}
