import { X } from 'lucide-preact';

export interface ToastProps {
  message: string | null;
  dismissLabel: string;
  onDismiss: () => void;
}

/** A short confirmation at the bottom of the panel, read out by screen readers without moving focus. */
export function Toast({ message, dismissLabel, onDismiss }: ToastProps) {
  return (
    <div role="status" aria-live="polite" class={message ? 'toast' : 'visually-hidden'}>
      {message && (
        <>
          <span>{message}</span>
          <button type="button" aria-label={dismissLabel} title={dismissLabel} onClick={onDismiss}>
            <X size={16} aria-hidden="true" />
          </button>
        </>
      )}
    </div>
  );
}
