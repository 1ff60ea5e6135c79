import type { UserAction } from './types';

/** The keyboard shortcut on selected text: an answer bubble next to it, streamed from the shared model. */
export const explainSelection: UserAction = {
  id: 'explain-selection',
  title: 'menu_explain_selection',
  contexts: [],
  command: { suggestedKey: 'Alt+Shift+E', description: 'command_explain_selection' },
  async run(target, services) {
    await services.tellTab(target.tabId, 'explain-selection', {});
  },
};
