import { browser } from 'wxt/browser';
import { serializeError, type BackgroundMessage, type BackgroundReply } from '@/lib/protocol';
import { HOST_PATH, chromeOffscreenApi, ensureHost } from '@/lib/host/ensure-host';
import { continueInPanel, registerActions, runAction } from '@/lib/actions/register';
import { providerEndpoint, watchProviders } from '@/lib/providers/provider-access';

// The service worker only wires: it makes sure the engine host exists and turns menu
// clicks and shortcuts into actions. It holds no model state, so Chrome may stop it anytime.
export default defineBackground(() => {
  const offscreen = chromeOffscreenApi(browser.runtime.getURL(HOST_PATH));

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as BackgroundMessage | undefined)?.type;
    if (type === 'ensure-host') {
      return ensureHost(offscreen).then(
        (): BackgroundReply => ({ ok: true }),
        (error): BackgroundReply => ({ ok: false, error: serializeError(error) }),
      );
    }
    if (type === 'continue-in-panel' && sender.tab?.id !== undefined)
      return continueInPanel(message, sender.tab.id);
    if (type === 'provider-endpoint')
      return providerEndpoint(String((message as { baseUrl?: unknown }).baseUrl), sender.url);
    return undefined;
  });

  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  registerActions();
  watchProviders();
  Object.assign(globalThis, { runAction });
});
