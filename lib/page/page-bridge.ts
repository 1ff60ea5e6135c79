/** The side panel's way to its page: the given tab, or the active tab of the panel's window. */
import type { WxtBrowser } from 'wxt/browser';
import type { ContentMessage } from '../protocol';

/** How a panel reaches its page's content script. */
export interface PageBridge {
  /** A stable id for the page (its tab), used as the database scope. */
  scope(): Promise<string>;
  send<T>(message: ContentMessage): Promise<T>;
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
    send: async <T>(message: ContentMessage) =>
      (await browser.tabs.sendMessage(await tab(), message, { frameId: 0 })) as T,
  };
}
