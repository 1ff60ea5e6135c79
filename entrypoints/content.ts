import { browser } from 'wxt/browser';
import '@/components/answer-bubble.css';
import type { ContentMessage } from '@/lib/protocol';
import { explainInBubble } from '@/lib/page/explain-in-bubble';
import { readPageContext, selectionOf } from '@/lib/page/page-context';
import { readSelection } from '@/lib/page/selection';
import {
  contextTableIndex,
  extractPageTables,
  highlightTable,
  rememberContextTarget,
} from '@/lib/page/page-tables';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // In frames too, so a selection inside an embedded document gets its bubble.
  allFrames: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    const top = window === window.top;
    rememberContextTarget();
    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      // Only this extension's own pages and service worker may drive the page side.
      const fromExtension =
        sender.id === browser.runtime.id &&
        (!sender.tab || sender.url?.startsWith(browser.runtime.getURL('/')));
      if (!fromExtension) return undefined;
      const message = raw as ContentMessage | undefined;
      if (message?.type === 'explain-selection') {
        // The frame holding the selection answers; the top page explains what to do if none does.
        const selected = readSelection().text !== '';
        const focusInFrame = document.activeElement?.tagName === 'IFRAME';
        if (selected || (top && !focusInFrame)) void explainInBubble(ctx);
        return undefined;
      }
      // Everything else is about the page itself: only the top frame answers.
      if (!top) return undefined;
      switch (message?.type) {
        case 'extract-tables':
          return extractPageTables().then((tables) => ({ tables }));
        case 'highlight-table':
          highlightTable(typeof message.index === 'number' ? message.index : null);
          return undefined;
        case 'context-table':
          return Promise.resolve({ index: contextTableIndex() });
        case 'page-context':
          return Promise.resolve(readPageContext());
        case 'selection':
          return Promise.resolve(selectionOf());
        case 'page-url':
          return Promise.resolve(location.href);
        default:
          return undefined;
      }
    });
  },
});
