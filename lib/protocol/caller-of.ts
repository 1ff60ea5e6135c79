/**
 * Who is calling, from what the browser says about a Port's sender (runtime.MessageSender).
 * Nothing the caller sends is consulted: a content script cannot claim to be the side panel.
 */
import { ForbiddenError } from './errors';
import type { Caller } from './callers';

/** The fields of runtime.MessageSender the host reads; chrome's and the polyfill's both fit. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number };
}

/** The offscreen document's path, as in ensure-host (the host connecting to itself). */
const HOST_PAGE = '/offscreen.html';

/**
 * Tags a sender. An extension page is known by its URL (under this extension's origin), not by
 * the absence of a tab: the side panel opened in a tab is still an extension page. A content
 * script is a sender in a tab whose URL is a web page; its origin comes from the browser.
 * @throws {LocalAiError} code 'forbidden' for other extensions, web pages and unknown senders.
 */
export function callerOf(sender: SenderInfo | undefined, extensionId: string): Caller {
  if (!sender || sender.id !== extensionId) {
    throw new ForbiddenError('Only Local AI itself may use its engine.');
  }
  const url = parseUrl(sender.url);
  // Compared as text: URL.origin is "null" for chrome-extension: outside the browser.
  if (url && sender.url?.startsWith(`chrome-extension://${extensionId}/`)) {
    return url.pathname === HOST_PAGE ? { kind: 'host' } : { kind: 'extension-page', url: url.href };
  }
  const tabId = sender.tab?.id;
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && typeof tabId === 'number') {
    // A sandboxed frame has an opaque origin: it must not borrow its URL's site (and its consent).
    if (sender.origin === 'null')
      throw new ForbiddenError('A sandboxed frame cannot use Local AI: it has no site to act for.');
    const origin = sender.origin ?? url.origin;
    return { kind: 'content-script', tabId, frameId: sender.frameId ?? 0, origin };
  }
  throw new ForbiddenError('Local AI could not tell which of its parts is calling; request refused.');
}

function parseUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The consent key of a caller's site: the host of its origin. */
export function siteOf(caller: { origin: string }): string {
  return new URL(caller.origin).host;
}

/**
 * Tags a Port on the page-facing API's name: a content script forwarding its page's calls. The
 * page API is offered to top-level documents only, so a frame of another origin cannot borrow the
 * consent of the page that embeds it (nor get its own prompt in extension UI from inside an ad).
 * @throws {LocalAiError} code 'forbidden' for anything but a content script of a top frame.
 */
export function webPageCallerOf(sender: SenderInfo | undefined, extensionId: string): Caller {
  const caller = callerOf(sender, extensionId);
  if (caller.kind !== 'content-script') {
    throw new ForbiddenError("The page API is for web pages; Local AI's own pages use the engine Port.");
  }
  if (caller.frameId !== 0) {
    throw new ForbiddenError(
      "Local AI's page API is available to top-level pages only, not to frames embedded in them.",
    );
  }
  return { ...caller, kind: 'web-page' };
}
