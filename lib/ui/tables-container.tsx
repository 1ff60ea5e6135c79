/** Wires the Tables view to its controller. */
import { TablesPanel } from '@/components/TablesPanel';
import type { TableSession } from '../sql/table-session';
import type { SaveFile } from './save-file';
import { useTablesController } from './tables-controller';

export interface TablesContainerProps {
  session: TableSession;
  /** Table to preselect, e.g. from "Ask this table…". */
  focusTable: number | null;
  copyText: (text: string) => Promise<void>;
  saveFile: SaveFile;
}

export function TablesContainer({ session, focusTable, copyText, saveFile }: TablesContainerProps) {
  const tables = useTablesController(session, focusTable);
  return (
    <TablesPanel
      tables={tables.tables}
      loadError={tables.loadError}
      turns={tables.turns}
      stage={tables.stage}
      selected={tables.selected}
      consent={tables.consent}
      onSelect={tables.select}
      onHover={tables.highlight}
      onReload={tables.reload}
      onAsk={tables.ask}
      onStop={tables.stop}
      onRun={tables.run}
      onCopy={copyText}
      onSave={saveFile}
      onConsent={tables.decideConsent}
    />
  );
}
