/** Every persisted setting, defined once (WXT typed storage items). Local only: never synced. */
import { storage } from 'wxt/utils/storage';
import type { ChatMessage, ModelRef } from '../protocol';

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
export const panelRequestItem = storage.defineItem<PanelRequest | null>('session:panelRequest', {
  fallback: null,
});

/** The model the user picked; null means "the default for this device". */
export const activeModelItem = storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null });

/** A menu task: each is one user action (see lib/actions). */
export type TaskId = 'explain' | 'summarise' | 'translate' | 'rewrite' | 'ask' | 'summarise-page' | 'preset';

/** Models chosen per kind of task; a task without one uses the active model. */
export type TaskKind = 'chat' | 'summarise' | 'translate' | 'sql';
export const taskModelsItem = storage.defineItem<Partial<Record<TaskKind, ModelRef>>>('local:taskModels', {
  fallback: {},
});

export interface Preset {
  id: string;
  title: string;
  /** The instruction; the selected text is attached as quoted data. */
  prompt: string;
}

export const presetsItem = storage.defineItem<Preset[]>('local:presets', {
  fallback: [
    {
      id: 'eli5',
      title: 'Explain like I am five',
      prompt: 'Explain this to a five-year-old, in three short sentences.',
    },
  ],
});

/** Language answers are written in; '' means the browser's language. */
export const answerLanguageItem = storage.defineItem<string>('local:answerLanguage', { fallback: '' });

/** A model server the user added: Ollama or any OpenAI-compatible endpoint. */
export interface Provider {
  id: string;
  name: string;
  kind: 'openai' | 'ollama';
  /** OpenAI-style base URL, ending in /v1. */
  baseUrl: string;
  /** Kept in local extension storage only: never synced, sent only to this provider. */
  apiKey?: string;
  models: string[];
}

export const providersItem = storage.defineItem<Provider[]>('local:providers', { fallback: [] });

/** Local first: a provider model to answer when the local model cannot, and when to use it. */
export interface Fallback {
  model: ModelRef | null;
  whenNoWebGpu: boolean;
  whenDownloading: boolean;
  whenTooLong: boolean;
}

export const fallbackItem = storage.defineItem<Fallback>('local:fallback', {
  fallback: { model: null, whenNoWebGpu: true, whenDownloading: true, whenTooLong: false },
});

/** Sites whose page text may go to a provider off this device: host of the page → providers' hosts. */
export const remoteConsentItem = storage.defineItem<Record<string, string[]>>('local:remoteConsent', {
  fallback: {},
});
