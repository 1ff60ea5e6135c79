/** Every persisted setting, defined once (WXT typed storage items). Local only: never synced. */
import { storage } from 'wxt/utils/storage';
import type { ChatMessage, ModelRef } from '../protocol';
import type { TaskId } from '../chat/tasks';

/** What the side panel should show when it opens: set by actions, taken by the panel. */
export interface PanelRequest {
  view: 'tables' | 'chat';
  tabId: number;
  tableIndex?: number | null;
  /** A task to start at once on `selection` (or on the page). */
  task?: TaskId;
  selection?: string;
  presetId?: string;
  /** A conversation to carry over (from the answer bubble). */
  conversation?: ChatMessage[];
}

/** Session storage: gone when the browser closes. */
export const panelRequestItem = storage.defineItem<PanelRequest | null>('session:panelRequest', { fallback: null });

/** The model the user picked; null means "the default for this device". */
export const activeModelItem = storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null });

/** Models chosen per kind of task; a task without one uses the active model. */
export type TaskKind = 'chat' | 'summarise' | 'translate' | 'sql';
export const taskModelsItem = storage.defineItem<Partial<Record<TaskKind, ModelRef>>>('local:taskModels', { fallback: {} });

export interface Preset {
  id: string;
  title: string;
  /** The instruction; the selected text is attached as quoted data. */
  prompt: string;
}

export const presetsItem = storage.defineItem<Preset[]>('local:presets', {
  fallback: [{ id: 'eli5', title: 'Explain like I am five', prompt: 'Explain this to a five-year-old, in three short sentences.' }],
});

/** Language answers are written in; '' means the browser's language. */
export const answerLanguageItem = storage.defineItem<string>('local:answerLanguage', { fallback: '' });
