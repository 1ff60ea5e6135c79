/** The page's tables: list (hover outlines one on the page), a question box, and each answer. */
import { Table as TableIcon } from 'lucide-preact';
import { t as tr, type MessageKey } from '@/lib/i18n/i18n';
import type { Stage } from '@/lib/sql/ask-tables';
import { type QueryResult, type ExtractedTable } from '@/lib/protocol';
import { formatNumber } from '@/lib/ui/format';
import { PromptBox } from './PromptBox';
import { SqlResultCard, type SqlTurnView } from './SqlResultCard';

export interface TablesViewProps {
  tables: ExtractedTable[] | null;
  loadError: string | null;
  turns: SqlTurnView[];
  stage: Stage | null;
  selected: number[];
  onSelect: (indexes: number[]) => void;
  onHover: (index: number | null) => void;
  onReload: () => void;
  onAsk: (question: string) => void;
  onStop: () => void;
  onRun: (sql: string) => Promise<QueryResult>;
  onCopy: (text: string) => Promise<void>;
  /** Offer `text` as a file named `name`. */
  onSave: (name: string, text: string, type: string) => void;
}

const STAGES: Record<Stage, MessageKey> = {
  'writing-sql': 'tables_stage_writing',
  repairing: 'tables_stage_repairing',
  voting: 'tables_stage_voting',
  running: 'tables_stage_running',
  answering: 'tables_stage_answering',
};

export function TablesView(props: TablesViewProps) {
  const { tables } = props;
  return (
    <section class="tables">
      <header class="tables-head">
        <span>
          {tables === null
            ? tr('tables_reading')
            : tr(tables.length === 1 ? 'tables_count_one' : 'tables_count', formatNumber(tables.length))}
        </span>
        <button type="button" onClick={props.onReload}>
          {tr('tables_reload')}
        </button>
      </header>
      {props.loadError && (
        <p class="error" role="alert">
          {props.loadError}
        </p>
      )}
      {tables?.length === 0 && (
        <div class="empty">
          <TableIcon size={28} aria-hidden="true" />
          <p>{tr('tables_none')}</p>
          <p class="hint">{tr('tables_none_next')}</p>
        </div>
      )}
      <ul class="table-list">
        {tables?.map((t) => (
          <li
            key={t.index}
            onMouseEnter={() => props.onHover(t.index)}
            onMouseLeave={() => props.onHover(null)}
          >
            <label>
              <input
                type="checkbox"
                checked={props.selected.includes(t.index)}
                onChange={(e) =>
                  props.onSelect(
                    e.currentTarget.checked
                      ? [...props.selected, t.index]
                      : props.selected.filter((i) => i !== t.index),
                  )
                }
              />
              <strong>{t.name}</strong>
              <span class="dims">
                {formatNumber(t.rows.length)} × {formatNumber(t.columns.length)}
              </span>
            </label>
            {t.unreadRows ? (
              <p class="hint" role="status">
                {tr(t.unreadRows === 1 ? 'tables_unread_one' : 'tables_unread', formatNumber(t.unreadRows))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {props.turns.map((turn, i) => (
        <SqlResultCard key={i} turn={turn} onRun={props.onRun} onCopy={props.onCopy} onSave={props.onSave} />
      ))}
      {tables && tables.length > 0 && (
        <PromptBox
          name="table-question"
          placeholder={tr('tables_placeholder')}
          rows={2}
          busy={props.stage !== null}
          sendLabel={tr('tables_ask')}
          onSend={props.onAsk}
          onStop={props.onStop}
        />
      )}
      {props.stage && (
        <p class="stage" aria-live="polite">
          {tr(STAGES[props.stage])}
        </p>
      )}
    </section>
  );
}
