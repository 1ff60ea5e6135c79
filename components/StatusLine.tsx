/** One line that always says which model is in use, and its load progress. */
import { t } from '@/lib/i18n/i18n';
import type { HostStatus } from '@/lib/protocol';
import { formatBytes, formatNumber, formatTimeLeft } from '@/lib/ui/format';

export function StatusLine({ status }: { status: HostStatus | null }) {
  if (!status) return <p class="status-line">{t('status_starting')}</p>;
  if (status.loading) {
    const pct = Math.round(status.loading.progress * 100);
    return (
      <p class="status-line" data-testid="status">
        <progress max={100} value={pct} aria-label={t('status_loading')} /> {status.loading.text} (
        {t('percent', formatNumber(pct))})
      </p>
    );
  }
  // Downloads show in every open panel, whichever view it is on.
  const active = status.downloads.filter((d) => d.state === 'downloading' || d.state === 'planning');
  const builtin = status.builtin;
  return (
    <>
      <p class="status-line" data-testid="status">
        {status.loaded ? t('status_ready', status.loaded.id, status.loaded.engine) : t('status_none')}
        {status.loaded && status.loadedOn && ` · ${status.loadedOn}`}
        {status.queued > 0 && t('status_waiting', formatNumber(status.queued))}
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
            <progress max={100} value={pct} aria-label={t('download_label', d.model.id)} /> {d.model.id}:{' '}
            {t('percent', formatNumber(pct))}
            {d.totalBytes > 0 &&
              ` · ${t('download_of', formatBytes(d.receivedBytes), formatBytes(d.totalBytes))}`}
            {d.bytesPerSecond > 0 &&
              ` · ${t('download_rate', formatBytes(d.bytesPerSecond))} · ${formatTimeLeft(d.secondsLeft)}`}
            {builtin.availability === 'available' && t('status_builtin_meanwhile')}
          </p>
        );
      })}
      {builtin.availability === 'downloading' && (
        <p class="status-line" data-testid="status-builtin">
          <progress
            max={100}
            value={Math.round((builtin.progress ?? 0) * 100)}
            aria-label={t('status_builtin_label')}
          />{' '}
          {t('status_builtin_downloading')}
          {builtin.progress !== null && `: ${t('percent', formatNumber(Math.round(builtin.progress * 100)))}`}
        </p>
      )}
    </>
  );
}
