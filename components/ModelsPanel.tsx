/**
 * Models: the catalog by task for this device (download, use), any model by URL, and the
 * storage manager. Gets the engine client and settings as props.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { catalogFor } from '@/lib/models/catalog';
import { modelKey } from '@/lib/models/download-plan';
import {
  type StorageReport,
  type DeviceCapabilities,
  type EngineClient,
  type HostStatus,
  type ModelRef,
} from '@/lib/protocol';
import type { Provider, TaskKind } from '@/lib/settings/storage-items';
import { SpeedComparison } from './SpeedComparison';
import { DownloadBar, formatBytes } from './DownloadBar';
import { ModelPicker } from './ModelPicker';

type Item<T> = WxtStorageItem<T, Record<string, unknown>>;

export interface ModelsPanelProps {
  client: EngineClient;
  status: HostStatus | null;
  activeModel: Item<ModelRef | null>;
  taskModels: Item<Partial<Record<TaskKind, ModelRef>>>;
  providers: Item<Provider[]>;
}

const TASKS: { kind: TaskKind; label: string }[] = [
  { kind: 'chat', label: 'Chat and page questions' },
  { kind: 'summarise', label: 'Summarising' },
  { kind: 'translate', label: 'Translating' },
  { kind: 'sql', label: 'Tables (SQL)' },
];

export function ModelsPanel({ client, status, activeModel, taskModels, providers }: ModelsPanelProps) {
  const [caps, setCaps] = useState<DeviceCapabilities | null>(null);
  const [storage, setStorage] = useState<StorageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<ModelRef[]>([]);
  const downloads = status?.downloads ?? [];
  const refresh = () => void client.request('models.storage', {}).then(setStorage, () => {});
  useEffect(() => {
    void client.request('capabilities', {}).then(setCaps);
    refresh();
  }, [client]);
  const readyCount = downloads.filter((d) => d.state === 'ready').length;
  useEffect(refresh, [readyCount]);
  useEffect(() => {
    // Everything one could compare: the chosen model, downloaded models, and every provider model.
    void (async () => {
      const active = await activeModel.getValue();
      const remote = (await providers.getValue()).flatMap((p) =>
        p.models.map((m): ModelRef => ({ engine: 'remote', id: m, url: p.baseUrl })),
      );
      const seen = new Set<string>();
      setCandidates(
        [...(active ? [active] : []), ...(storage?.models.map((m) => m.model) ?? []), ...remote].filter(
          (m) => !seen.has(modelKey(m)) && seen.add(modelKey(m)),
        ),
      );
    })();
  }, [storage]);

  const stored = new Set(storage?.models.map((m) => m.key));
  const download = (model: ModelRef) => {
    setError(null);
    client.request('models.download', model).then(refresh, (e: Error) => setError(e.message));
  };
  const act = (method: 'models.pause' | 'models.resume' | 'models.cancel') => (key: string) =>
    void client
      .request(method, { key })
      .catch((e: Error) => setError(e.message))
      .finally(refresh);
  const use = async (kind: TaskKind, model: ModelRef) => {
    if (kind === 'chat') await activeModel.setValue(model);
    else await taskModels.setValue({ ...(await taskModels.getValue()), [kind]: model });
  };

  return (
    <section class="models">
      {caps && (
        <p class="hint" data-testid="device">
          {caps.webgpu
            ? `GPU: ${caps.adapter?.description || caps.adapter?.vendor || 'WebGPU adapter'}${caps.shaderF16 ? ', 16-bit shaders' : ', no 16-bit shaders'}`
            : caps.reason}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {downloads
        .filter((d) => d.state !== 'ready')
        .map((d) => (
          <DownloadBar
            key={d.key}
            download={d}
            onPause={act('models.pause')}
            onResume={act('models.resume')}
            onCancel={act('models.cancel')}
          />
        ))}
      {caps &&
        TASKS.map(({ kind, label }) => (
          <details class="task-catalog" key={kind} open={kind === 'chat'}>
            <summary>{label}</summary>
            <ul>
              {catalogFor(kind, caps).map((c, i) => (
                <li key={c.family} class={c.fits ? '' : 'no-fit'} data-testid="catalog-entry">
                  <div>
                    <strong>{c.name}</strong> {i === 0 && c.fits && <span class="badge">Recommended</span>}
                    <div class="meta">
                      ≈ {formatBytes(c.downloadMB * (1 << 20))}
                      {c.vramMB ? ` · ${formatBytes(c.vramMB * (1 << 20))} GPU memory` : ''} ·{' '}
                      {c.contextWindow.toLocaleString()} tokens ·{' '}
                      <a href={c.licence} target="_blank" rel="noopener noreferrer">
                        licence
                      </a>
                    </div>
                    <div class="meta">{c.note}</div>
                  </div>
                  {c.model &&
                    (stored.has(modelKey(c.model)) ? (
                      <button type="button" onClick={() => void use(kind, c.model!)}>
                        Use
                      </button>
                    ) : (
                      <button type="button" onClick={() => download(c.model!)}>
                        Download
                      </button>
                    ))}
                </li>
              ))}
            </ul>
          </details>
        ))}
      <details class="custom-model">
        <summary>Any model by URL</summary>
        <p class="hint">
          A GGUF file for llama.cpp, or an MLC model repository with its model library for WebLLM. It is
          checked before anything large is fetched.
        </p>
        <ModelPicker model={null} emptyLabel="add one" onChange={download} />
      </details>
      <h2>Compare speed</h2>
      <SpeedComparison client={client} candidates={candidates} />
      <h2>Storage</h2>
      {storage && (
        <>
          <p class="hint" data-testid="storage-totals">
            {storage.usedBytes !== null && `${formatBytes(storage.usedBytes)} used`}
            {storage.quotaBytes !== null && ` of ${formatBytes(storage.quotaBytes)} available`}
            {storage.persisted ? ' · kept when the disk is full' : ''}
          </p>
          <ul class="stored">
            {storage.models.map((m) => (
              <li key={m.key} data-testid="stored-model">
                <div>
                  <strong>{m.model.id}</strong>
                  <div class="meta">
                    {formatBytes(m.bytes)} ·{' '}
                    {m.lastUsed ? `last used ${new Date(m.lastUsed).toLocaleString()}` : 'not used yet'}
                  </div>
                </div>
                <span class="row-actions">
                  <button type="button" onClick={() => void activeModel.setValue(m.model)}>
                    Use
                  </button>
                  <button
                    type="button"
                    onClick={() => void client.request('models.delete', m.model).then(refresh)}
                  >
                    Delete
                  </button>
                </span>
              </li>
            ))}
            {storage.models.length === 0 && <li class="hint">No models downloaded yet.</li>}
          </ul>
        </>
      )}
    </section>
  );
}
