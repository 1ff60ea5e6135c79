/**
 * The first-run welcome, wired: shown in the Chat view while no model is on this device, none is
 * loaded and nothing was asked yet, until the user says "Not now".
 */
import { useMemo, useState } from 'preact/hooks';
import { Welcome } from '@/components/Welcome';
import { deviceSummary, welcomePicks } from '../models/welcome-picks';
import { useModelsController, type ModelsControllerDeps } from './models-controller';

export interface WelcomeContainerProps extends ModelsControllerDeps {
  /** Whether the conversation has started (the welcome then steps aside). */
  chatting: boolean;
  onOpenSettings: () => void;
}

export function WelcomeContainer(props: WelcomeContainerProps) {
  const models = useModelsController(props);
  const [dismissed, setDismissed] = useState(false);
  const picks = useMemo(() => (models.caps ? (welcomePicks(models.caps) ?? []) : null), [models.caps]);
  const nothingHere = models.storage?.models.length === 0 && !props.status?.loaded;
  if (dismissed || props.chatting || !nothingHere) return null;
  return (
    <Welcome
      device={models.caps && deviceSummary(models.caps)}
      picks={picks}
      downloads={props.status?.downloads ?? []}
      error={models.error}
      onDownload={({ choice, kind }) => {
        models.download(choice.model!);
        models.use(kind, choice.model!);
      }}
      onDismiss={() => setDismissed(true)}
      onOpenSettings={props.onOpenSettings}
    />
  );
}
