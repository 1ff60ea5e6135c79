/**
 * The "explain selection" flow in a page: reads the selection, shows the answer bubble
 * next to it (shadow DOM, so page styles cannot leak in or out) and streams the answer
 * from the shared engine host. Esc or Close cancels the request at once.
 */
import { render } from 'preact';
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import { AnswerBubble, type AnswerBubbleProps } from '@/components/AnswerBubble';
import { browser } from 'wxt/browser';
import {
  AbortedError,
  appendChunk,
  type BackgroundMessage,
  type EngineClient,
  errorMessage,
} from '../protocol';
import { routeModel } from '../models/resolve-model';
import { consentStore, mayShare, runLabel, type ConsentChoice } from '../providers/consent';
import { remoteConsentItem } from '../settings/storage-items';
import { explainSelectionMessages } from './prompts';
import { readSelection } from './selection';

let closeCurrent: (() => void) | null = null;

export async function explainInBubble(ctx: ContentScriptContext, client: EngineClient): Promise<void> {
  closeCurrent?.();
  const selection = readSelection();
  const controller = new AbortController();
  let props: Omit<AnswerBubbleProps, 'onStop' | 'onClose' | 'onContinue'> = { state: 'waiting', text: '' };

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
        content: `Explain: “${selection.text.slice(0, 300)}${selection.text.length > 300 ? '…' : ''}”`,
      },
      { role: 'assistant' as const, content: props.text },
    ];
    void browser.runtime.sendMessage({ type: 'continue-in-panel', conversation } satisfies BackgroundMessage);
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
        />
      </div>,
      place,
    );
  };
  update({});

  if (!selection.text) {
    update({ state: 'error', error: 'Select some text first, then ask again.' });
    return;
  }
  try {
    const { model, note } = await routeModel(client, 'chat');
    if (model.engine === 'remote' && model.url) {
      const provider = new URL(model.url).host;
      const site = location.host;
      const allowed = await mayShare(consentStore(remoteConsentItem), site, provider, async () => {
        const choice = await new Promise<ConsentChoice>((resolve) =>
          update({ consent: { provider, site }, onConsent: resolve }),
        );
        update({ consent: undefined });
        return choice;
      });
      if (!allowed) return update({ state: 'done', text: 'Kept on this device: nothing was sent.' });
    }
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
    update({ state: 'error', error: errorMessage(error) });
  }
}
