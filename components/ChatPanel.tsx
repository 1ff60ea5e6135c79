/** The side-panel chat: the page chip, the conversation (markdown), Copy / Regenerate, the prompt box. */
import { tRich } from '@/lib/ui/rich-text';
import { t } from '@/lib/i18n/i18n';
import type { ChatState } from '@/lib/chat/chat-session';
import type { ConsentChoice } from '@/lib/providers/consent';
import { Markdown } from './Markdown';
import { PageChip } from './PageChip';
import { PromptBox } from './PromptBox';
import { ConsentPrompt } from './ConsentPrompt';
import { DownloadOfferCard } from './DownloadOfferCard';

export interface ChatPanelProps {
  state: ChatState;
  onSend: (prompt: string) => void;
  onStop: () => void;
  onRegenerate: () => void;
  onTogglePage: () => void;
  /** Grant the origin the page needs (state.pageAccess), from this click. */
  onAllowPage: () => void;
  onCopy: (text: string) => void;
  onConsent: (choice: ConsentChoice) => void;
  /** Download the model the waiting question needs, then answer it. */
  onDownloadOffer: () => void;
  /** Open the Models view to pick another model. */
  onChooseModel: () => void;
  /** Show a cited passage on the page. */
  onCite: (id: string) => void;
}

export function ChatPanel({
  state,
  onSend,
  onStop,
  onRegenerate,
  onTogglePage,
  onAllowPage,
  onCopy,
  onConsent,
  onDownloadOffer,
  onChooseModel,
  onCite,
}: ChatPanelProps) {
  const last = state.messages.length - 1;
  // Answers from before this panel opened may cite any passage of the page as it is now.
  const pageIds = state.page?.passages?.map((p) => p.id) ?? [];
  return (
    <section class="chat">
      <PageChip
        page={state.page}
        problem={state.pageProblem}
        access={state.pageAccess}
        include={state.includePage}
        fitted={state.fitted}
        onToggle={onTogglePage}
        onAllow={onAllowPage}
      />
      {state.attachment && (
        <p class="attachment" data-testid="attachment">
          {tRich(
            'chat_attachment',
            <bdi>{state.attachment.slice(0, 120) + (state.attachment.length > 120 ? '…' : '')}</bdi>,
          )}
        </p>
      )}
      <ol class="messages">
        {state.messages.map((m, i) => (
          <li class={`message ${m.role}`} key={i}>
            {m.role === 'assistant' ? (
              <Markdown
                text={m.content}
                testId={i === last ? 'answer' : undefined}
                citations={state.cited[i] ?? pageIds}
                onCite={onCite}
              />
            ) : (
              <p dir="auto">{m.content}</p>
            )}
            {state.runs[i] && (
              <p class="run" data-testid="run">
                {state.runs[i]}
              </p>
            )}
            {m.role === 'assistant' && m.content && !(state.streaming && i === last) && (
              <div class="message-actions">
                <button type="button" onClick={() => onCopy(m.content)}>
                  {t('chat_copy')}
                </button>
                {i === last && (
                  <button type="button" onClick={onRegenerate}>
                    {t('chat_regenerate')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {state.citationNote && (
        <p class="citation-note" role="status">
          {state.citationNote}
        </p>
      )}
      {state.consent && (
        <ConsentPrompt site={state.consent.site} onAnswer={onConsent}>
          {tRich(
            'chat_consent',
            <strong>{state.consent.site}</strong>,
            <strong>{state.consent.provider}</strong>,
          )}
        </ConsentPrompt>
      )}
      {state.offer && (
        <DownloadOfferCard offer={state.offer} onDownload={onDownloadOffer} onChooseAnother={onChooseModel} />
      )}
      {state.progress && (
        <p class="stage" aria-live="polite">
          {state.progress}
        </p>
      )}
      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
      <PromptBox
        name="prompt"
        placeholder={t('chat_placeholder')}
        busy={state.streaming}
        sendLabel={t('chat_send')}
        autoFocus
        onSend={onSend}
        onStop={onStop}
      />
    </section>
  );
}
