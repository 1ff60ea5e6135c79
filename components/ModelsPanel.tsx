/**
 * Models: the catalog by task for this device (download, use), any model by URL, and the
 * storage manager. Shows what it is given and reports what the user asks for.
 */
import { HardDriveDownload } from 'lucide-preact';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import type { ComponentChildren } from 'preact';
import { catalogFor } from '@/lib/models/catalog';
import { modelKey } from '@/lib/models/download-plan';
import type { DeviceCapabilities, DownloadProgress, ModelRef, StorageReport } from '@/lib/protocol';
import type { TaskKind } from '@/lib/settings/types';
import { formatBytes, formatDateTime, formatNumber } from '@/lib/ui/format';
import { DownloadBar } from './DownloadBar';
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

const TASKS: { kind: TaskKind; label: MessageKey }[] = [
  { kind: 'chat', label: 'models_task_chat' },
  { kind: 'summarise', label: 'task_summarise' },
  { kind: 'translate', label: 'task_translate' },
  { kind: 'sql', label: 'task_sql' },
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
            <summary>{t(label)}</summary>
            <ul>
              {catalogFor(kind, caps).map((c, i) => (
                <li key={c.family} class={c.fits ? '' : 'no-fit'} data-testid="catalog-entry">
                  <div>
                    <strong>{c.name}</strong>{' '}
                    {i === 0 && c.fits && <span class="badge">{t('models_recommended')}</span>}
                    <div class="meta">
                      ≈ {formatBytes(c.downloadMB * (1 << 20))}
                      {c.vramMB
                        ? ` · ${t('models_gpu_memory', formatBytes(c.vramMB * (1 << 20)))}`
                        : ''} · {t('models_tokens', formatNumber(c.contextWindow))} ·{' '}
                      <a href={c.licence} target="_blank" rel="noopener noreferrer">
                        {t('models_licence')}
                      </a>
                    </div>
                    <div class="meta">{c.note}</div>
                  </div>
                  {c.model &&
                    (stored.has(modelKey(c.model)) ? (
                      <button type="button" onClick={() => props.onUse(kind, c.model!)}>
                        {t('models_use')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => props.onDownload(c.model!)}>
                        {t('models_download')}
                      </button>
                    ))}
                </li>
              ))}
            </ul>
          </details>
        ))}
      <details class="custom-model">
        <summary>{t('models_custom')}</summary>
        <p class="hint">{t('models_custom_hint')}</p>
        <ModelPicker model={null} emptyLabel={t('models_add_one')} onChange={props.onDownload} />
      </details>
      <h2>{t('models_compare')}</h2>
      {props.speedComparison}
      <h2>{t('models_storage')}</h2>
      {storage && (
        <>
          <p class="hint" data-testid="storage-totals">
            {storage.usedBytes !== null && t('models_used', formatBytes(storage.usedBytes))}
            {storage.quotaBytes !== null && t('models_available', formatBytes(storage.quotaBytes))}
            {storage.persisted ? t('models_persisted') : ''}
          </p>
          <ul class="stored">
            {storage.models.map((m) => (
              <li key={m.key} data-testid="stored-model">
                <div>
                  <strong>{m.model.id}</strong>
                  <div class="meta">
                    {formatBytes(m.bytes)} ·{' '}
                    {m.lastUsed ? t('models_last_used', formatDateTime(m.lastUsed)) : t('models_not_used')}
                  </div>
                </div>
                <span class="row-actions">
                  <button type="button" onClick={() => props.onUse('chat', m.model)}>
                    {t('models_use')}
                  </button>
                  <button type="button" class="danger" onClick={() => props.onDelete(m.model)}>
                    {t('models_delete')}
                  </button>
                </span>
              </li>
            ))}
            {storage.models.length === 0 && (
              <li class="empty">
                <HardDriveDownload size={28} aria-hidden="true" />
                <p>{t('models_none')}</p>
                <p class="hint">{t('models_none_next')}</p>
              </li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
