/** The side-panel chat: the page chip, the conversation (markdown), Copy / Regenerate, the prompt box. */
import { tRich } from '@/lib/ui/rich-text';
import type { ChatState } from '@/lib/chat/chat-session';
import type { ConsentChoice } from '@/lib/providers/consent';
import { Markdown } from './Markdown';
import { PageChip } from './PageChip';
import { PromptBox } from './PromptBox';
import { ConsentPrompt } from './ConsentPrompt';
import { DownloadOfferCard } from './DownloadOfferCard';
import { RegionChip } from './RegionChip';
import { TabChips, type TabChipsProps } from './TabChips';
import { t } from '@/lib/i18n/i18n';
import { Copy, MousePointerClick, Plus, RefreshCw } from 'lucide-preact';

/** Other tabs and a part of the page as context: what the user does with them. */
export interface ContextEvents extends Pick<
  TabChipsProps,
  'onCloseChoices' | 'onAdd' | 'onRemove' | 'onAllow'
> {
  /** Whether tabs can be added here (the panel knows its window's tabs). */
  canAddTabs: boolean;
  onOpenTabs: () => void;
  onPick: () => void;
  onDropRegion: () => void;
}

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
  context: ContextEvents;
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
  context,
}: ChatPanelProps) {
  const last = state.messages.length - 1;
  // Answers from before this panel opened may cite any passage of the page as it is now.
  const pageIds = state.page?.passages?.map((p) => p.id) ?? [];
  return (
    <section class="chat">
      {state.region ? (
        <RegionChip region={state.region} onDrop={context.onDropRegion} />
      ) : (
        <PageChip
          page={state.page}
          problem={state.pageProblem}
          access={state.pageAccess}
          include={state.includePage}
          fitted={state.fitted}
          onToggle={onTogglePage}
          onAllow={onAllowPage}
        />
      )}
      <TabChips tabs={state.tabs} choices={state.tabChoices} {...context} />
      <div class="context-actions">
        {context.canAddTabs && !state.tabChoices && (
          <button type="button" onClick={context.onOpenTabs}>
            <Plus size={14} aria-hidden="true" />
            {t('chat_tabs_add')}
          </button>
        )}
        {state.picking ? (
          <span role="status">{t('chat_region_picking')}</span>
        ) : (
          !state.region &&
          !!state.page?.text &&
          // A PDF (its passages carry page numbers) is read in the extension: no page to pick in.
          !state.page.passages?.some((p) => p.page) && (
            <button type="button" onClick={context.onPick}>
              <MousePointerClick size={14} aria-hidden="true" />
              {t('chat_region_pick')}
            </button>
          )
        )}
      </div>
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
                  <Copy size={14} aria-hidden="true" />
                  {t('chat_copy')}
                </button>
                {i === last && (
                  <button type="button" onClick={onRegenerate}>
                    <RefreshCw size={14} aria-hidden="true" />
                    {t('chat_regenerate')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {state.contextNote && (
        <p class="context-note" role="status">
          {[
            ...(state.contextNote.closed.length
              ? [t('chat_tabs_closed', state.contextNote.closed.join(', '))]
              : []),
            ...(state.contextNote.keptOnDevice ? [t('chat_tabs_kept_on_device')] : []),
          ].join(' ')}
        </p>
      )}
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
