/**
 * What a page's content script answers when this extension's pages or service worker ask
 * (declared in lib/protocol/content-messages.ts). The bubble goes to the frame holding the
 * selection; everything about the page itself is answered by the top frame only.
 */
import type { ContentScriptContext } from '#imports';
import { browser, type Browser } from 'wxt/browser';
import {
  CONTENT_METHODS,
  callBackground,
  serveOneShot,
  type ContentMethods,
  type EngineClient,
  type OneShotHandlers,
  type OneShotReply,
} from '../protocol';
import { explainInBubble } from './explain-in-bubble';
import { readElementContext, readPageContext, selectionOf } from './page-context';
import { pickElement } from './element-picker';
import { readSelection } from './selection';
import { showPassage } from './highlight-passage';
import { contextTableIndex, extractPageTables, highlightTable } from './page-tables';

function contentHandlers(
  ctx: ContentScriptContext,
  client: EngineClient,
  top: boolean,
  hello: () => Promise<unknown>,
): OneShotHandlers<ContentMethods> {
  return {
    'explain-selection': async () => {
      // The frame holding the selection answers; the top page explains what to do if none does.
      const selected = readSelection().text !== '';
      const focusInFrame = document.activeElement?.tagName === 'IFRAME';
      if (selected || (top && !focusInFrame)) void explainInBubble(ctx, client);
      return null;
    },
    'extract-tables': async () => ({ tables: await extractPageTables() }),
    'highlight-table': async ({ index }) => {
      highlightTable(index);
      return null;
    },
    'context-table': async () => ({ index: contextTableIndex() }),
    'page-context': async () => {
      await hello();
      return readPageContext();
    },
    'pick-region': async () => {
      await hello();
      const picked = await pickElement({ signal: ctx.signal });
      return picked && readElementContext(picked);
    },
    'page-url': async () => {
      await hello();
      return location.href;
    },
    selection: async () => selectionOf(),
    'show-passage': async ({ id, hash }) => ({ outcome: showPassage(id, hash) }),
  };
}

/**
 * The answerer of messages from this extension's pages and service worker (serveOneShot checks
 * the sender, the method and its params); sub-frames stay silent except to show a bubble.
 */
export function answerContentMessage(
  ctx: ContentScriptContext,
  client: EngineClient,
  top: boolean,
): (raw: unknown, sender: Browser.runtime.MessageSender) => Promise<OneShotReply> | undefined {
  // Before the top frame tells the panel its address, it says hello to the service worker,
  // which records this tab's origin from the browser (the panel checks the two agree). Only when
  // asked (not on every page load), and each time, so the record is fresh whatever was evicted.
  const send = (message: unknown) => browser.runtime.sendMessage(message);
  const hello = () => callBackground(send, 'page-origin', {}).catch(() => null);
  const handlers = contentHandlers(ctx, client, top, hello);
  return (raw, sender) => {
    const method = typeof raw === 'object' && raw !== null && 'method' in raw ? raw.method : undefined;
    if (!top && method !== 'explain-selection') return undefined;
    return serveOneShot(CONTENT_METHODS, handlers, raw, sender, browser.runtime.id);
  };
}
