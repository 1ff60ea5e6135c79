/**
 * The first-run welcome in the Chat view: what this is, what this device runs best, and one
 * recommended model per task with its download, one click away. Props in, events out.
 */
import { Download } from 'lucide-preact';
import { t, type MessageKey } from '@/lib/i18n/i18n';
import { formatMegabytes } from '@/lib/ui/format';
import { tRich } from '@/lib/ui/rich-text';
import type { DownloadProgress, ModelRef } from '@/lib/protocol';
import type { WelcomePick } from '@/lib/models/welcome-picks';
import type { TaskKind } from '@/lib/settings/types';

export interface WelcomeProps {
  /** This device in one sentence, or null while it is being measured. */
  device: string | null;
  /** Null while loading; empty when nothing in the catalog runs here. */
  picks: WelcomePick[] | null;
  downloads: DownloadProgress[];
  error: string | null;
  onDownload: (pick: WelcomePick) => void;
  onDismiss: () => void;
  onOpenSettings: () => void;
}

const TASK_WORDS: Record<TaskKind, MessageKey> = {
  chat: 'welcome_task_chat',
  summarise: 'welcome_task_summarise',
  translate: 'welcome_task_translate',
  sql: 'welcome_task_sql',
};

function progressOf(downloads: DownloadProgress[], model: ModelRef): DownloadProgress | undefined {
  return downloads.find((d) => d.model.id === model.id && d.model.engine === model.engine);
}

export function Welcome(props: WelcomeProps) {
  const { device, picks, downloads, error } = props;
  return (
    <section class="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('welcome_title')}</h2>
      <p>{t('welcome_intro')}</p>
      <p class="hint" data-testid="welcome-device">
        {device ?? t('welcome_looking')}
      </p>
      {picks && picks.length === 0 && (
        <p>
          {tRich(
            'welcome_no_fit',
            <button type="button" class="link" onClick={props.onOpenSettings}>
              {t('view_settings')}
            </button>,
          )}
        </p>
      )}
      {picks && picks.length > 0 && (
        <ul class="welcome-picks">
          {picks.map((pick) => {
            const model = pick.choice.model!;
            const running = progressOf(downloads, model);
            const busy = !!running && ['planning', 'downloading', 'paused'].includes(running.state);
            return (
              <li key={model.id}>
                <div>
                  <strong>{pick.choice.name}</strong> · {formatMegabytes(pick.choice.downloadMB)} ·{' '}
                  {t('welcome_for', pick.tasks.map((k) => t(TASK_WORDS[k])).join(t('list_separator')))}
                  <div class="hint">{pick.choice.note}</div>
                  {busy && (
                    <progress
                      max={running.totalBytes || 1}
                      value={running.receivedBytes}
                      aria-label={t('download_label', pick.choice.name)}
                    />
                  )}
                </div>
                <button type="button" class="primary" disabled={busy} onClick={() => props.onDownload(pick)}>
                  <Download size={16} aria-hidden="true" />
                  {busy ? t('offer_downloading') : t('models_download')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={props.onDismiss}>
        {t('welcome_not_now')}
      </button>
    </section>
  );
}
