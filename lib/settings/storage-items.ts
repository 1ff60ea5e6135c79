/** Every persisted setting, defined once (WXT typed storage items). Local only: never synced. */
import { storage } from 'wxt/utils/storage';
import type { ModelRef } from '../protocol';
import type {
  Fallback,
  PanelRequest,
  PendingSite,
  Preset,
  Provider,
  SiteDecision,
  TaskModels,
} from './types';

export type {
  Fallback,
  PanelRequest,
  PendingSite,
  Preset,
  Provider,
  SiteDecision,
  TaskId,
  TaskKind,
  TaskModels,
} from './types';

/** Session storage: gone when the browser closes. */
export const panelRequestItem = storage.defineItem<PanelRequest | null>('session:panelRequest', {
  fallback: null,
});

/**
 * Each tab's top-frame origin as the browser reported it when the page's content script said
 * hello (session storage, which pages cannot read or write).
 */
export const tabOriginsItem = storage.defineItem<Record<string, string>>('session:tabOrigins', {
  fallback: {},
});

/** The model the user picked; null means "the default for this device". */
export const activeModelItem = storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null });

/** Models chosen per kind of task; a task without one uses the active model. */
export const taskModelsItem = storage.defineItem<TaskModels>('local:taskModels', { fallback: {} });

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

export const providersItem = storage.defineItem<Provider[]>('local:providers', { fallback: [] });

export const fallbackItem = storage.defineItem<Fallback>('local:fallback', {
  fallback: { model: null, whenNoWebGpu: true, whenDownloading: true, whenTooLong: false },
});

/** Sites whose page text may go to a provider off this device: host of the page → providers' hosts. */
export const remoteConsentItem = storage.defineItem<Record<string, string[]>>('local:remoteConsent', {
  fallback: {},
});

/** Web pages' origins the user decided on for the page API ("always" or "never"). */
export const pageApiSitesItem = storage.defineItem<Record<string, SiteDecision>>('local:pageApiSites', {
  fallback: {},
});

/** Origins allowed "this time": until the browser closes (session storage). */
export const pageApiOnceItem = storage.defineItem<string[]>('session:pageApiOnce', { fallback: [] });

/** Origins that asked and wait for the user's decision in the side panel. */
export const pageApiPendingItem = storage.defineItem<PendingSite[]>('session:pageApiPending', {
  fallback: [],
});

/** Also install the page API as `window.LanguageModel` where the browser has none of its own. */
export const pageApiGlobalItem = storage.defineItem<boolean>('local:pageApiGlobal', { fallback: false });
