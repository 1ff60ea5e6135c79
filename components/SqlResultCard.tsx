/** One question's outcome: the answer, the result grid, a chart, and the SQL to edit and re-run. */
import { t } from '@/lib/i18n/i18n';
import { useState } from 'preact/hooks';
import type { SqlAnswer } from '@/lib/sql/ask-tables';
import { chooseChart } from '@/lib/sql/chart-spec';
import { toCsv, toMarkdown } from '@/lib/sql/export';
import { errorMessage, type QueryResult } from '@/lib/protocol';
import { formatNumber } from '@/lib/ui/format';
import { ResultChart } from './ResultChart';
import { ResultGrid } from './ResultGrid';

export interface SqlTurnView {
  question: string;
  outcome: SqlAnswer | { kind: 'error'; message: string };
  /** Where it ran and how fast. */
  run?: string;
}

export interface SqlResultCardProps {
  turn: SqlTurnView;
  onRun: (sql: string) => Promise<QueryResult>;
  onCopy: (text: string) => Promise<void>;
  /** Offer `text` as a file named `name`. */
  onSave: (name: string, text: string, type: string) => void;
}

export function SqlResultCard({ turn, onRun, onCopy, onSave }: SqlResultCardProps) {
  const { outcome } = turn;
  const initialSql = outcome.kind === 'answer' || outcome.kind === 'failed' ? outcome.sql : '';
  const [sql, setSql] = useState(initialSql);
  const [result, setResult] = useState<QueryResult | null>(outcome.kind === 'answer' ? outcome.result : null);
  const [error, setError] = useState<string | null>(
    outcome.kind === 'failed' ? outcome.error : outcome.kind === 'error' ? outcome.message : null,
  );
  const [copied, setCopied] = useState(false);
  const [edited, setEdited] = useState(false);

  const rerun = async () => {
    setError(null);
    try {
      setResult(await onRun(sql));
      setEdited(sql !== initialSql);
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    }
  };
  const chart = result ? chooseChart(result) : null;

  return (
    <article class="sql-card">
      <h3 class="question">{turn.question}</h3>
      {outcome.kind === 'answer' && <p class="answer-line">{edited ? t('sql_edited') : outcome.answer}</p>}
      {outcome.kind === 'cannot-answer' && <p class="answer-line">{outcome.message}</p>}
      {outcome.kind === 'failed' && (
        <p class="answer-line">{t('sql_failed', formatNumber(outcome.attempts))}</p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {result && <ResultGrid result={result} key={sql + result.rowCount} />}
      {result && chart && <ResultChart spec={chart} result={result} />}
      {initialSql && (
        <details class="sql" open={outcome.kind === 'failed'}>
          <summary>SQL</summary>
          <textarea
            name="sql"
            rows={4}
            spellcheck={false}
            dir="ltr"
            aria-label="SQL"
            value={sql}
            onInput={(e) => setSql(e.currentTarget.value)}
          />
          <button type="button" onClick={() => void rerun()}>
            {t('sql_run')}
          </button>
        </details>
      )}
      {turn.run && <p class="run">{turn.run}</p>}
      {result && (
        <div class="row-actions">
          <button type="button" onClick={() => onSave('result.csv', toCsv(result), 'text/csv')}>
            {t('export_csv')}
          </button>
          <button type="button" onClick={() => void onCopy(toMarkdown(result)).then(() => setCopied(true))}>
            {copied ? t('sql_copied') : t('sql_copy_markdown')}
          </button>
        </div>
      )}
    </article>
  );
}
