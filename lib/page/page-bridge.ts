/** The side panel's way to its page: the given tab, or the active tab of the panel's window. */
import type { WxtBrowser } from 'wxt/browser';
import {
  callBackground,
  callContent,
  type ContentMethod,
  type ContentParams,
  type ContentResult,
  type Send,
} from '../protocol';

/** How a panel reaches its page's content script. */
export interface PageBridge {
  /** A stable id for the page (its tab), used as the database scope. */
  scope(): Promise<string>;
  /** Asks the page's content script; the reply is checked against the method's declared result. */
  ask<M extends ContentMethod>(method: M, params: ContentParams<M>): Promise<ContentResult<M>>;
}

/** What a page says about its own address, checked against what the browser said (see below). */
const ADDRESS_OF: Partial<Record<ContentMethod, (reply: unknown) => string | null>> = {
  'page-context': (reply) => (reply as ContentResult<'page-context'>).url,
  'page-url': (reply) => reply as ContentResult<'page-url'>,
  // Nothing picked (the user cancelled): no page content to key by an address.
  'pick-region': (reply) => (reply as ContentResult<'pick-region'>)?.url ?? null,
};

/**
 * The page's address is what consent and history are keyed by, so the panel does not take the
 * page's word for it: the origin it states must be the one the browser reported to the service
 * worker for that tab's top frame.
 * @throws {Error} the page states another origin than the browser's (its content script's world
 *   was tampered with), or the browser's is unknown.
 */
export async function checkedAddress(
  stated: string,
  browserOrigin: () => Promise<string | null>,
): Promise<void> {
  const known = await browserOrigin();
  let origin: string | null = null;
  try {
    origin = new URL(stated).origin;
  } catch {
    // Not a URL at all: refused below.
  }
  if (!known || origin !== known)
    throw new Error('Local AI could not confirm this page’s address. Reload the page and try again.');
}

export function createPageBridge(browser: WxtBrowser, tabId: number | null): PageBridge {
  const tab = async (): Promise<number> => {
    if (tabId !== null) return tabId;
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    if (active?.id === undefined) throw new Error('No page is open in this window.');
    return active.id;
  };
  const toBackground: Send = (message) => browser.runtime.sendMessage(message);
  return {
    scope: async () => `tab-${await tab()}`,
    ask: async (method, params) => {
      const tabId = await tab();
      const reply = await callContent(
        (message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
        method,
        params,
      );
      const address = ADDRESS_OF[method]?.(reply) ?? null;
      if (address !== null)
        await checkedAddress(address, () => callBackground(toBackground, 'tab-origin', { tabId }));
      return reply;
    },
  };
}
