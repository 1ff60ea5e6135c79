/**
 * State behind the side panel: the host's status, the chosen model, which view is open, and the
 * requests actions leave for the panel ("Ask this table…", a menu task, a conversation carried
 * over from the answer bubble), which it takes once and starts at once.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChatSession, ChatState } from '../chat/chat-session';
import type { TaskOptions } from '../chat/tasks';
import type { EngineClient, HostStatus, ModelRef } from '../protocol';
import type { PanelRequest, PanelView, Preset } from '../settings/types';
import type { TableSession } from '../sql/table-session';
import { useHostStatus } from './use-host-status';
import {
  followStorageItem,
  useStorageItem,
  type SetStorageValue,
  type StorageItem,
} from './use-storage-item';

export interface SidePanelControllerDeps {
  client: Pick<EngineClient, 'onStatus'>;
  activeModel: StorageItem<ModelRef | null>;
  panelRequests: StorageItem<PanelRequest | null>;
  /** A table session for a tab (null: the active tab of this window). */
  createTableSession: (tabId: number | null) => TableSession;
  /** A chat session for a tab (or a PDF a link in it points to), reporting its state through `onChange`. */
  createChatSession: (
    tabId: number | null,
    onChange: (state: ChatState) => void,
    pdfUrl: string | null,
  ) => ChatSession;
  /** Read when a menu task starts: its preset and the answer language. */
  presets: StorageItem<Preset[]>;
  language: StorageItem<string>;
  browserLanguage: string;
}

export interface SidePanelController {
  status: HostStatus | null;
  model: ModelRef | null;
  setModel: SetStorageValue<ModelRef | null>;
  view: PanelView;
  setView: (view: PanelView) => void;
  /** The table to preselect, e.g. from "Ask this table…". */
  focusTable: number | null;
  tableSession: TableSession;
  chatSession: ChatSession;
  /** Null until the chat session has reported its first state. */
  chat: ChatState | null;
}

/** The answer language (the browser's when none is set) and the preset's text for a menu task. */
export function taskOptionsFor(
  presets: Preset[],
  language: string,
  browserLanguage: string,
  presetId?: string,
): TaskOptions {
  const preset = presetId ? presets.find((p) => p.id === presetId) : undefined;
  return { language: language || browserLanguage, presetPrompt: preset?.prompt, presetTitle: preset?.title };
}

export function useSidePanelController(deps: SidePanelControllerDeps): SidePanelController {
  const { panelRequests, createTableSession, createChatSession } = deps;
  const status = useHostStatus(deps.client);
  const [model, setModel] = useStorageItem(deps.activeModel);
  const [view, setView] = useState<PanelView>('chat');
  const [request, setRequest] = useState<PanelRequest | null>(null);
  const [tableTab, setTableTab] = useState<number | null>(null);
  const [focusTable, setFocusTable] = useState<number | null>(null);
  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  const [chat, setChat] = useState<ChatState | null>(null);

  useEffect(
    () =>
      // Take a request an action left for the panel, now and later; taking it clears it.
      followStorageItem(panelRequests, (request) => {
        if (!request) return;
        setView(request.view);
        setTableTab(request.tabId);
        setFocusTable(request.tableIndex ?? null);
        setPdfUrl(request.pdfUrl ?? null);
        setRequest(request);
        void panelRequests.setValue(null);
      }),
    [panelRequests],
  );

  const tableSession = useMemo(() => createTableSession(tableTab), [tableTab]);
  const chatSession = useMemo(() => createChatSession(tableTab, setChat, pdfUrl), [tableTab, pdfUrl]);
  useEffect(() => {
    void chatSession.loadPage();
    return () => chatSession.dispose();
  }, [chatSession]);
  useEffect(() => {
    // A menu task or a conversation from the bubble starts as soon as the panel has it.
    if (!request || request.view !== 'chat') return;
    setRequest(null);
    const { task, conversation } = request;
    if (conversation) void chatSession.continueConversation(conversation);
    else if (task)
      void Promise.all([deps.presets.getValue(), deps.language.getValue()]).then(([presets, language]) =>
        chatSession.runTask(
          task,
          request.selection,
          taskOptionsFor(presets, language, deps.browserLanguage, request.presetId),
        ),
      );
  }, [request, chatSession]);

  return { status, model, setModel, view, setView, focusTable, tableSession, chatSession, chat };
}
