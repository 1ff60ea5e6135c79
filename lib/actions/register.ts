/**
 * Registers every action as a context-menu item and routes menu clicks and keyboard
 * commands to it. Runs in the service worker.
 */
import { browser } from 'wxt/browser';
import type { ContentMessage } from '../protocol';
import { panelRequestItem } from '../settings/storage-items';
import { ACTIONS, findAction } from './index';
import type { ActionContext, ActionServices, ActionTarget } from './types';

export const actionServices: ActionServices = {
  async sendToTab(tabId, message) {
    await browser.tabs.sendMessage(tabId, message);
  },
  async openSidePanel(tabId) {
    await chrome.sidePanel.open({ tabId });
  },
  async askTab<T>(tabId: number, message: ContentMessage) {
    return (await browser.tabs.sendMessage(tabId, message)) as T;
  },
  async setPanelRequest(request) {
    await panelRequestItem.setValue(request);
  },
};

/**
 * Runs action `id` for a tab. Exposed on the service worker's global scope as `runAction`
 * so tests (and DevTools) drive exactly what a menu click or shortcut drives.
 * @throws {Error} for an unknown action id.
 */
export async function runAction(id: string, target: ActionTarget): Promise<void> {
  const action = findAction(id);
  if (!action) throw new Error(`Unknown action "${id}".`);
  await action.run(target, actionServices);
}

export function registerActions(): void {
  browser.runtime.onInstalled.addListener(async () => {
    await browser.contextMenus.removeAll();
    for (const action of ACTIONS) {
      browser.contextMenus.create({ id: action.id, title: action.title, contexts: action.contexts as [ActionContext, ...ActionContext[]] });
    }
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    void runAction(String(info.menuItemId), { tabId: tab.id, selectionText: info.selectionText });
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined) return;
    void runAction(command, { tabId: tab.id });
  });
}
