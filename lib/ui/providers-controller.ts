/**
 * State and host calls behind Settings → Providers: the saved providers and fallback, testing a
 * connection before it is saved (the host fetches the model list and diagnoses failures in plain
 * words), saving, removing, and choosing a provider model.
 */
import { useState } from 'preact/hooks';
import { errorMessage, type EngineClient, type ModelRef } from '../protocol';
import type { Fallback, Provider, ProviderDraft } from '../settings/types';
import { useStorageItem, type StorageItem } from './use-storage-item';

export interface ProvidersControllerDeps {
  client: Pick<EngineClient, 'request'>;
  providers: StorageItem<Provider[]>;
  fallback: StorageItem<Fallback>;
  activeModel: StorageItem<ModelRef | null>;
}

/** The outcome of the last connection test. */
export interface ConnectionTest {
  ok: boolean;
  text: string;
  models: string[];
}

export interface ProvidersController {
  list: Provider[];
  /** Null until storage has answered, so a click cannot overwrite the stored fallback. */
  fallback: Fallback | null;
  test: ConnectionTest | null;
  testConnection: (draft: ProviderDraft) => void;
  /** Saves the draft as tested; false (nothing saved) when the last test did not pass. */
  save: (draft: ProviderDraft) => boolean;
  remove: (id: string) => void;
  use: (model: ModelRef) => void;
  setFallback: (fallback: Fallback) => void;
}

export function connectedText(models: string[]): string {
  return `Connected: ${models.length} model${models.length === 1 ? '' : 's'}.`;
}

/** The provider to store for a draft whose test found `models`. */
export function providerFromDraft(draft: ProviderDraft, models: string[], id: string): Provider {
  return {
    id,
    name: draft.name.trim() || new URL(draft.baseUrl).host,
    kind: draft.kind,
    baseUrl: draft.baseUrl.trim(),
    apiKey: draft.apiKey.trim() || undefined,
    models,
  };
}

export function useProvidersController(deps: ProvidersControllerDeps): ProvidersController {
  const { client } = deps;
  const [list, setList] = useStorageItem(deps.providers);
  const [fallback, setFallback] = useStorageItem(deps.fallback, null);
  const [test, setTest] = useState<ConnectionTest | null>(null);

  return {
    list,
    fallback,
    test,
    testConnection(draft) {
      setTest(null);
      void client
        .request('providers.test', {
          kind: draft.kind,
          baseUrl: draft.baseUrl.trim(),
          apiKey: draft.apiKey.trim() || undefined,
        })
        .then(
          ({ models }) => setTest({ ok: true, text: connectedText(models), models }),
          (e) => setTest({ ok: false, text: errorMessage(e), models: [] }),
        );
    },
    save(draft) {
      if (!test?.ok) return false;
      void setList([...list, providerFromDraft(draft, test.models, crypto.randomUUID().slice(0, 8))]);
      setTest(null);
      return true;
    },
    remove: (id) => void setList(list.filter((p) => p.id !== id)),
    use: (model) => void deps.activeModel.setValue(model),
    setFallback: (value) => void setFallback(value),
  };
}
