import { browser } from 'wxt/browser';
import { BACKGROUND_METHODS, answerMessages, serveOneShot } from '@/lib/protocol';
import { HOST_PATH, chromeOffscreenApi, ensureHost } from '@/lib/host/ensure-host';
import { backgroundHandlers } from '@/lib/background/background-messages';
import { exposeForTests, registerActions } from '@/lib/actions/register';
import { watchProviders } from '@/lib/providers/provider-access';
import { restrictStorageToExtension } from '@/lib/settings/storage-access';
import { TEST_BUILD } from '@/lib/settings/build-flags';
import { isTestHookRequest } from '@/lib/host/test-hook-methods';

// The service worker only wires: it makes sure the engine host exists and turns menu
// clicks and shortcuts into actions. It holds no model state, so Chrome may stop it anytime.
export default defineBackground(() => {
  restrictStorageToExtension();
  const offscreen = chromeOffscreenApi(browser.runtime.getURL(HOST_PATH));
  const handlers = backgroundHandlers(() => ensureHost(offscreen));
  answerMessages(browser.runtime.onMessage, (message, sender) =>
    // Test builds only: the engine host answers its seams (lib/host/test-hooks.ts).
    TEST_BUILD && isTestHookRequest(message)
      ? undefined
      : serveOneShot(BACKGROUND_METHODS, handlers, message, sender, browser.runtime.id),
  );
  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  registerActions();
  watchProviders();
  exposeForTests();
});
