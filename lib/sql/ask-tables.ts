/**
 * Question → SQL → result → answer: the model writes SQL under the schema grammar, DuckDB
 * checks it (prepare), a rejected query is repaired from DuckDB's error (at most twice),
 * several candidates are sampled and voted on by their results when the engine is fast
 * enough, the winner runs, and the model states the answer in one sentence.
 */
import { t } from '../i18n/i18n';
import { oneLine } from '../fences/page-fence';
import { type ChatMessage, type ExtractedTable, type QueryResult } from '../protocol';
import { chooseChart, type ChartSpec } from './chart-spec';
import { SqlError, SqlRefusedError, errorMessage } from '../protocol/errors';
import { answerMessages, repairMessages, sqlMessages, type SqlTurn } from './schema-prompt';
import { CANNOT_ANSWER, schemaGrammar } from './sql-grammar';

export interface GenerateOptions {
  grammar?: string;
  maxTokens: number;
  temperature: number;
}

/** The model: messages in, text out (the engine client in the extension, a scripted engine in tests). */
export type Generate = (messages: ChatMessage[], options: GenerateOptions) => Promise<string>;

/** Where queries are checked and run (the host's DuckDB in the extension, DuckDB in Node in tests). */
export interface SqlBackend {
  check(sql: string): Promise<string>;
  run(sql: string): Promise<QueryResult>;
}

export type Stage = 'writing-sql' | 'repairing' | 'voting' | 'running' | 'answering';

export interface AskOptions {
  history?: SqlTurn[];
  /** Candidates to sample and vote on; 1 when the engine is slow. */
  samples?: number;
  onStage?: (stage: Stage) => void;
}

export type SqlAnswer =
  | {
      kind: 'answer';
      sql: string;
      result: QueryResult;
      answer: string;
      chart: ChartSpec | null;
      attempts: number;
      candidates: number;
    }
  | { kind: 'cannot-answer'; message: string }
  | { kind: 'failed'; sql: string; error: string; attempts: number };

const MAX_REPAIRS = 2;

/** Strips code fences and chatter a model may wrap around SQL. */
export function cleanSql(text: string): string {
  const fenced = /```(?:sql)?\s*([\s\S]*?)```/i.exec(text);
  return (fenced ? fenced[1]! : text).trim().replace(/\s*;\s*$/, '');
}

async function writeValidSql(
  messages: ChatMessage[],
  grammar: string,
  temperature: number,
  deps: { generate: Generate; backend: SqlBackend },
  onStage?: (stage: Stage) => void,
): Promise<
  { sql: string; attempts: number } | { failed: string; sql: string; attempts: number } | { cannot: true }
> {
  let sql = cleanSql(await deps.generate(messages, { grammar, maxTokens: 400, temperature }));
  for (let attempt = 1; ; attempt++) {
    if (sql.startsWith(CANNOT_ANSWER)) return { cannot: true };
    try {
      return { sql: await deps.backend.check(sql), attempts: attempt };
    } catch (error) {
      if (error instanceof SqlRefusedError) return { failed: error.message, sql, attempts: attempt };
      if (!(error instanceof SqlError) || attempt > MAX_REPAIRS) {
        return { failed: errorMessage(error), sql, attempts: attempt };
      }
      onStage?.('repairing');
      sql = cleanSql(
        await deps.generate(repairMessages(messages, sql, error.message), {
          grammar,
          maxTokens: 400,
          temperature,
        }),
      );
    }
  }
}

function fingerprint(result: QueryResult): string {
  return JSON.stringify(result.rows.slice(0, 200));
}

/** The first rows of a result for the answer prompt: page data, each cell one capped line. */
export function preview(result: QueryResult): string {
  const head = result.columns.map((c) => oneLine(c.name, 64)).join(' | ');
  const rows = result.rows
    .slice(0, 10)
    .map((r) => r.map((v) => (v === null ? 'NULL' : oneLine(String(v), 200))).join(' | '));
  return [head, ...rows, result.rowCount > 10 ? `… ${result.rowCount} rows in all` : '']
    .filter(Boolean)
    .join('\n');
}

export async function askTables(
  question: string,
  tables: ExtractedTable[],
  deps: { generate: Generate; backend: SqlBackend },
  options: AskOptions = {},
): Promise<SqlAnswer> {
  const { onStage } = options;
  const messages = sqlMessages(tables, question, options.history);
  const grammar = schemaGrammar(tables);
  const samples = Math.max(1, options.samples ?? 1);
  onStage?.('writing-sql');

  const candidates: { sql: string; attempts: number; result: QueryResult }[] = [];
  let lastFailure: { failed: string; sql: string; attempts: number } | null = null;
  let cannot = 0;
  for (let i = 0; i < samples; i++) {
    // The first candidate is greedy; the others explore.
    const written = await writeValidSql(messages, grammar, i === 0 ? 0 : 0.7, deps, onStage);
    if ('cannot' in written) {
      cannot++;
      continue;
    }
    if ('failed' in written) {
      lastFailure = written;
      continue;
    }
    onStage?.(samples > 1 ? 'voting' : 'running');
    try {
      candidates.push({ ...written, result: await deps.backend.run(written.sql) });
    } catch (error) {
      lastFailure = {
        failed: errorMessage(error),
        sql: written.sql,
        attempts: written.attempts,
      };
    }
  }
  if (!candidates.length) {
    if (cannot && !lastFailure) {
      return {
        kind: 'cannot-answer',
        message: t('tables_cannot_answer'),
      };
    }
    const f = lastFailure!;
    return { kind: 'failed', sql: f.sql, error: f.failed, attempts: f.attempts };
  }
  // Majority vote on what the queries return, not on how they are written.
  const votes = new Map<string, number>();
  for (const c of candidates) votes.set(fingerprint(c.result), (votes.get(fingerprint(c.result)) ?? 0) + 1);
  const winner = candidates.reduce((best, c) =>
    votes.get(fingerprint(c.result))! > votes.get(fingerprint(best.result))! ? c : best,
  );

  onStage?.('answering');
  const answer = winner.result.rowCount
    ? (
        await deps.generate(answerMessages(question, winner.sql, preview(winner.result)), {
          maxTokens: 120,
          temperature: 0,
        })
      ).trim()
    : t('tables_no_rows');
  return {
    kind: 'answer',
    sql: winner.sql,
    result: winner.result,
    answer,
    chart: chooseChart(winner.result),
    attempts: winner.attempts,
    candidates: candidates.length,
  };
}
