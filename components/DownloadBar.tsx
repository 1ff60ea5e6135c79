/** One download: a progress bar with bytes, speed and time left, and Pause / Resume / Cancel. */
import { t } from '@/lib/i18n/i18n';
import type { DownloadProgress } from '@/lib/protocol';
import { formatBytes, formatNumber, formatTimeLeft } from '@/lib/ui/format';

export interface DownloadBarProps {
  download: DownloadProgress;
  onPause: (key: string) => void;
  onResume: (key: string) => void;
  onCancel: (key: string) => void;
}

export function DownloadBar({ download: d, onPause, onResume, onCancel }: DownloadBarProps) {
  const pct = d.totalBytes ? Math.min(100, Math.floor((d.receivedBytes / d.totalBytes) * 100)) : 0;
  return (
    <div class={`download ${d.state}`} data-testid="download" data-state={d.state} data-percent={pct}>
      <div class="download-head">
        <strong>{d.model.id}</strong>
        <span>
          {d.state === 'planning' && t('download_planning')}
          {d.state === 'downloading' && t('percent', formatNumber(pct))}
          {d.state === 'paused' && t('download_paused', formatNumber(pct))}
          {d.state === 'ready' && t('download_ready')}
          {d.state === 'failed' && t('download_failed')}
        </span>
      </div>
      {d.state !== 'ready' && <progress max={100} value={pct} aria-label={t('download_label', d.model.id)} />}
      <div class="download-meta">
        {d.totalBytes > 0 && t('download_of', formatBytes(d.receivedBytes), formatBytes(d.totalBytes))}
        {d.state === 'downloading' &&
          d.bytesPerSecond > 0 &&
          ` · ${t('download_rate', formatBytes(d.bytesPerSecond))} · ${formatTimeLeft(d.secondsLeft)}`}
        {d.files > 0 && ` · ${t('download_files', formatNumber(d.filesDone), formatNumber(d.files))}`}
      </div>
      {d.error && (
        <p class="error" role="alert">
          {d.error}
        </p>
      )}
      {(d.state === 'downloading' || d.state === 'paused' || d.state === 'failed') && (
        <div class="row-actions">
          {d.state === 'downloading' ? (
            <button type="button" onClick={() => onPause(d.key)}>
              {t('download_pause')}
            </button>
          ) : (
            <button type="button" onClick={() => onResume(d.key)}>
              {d.state === 'failed' ? t('download_retry') : t('download_resume')}
            </button>
          )}
          <button type="button" onClick={() => onCancel(d.key)}>
            {t('download_cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
