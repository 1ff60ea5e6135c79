/** One line that always says which model is in use, and its load progress. */
import type { HostStatus } from '@/lib/protocol';
import { formatBytes, formatTime } from './DownloadBar';

export function StatusLine({ status }: { status: HostStatus | null }) {
  if (!status) return <p class="status-line">Starting the engine…</p>;
  if (status.loading) {
    const pct = Math.round(status.loading.progress * 100);
    return (
      <p class="status-line" data-testid="status">
        <progress max={100} value={pct} aria-label="Model loading" /> {status.loading.text} ({pct}%)
      </p>
    );
  }
  // Downloads show in every open panel, whichever view it is on.
  const active = status.downloads.filter((d) => d.state === 'downloading' || d.state === 'planning');
  const builtin = status.builtin;
  return (
    <>
      <p class="status-line" data-testid="status">
        {status.loaded ? `Ready: ${status.loaded.id} (${status.loaded.engine})` : 'No model loaded yet'}
        {status.loaded && status.loadedOn && ` · ${status.loadedOn}`}
        {status.queued > 0 && ` · ${status.queued} waiting`}
      </p>
      {status.notice && (
        <p class="status-line" data-testid="status-notice">
          {status.notice}
        </p>
      )}
      {active.map((d) => {
        const pct = d.totalBytes ? Math.floor((d.receivedBytes / d.totalBytes) * 100) : 0;
        return (
          <p class="status-line" key={d.key} data-testid="status-download">
            <progress max={100} value={pct} aria-label={`Downloading ${d.model.id}`} /> {d.model.id}: {pct}%
            {d.totalBytes > 0 && ` · ${formatBytes(d.receivedBytes)} of ${formatBytes(d.totalBytes)}`}
            {d.bytesPerSecond > 0 && ` · ${formatBytes(d.bytesPerSecond)}/s · ${formatTime(d.secondsLeft)}`}
            {builtin.availability === 'available' && " · Chrome's built-in model answers meanwhile"}
          </p>
        );
      })}
      {builtin.availability === 'downloading' && (
        <p class="status-line" data-testid="status-builtin">
          <progress
            max={100}
            value={Math.round((builtin.progress ?? 0) * 100)}
            aria-label="Chrome downloading its built-in model"
          />{' '}
          Chrome is downloading its built-in model
          {builtin.progress !== null && `: ${Math.round(builtin.progress * 100)}%`}
        </p>
      )}
    </>
  );
}
