/**
 * Models: the catalog by task for this device (download, use), any model by URL, and the
 * storage manager. Shows what it is given and reports what the user asks for.
 */
import type { ComponentChildren } from 'preact';
import { catalogFor } from '@/lib/models/catalog';
import { modelKey } from '@/lib/models/download-plan';
import type { DeviceCapabilities, DownloadProgress, ModelRef, StorageReport } from '@/lib/protocol';
import type { TaskKind } from '@/lib/settings/types';
import { DownloadBar, formatBytes } from './DownloadBar';
import { ModelPicker } from './ModelPicker';
import { DeviceSpeed } from './DeviceSpeed';

export interface ModelsPanelProps {
  caps: DeviceCapabilities | null;
  storage: StorageReport | null;
  downloads: DownloadProgress[];
  error: string | null;
  /** The "Compare speed" section. */
  speedComparison: ComponentChildren;
  onDownload: (model: ModelRef) => void;
  onPause: (key: string) => void;
  onResume: (key: string) => void;
  onCancel: (key: string) => void;
  /** Use `model` for `kind` (for chat: the model chosen at the top). */
  onUse: (kind: TaskKind, model: ModelRef) => void;
  onDelete: (model: ModelRef) => void;
  /** Measuring the device's engine speeds is under way. */
  measuring: boolean;
  /** Measure the device again. */
  onMeasure: () => void;
}

const TASKS: { kind: TaskKind; label: string }[] = [
  { kind: 'chat', label: 'Chat and page questions' },
  { kind: 'summarise', label: 'Summarising' },
  { kind: 'translate', label: 'Translating' },
  { kind: 'sql', label: 'Tables (SQL)' },
];

export function ModelsPanel(props: ModelsPanelProps) {
  const { caps, storage, error, downloads } = props;
  const stored = new Set(storage?.models.map((m) => m.key));

  return (
    <section class="models">
      {caps && <DeviceSpeed caps={caps} measuring={props.measuring} onMeasure={props.onMeasure} />}
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
            onPause={props.onPause}
            onResume={props.onResume}
            onCancel={props.onCancel}
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
                      <button type="button" onClick={() => props.onUse(kind, c.model!)}>
                        Use
                      </button>
                    ) : (
                      <button type="button" onClick={() => props.onDownload(c.model!)}>
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
        <ModelPicker model={null} emptyLabel="add one" onChange={props.onDownload} />
      </details>
      <h2>Compare speed</h2>
      {props.speedComparison}
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
                  <button type="button" onClick={() => props.onUse('chat', m.model)}>
                    Use
                  </button>
                  <button type="button" onClick={() => props.onDelete(m.model)}>
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
