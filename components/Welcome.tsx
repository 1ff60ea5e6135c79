/**
 * The first-run welcome in the Chat view: what this is, what this device runs best, and one
 * recommended model per task with its download, one click away. Props in, events out.
 */
import type { DownloadProgress, ModelRef } from '@/lib/protocol';
import type { WelcomePick } from '@/lib/models/welcome-picks';

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

const size = (mb: number) => (mb >= 1000 ? `${(mb / 1000).toFixed(1)} GB` : `${mb} MB`);

function progressOf(downloads: DownloadProgress[], model: ModelRef): DownloadProgress | undefined {
  return downloads.find((d) => d.model.id === model.id && d.model.engine === model.engine);
}

export function Welcome(props: WelcomeProps) {
  const { device, picks, downloads, error } = props;
  return (
    <section class="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to Local AI</h2>
      <p>
        Answers come from a language model on this device: download one once, and every site and tab uses it.
        Nothing you ask leaves this device unless you add a provider and allow it.
      </p>
      <p class="hint" data-testid="welcome-device">
        {device ?? 'Looking at this device…'}
      </p>
      {picks && picks.length === 0 && (
        <p>
          No model in the catalog runs well here. Add a model server or a provider in{' '}
          <button type="button" class="link" onClick={props.onOpenSettings}>
            Settings
          </button>
          .
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
                  <strong>{pick.choice.name}</strong> · {size(pick.choice.downloadMB)} · for{' '}
                  {pick.tasks.join(', ')}
                  <div class="hint">{pick.choice.note}</div>
                  {busy && (
                    <progress
                      max={running.totalBytes || 1}
                      value={running.receivedBytes}
                      aria-label={`Downloading ${pick.choice.name}`}
                    />
                  )}
                </div>
                <button type="button" disabled={busy} onClick={() => props.onDownload(pick)}>
                  {busy ? 'Downloading…' : 'Download'}
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
        Not now
      </button>
    </section>
  );
}
