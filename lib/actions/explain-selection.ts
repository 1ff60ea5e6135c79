import type { UserAction } from './types';

/** Explains the selected text in an answer bubble next to it, streamed from the shared model. */
export const explainSelection: UserAction = {
  id: 'explain-selection',
  title: 'Explain “%s”',
  contexts: ['selection'],
  command: { suggestedKey: 'Alt+Shift+E', description: 'Explain the selected text' },
  async run(target, services) {
    await services.sendToTab(target.tabId, { type: 'explain-selection' });
  },
};
