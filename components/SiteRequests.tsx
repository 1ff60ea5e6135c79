/**
 * Web pages asking to use Local AI's model through the page API, one prompt each: allow this
 * time, always, or never; and allowed sites waiting for their model to be downloaded: download
 * or not now. Shown in the side panel (extension UI), never in the page.
 */
import { t } from '@/lib/i18n/i18n';
import { tRich } from '@/lib/ui/rich-text';
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
    <section class="site-requests" aria-label={t('site_requests_label')}>
      {pending.map(({ origin }) => (
        <div
          class="consent"
          role="alertdialog"
          aria-label={t('site_request_label', origin)}
          key={origin}
          data-testid="site-request"
        >
          <p>{tRich('site_request_text', <strong dir="ltr">{origin}</strong>)}</p>
          <div class="row-actions">
            <button type="button" onClick={() => onDecide(origin, 'once')}>
              {t('site_allow_once')}
            </button>
            <button type="button" onClick={() => onDecide(origin, 'always')}>
              {t('site_allow_always')}
            </button>
            <button type="button" onClick={() => onDecide(origin, 'never')}>
              {t('pageapi_never')}
            </button>
          </div>
        </div>
      ))}
      {downloads.map(({ origin, modelId, size }) => (
        <div
          class="consent"
          role="alertdialog"
          aria-label={t('site_download_label', origin)}
          key={`download ${origin}`}
          data-testid="site-download-request"
        >
          <p>
            {size
              ? tRich(
                  'site_download_text_sized',
                  <strong dir="ltr">{origin}</strong>,
                  <strong>
                    <bdi>{modelId}</bdi>
                  </strong>,
                  <bdi>{size}</bdi>,
                )
              : tRich(
                  'site_download_text',
                  <strong dir="ltr">{origin}</strong>,
                  <strong>
                    <bdi>{modelId}</bdi>
                  </strong>,
                )}
          </p>
          <div class="row-actions">
            <button type="button" onClick={() => onDownload(origin, true)}>
              {t('models_download')}
            </button>
            <button type="button" onClick={() => onDownload(origin, false)}>
              {t('welcome_not_now')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
