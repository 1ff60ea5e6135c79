/**
 * The side panel, wired: every view's controller and container. The entrypoint hands in the engine
 * client, the stored settings, how to open a page's sessions, and the platform's clipboard and
 * file saving; nothing below it touches extension APIs.
 */
import { ChatPanel } from '@/components/ChatPanel';
import { HistorySearch } from '@/components/HistorySearch';
import { SidePanelApp } from '@/components/SidePanelApp';
import type { Conversation } from '../chat/history-store';
import type { EngineClient, ModelRef } from '../protocol';
import type { Fallback, PanelRequest, Preset, Provider, TaskModels } from '../settings/types';
import { ModelsContainer } from './models-container';
import type { SaveFile } from './save-file';
import { SettingsContainer } from './settings-container';
import { useSidePanelController, type SidePanelControllerDeps } from './side-panel-controller';
import { TablesContainer } from './tables-container';
import { WelcomeContainer } from './welcome-container';
import type { StorageItem } from './use-storage-item';
import type { OriginPermissions } from '../providers/origin-permissions';
import { SiteRequestsContainer, type PageApiSettings } from './page-api-container';
import { Toast } from '@/components/Toast';
import { t } from '../i18n/i18n';
import { useToast } from './use-toast';

/** Every setting the panel shows or changes. */
export interface PanelSettings extends PageApiSettings {
  activeModel: StorageItem<ModelRef | null>;
  panelRequests: StorageItem<PanelRequest | null>;
  taskModels: StorageItem<TaskModels>;
  presets: StorageItem<Preset[]>;
  language: StorageItem<string>;
  providers: StorageItem<Provider[]>;
  fallback: StorageItem<Fallback>;
  /** Host permissions for the providers' origins. */
  permissions: OriginPermissions;
}

export interface SidePanelContainerProps extends Pick<
  SidePanelControllerDeps,
  'createTableSession' | 'createChatSession'
> {
  client: EngineClient;
  settings: PanelSettings;
  browserLanguage: string;
  searchHistory: (query: string) => Promise<Conversation[]>;
  copyText: (text: string) => Promise<void>;
  saveFile: SaveFile;
}

export function SidePanelContainer(props: SidePanelContainerProps) {
  const { client, settings, browserLanguage, copyText, saveFile } = props;
  const panel = useSidePanelController({ ...props, ...settings, browserLanguage });
  const { chatSession, chat } = panel;
  const toast = useToast();
  const copyAnswer = (text: string) =>
    void copyText(text).then(
      () => toast.show(t('toast_copied')),
      () => toast.show(t('toast_copy_failed')),
    );
  return (
    <>
      <SidePanelApp
        status={panel.status}
        model={panel.model}
        onModelChange={(m) => void panel.setModel(m)}
        view={panel.view}
        onViewChange={panel.setView}
        requests={<SiteRequestsContainer {...settings} status={panel.status} client={client} />}
        views={{
          chat: (
            <>
              <HistorySearch search={props.searchHistory} onOpen={(c) => chatSession.openConversation(c)} />
              <WelcomeContainer
                client={client}
                status={panel.status}
                {...settings}
                chatting={!!chat?.messages.length || !!chat?.offer}
                onOpenSettings={() => panel.setView('settings')}
              />
              {chat && (
                <ChatPanel
                  state={chat}
                  onSend={(q) => void chatSession.send(q)}
                  onStop={() => chatSession.stop()}
                  onRegenerate={() => void chatSession.regenerate()}
                  onTogglePage={() => chatSession.togglePage()}
                  // The browser asks the user only from a click: request first, then wait.
                  onAllowPage={() =>
                    chat.pageAccess &&
                    void chatSession.afterPageAccess(settings.permissions.request(chat.pageAccess))
                  }
                  onCopy={copyAnswer}
                  onConsent={(c) => chatSession.decideConsent(c)}
                  onDownloadOffer={() => void chatSession.acceptOffer()}
                  onChooseModel={() => panel.setView('models')}
                  onCite={(id) => void chatSession.showPassage(id)}
                  context={{
                    canAddTabs: chatSession.tabs.available,
                    onOpenTabs: () => void chatSession.tabs.choose(),
                    onCloseChoices: () => chatSession.tabs.closeChoices(),
                    onAdd: (choice) => void chatSession.tabs.add(choice),
                    onRemove: (id) => chatSession.tabs.remove(id),
                    // As for the page: the browser asks the user only from a click.
                    onAllow: (tab) =>
                      tab.access &&
                      void chatSession.tabs.afterAccess(tab.id, settings.permissions.request(tab.access)),
                    onPick: () => void chatSession.pickRegion(),
                    onDropRegion: () => chatSession.dropRegion(),
                  }}
                />
              )}
            </>
          ),
          tables: (
            <TablesContainer
              session={panel.tableSession}
              focusTable={panel.focusTable}
              copyText={copyText}
              saveFile={saveFile}
            />
          ),
          models: <ModelsContainer client={client} status={panel.status} saveFile={saveFile} {...settings} />,
          settings: <SettingsContainer client={client} browserLanguage={browserLanguage} {...settings} />,
        }}
      />
      <Toast message={toast.message} dismissLabel={t('toast_dismiss')} onDismiss={toast.dismiss} />
    </>
  );
}
