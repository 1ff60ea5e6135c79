/**
 * The chat's page, when the page is a PDF: Chrome's PDF viewer runs no content script, so a tab
 * showing a PDF (or a PDF link the user right-clicked) is read here, in the extension, and handed
 * to the chat as the same page context a web page gives. Everything else goes to the page as before.
 */
import type { WxtBrowser } from 'wxt/browser';
import type { PageBridge } from '../page/page-bridge';
import type { PageContext } from '../protocol';
import { pdfPageContext } from './pdf-context';
import { isPdfUrl } from './pdf-source';
import type { PdfText } from './read-pdf';

export interface PdfReading {
  /** The PDF to read instead of the tab (a right-clicked link), if any. */
  pdfUrl?: string | null;
  /** The tab's address where the browser tells it (loopback and granted origins), else undefined. */
  tabUrl: () => Promise<string | undefined>;
  /** Fetches and reads the PDF at `url` (see ./read-in-extension.ts). */
  read: (url: string) => Promise<PdfText>;
}

/** `bridge`, with 'page-context' answered from the PDF when the page is one. */
export function withPdfReading(bridge: PageBridge, reading: PdfReading): PageBridge {
  const fromPdf = async (url: string): Promise<PageContext> => pdfPageContext(url, await reading.read(url));
  return {
    scope: () => bridge.scope(),
    ask: async (method, params) => {
      if (method !== 'page-context') return bridge.ask(method, params);
      if (isPdfUrl(reading.pdfUrl ?? undefined)) return fromPdf(reading.pdfUrl!);
      const url = await reading.tabUrl().catch(() => undefined);
      if (isPdfUrl(url)) return fromPdf(url);
      return bridge.ask(method, params);
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
