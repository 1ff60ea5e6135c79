/**
 * Web pages asking to use Local AI's model through the page API, one prompt each: allow this
 * time, always, or never. Shown in the side panel (extension UI), never in the page.
 */
import type { PendingSite } from '@/lib/settings/types';

type SiteChoice = 'once' | 'always' | 'never';

export interface SiteRequestsProps {
  pending: PendingSite[];
  onDecide: (origin: string, choice: SiteChoice) => void;
}

export function SiteRequests({ pending, onDecide }: SiteRequestsProps) {
  if (!pending.length) return null;
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
    </section>
  );
}
