import type { UserAction } from './types';

/** The keyboard shortcut on selected text: an answer bubble next to it, streamed from the shared model. */
export const explainSelection: UserAction = {
  id: 'explain-selection',
  title: 'Explain the selection in a bubble',
  contexts: [],
  command: { suggestedKey: 'Alt+Shift+E', description: 'Explain the selected text' },
  async run(target, services) {
    await services.tellTab(target.tabId, 'explain-selection', {});
  },
};
