/** Asks before page content leaves the device: once, always for this site, or not at all. */
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
    <div
      class="consent"
      role="alertdialog"
      aria-label="Send page content off this device?"
      data-testid="consent"
    >
      <p>{children}</p>
      <div class="row-actions">
        <button type="button" onClick={() => onAnswer('once')}>
          Send this time
        </button>
        <button type="button" onClick={() => onAnswer('always')}>
          Always for {site}
        </button>
        <button type="button" onClick={() => onAnswer('no')}>
          Keep it on this device
        </button>
      </div>
    </div>
  );
}
