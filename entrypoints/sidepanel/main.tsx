import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SidePanelApp } from '@/components/SidePanelApp';
import { EngineClient } from '@/lib/protocol';
import { extensionTransport } from '@/lib/host/extension-transport';
import { resolveModel } from '@/lib/models/resolve-model';
import { createPageBridge } from '@/lib/page/page-bridge';
import { TableSession } from '@/lib/sql/table-session';
import { ChatSession } from '@/lib/chat/chat-session';
import { HistoryStore } from '@/lib/chat/history-store';
import { activeModelItem, panelRequestItem } from '@/lib/settings/storage-items';

const client = new EngineClient(extensionTransport);
const history = new HistoryStore();
// ?tab=ID pins the panel to one tab (the panel opened as a page, e.g. in tests).
const pinned = Number(new URLSearchParams(location.search).get('tab')) || null;

render(
  <SidePanelApp
    client={client}
    modelSetting={activeModelItem}
    panelRequests={panelRequestItem}
    createTableSession={(tabId) => new TableSession(client, createPageBridge(browser, tabId ?? pinned), () => resolveModel(client))}
    createChatSession={(tabId, onChange) =>
      new ChatSession(client, createPageBridge(browser, tabId ?? pinned), () => resolveModel(client), history, onChange)
    }
    searchHistory={(query) => history.search(query)}
    copyText={(text) => navigator.clipboard.writeText(text)}
  />,
  document.getElementById('app')!,
);
