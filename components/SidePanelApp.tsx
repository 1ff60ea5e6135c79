/**
 * The side panel: status, model choice, and two views, Chat and Tables. It receives the engine
 * client, settings and page access as props, so it never touches extension APIs itself.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import type { EngineClient, HostStatus, ModelRef } from '@/lib/protocol';
import type { ChatSession, ChatState } from '@/lib/chat/chat-session';
import type { Conversation } from '@/lib/chat/history-store';
import type { TableSession } from '@/lib/sql/table-session';
import type { TaskOptions } from '@/lib/chat/tasks';
import type { ComponentChildren } from 'preact';
import type { PanelRequest, Provider, TaskKind } from '@/lib/settings/storage-items';
import { ModelsPanel } from './ModelsPanel';
import { ChatPanel } from './ChatPanel';
import { HistorySearch } from './HistorySearch';
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
  /** A chat session for a tab, reporting its state through `onChange`. */
  createChatSession: (tabId: number | null, onChange: (state: ChatState) => void) => ChatSession;
  searchHistory: (query: string) => Promise<Conversation[]>;
  /** Answer language and preset text for a menu task. */
  taskOptions: (presetId?: string) => Promise<TaskOptions>;
  settings: ComponentChildren;
  taskModels: Item<Partial<Record<TaskKind, ModelRef>>>;
  providers: Item<Provider[]>;
  copyText: (text: string) => Promise<void>;
}

export function SidePanelApp(props: SidePanelAppProps) {
  const { client, modelSetting, panelRequests, createTableSession, createChatSession, copyText } = props;
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [model, setModel] = useState<ModelRef | null>(null);
  const [view, setView] = useState<'chat' | 'tables' | 'models' | 'settings'>('chat');
  const [request, setRequest] = useState<PanelRequest | null>(null);
  const [tableTab, setTableTab] = useState<number | null>(null);
  const [focusTable, setFocusTable] = useState<number | null>(null);
  const [chat, setChat] = useState<ChatState | null>(null);

  useEffect(
    () =>
      client.onStatus((s) => {
        // User Timing mark for the benchmark: the panel is usable once the host has answered.
        if (!performance.getEntriesByName('local-ai:panel-ready').length)
          performance.mark('local-ai:panel-ready');
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
      setRequest(request);
      void panelRequests.setValue(null);
    };
    void panelRequests.getValue().then(take);
    return panelRequests.watch(take);
  }, [panelRequests]);

  const session = useMemo(() => createTableSession(tableTab), [tableTab]);
  const chatSession = useMemo(() => createChatSession(tableTab, setChat), [tableTab]);
  useEffect(() => void chatSession.loadPage(), [chatSession]);
  useEffect(() => {
    // A menu task or a conversation from the bubble starts as soon as the panel has it.
    if (!request || request.view !== 'chat') return;
    setRequest(null);
    if (request.conversation) void chatSession.continueConversation(request.conversation);
    else if (request.task)
      void props
        .taskOptions(request.presetId)
        .then((o) => chatSession.runTask(request.task!, request.selection, o));
  }, [request, chatSession]);

  return (
    <main>
      <StatusLine status={status} />
      <ModelPicker model={model} onChange={(m) => void modelSetting.setValue(m)} />
      <nav class="views" role="tablist">
        {(['chat', 'tables', 'models', 'settings'] as const).map((v) => (
          <button type="button" role="tab" aria-selected={view === v} key={v} onClick={() => setView(v)}>
            {v[0]!.toUpperCase() + v.slice(1)}
          </button>
        ))}
      </nav>
      {view === 'chat' ? (
        <>
          <HistorySearch search={props.searchHistory} onOpen={(c) => chatSession.openConversation(c)} />
          {chat && (
            <ChatPanel
              state={chat}
              onSend={(q) => void chatSession.send(q)}
              onStop={() => chatSession.stop()}
              onRegenerate={() => void chatSession.regenerate()}
              onTogglePage={() => chatSession.togglePage()}
              onCopy={(t) => void copyText(t)}
              onConsent={(c) => chatSession.decideConsent(c)}
            />
          )}
        </>
      ) : view === 'tables' ? (
        <TablesPanel session={session} focusTable={focusTable} onCopy={copyText} />
      ) : view === 'models' ? (
        <ModelsPanel
          client={client}
          status={status}
          activeModel={modelSetting}
          taskModels={props.taskModels}
          providers={props.providers}
        />
      ) : (
        props.settings
      )}
    </main>
  );
}
