import { browser } from 'wxt/browser';
import '@/components/answer-bubble.css';
import { answerMessages } from '@/lib/protocol';
import { answerContentMessage } from '@/lib/page/content-messages';
import { rememberContextTarget } from '@/lib/page/page-tables';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // In frames too, so a selection inside an embedded document gets its bubble.
  allFrames: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    rememberContextTarget();
    answerMessages(browser.runtime.onMessage, (message, sender) =>
      answerContentMessage(message, sender, ctx),
    );
  },
});
