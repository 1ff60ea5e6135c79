import type { ContentMessage } from '../protocol';
import type { PanelRequest } from '../settings/storage-items';

export type ActionContext = 'selection' | 'page';

/** Where the user invoked an action. */
export interface ActionTarget {
  tabId: number;
  selectionText?: string;
  /** For preset menu items: which preset. */
  presetId?: string;
}

/** What an action may do; the service worker provides these, tests provide fakes. */
export interface ActionServices {
  sendToTab(tabId: number, message: ContentMessage): Promise<void>;
  openSidePanel(tabId: number): Promise<void>;
  /** Sends a message to the tab's content script and returns its reply. */
  askTab<T>(tabId: number, message: ContentMessage): Promise<T>;
  /** Leaves a request for the side panel, which takes it when it opens (or at once if open). */
  setPanelRequest(request: PanelRequest): Promise<void>;
}

/** One user-visible action: a context-menu item and/or a keyboard command. File name = id. */
export interface UserAction {
  id: string;
  title: string;
  contexts: ActionContext[];
  /** A keyboard command for it, rebindable at chrome://extensions/shortcuts. */
  command?: { suggestedKey: string; description: string };
  run(target: ActionTarget, services: ActionServices): Promise<void>;
}
