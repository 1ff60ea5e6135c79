import type { UserAction } from './types';

/** Right-click on a table: opens the side panel's Tables view with that table selected. */
export const askTable: UserAction = {
  id: 'ask-table',
  title: 'menu_ask_table',
  contexts: ['page'],
  async run(target, services) {
    // Open first: Chrome only lets the panel open while the click's user gesture lasts.
    const opening = services.openSidePanel(target.tabId);
    const { index } = await services.askTab(target.tabId, 'context-table', {});
    await services.setPanelRequest({ view: 'tables', tabId: target.tabId, tableIndex: index });
    await opening;
  },
};
