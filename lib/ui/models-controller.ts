/**
 * State and host calls behind the Models view: device capabilities, the storage report (read
 * again whenever a download finishes), downloads and their controls, and the choice of a model
 * per task.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { modelKey } from '../models/download-plan';
import {
  errorMessage,
  type DeviceCapabilities,
  type EngineClient,
  type HostStatus,
  type ModelRef,
  type StorageReport,
} from '../protocol';
import type { Provider, TaskKind, TaskModels } from '../settings/types';
import { useStorageItem, type StorageItem } from './use-storage-item';

export interface ModelsControllerDeps {
  client: Pick<EngineClient, 'request'>;
  status: HostStatus | null;
  activeModel: StorageItem<ModelRef | null>;
  taskModels: StorageItem<TaskModels>;
  providers: StorageItem<Provider[]>;
}

export interface ModelsController {
  caps: DeviceCapabilities | null;
  storage: StorageReport | null;
  error: string | null;
  /** Every model one could compare for speed. */
  candidates: ModelRef[];
  download: (model: ModelRef) => void;
  pause: (key: string) => void;
  resume: (key: string) => void;
  cancel: (key: string) => void;
  /** Makes `model` the one for `kind` (for chat: the model chosen at the top). */
  use: (kind: TaskKind, model: ModelRef) => void;
  remove: (model: ModelRef) => void;
  measuring: boolean;
  /** Measures the device's engine speeds again (a few seconds in the host). */
  measure: () => void;
}

/** What the speed comparison offers: the chosen model, downloaded models, every provider model; once each. */
export function comparisonCandidates(
  active: ModelRef | null,
  stored: ModelRef[],
  providers: Provider[],
): ModelRef[] {
  const remote = providers.flatMap((p) =>
    p.models.map((m): ModelRef => ({ engine: 'remote', id: m, url: p.baseUrl })),
  );
  const seen = new Set<string>();
  return [...(active ? [active] : []), ...stored, ...remote].filter(
    (m) => !seen.has(modelKey(m)) && seen.add(modelKey(m)),
  );
}

export function useModelsController(deps: ModelsControllerDeps): ModelsController {
  const { client, status, activeModel, taskModels } = deps;
  const [caps, setCaps] = useState<DeviceCapabilities | null>(null);
  const [storage, setStorage] = useState<StorageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const [active] = useStorageItem(activeModel);
  const [providers] = useStorageItem(deps.providers);

  // A report that cannot be read leaves the last one on screen.
  const refresh = () => void client.request('models.storage', {}).then(setStorage, () => {});
  useEffect(() => {
    void client.request('capabilities', {}).then(setCaps, (e) => setError(errorMessage(e)));
    refresh();
  }, [client]);
  const readyCount = (status?.downloads ?? []).filter((d) => d.state === 'ready').length;
  useEffect(refresh, [readyCount]);

  const candidates = useMemo(
    () => comparisonCandidates(active, storage?.models.map((m) => m.model) ?? [], providers),
    [active, storage, providers],
  );
  const control = (method: 'models.pause' | 'models.resume' | 'models.cancel') => (key: string) =>
    void client
      .request(method, { key })
      .catch((e) => setError(errorMessage(e)))
      .finally(refresh);

  return {
    caps,
    storage,
    error,
    candidates,
    download(model) {
      setError(null);
      void client.request('models.download', model).then(refresh, (e) => setError(errorMessage(e)));
    },
    pause: control('models.pause'),
    resume: control('models.resume'),
    cancel: control('models.cancel'),
    use(kind, model) {
      if (kind === 'chat') void activeModel.setValue(model);
      else void taskModels.getValue().then((models) => taskModels.setValue({ ...models, [kind]: model }));
    },
    remove(model) {
      void client.request('models.delete', model).then(refresh, (e) => setError(errorMessage(e)));
    },
    measuring,
    measure() {
      setMeasuring(true);
      void client
        .request('calibrate', {})
        .then(setCaps, (e) => setError(errorMessage(e)))
        .finally(() => setMeasuring(false));
    },
  };
}
