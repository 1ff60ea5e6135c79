import type { MessageKey } from '../i18n/i18n';
import type { TaskId } from '../chat/tasks';
import type { ActionContext, UserAction } from './types';

/**
 * An action that opens the side panel and starts `task` there at once: the panel takes the
 * request when it connects (or right away if already open), so nothing waits on a timer.
 */
export function panelTask(
  id: string,
  title: MessageKey,
  contexts: ActionContext[],
  task: TaskId,
): UserAction {
  return {
    id,
    title,
    contexts,
    async run(target, services) {
      // Open first: Chrome only lets the panel open while the click's user gesture lasts.
      const opening = services.openSidePanel(target.tabId);
      await services.setPanelRequest({
        view: 'chat',
        tabId: target.tabId,
        task,
        selection: target.selectionText,
        presetId: target.presetId,
      });
      await opening;
    },
  };
}
