import { useCallback, useEffect, useState } from 'preact/hooks';

/** How long a toast stays: long enough to read two short lines, short enough not to cover work. */
export const TOAST_MS = 4000;

export interface ToastState {
  /** The message shown now, or null. */
  message: string | null;
  /** Shows `message`, replacing any toast still shown (one at a time, never a pile). */
  show: (message: string) => void;
  dismiss: () => void;
}

/** One transient confirmation at a time ("Copied"), gone after TOAST_MS or when dismissed. */
export function useToast(ms = TOAST_MS): ToastState {
  const [shown, setShown] = useState<{ message: string; at: number } | null>(null);
  const show = useCallback((message: string) => setShown({ message, at: Date.now() }), []);
  const dismiss = useCallback(() => setShown(null), []);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown((now) => (now === shown ? null : now)), ms);
    return () => clearTimeout(timer);
  }, [shown, ms]);
  return { message: shown?.message ?? null, show, dismiss };
}
