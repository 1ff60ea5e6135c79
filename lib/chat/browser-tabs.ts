/**
 * The browser's tabs for the chat's "Add tab" (see ./tab-context.ts): the other web pages of the
 * panel's window, a bridge to each (made by the panel, with the same reading rules as its own
 * page), bringing a tab to the front for a citation, and tabs closing.
 */
import type { Browser, WxtBrowser } from 'wxt/browser';
import type { PageBridge } from '../page/page-bridge';
import type { TabChoice, TabsAccess } from './tab-context';

/** The parts of the browser this needs. */
export interface TabsBrowser {
  tabs: Pick<WxtBrowser['tabs'], 'query' | 'get' | 'update' | 'onRemoved'>;
  windows: Pick<WxtBrowser['windows'], 'update'>;
}

type Tab = Browser.tabs.Tab;

/**
 * @param ownTab the panel's page (null: the active tab of the panel's window), never listed.
 * @param bridge the way to a tab's page, as the panel reads its own.
 */
export function browserTabs(
  browser: TabsBrowser,
  ownTab: number | null,
  bridge: (id: number) => PageBridge,
): TabsAccess {
  const own = async (): Promise<Tab | null> =>
    ownTab !== null
      ? await browser.tabs.get(ownTab).catch(() => null)
      : ((await browser.tabs.query({ active: true, currentWindow: true }))[0] ?? null);
  /** Its title and host, for an http(s) page; null for anything else (or a page that does not answer). */
  const choiceOf = async (tab: Tab): Promise<TabChoice | null> => {
    if (tab.id === undefined) return null;
    // The browser tells a tab's address and title only for sites granted to the extension; the
    // page's content script tells the rest (checked against the browser's record, see page-bridge).
    const url =
      tab.url ??
      (await bridge(tab.id)
        .ask('page-url', {})
        .catch(() => undefined));
    if (!url || !/^https?:\/\//.test(url)) return null;
    const { host, pathname } = new URL(url);
    // Without a title from the browser, the file's name says more than the host shown beside it.
    const file = fileName(pathname);
    return { id: tab.id, title: tab.title || file || host, host };
  };
  return {
    others: async () => {
      const mine = await own();
      const tabs = await browser.tabs.query(mine ? { windowId: mine.windowId } : { currentWindow: true });
      const choices = await Promise.all(tabs.filter((tab) => tab.id !== mine?.id).map(choiceOf));
      return choices.filter((choice): choice is TabChoice => choice !== null);
    },
    bridge,
    focus: async (id) => {
      const tab = await browser.tabs.update(id, { active: true });
      if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    },
    onClosed: (listener) => browser.tabs.onRemoved.addListener((id) => listener(id)),
  };
}

/** The last segment of a path, decoded where it decodes. */
function fileName(pathname: string): string {
  const last = pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
