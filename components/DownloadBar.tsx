/** One download: a progress bar with bytes, speed and time left, and Pause / Resume / Cancel. */
import type { DownloadProgress } from '@/lib/protocol';

export const formatBytes = (n: number) =>
  n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(2)} GB` : `${(n / (1 << 20)).toFixed(1)} MB`;

export function formatTime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s left`;
}

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
          {d.state === 'planning' && 'Checking the files…'}
          {d.state === 'downloading' && `${pct}%`}
          {d.state === 'paused' && `Paused at ${pct}%`}
          {d.state === 'ready' && 'Ready'}
          {d.state === 'failed' && 'Failed'}
        </span>
      </div>
      {d.state !== 'ready' && <progress max={100} value={pct} aria-label={`Downloading ${d.model.id}`} />}
      <div class="download-meta">
        {d.totalBytes > 0 && `${formatBytes(d.receivedBytes)} of ${formatBytes(d.totalBytes)}`}
        {d.state === 'downloading' &&
          d.bytesPerSecond > 0 &&
          ` · ${formatBytes(d.bytesPerSecond)}/s · ${formatTime(d.secondsLeft)}`}
        {d.files > 0 && ` · ${d.filesDone}/${d.files} files`}
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
              Pause
            </button>
          ) : (
            <button type="button" onClick={() => onResume(d.key)}>
              {d.state === 'failed' ? 'Retry' : 'Resume'}
            </button>
          )}
          <button type="button" onClick={() => onCancel(d.key)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
