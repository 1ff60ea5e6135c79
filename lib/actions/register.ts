/**
 * Registers every action as a context-menu item and routes menu clicks and keyboard
 * commands to it. Runs in the service worker.
 */
import { t } from '../i18n/i18n';
import { TEST_BUILD } from '../settings/build-flags';
import { browser } from 'wxt/browser';
import { callContent, type ChatMessage } from '../protocol';
import { panelRequestItem, presetsItem } from '../settings/storage-items';
import { ACTIONS, findAction, presetMenuId } from './index';
import type { ActionContext, ActionServices, ActionTarget } from './types';

export const actionServices: ActionServices = {
  async tellTab(tabId, method, params) {
    await callContent((message) => browser.tabs.sendMessage(tabId, message), method, params);
  },
  async openSidePanel(tabId) {
    await chrome.sidePanel.open({ tabId });
  },
  askTab(tabId, method, params) {
    return callContent((message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }), method, params);
  },
  async setPanelRequest(request) {
    await panelRequestItem.setValue(request);
  },
};

/**
 * Runs action `id` for a tab. In test builds it is exposed on the service worker's global
 * scope as `runAction` (see exposeForTests), so tests drive exactly what a menu click drives.
 * @throws {Error} for an unknown action id.
 */
export async function runAction(id: string, target: ActionTarget): Promise<void> {
  const action = findAction(id);
  if (!action) throw new Error(`Unknown action "${id}".`);
  const presetId = id.startsWith('preset:') ? id.slice('preset:'.length) : target.presetId;
  await action.run({ ...target, presetId }, actionServices);
}

/** The right-click menu: every action with a context, and one item per preset. */
async function buildMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const action of ACTIONS) {
    if (!action.contexts.length || action.id === 'preset') continue;
    browser.contextMenus.create({
      id: action.id,
      title: t(action.title),
      contexts: action.contexts as [ActionContext, ...ActionContext[]],
      targetUrlPatterns: action.targetUrlPatterns,
    });
  }
  for (const p of await presetsItem.getValue()) {
    browser.contextMenus.create({
      id: presetMenuId(p.id),
      title: p.title.slice(0, 60),
      contexts: ['selection'],
    });
  }
}

/** The answer bubble's "Continue in side panel": opens the panel on the bubble's tab with the conversation. */
export async function continueInPanel(conversation: ChatMessage[], tabId: number): Promise<{ ok: true }> {
  const opening = actionServices.openSidePanel(tabId).catch(() => {});
  await actionServices.setPanelRequest({ view: 'chat', tabId, conversation });
  await opening;
  return { ok: true };
}

export function registerActions(): void {
  browser.runtime.onInstalled.addListener(() => void buildMenus());
  presetsItem.watch(() => void buildMenus());
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    void runAction(String(info.menuItemId), {
      tabId: tab.id,
      selectionText: info.selectionText,
      linkUrl: info.linkUrl,
    });
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined) return;
    void runAction(command, { tabId: tab.id });
  });
}

/** Test builds only: lets end-to-end tests run actions as a menu click would. */
export function exposeForTests(): void {
  if (TEST_BUILD) Object.assign(globalThis, { runAction });
}
