/** Asks before page content leaves the device: once, always for this site, or not at all. */
import { ShieldCheck } from 'lucide-preact';
import { t } from '@/lib/i18n/i18n';
import type { ComponentChildren } from 'preact';
import type { ConsentChoice } from '@/lib/providers/consent';

export interface ConsentPromptProps {
  site: string;
  /** The question, naming what would be sent and where. */
  children: ComponentChildren;
  onAnswer: (choice: ConsentChoice) => void;
}

export function ConsentPrompt({ site, children, onAnswer }: ConsentPromptProps) {
  return (
    <div class="consent" role="alertdialog" aria-label={t('consent_label')} data-testid="consent">
      <p>{children}</p>
      <div class="row-actions">
        <button type="button" onClick={() => onAnswer('once')}>
          {t('consent_once')}
        </button>
        <button type="button" onClick={() => onAnswer('always')}>
          {t('consent_always', site)}
        </button>
        <button type="button" class="primary" onClick={() => onAnswer('no')}>
          <ShieldCheck size={16} aria-hidden="true" />
          {t('consent_no')}
        </button>
      </div>
    </div>
  );
}
