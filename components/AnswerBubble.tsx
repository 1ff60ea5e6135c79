/** The small answer bubble shown next to a selection. Model output is rendered as text only. */
import type { ConsentChoice } from '@/lib/providers/consent';
export interface AnswerBubbleProps {
  state: 'waiting' | 'streaming' | 'done' | 'error';
  text: string;
  error?: string;
  queuePosition?: number;
  loading?: string;
  onStop: () => void;
  onClose: () => void;
  onContinue: () => void;
  /** Where it ran and how fast. */
  run?: string;
  /** Asking before the selection goes to a provider off this device. */
  consent?: { provider: string; site: string };
  onConsent?: (choice: ConsentChoice) => void;
}

export function AnswerBubble(props: AnswerBubbleProps) {
  const busy = props.state === 'waiting' || props.state === 'streaming';
  return (
    <div class="bubble" role="dialog" aria-label="Local AI answer" data-state={props.state}>
      <header>
        <strong>Local AI</strong>
        <span class="status" aria-live="polite">
          {props.state === 'waiting' &&
            (props.loading ?? (props.queuePosition ? `Waiting (#${props.queuePosition})` : 'Thinking…'))}
          {props.state === 'done' && 'Done'}
        </span>
        {busy && (
          <button type="button" onClick={props.onStop}>
            Stop
          </button>
        )}
        <button type="button" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.consent && (
        <div class="consent">
          <p>Send this selection to {props.consent.provider}? It leaves this device.</p>
          <button type="button" onClick={() => props.onConsent?.('once')}>
            Send this time
          </button>{' '}
          <button type="button" onClick={() => props.onConsent?.('always')}>
            Always for {props.consent.site}
          </button>{' '}
          <button type="button" onClick={() => props.onConsent?.('no')}>
            Cancel
          </button>
        </div>
      )}
      <p class="answer">{props.text}</p>
      {props.run && <p class="run">{props.run}</p>}
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      {props.state === 'done' && props.text && (
        <footer>
          <button type="button" onClick={props.onContinue}>
            Continue in side panel
          </button>
        </footer>
      )}
    </div>
  );
}
