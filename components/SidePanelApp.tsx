/**
 * The side panel: status, model choice, and two views, Chat and Tables. It receives the engine
 * client, settings and page access as props, so it never touches extension APIs itself.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { AbortedError, type EngineClient, type HostStatus, type ModelRef } from '@/lib/protocol';
import { chatMessages } from '@/lib/page/prompts';
import { defaultModelFor } from '@/lib/models/default-models';
import type { TableSession } from '@/lib/sql/table-session';
import type { PanelRequest } from '@/lib/settings/storage-items';
import { ChatPanel } from './ChatPanel';
import { ModelPicker } from './ModelPicker';
import { StatusLine } from './StatusLine';
import { TablesPanel } from './TablesPanel';

type Item<T> = WxtStorageItem<T, Record<string, unknown>>;

export interface SidePanelAppProps {
  client: EngineClient;
  modelSetting: Item<ModelRef | null>;
  panelRequests: Item<PanelRequest | null>;
  /** A table session for a tab (null: the active tab of this window). */
  createTableSession: (tabId: number | null) => TableSession;
  copyText: (text: string) => Promise<void>;
}

export function SidePanelApp({ client, modelSetting, panelRequests, createTableSession, copyText }: SidePanelAppProps) {
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [model, setModel] = useState<ModelRef | null>(null);
  const [view, setView] = useState<'chat' | 'tables'>('chat');
  const [tableTab, setTableTab] = useState<number | null>(null);
  const [focusTable, setFocusTable] = useState<number | null>(null);
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);

  useEffect(
    () =>
      client.onStatus((s) => {
        // User Timing mark for the benchmark: the panel is usable once the host has answered.
        if (!performance.getEntriesByName('local-ai:panel-ready').length) performance.mark('local-ai:panel-ready');
        setStatus(s);
      }),
    [client],
  );
  useEffect(() => {
    void modelSetting.getValue().then(setModel);
    return modelSetting.watch(setModel);
  }, [modelSetting]);
  useEffect(() => {
    // Take a request an action left for the panel (e.g. "Ask this table…"), now and later.
    const take = (request: PanelRequest | null) => {
      if (!request) return;
      setView(request.view);
      setTableTab(request.tabId);
      setFocusTable(request.tableIndex ?? null);
      void panelRequests.setValue(null);
    };
    void panelRequests.getValue().then(take);
    return panelRequests.watch(take);
  }, [panelRequests]);

  const resolveModel = async () => model ?? defaultModelFor(await client.request('capabilities', {}));
  const session = useMemo(() => createTableSession(tableTab), [tableTab]);

  const send = async (prompt: string) => {
    controller.current = new AbortController();
    setBusy(true);
    setAnswer('');
    setError(null);
    try {
      await client.request(
        'chat',
        { model: await resolveModel(), messages: chatMessages([], prompt), max_tokens: 512 },
        { signal: controller.current.signal, onChunk: ({ delta }) => setAnswer((a) => a + delta) },
      );
    } catch (e) {
      if (!(e instanceof AbortedError)) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <StatusLine status={status} />
      <ModelPicker model={model} onChange={(m) => void modelSetting.setValue(m)} />
      <nav class="views" role="tablist">
        {(['chat', 'tables'] as const).map((v) => (
          <button type="button" role="tab" aria-selected={view === v} key={v} onClick={() => setView(v)}>
            {v === 'chat' ? 'Chat' : 'Tables'}
          </button>
        ))}
      </nav>
      {view === 'chat' ? (
        <ChatPanel answer={answer} busy={busy} error={error} onSend={send} onStop={() => controller.current?.abort()} />
      ) : (
        <TablesPanel session={session} focusTable={focusTable} onCopy={copyText} />
      )}
    </main>
  );
}
