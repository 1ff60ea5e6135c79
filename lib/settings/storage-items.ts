/** Every persisted setting, defined once (WXT typed storage items). */
import { storage } from 'wxt/utils/storage';
import type { ModelRef } from '../protocol';

/** The model the user picked; null means "the default for this device". Local only, never synced. */
/** What the side panel should show when it opens: set by actions, taken by the panel. */
export interface PanelRequest {
  view: 'tables' | 'chat';
  tabId: number;
  tableIndex?: number | null;
}

/** Session storage: gone when the browser closes, never synced. */
export const panelRequestItem = storage.defineItem<PanelRequest | null>('session:panelRequest', { fallback: null });

export const activeModelItem = storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null });
