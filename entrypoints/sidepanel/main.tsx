import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SidePanelApp } from '@/components/SidePanelApp';
import { EngineClient } from '@/lib/protocol';
import { extensionTransport } from '@/lib/host/extension-transport';
import { routeModel } from '@/lib/models/resolve-model';
import { consentStore } from '@/lib/providers/consent';
import { createPageBridge } from '@/lib/page/page-bridge';
import { TableSession } from '@/lib/sql/table-session';
import { ChatSession } from '@/lib/chat/chat-session';
import { HistoryStore } from '@/lib/chat/history-store';
import {
  activeModelItem,
  answerLanguageItem,
  fallbackItem,
  panelRequestItem,
  presetsItem,
  providersItem,
  remoteConsentItem,
  taskModelsItem,
} from '@/lib/settings/storage-items';
import { SettingsPanel } from '@/components/SettingsPanel';
import { ProvidersSection } from '@/components/ProvidersSection';

const client = new EngineClient(extensionTransport);
const history = new HistoryStore();
const consents = consentStore(remoteConsentItem);
// ?tab=ID pins the panel to one tab (the panel opened as a page, e.g. in tests).
const pinned = Number(new URLSearchParams(location.search).get('tab')) || null;

render(
  <SidePanelApp
    client={client}
    modelSetting={activeModelItem}
    panelRequests={panelRequestItem}
    createTableSession={(tabId) =>
      new TableSession(
        client,
        createPageBridge(browser, tabId ?? pinned),
        () => routeModel(client, 'sql'),
        consents,
      )
    }
    createChatSession={(tabId, onChange) =>
      new ChatSession(
        client,
        createPageBridge(browser, tabId ?? pinned),
        (kind, needs) => routeModel(client, kind, needs),
        history,
        onChange,
        consents,
      )
    }
    taskOptions={async (presetId) => {
      const preset = presetId ? (await presetsItem.getValue()).find((p) => p.id === presetId) : undefined;
      return {
        language: (await answerLanguageItem.getValue()) || navigator.language,
        presetPrompt: preset?.prompt,
        presetTitle: preset?.title,
      };
    }}
    taskModels={taskModelsItem}
    providers={providersItem}
    settings={
      <SettingsPanel
        language={answerLanguageItem}
        presets={presetsItem}
        taskModels={taskModelsItem}
        browserLanguage={navigator.language}
        providers={
          <ProvidersSection
            client={client}
            providers={providersItem}
            fallback={fallbackItem}
            activeModel={activeModelItem}
          />
        }
      />
    }
    searchHistory={(query) => history.search(query)}
    copyText={(text) => navigator.clipboard.writeText(text)}
  />,
  document.getElementById('app')!,
);
