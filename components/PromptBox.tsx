/** A question box: Enter sends, Shift+Enter adds a line, Esc stops; Send becomes Stop while busy. */
import { SendHorizontal, Square } from 'lucide-preact';
import { t } from '@/lib/i18n/i18n';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface PromptBoxProps {
  name: string;
  placeholder: string;
  busy: boolean;
  sendLabel: string;
  rows?: number;
  autoFocus?: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}

export function PromptBox({
  name,
  placeholder,
  busy,
  sendLabel,
  rows = 3,
  autoFocus,
  onSend,
  onStop,
}: PromptBoxProps) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // Not while the user moves between the panel's views with the keyboard: focus stays on the tabs
    // (after a click on a tab, which shows no focus ring, the question box takes it as before).
    if (autoFocus && !document.activeElement?.matches('[role=tab]:focus-visible')) input.current?.focus();
  }, [autoFocus]);

  const send = () => {
    const value = text.trim();
    if (!value || busy) return;
    onSend(value);
    setText('');
  };

  return (
    <form
      class="prompt-box"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={input}
        name={name}
        rows={rows}
        value={text}
        placeholder={placeholder}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape' && busy) onStop();
        }}
      />
      {busy ? (
        <button type="button" onClick={onStop}>
          <Square size={14} aria-hidden="true" />
          {t('action_stop')}
        </button>
      ) : (
        <button type="submit">
          <SendHorizontal size={16} aria-hidden="true" class="flip-rtl" />
          {sendLabel}
        </button>
      )}
    </form>
  );
}
