/**
 * Who is on the other end of a Port or a one-shot message. The host decides this from what the
 * browser reports about the sender, never from anything the sender wrote, and every method
 * declares which kinds of caller may use it (see ./methods.ts).
 */

/** A page of this extension (side panel, options, a panel opened in a tab) or its service worker. */
export interface ExtensionPageCaller {
  kind: 'extension-page';
  url: string;
}

/** The offscreen engine host itself. */
export interface HostCaller {
  kind: 'host';
}

/**
 * This extension's content script in a web page: it runs in the page's renderer, so it is trusted
 * no further than the page: it acts for its own tab, frame and origin only.
 */
export interface ContentScriptCaller {
  kind: 'content-script';
  tabId: number;
  frameId: number;
  /** The frame's origin, e.g. `https://example.com`. */
  origin: string;
}

/**
 * A web page's own scripts, using the page-facing API (`localAI.LanguageModel`) through this
 * extension's content script of its top frame. Trusted less than the content script: it may chat
 * with a local model in sessions of its own origin, with the user's consent for that origin, and
 * nothing else. Its tab, frame and origin come from the browser's sender info of the Port.
 */
export interface WebPageCaller {
  kind: 'web-page';
  tabId: number;
  frameId: number;
  /** The page's origin, e.g. `https://example.com`: the unit of consent, sessions and limits. */
  origin: string;
}

export type Caller = ExtensionPageCaller | HostCaller | ContentScriptCaller | WebPageCaller;
export type CallerKind = Caller['kind'];

/** Every kind of this extension's own code, for methods it may call (e.g. status); not web pages. */
export const ANY_EXTENSION_CALLER = ['extension-page', 'host', 'content-script'] as const;
/** Extension pages and the host: everything that changes state or leaves the device. */
export const TRUSTED_CALLERS = ['extension-page', 'host'] as const;
/** Web pages, through the page-facing API: its methods only. */
export const WEB_PAGE_CALLERS = ['web-page'] as const;
