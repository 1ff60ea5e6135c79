/**
 * The "explain selection" flow in a page: reads the selection, shows the answer bubble
 * next to it (shadow DOM, so page styles cannot leak in or out) and streams the answer
 * from the shared engine host. Esc or Close cancels the request at once.
 * The page can reach into the bubble, so it holds no control that grants anything: which model
 * answers comes from the service worker, and where the answer would leave this device without the
 * user's OK for this site, the host refuses and the bubble offers to ask in the side panel.
 */
import { t, uiDirection, uiLanguage } from '../i18n/i18n';
import { render } from 'preact';
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import { AnswerBubble, type AnswerBubbleProps } from '@/components/AnswerBubble';
import { browser } from 'wxt/browser';
import {
  AbortedError,
  ConsentRequiredError,
  appendChunk,
  callBackground,
  errorMessage,
  type EngineClient,
  type Send,
} from '../protocol';
import { runLabel } from '../providers/consent';
import { explainSelectionMessages } from './prompts';
import { readSelection } from './selection';

let closeCurrent: (() => void) | null = null;

/** runtime.sendMessage to the service worker. */
const sendToBackground: Send = (message) => browser.runtime.sendMessage(message);

export async function explainInBubble(ctx: ContentScriptContext, client: EngineClient): Promise<void> {
  closeCurrent?.();
  const selection = readSelection();
  const controller = new AbortController();
  let props: Omit<AnswerBubbleProps, 'onStop' | 'onClose' | 'onContinue' | 'onAskInPanel'> = {
    state: 'waiting',
    text: '',
  };

  const ui = await createShadowRootUi(ctx, {
    name: 'local-ai-bubble',
    position: 'inline',
    anchor: 'body',
    onMount(container) {
      return container;
    },
  });
  ui.mount();
  const place = ui.uiContainer;
  const top = selection.rect ? Math.min(selection.rect.bottom + 8, innerHeight - 120) : 16;
  const left = selection.rect ? Math.max(8, Math.min(selection.rect.left, innerWidth - 400)) : 16;

  const close = () => {
    controller.abort();
    document.removeEventListener('keydown', onKey, true);
    render(null, place);
    ui.remove();
    if (closeCurrent === close) closeCurrent = null;
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  document.addEventListener('keydown', onKey, true);
  closeCurrent = close;

  const continueInPanel = () => {
    const conversation = [
      {
        role: 'user' as const,
        content: t(
          'bubble_explain_prefix',
          selection.text.slice(0, 300) + (selection.text.length > 300 ? '…' : ''),
        ),
      },
      { role: 'assistant' as const, content: props.text },
    ];
    void callBackground(sendToBackground, 'continue-in-panel', { conversation }).catch(() => {});
    close();
  };
  const askInPanel = () => {
    void callBackground(sendToBackground, 'explain-in-panel', { selection: selection.text }).catch(() => {});
    close();
  };
  const update = (next: Partial<typeof props>) => {
    props = { ...props, ...next };
    render(
      <div style={{ position: 'fixed', top: `${top}px`, left: `${left}px` }}>
        <AnswerBubble
          {...props}
          onStop={() => controller.abort()}
          onClose={close}
          onContinue={continueInPanel}
          onAskInPanel={askInPanel}
          // The extension's UI language, whatever the page's. On the bubble itself, not this
          // wrapper: a right-to-left wrapper would place the fixed bubble off the page's left edge.
          lang={uiLanguage()}
          dir={uiDirection()}
        />
      </div>,
      place,
    );
  };
  update({});

  if (!selection.text) {
    update({ state: 'error', error: t('bubble_no_selection') });
    return;
  }
  try {
    const { model, note } = await callBackground(sendToBackground, 'route-model', {});
    const result = await client.request(
      'chat',
      {
        model,
        messages: explainSelectionMessages(selection.text, document.title, selection.paragraph),
        max_tokens: 256,
      },
      {
        signal: controller.signal,
        onQueued: (queuePosition) => update({ queuePosition }),
        onChunk: (chunk) => update({ state: 'streaming', text: appendChunk(props.text, chunk) }),
      },
    );
    update({ state: 'done', text: result.text, run: runLabel(model, result.timing, note) });
  } catch (error) {
    if (error instanceof AbortedError) return update({ state: 'done' });
    if (error instanceof ConsentRequiredError)
      return update({ state: 'error', error: error.message, askInPanel: true });
    update({ state: 'error', error: errorMessage(error) });
  }
}
