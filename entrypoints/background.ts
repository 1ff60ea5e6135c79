import { browser } from 'wxt/browser';
import { answerMessages } from '@/lib/protocol';
import { HOST_PATH, chromeOffscreenApi } from '@/lib/host/ensure-host';
import { answerBackgroundMessage } from '@/lib/background/background-messages';
import { exposeForTests, registerActions } from '@/lib/actions/register';
import { watchProviders } from '@/lib/providers/provider-access';

// The service worker only wires: it makes sure the engine host exists and turns menu
// clicks and shortcuts into actions. It holds no model state, so Chrome may stop it anytime.
export default defineBackground(() => {
  const offscreen = chromeOffscreenApi(browser.runtime.getURL(HOST_PATH));
  answerMessages(browser.runtime.onMessage, (message, sender) =>
    answerBackgroundMessage(message, sender, browser.runtime.id, offscreen),
  );
  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  registerActions();
  watchProviders();
  exposeForTests();
});
