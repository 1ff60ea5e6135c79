import { browser } from 'wxt/browser';
import '@/components/answer-bubble.css';
import type { ContentMessage } from '@/lib/protocol';
import { explainInBubble } from '@/lib/page/explain-in-bubble';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // Only the service worker (no tab) of this extension may trigger page actions.
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      if ((message as ContentMessage | undefined)?.type === 'explain-selection') void explainInBubble(ctx);
      return undefined;
    });
  },
});
