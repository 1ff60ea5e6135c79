/** The small answer bubble shown next to a selection. Model output is rendered as text only. */
import { t } from '@/lib/i18n/i18n';
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
  /** The extension's UI language and direction: the bubble speaks it whatever the page's are. */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

export function AnswerBubble(props: AnswerBubbleProps) {
  const busy = props.state === 'waiting' || props.state === 'streaming';
  return (
    <div
      class="bubble"
      role="dialog"
      aria-label={t('bubble_label')}
      data-state={props.state}
      lang={props.lang}
      dir={props.dir}
    >
      <header>
        <strong>{t('ext_name')}</strong>
        <span class="status" aria-live="polite">
          {props.state === 'waiting' &&
            (props.loading ??
              (props.queuePosition ? t('bubble_waiting', props.queuePosition) : t('bubble_thinking')))}
          {props.state === 'done' && t('bubble_done')}
        </span>
        {busy && (
          <button type="button" onClick={props.onStop}>
            {t('action_stop')}
          </button>
        )}
        <button type="button" aria-label={t('action_close')} onClick={props.onClose}>
          ×
        </button>
      </header>
      <p class="answer" dir="auto">
        {props.text}
      </p>
      {props.run && <p class="run">{props.run}</p>}
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      {props.askInPanel && (
        <footer>
          <button type="button" onClick={props.onAskInPanel}>
            {t('bubble_ask_in_panel')}
          </button>
        </footer>
      )}
      {props.state === 'done' && props.text && (
        <footer>
          <button type="button" onClick={props.onContinue}>
            {t('bubble_continue_in_panel')}
          </button>
        </footer>
      )}
    </div>
  );
}
