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

// A web page using the page-facing API (origin-scoped, chat only) becomes one more member here.
export type Caller = ExtensionPageCaller | HostCaller | ContentScriptCaller;
export type CallerKind = Caller['kind'];

/** Every kind, for methods anyone of this extension may call (e.g. status). */
export const ANY_EXTENSION_CALLER = ['extension-page', 'host', 'content-script'] as const;
/** Extension pages and the host: everything that changes state or leaves the device. */
export const TRUSTED_CALLERS = ['extension-page', 'host'] as const;
