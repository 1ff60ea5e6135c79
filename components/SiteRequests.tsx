/**
 * Web pages asking to use Local AI's model through the page API, one prompt each: allow this
 * time, always, or never; and allowed sites waiting for their model to be downloaded: download
 * or not now. Shown in the side panel (extension UI), never in the page.
 */
import type { PendingSite } from '@/lib/settings/types';

type SiteChoice = 'once' | 'always' | 'never';

/** A site whose `create()` waits for a model that is not on this device. */
export interface SiteDownloadAsk {
  origin: string;
  modelId: string;
  /** "≈ 720 MB", or null when the size is not known. */
  size: string | null;
}

export interface SiteRequestsProps {
  pending: PendingSite[];
  downloads: SiteDownloadAsk[];
  onDecide: (origin: string, choice: SiteChoice) => void;
  onDownload: (origin: string, download: boolean) => void;
}

export function SiteRequests({ pending, downloads, onDecide, onDownload }: SiteRequestsProps) {
  if (!pending.length && !downloads.length) return null;
  return (
    <section class="site-requests" aria-label="Sites asking to use Local AI">
      {pending.map(({ origin }) => (
        <div
          class="consent"
          role="alertdialog"
          aria-label={`${origin} asks to use Local AI`}
          key={origin}
          data-testid="site-request"
        >
          <p>
            <strong>{origin}</strong> wants to use Local AI's model on this device. It will see only its own
            prompts and answers, never other pages, your settings or your files.
          </p>
          <div class="row-actions">
            <button type="button" onClick={() => onDecide(origin, 'once')}>
              Allow this time
            </button>
            <button type="button" onClick={() => onDecide(origin, 'always')}>
              Always allow
            </button>
            <button type="button" onClick={() => onDecide(origin, 'never')}>
              Never
            </button>
          </div>
        </div>
      ))}
      {downloads.map(({ origin, modelId, size }) => (
        <div
          class="consent"
          role="alertdialog"
          aria-label={`${origin} waits for a model download`}
          key={`download ${origin}`}
          data-testid="site-download-request"
        >
          <p>
            <strong>{origin}</strong> wants to use Local AI, and its model, <strong>{modelId}</strong>, is not
            on this device yet{size ? ` (${size} download, once for every site)` : ''}. The site sees the
            download's progress, nothing else.
          </p>
          <div class="row-actions">
            <button type="button" onClick={() => onDownload(origin, true)}>
              Download
            </button>
            <button type="button" onClick={() => onDownload(origin, false)}>
              Not now
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
