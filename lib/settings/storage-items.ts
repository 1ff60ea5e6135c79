/** Every persisted setting, defined once (WXT typed storage items). */
import { storage } from 'wxt/utils/storage';
import type { ModelRef } from '../protocol';

/** The model the user picked; null means "the default for this device". Local only, never synced. */
export const activeModelItem = storage.defineItem<ModelRef | null>('local:activeModel', { fallback: null });
