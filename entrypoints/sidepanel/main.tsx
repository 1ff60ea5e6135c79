import { render } from 'preact';
import { browser } from 'wxt/browser';
import { EngineClient } from '@/lib/protocol';
import { extensionTransport } from '@/lib/host/extension-transport';
import { routeModel } from '@/lib/models/resolve-model';
import { consentStore } from '@/lib/providers/consent';
import { browserOriginPermissions } from '@/lib/providers/origin-permissions';
import { createPageBridge } from '@/lib/page/page-bridge';
import { pdfOpener, tabUrlOf, withPdfReading } from '@/lib/pdf/pdf-page-bridge';
import { readPdfInExtension } from '@/lib/pdf/read-in-extension';
import { TableSession } from '@/lib/sql/table-session';
import { ChatSession } from '@/lib/chat/chat-session';
import { HistoryStore } from '@/lib/chat/history-store';
import { browserTabs } from '@/lib/chat/browser-tabs';
import {
  activeModelItem,
  answerLanguageItem,
  fallbackItem,
  pageApiGlobalItem,
  pageApiOnceItem,
  pageApiPendingItem,
  pageApiSitesItem,
  panelRequestItem,
  presetsItem,
  providersItem,
  remoteConsentItem,
  taskModelsItem,
} from '@/lib/settings/storage-items';
import { SidePanelContainer } from '@/lib/ui/side-panel-container';
import { saveFile } from '@/lib/ui/save-file';
import { applyDocumentLocale } from '@/lib/i18n/i18n';

applyDocumentLocale(document);
const client = new EngineClient(extensionTransport);
const history = new HistoryStore();
const consents = consentStore(remoteConsentItem);
// ?tab=ID pins the panel to one tab (the panel opened as a page, e.g. in tests).
const pinned = Number(new URLSearchParams(location.search).get('tab')) || null;

render(
  <SidePanelContainer
    client={client}
    settings={{
      activeModel: activeModelItem,
      panelRequests: panelRequestItem,
      taskModels: taskModelsItem,
      presets: presetsItem,
      language: answerLanguageItem,
      providers: providersItem,
      fallback: fallbackItem,
      pageApiSites: pageApiSitesItem,
      pageApiOnce: pageApiOnceItem,
      pageApiPending: pageApiPendingItem,
      pageApiGlobal: pageApiGlobalItem,
      permissions: browserOriginPermissions(),
    }}
    createTableSession={(tabId) =>
      new TableSession(
        client,
        createPageBridge(browser, tabId ?? pinned),
        () => routeModel(client, 'sql'),
        consents,
      )
    }
    createChatSession={(tabId, onChange, pdfUrl) =>
      new ChatSession(
        client,
        // A PDF (in the viewer, or a right-clicked link) is read in the extension: see lib/pdf.
        withPdfReading(createPageBridge(browser, tabId ?? pinned), {
          pdfUrl,
          tabUrl: () => tabUrlOf(browser, tabId ?? pinned),
          read: readPdfInExtension,
          open: pdfOpener(browser, () => tabId ?? pinned),
        }),
        (kind, needs) => routeModel(client, kind, needs),
        history,
        onChange,
        consents,
        // Other tabs added as context are read the same way as the panel's own page.
        browserTabs(browser, tabId ?? pinned, (id) =>
          withPdfReading(createPageBridge(browser, id), {
            tabUrl: () => tabUrlOf(browser, id),
            read: readPdfInExtension,
            open: pdfOpener(browser, () => id),
          }),
        ),
      )
    }
    browserLanguage={navigator.language}
    searchHistory={(query) => history.search(query)}
    copyText={(text) => navigator.clipboard.writeText(text)}
    saveFile={saveFile}
  />,
  document.getElementById('app')!,
);
