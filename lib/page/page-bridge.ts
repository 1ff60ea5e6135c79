/** The side panel's way to its page: the given tab, or the active tab of the panel's window. */
import type { WxtBrowser } from 'wxt/browser';
import { callContent, type ContentMethod, type ContentParams, type ContentResult } from '../protocol';

/** How a panel reaches its page's content script. */
export interface PageBridge {
  /** A stable id for the page (its tab), used as the database scope. */
  scope(): Promise<string>;
  /** Asks the page's content script; the reply is checked against the method's declared result. */
  ask<M extends ContentMethod>(method: M, params: ContentParams<M>): Promise<ContentResult<M>>;
}

export function createPageBridge(browser: WxtBrowser, tabId: number | null): PageBridge {
  const tab = async (): Promise<number> => {
    if (tabId !== null) return tabId;
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    if (active?.id === undefined) throw new Error('No page is open in this window.');
    return active.id;
  };
  return {
    scope: async () => `tab-${await tab()}`,
    ask: async (method, params) => {
      const tabId = await tab();
      return callContent(
        (message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
        method,
        params,
      );
    },
  };
}
