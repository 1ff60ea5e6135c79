import { browser } from 'wxt/browser';
import '@/components/answer-bubble.css';
import type { ContentMessage } from '@/lib/protocol';
import { explainInBubble } from '@/lib/page/explain-in-bubble';
import { readPageContext } from '@/lib/page/page-context';
import { contextTableIndex, extractPageTables, highlightTable, rememberContextTarget } from '@/lib/page/page-tables';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    rememberContextTarget();
    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      // Only this extension's own pages and service worker may drive the page side.
      const fromExtension = sender.id === browser.runtime.id && (!sender.tab || sender.url?.startsWith(browser.runtime.getURL('/')));
      if (!fromExtension) return undefined;
      const message = raw as ContentMessage | undefined;
      switch (message?.type) {
        case 'explain-selection':
          void explainInBubble(ctx);
          return undefined;
        case 'extract-tables':
          return extractPageTables().then((tables) => ({ tables }));
        case 'highlight-table':
          highlightTable(typeof message.index === 'number' ? message.index : null);
          return undefined;
        case 'context-table':
          return Promise.resolve({ index: contextTableIndex() });
        case 'page-context':
          return Promise.resolve(readPageContext());
        default:
          return undefined;
      }
    });
  },
});
