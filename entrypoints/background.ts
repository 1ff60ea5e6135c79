import { browser } from 'wxt/browser';
import { answerMessages } from '@/lib/protocol';
import { HOST_PATH, chromeOffscreenApi, ensureHost } from '@/lib/host/ensure-host';
import { backgroundHandlers, serveBackgroundMessage } from '@/lib/background/background-messages';
import { exposeForTests, registerActions } from '@/lib/actions/register';
import { watchOriginRules } from '@/lib/providers/origin-rules';
import { restrictStorageToExtension } from '@/lib/settings/storage-access';

// The service worker only wires: it makes sure the engine host exists and turns menu
// clicks and shortcuts into actions. It holds no model state, so Chrome may stop it anytime.
export default defineBackground(() => {
  restrictStorageToExtension();
  const offscreen = chromeOffscreenApi(browser.runtime.getURL(HOST_PATH));
  const handlers = backgroundHandlers(() => ensureHost(offscreen));
  answerMessages(browser.runtime.onMessage, (message, sender) =>
    serveBackgroundMessage(message, sender, handlers, browser.runtime.id),
  );
  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  registerActions();
  watchOriginRules();
  exposeForTests();
});
