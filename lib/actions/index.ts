/** Every user action, listed once; the service worker registers menus and commands from it. */
import { explainSelection } from './explain-selection';
import { askTable } from './ask-table';
import { openPanel } from './open-panel';
import type { UserAction } from './types';

export const ACTIONS: readonly UserAction[] = [explainSelection, askTable, openPanel];

export function findAction(id: string): UserAction | undefined {
  return ACTIONS.find((a) => a.id === id);
}
