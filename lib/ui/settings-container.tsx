/** Wires the Settings view and its Providers section to the stored settings and the host. */
import { ProvidersSection } from '@/components/ProvidersSection';
import { SettingsPanel } from '@/components/SettingsPanel';
import type { Preset, TaskModels } from '../settings/types';
import { PROVIDER_PRESETS } from '../providers/presets';
import { useProvidersController, type ProvidersControllerDeps } from './providers-controller';
import { useStorageItem, type StorageItem } from './use-storage-item';
import { PageApiSitesContainer, type PageApiSettings } from './page-api-container';

export interface SettingsContainerProps extends ProvidersControllerDeps, PageApiSettings {
  language: StorageItem<string>;
  presets: StorageItem<Preset[]>;
  taskModels: StorageItem<TaskModels>;
  browserLanguage: string;
}

export function SettingsContainer(props: SettingsContainerProps) {
  const [language, setLanguage] = useStorageItem(props.language);
  // An empty list until read, so the default preset does not flash before the user's own.
  const [presets, setPresets] = useStorageItem(props.presets, [] as Preset[]);
  const [taskModels, setTaskModels] = useStorageItem(props.taskModels);
  return (
    <SettingsPanel
      language={language}
      onLanguageChange={(v) => void setLanguage(v)}
      presets={presets}
      onPresetsChange={(v) => void setPresets(v)}
      taskModels={taskModels}
      onTaskModelsChange={(v) => void setTaskModels(v)}
      browserLanguage={props.browserLanguage}
      providers={<ProvidersContainer {...props} />}
      pageApi={<PageApiSitesContainer {...props} />}
    />
  );
}

function ProvidersContainer(props: ProvidersControllerDeps) {
  const providers = useProvidersController(props);
  return (
    <ProvidersSection
      providers={providers.list}
      access={providers.access}
      presets={PROVIDER_PRESETS}
      fallback={providers.fallback}
      test={providers.test}
      notice={providers.notice}
      onTest={providers.testConnection}
      onSave={providers.save}
      onRemove={providers.remove}
      onGrant={providers.grant}
      onUse={providers.use}
      onFallbackChange={providers.setFallback}
    />
  );
}
