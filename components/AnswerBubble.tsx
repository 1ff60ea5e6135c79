/** The small answer bubble shown next to a selection. Model output is rendered as text only. */
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
  /**
   * The answer needs the user's OK to leave this device. The page can click anything in here, so
   * the bubble never takes that OK itself: this only offers to ask in the side panel.
   */
  askInPanel?: boolean;
  onAskInPanel: () => void;
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
      <p class="answer">{props.text}</p>
      {props.run && <p class="run">{props.run}</p>}
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      {props.askInPanel && (
        <footer>
          <button type="button" onClick={props.onAskInPanel}>
            Ask in side panel
          </button>
        </footer>
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
