/** State for the Tables view: loads the page's tables into a TableSession and asks them. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Stage } from '@/lib/sql/ask-tables';
import type { ConsentChoice } from '@/lib/providers/consent';
import type { TableSession } from '@/lib/sql/table-session';
import type { ExtractedTable } from '@/lib/protocol';
import type { SqlTurnView } from './SqlResultCard';
import { TablesView } from './TablesView';
import { ConsentPrompt } from './ConsentPrompt';

export interface TablesPanelProps {
  session: TableSession;
  /** Table to preselect, e.g. from "Ask this table…". */
  focusTable: number | null;
  onCopy: (text: string) => Promise<void>;
}

export function TablesPanel({ session, focusTable, onCopy }: TablesPanelProps) {
  const [tables, setTables] = useState<ExtractedTable[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [turns, setTurns] = useState<SqlTurnView[]>([]);
  const [stage, setStage] = useState<Stage | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const controller = useRef<AbortController | null>(null);
  const [consent, setConsent] = useState<{
    provider: string;
    site: string;
    answer: (c: ConsentChoice) => void;
  } | null>(null);

  const load = async () => {
    setTables(null);
    setLoadError(null);
    try {
      const found = await session.load();
      setTables(found);
      setSelected(
        focusTable !== null && found.some((t) => t.index === focusTable)
          ? [focusTable]
          : found.map((t) => t.index),
      );
      setTurns([]);
    } catch (e) {
      setTables([]);
      setLoadError(
        `Could not read this page's tables (${e instanceof Error ? e.message : String(e)}). Pages like chrome:// and the Web Store cannot be read; on other pages, reload the page and try again.`,
      );
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
      setTurns((t) => [...t, { question, outcome: outcome, run }]);
    } catch (e) {
      setTurns((t) => [
        ...t,
        { question, outcome: { kind: 'error', message: e instanceof Error ? e.message : String(e) } },
      ]);
    } finally {
      setStage(null);
    }
  };

  return (
    <>
      {consent && (
        <ConsentPrompt site={consent.site} onAnswer={consent.answer}>
          Send this page's tables to <strong>{consent.provider}</strong>? They leave this device.
        </ConsentPrompt>
      )}
      <TablesView
        tables={tables}
        loadError={loadError}
        turns={turns}
        stage={stage}
        selected={selected}
        onSelect={setSelected}
        onHover={(i) => session.highlight(i)}
        onReload={load}
        onAsk={ask}
        onStop={() => controller.current?.abort()}
        onRun={(sql) => session.run(sql)}
        onCopy={onCopy}
      />
    </>
  );
}
