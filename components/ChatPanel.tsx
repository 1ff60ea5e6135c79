/** The minimal side-panel chat: a prompt box, the streamed answer, Stop. */
import { PromptBox } from './PromptBox';

export interface ChatPanelProps {
  answer: string;
  busy: boolean;
  error: string | null;
  onSend: (prompt: string) => void;
  onStop: () => void;
}

export function ChatPanel({ answer, busy, error, onSend, onStop }: ChatPanelProps) {
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
      <PromptBox name="prompt" placeholder="Ask anything…" busy={busy} sendLabel="Send" autoFocus onSend={onSend} onStop={onStop} />
    </section>
  );
}
