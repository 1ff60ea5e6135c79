/** The page's tables: list (hover outlines one on the page), a question box, and each answer. */
import type { Stage } from '@/lib/sql/ask-tables';
import { type QueryResult, type ExtractedTable } from '@/lib/protocol';
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

const STAGES: Record<Stage, string> = {
  'writing-sql': 'Writing SQL…',
  repairing: 'Fixing the SQL from DuckDB’s error…',
  voting: 'Comparing candidate queries…',
  running: 'Running the query…',
  answering: 'Summing up…',
};

export function TablesView(props: TablesViewProps) {
  const { tables } = props;
  return (
    <section class="tables">
      <header class="tables-head">
        <span>
          {tables === null
            ? 'Reading the page’s tables…'
            : `${tables.length} table${tables.length === 1 ? '' : 's'} on this page`}
        </span>
        <button type="button" onClick={props.onReload}>
          Reload
        </button>
      </header>
      {props.loadError && (
        <p class="error" role="alert">
          {props.loadError}
        </p>
      )}
      {tables?.length === 0 && <p class="hint">No data tables were found on this page.</p>}
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
                {t.rows.length.toLocaleString()} × {t.columns.length}
              </span>
            </label>
            {t.unreadRows ? (
              <p class="hint" role="status">
                {t.unreadRows.toLocaleString()} row{t.unreadRows === 1 ? '' : 's'} could not be read: the grid
                did not show {t.unreadRows === 1 ? 'it' : 'them'} while scrolling, so answers leave{' '}
                {t.unreadRows === 1 ? 'it' : 'them'} out. Reload to try again.
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
          placeholder="Ask about these tables…"
          rows={2}
          busy={props.stage !== null}
          sendLabel="Ask"
          onSend={props.onAsk}
          onStop={props.onStop}
        />
      )}
      {props.stage && (
        <p class="stage" aria-live="polite">
          {STAGES[props.stage]}
        </p>
      )}
    </section>
  );
}
