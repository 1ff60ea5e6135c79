/**
 * The chat's page, when the page is a PDF: Chrome's PDF viewer runs no content script, so a tab
 * showing a PDF (or a PDF link the user right-clicked) is read here, in the extension, and handed
 * to the chat as the same page context a web page gives; a citation of one of its passages opens
 * the PDF at the passage's page. Everything else goes to the page as before.
 */
import type { WxtBrowser } from 'wxt/browser';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../protocol';
import { pdfPageContext } from './pdf-context';
import { isPdfUrl, pdfPageUrl } from './pdf-source';
import type { PdfText } from './read-pdf';

export interface PdfReading {
  /** The PDF to read instead of the tab (a right-clicked link), if any. */
  pdfUrl?: string | null;
  /** The tab's address where the browser tells it (loopback and granted origins), else undefined. */
  tabUrl: () => Promise<string | undefined>;
  /** Fetches and reads the PDF at `url` (see ./read-in-extension.ts). */
  read: (url: string) => Promise<PdfText>;
  /**
   * Shows `url` (the PDF at a page, see pdfPageUrl): in the tab when it shows the PDF (`inTab`),
   * else in a tab of its own beside it.
   */
  open: (url: string, inTab: boolean) => Promise<void>;
}

/** `bridge`, with 'page-context' answered from the PDF when the page is one. */
export function withPdfReading(bridge: PageBridge, reading: PdfReading): PageBridge {
  /** The PDF last read, whose passages citations name. */
  let shown: { context: PageContext; inTab: boolean } | null = null;
  const fromPdf = async (url: string, inTab: boolean): Promise<PageContext> => {
    const context = pdfPageContext(url, await reading.read(url));
    shown = { context, inTab };
    return context;
  };
  return {
    scope: () => bridge.scope(),
    ask: async (method, params) => {
      if (method === 'show-passage' && shown) {
        const { id, hash } = params as { id: string; hash: string };
        const passage = shown.context.passages?.find((p) => p.id === id && p.hash === hash);
        if (!passage?.page) return { outcome: 'gone' } as never;
        await reading.open(pdfPageUrl(shown.context.url, passage.page), shown.inTab);
        return { outcome: 'shown' } as never;
      }
      if (method !== 'page-context') return bridge.ask(method, params);
      shown = null;
      if (isPdfUrl(reading.pdfUrl ?? undefined)) return fromPdf(reading.pdfUrl!, false);
      const url = await reading.tabUrl().catch(() => undefined);
      if (isPdfUrl(url)) return fromPdf(url, true);
      const context = await bridge.ask('page-context', {});
      // The browser tells a tab's address only for sites the user granted; elsewhere the viewer's
      // own page (no text of its own) says where it is. Its PDF is fetched only from this machine
      // or a granted site (see fetchPdf), so a lying page gains nothing but a request to grant.
      if (url === undefined && context.source === 'none' && isPdfUrl(context.url))
        return fromPdf(context.url, true);
      return context;
    },
  };
}

/** The address of tab `tabId` (or the window's active tab), where the browser tells it. */
export async function tabUrlOf(browser: WxtBrowser, tabId: number | null): Promise<string | undefined> {
  const tab =
    tabId !== null
      ? await browser.tabs.get(tabId)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.url;
}

/**
 * Opens `url` (a PDF at a page) where the user reads it: in tab `tabId` when it shows the PDF,
 * else in the tab opened for the last citation (or a new one beside `tabId`). Chrome's viewer
 * reads `#page=N` when it loads, not when only the address's fragment changes, so the same PDF is
 * reloaded at the new page.
 */
export function pdfOpener(browser: WxtBrowser, tabId: () => number | null) {
  let opened: number | null = null;
  const documentOf = (url: string) => url.split('#')[0];
  /** Shows `url` in tab `id` if that tab still shows the same PDF; false if it moved on or closed. */
  const show = async (id: number, url: string): Promise<boolean> => {
    const before = (await browser.tabs.get(id).catch(() => null))?.url;
    // A tab that moved on keeps what it shows now: the PDF opens in a tab of its own instead.
    if (before === undefined || documentOf(before) !== documentOf(url)) return false;
    const tab = await browser.tabs.update(id, { url, active: true });
    if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    if (before !== url) await browser.tabs.reload(id);
    return true;
  };
  return async (url: string, inTab: boolean): Promise<void> => {
    const own = tabId() ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id ?? null;
    if (inTab && own !== null && (await show(own, url))) return;
    if (opened !== null && (await show(opened, url).catch(() => false))) return;
    const beside = own !== null ? await browser.tabs.get(own).catch(() => null) : null;
    const tab = await browser.tabs.create({
      url,
      ...(beside ? { index: beside.index + 1, windowId: beside.windowId, openerTabId: beside.id } : {}),
    });
    opened = tab.id ?? null;
  };
}
