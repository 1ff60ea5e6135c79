import type { MessageKey } from '../i18n/i18n';
import type { ContentMethod, ContentParams, ContentResult } from '../protocol';
import type { PanelRequest } from '../settings/storage-items';

export type ActionContext = 'selection' | 'page' | 'link';

/** Where the user invoked an action. */
export interface ActionTarget {
  tabId: number;
  selectionText?: string;
  /** For preset menu items: which preset. */
  presetId?: string;
  /** For link menu items: the link's address. */
  linkUrl?: string;
}

/** What an action may do; the service worker provides these, tests provide fakes. */
export interface ActionServices {
  /** Tells every frame of the tab (the one holding the selection acts). */
  tellTab<M extends ContentMethod>(tabId: number, method: M, params: ContentParams<M>): Promise<void>;
  openSidePanel(tabId: number): Promise<void>;
  /** Asks the tab's top frame and returns its reply, checked against the method's declared result. */
  askTab<M extends ContentMethod>(
    tabId: number,
    method: M,
    params: ContentParams<M>,
  ): Promise<ContentResult<M>>;
  /** Leaves a request for the side panel, which takes it when it opens (or at once if open). */
  setPanelRequest(request: PanelRequest): Promise<void>;
}

/**
 * One user-visible action: a context-menu item and/or a keyboard command. File name = id.
 * Title and command description are message keys (public/_locales): the menu is built with t(),
 * the manifest's commands say `__MSG_key__`.
 */
export interface UserAction {
  id: string;
  title: MessageKey;
  contexts: ActionContext[];
  /** Only links whose address matches one of these (Chrome's match patterns) get the menu item. */
  targetUrlPatterns?: string[];
  /** A keyboard command for it, rebindable at chrome://extensions/shortcuts. */
  command?: { suggestedKey: string; description: MessageKey };
  run(target: ActionTarget, services: ActionServices): Promise<void>;
}
