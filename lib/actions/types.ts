import type { ContentMessage } from '../protocol';

export type ActionContext = 'selection' | 'page';

/** Where the user invoked an action. */
export interface ActionTarget {
  tabId: number;
  selectionText?: string;
}

/** What an action may do; the service worker provides these, tests provide fakes. */
export interface ActionServices {
  sendToTab(tabId: number, message: ContentMessage): Promise<void>;
  openSidePanel(tabId: number): Promise<void>;
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
