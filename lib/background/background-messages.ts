/**
 * What the service worker answers: make sure the engine host exists (anyone in this
 * extension), carry a bubble's conversation to the side panel (content scripts), and hand a
 * provider's endpoint to the engine host (the host only: checked inside providerEndpoint).
 */
import type { Browser } from 'wxt/browser';
import { serializeError, type BackgroundMessage, type BackgroundReply } from '../protocol';
import { continueInPanel } from '../actions/register';
import { providerEndpoint } from '../providers/provider-access';
import { ensureHost, type OffscreenApi } from '../host/ensure-host';

export function answerBackgroundMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender,
  ownId: string,
  offscreen: OffscreenApi,
): Promise<unknown> | undefined {
  if (sender.id !== ownId) return undefined;
  const type = (message as BackgroundMessage | undefined)?.type;
  if (type === 'ensure-host') {
    return ensureHost(offscreen).then(
      (): BackgroundReply => ({ ok: true }),
      (error): BackgroundReply => ({ ok: false, error: serializeError(error) }),
    );
  }
  if (type === 'continue-in-panel' && sender.tab?.id !== undefined) {
    return continueInPanel(message, sender.tab.id);
  }
  if (type === 'provider-endpoint') {
    return providerEndpoint(String((message as { baseUrl?: unknown }).baseUrl), sender.url);
  }
  return undefined;
}
