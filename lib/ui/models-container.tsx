/** Wires the Models view and its speed comparison to their controllers. */
import { ModelsPanel } from '@/components/ModelsPanel';
import { SpeedComparison } from '@/components/SpeedComparison';
import type { EngineClient, ModelRef } from '../protocol';
import { useModelsController, type ModelsControllerDeps } from './models-controller';
import { useSpeedComparison } from './speed-controller';
import type { SaveFile } from './save-file';

export interface ModelsContainerProps extends ModelsControllerDeps {
  client: EngineClient;
  saveFile: SaveFile;
}

export function ModelsContainer(props: ModelsContainerProps) {
  const models = useModelsController(props);
  return (
    <ModelsPanel
      caps={models.caps}
      storage={models.storage}
      downloads={props.status?.downloads ?? []}
      error={models.error}
      speedComparison={
        <SpeedContainer client={props.client} candidates={models.candidates} saveFile={props.saveFile} />
      }
      onDownload={models.download}
      onPause={models.pause}
      onResume={models.resume}
      onCancel={models.cancel}
      onUse={models.use}
      onDelete={models.remove}
      measuring={models.measuring}
      onMeasure={models.measure}
    />
  );
}

function SpeedContainer(props: { client: EngineClient; candidates: ModelRef[]; saveFile: SaveFile }) {
  const speed = useSpeedComparison(props.client);
  return (
    <SpeedComparison
      candidates={props.candidates}
      rows={speed.rows}
      busy={speed.busy}
      onCompare={speed.compare}
      onSave={props.saveFile}
    />
  );
}
