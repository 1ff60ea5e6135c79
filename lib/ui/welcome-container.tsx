/**
 * The first-run welcome, wired: shown in the Chat view while no model is on this device, none is
 * loaded or chosen and nothing was asked yet, until the user says "Not now".
 */
import { useMemo, useState } from 'preact/hooks';
import { Welcome } from '@/components/Welcome';
import { welcomePicks } from '../models/welcome-picks';
import { deviceSummary } from './device-summary';
import { useModelsController, type ModelsControllerDeps } from './models-controller';
import { useStorageItem } from './use-storage-item';

export interface WelcomeContainerProps extends ModelsControllerDeps {
  /** Whether the conversation has started (the welcome then steps aside). */
  chatting: boolean;
  onOpenSettings: () => void;
}

export function WelcomeContainer(props: WelcomeContainerProps) {
  const models = useModelsController(props);
  const [dismissed, setDismissed] = useState(false);
  const [active] = useStorageItem(props.activeModel);
  // Picking a model from the welcome chooses it too; the welcome stays to show the download.
  const [picked, setPicked] = useState(false);
  const picks = useMemo(() => (models.caps ? (welcomePicks(models.caps) ?? []) : null), [models.caps]);
  const nothingHere = models.storage?.models.length === 0 && !props.status?.loaded;
  if (dismissed || props.chatting || !nothingHere || (active && !picked)) return null;
  return (
    <Welcome
      device={models.caps && deviceSummary(models.caps)}
      picks={picks}
      downloads={props.status?.downloads ?? []}
      error={models.error}
      onDownload={({ choice, kind }) => {
        setPicked(true);
        models.download(choice.model!);
        models.use(kind, choice.model!);
      }}
      onDismiss={() => setDismissed(true)}
      onOpenSettings={props.onOpenSettings}
    />
  );
}
