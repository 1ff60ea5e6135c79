/**
 * State behind the Tables view: loads the page's tables into a table session, asks them (with a
 * consent question when a provider off this device would see them), and keeps every turn.
 */
import { t } from '../i18n/i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsentChoice } from '../providers/consent';
import { errorMessage, type ExtractedTable, type QueryResult } from '../protocol';
import type { SqlAnswer, Stage } from '../sql/ask-tables';
import type { TableSession } from '../sql/table-session';

/** One question and what came of it, as the view shows it. */
export interface SqlTurn {
  question: string;
  outcome: SqlAnswer | { kind: 'error'; message: string };
  /** Where it ran and how fast. */
  run?: string;
}

/** A provider off this device waiting for the user's consent to see the tables. */
export interface PendingConsent {
  provider: string;
  site: string;
}

export interface TablesController {
  tables: ExtractedTable[] | null;
  loadError: string | null;
  turns: SqlTurn[];
  stage: Stage | null;
  selected: number[];
  consent: PendingConsent | null;
  select: (indexes: number[]) => void;
  highlight: (index: number | null) => void;
  reload: () => void;
  ask: (question: string) => void;
  stop: () => void;
  run: (sql: string) => Promise<QueryResult>;
  decideConsent: (choice: ConsentChoice) => void;
}

/** The focused table alone when the page has it, else every table. */
export function initialSelection(tables: ExtractedTable[], focusTable: number | null): number[] {
  return focusTable !== null && tables.some((t) => t.index === focusTable)
    ? [focusTable]
    : tables.map((t) => t.index);
}

export function loadErrorText(error: unknown): string {
  return t('tables_load_error', errorMessage(error));
}

export function useTablesController(
  session: Pick<TableSession, 'load' | 'ask' | 'run' | 'highlight'>,
  focusTable: number | null,
): TablesController {
  const [tables, setTables] = useState<ExtractedTable[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [turns, setTurns] = useState<SqlTurn[]>([]);
  const [stage, setStage] = useState<Stage | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [consent, setConsent] = useState<(PendingConsent & { answer: (c: ConsentChoice) => void }) | null>(
    null,
  );
  const controller = useRef<AbortController | null>(null);

  const load = async () => {
    setTables(null);
    setLoadError(null);
    try {
      const found = await session.load();
      setTables(found);
      setSelected(initialSelection(found, focusTable));
      setTurns([]);
    } catch (e) {
      setTables([]);
      setLoadError(loadErrorText(e));
    }
  };
  useEffect(() => void load(), [session, focusTable]);

  const ask = async (question: string) => {
    controller.current = new AbortController();
    try {
      const { run, ...outcome } = await session.ask(question, {
        only: selected,
        onStage: setStage,
        signal: controller.current.signal,
        confirm: (provider, site) =>
          new Promise<ConsentChoice>((answer) => setConsent({ provider, site, answer })).finally(() =>
            setConsent(null),
          ),
      });
      setTurns((t) => [...t, { question, outcome, run }]);
    } catch (e) {
      setTurns((t) => [...t, { question, outcome: { kind: 'error', message: errorMessage(e) } }]);
    } finally {
      setStage(null);
    }
  };

  return {
    tables,
    loadError,
    turns,
    stage,
    selected,
    consent: consent && { provider: consent.provider, site: consent.site },
    select: setSelected,
    highlight: (index) => session.highlight(index),
    reload: () => void load(),
    ask: (question) => void ask(question),
    stop: () => controller.current?.abort(),
    run: (sql) => session.run(sql),
    decideConsent: (choice) => consent?.answer(choice),
  };
}
