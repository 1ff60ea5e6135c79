import type { UserAction } from './types';

/** Opens the side panel on the current page. */
export const openPanel: UserAction = {
  id: 'open-panel',
  title: 'menu_open_panel',
  contexts: ['page'],
  command: { suggestedKey: 'Alt+Shift+L', description: 'command_open_panel' },
  async run(target, services) {
    await services.openSidePanel(target.tabId);
  },
};
