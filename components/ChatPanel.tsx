/** The minimal side-panel chat: a prompt box, the streamed answer, Stop. */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ChatPanelProps {
  answer: string;
  busy: boolean;
  error: string | null;
  onSend: (prompt: string) => void;
  onStop: () => void;
}

export function ChatPanel({ answer, busy, error, onSend, onStop }: ChatPanelProps) {
  const [prompt, setPrompt] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);

  const send = () => {
    const text = prompt.trim();
    if (!text || busy) return;
    onSend(text);
    setPrompt('');
  };

  return (
    <section class="chat">
      <output class="answer" data-testid="answer" aria-live="polite">
        {answer}
      </output>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <textarea
          ref={input}
          name="prompt"
          rows={3}
          value={prompt}
          placeholder="Ask anything…"
          onInput={(e) => setPrompt(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              send();
            } else if (e.key === 'Escape' && busy) onStop();
          }}
        />
        {busy ? (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit">Send</button>
        )}
      </form>
    </section>
  );
}
