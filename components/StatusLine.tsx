/** One line that always says which model is in use, and its load progress. */
import type { HostStatus } from '@/lib/protocol';

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
  return (
    <p class="status-line" data-testid="status">
      {status.loaded ? `Ready: ${status.loaded.id} (${status.loaded.engine})` : 'No model loaded yet'}
      {status.queued > 0 && ` · ${status.queued} waiting`}
    </p>
  );
}
