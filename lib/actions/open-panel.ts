import type { UserAction } from './types';

/** Opens the side panel on the current page. */
export const openPanel: UserAction = {
  id: 'open-panel',
  title: 'Open Local AI',
  contexts: ['page'],
  command: { suggestedKey: 'Alt+Shift+L', description: 'Open the Local AI side panel' },
  async run(target, services) {
    await services.openSidePanel(target.tabId);
  },
};
