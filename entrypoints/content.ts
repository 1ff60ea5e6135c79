import { browser } from 'wxt/browser';
import '@/components/answer-bubble.css';
import { EngineClient, answerMessages } from '@/lib/protocol';
import { extensionTransport } from '@/lib/host/extension-transport';
import { answerContentMessage } from '@/lib/page/content-messages';
import { rememberContextTarget } from '@/lib/page/page-tables';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // In frames too, so a selection inside an embedded document gets its bubble.
  allFrames: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    rememberContextTarget();
    // One client per page: it connects to the engine host on its first request only.
    const client = new EngineClient(extensionTransport);
    const answer = answerContentMessage(ctx, client, window === window.top);
    answerMessages(browser.runtime.onMessage, answer);
  },
});
