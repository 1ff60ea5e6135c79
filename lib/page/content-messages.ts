/**
 * What the page side answers when the extension asks: the answer bubble (in the frame that
 * holds the selection), the page's tables, context and selection (top frame only).
 */
import type { ContentScriptContext } from '#imports';
import { browser, type Browser } from 'wxt/browser';
import type { ContentMessage, EngineClient } from '../protocol';
import { explainInBubble } from './explain-in-bubble';
import { readPageContext, selectionOf } from './page-context';
import { readSelection } from './selection';
import { contextTableIndex, extractPageTables, highlightTable } from './page-tables';

/**
 * The reply to one message from this extension, or undefined when this frame stays silent
 * (another frame answers, or the sender is not this extension's own page or service worker).
 */
export function answerContentMessage(
  raw: unknown,
  sender: Browser.runtime.MessageSender,
  ctx: ContentScriptContext,
  client: EngineClient,
): Promise<unknown> | undefined {
  const fromExtension =
    sender.id === browser.runtime.id && (!sender.tab || sender.url?.startsWith(browser.runtime.getURL('/')));
  if (!fromExtension) return undefined;
  const message = raw as ContentMessage | undefined;
  const top = window === window.top;
  if (message?.type === 'explain-selection') {
    // The frame holding the selection answers; the top page explains what to do if none does.
    const selected = readSelection().text !== '';
    const focusInFrame = document.activeElement?.tagName === 'IFRAME';
    if (selected || (top && !focusInFrame)) void explainInBubble(ctx, client);
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
}
