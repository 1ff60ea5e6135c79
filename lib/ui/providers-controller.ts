/**
 * State and host calls behind Settings → Providers: the saved providers and fallback, adding a
 * server (its origin's permission asked for from the user's click, then the host tests the
 * connection and diagnoses failures in plain words), saving, removing (which gives the
 * permission back), following permissions revoked elsewhere, and choosing a provider model.
 */
import { t } from '../i18n/i18n';
import { formatNumber } from './format';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, type EngineClient, type ModelRef } from '../protocol';
import type { Fallback, Provider, ProviderDraft } from '../settings/types';
import type { OriginPermissions } from '../providers/origin-permissions';
import { providerOrigin } from '../providers/provider-policy';
import { useStorageItem, type StorageItem } from './use-storage-item';

export interface ProvidersControllerDeps {
  client: Pick<EngineClient, 'request'>;
  providers: StorageItem<Provider[]>;
  fallback: StorageItem<Fallback>;
  activeModel: StorageItem<ModelRef | null>;
  permissions: OriginPermissions;
}

/** The outcome of the last connection test. */
export interface ConnectionTest {
  ok: boolean;
  text: string;
  models: string[];
  /** The base URL that was tested: only that one can be saved. */
  baseUrl: string;
}

/** Whether a saved provider's origin holds the browser's permission now (unknown until checked). */
export type ProviderAccess = 'granted' | 'revoked' | 'unknown';

export interface ProvidersController {
  list: Provider[];
  /** By provider id. */
  access: Record<string, ProviderAccess>;
  /** Null until storage has answered, so a click cannot overwrite the stored fallback. */
  fallback: Fallback | null;
  test: ConnectionTest | null;
  /** A refused "grant again", in words. */
  notice: string | null;
  /** Call from the click: asks for the origin's permission, then tests the connection. */
  testConnection: (draft: ProviderDraft) => void;
  /** Saves the draft as tested; false (nothing saved) when the last test did not pass. */
  save: (draft: ProviderDraft) => boolean;
  remove: (id: string) => void;
  /** Call from the click: asks for a revoked provider's permission again. */
  grant: (id: string) => void;
  use: (model: ModelRef) => void;
  setFallback: (fallback: Fallback) => void;
}

export function connectedText(models: string[]): string {
  return t(
    models.length === 1 ? 'providers_connected_one' : 'providers_connected',
    formatNumber(models.length),
  );
}

export function refusedText(origin: string): string {
  return t('providers_refused', origin);
}

export function stillRevokedText(origin: string): string {
  return t('providers_still_refused', origin);
}

export function keptText(origin: string): string {
  return t('providers_removed', origin);
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

const originOf = (p: Provider) => {
  try {
    return providerOrigin(p.baseUrl);
  } catch {
    return null;
  }
};

export function useProvidersController(deps: ProvidersControllerDeps): ProvidersController {
  const { client, permissions } = deps;
  const [list, setList] = useStorageItem(deps.providers);
  const [fallback, setFallback] = useStorageItem(deps.fallback, null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [access, setAccess] = useState<Record<string, ProviderAccess>>({});
  const [notice, setNotice] = useState<string | null>(null);

  // Every saved provider's permission, checked now and again whenever one is granted or revoked
  // anywhere (here, or in the browser's own extension settings).
  useEffect(() => {
    let live = true;
    const check = () =>
      void Promise.all(
        list.map(async (p): Promise<[string, ProviderAccess]> => {
          const origin = originOf(p);
          return [p.id, origin && (await permissions.contains(origin)) ? 'granted' : 'revoked'];
        }),
      ).then((entries) => live && setAccess(Object.fromEntries(entries)));
    check();
    const stop = permissions.onChange(check);
    return () => {
      live = false;
      stop();
    };
  }, [list, permissions]);

  /** Gives an origin back unless a saved provider still uses it; false where the browser kept it. */
  const release = async (origin: string, keep: readonly Provider[]): Promise<boolean> => {
    if (keep.some((p) => originOf(p) === origin)) return true;
    return permissions.remove(origin);
  };

  return {
    list,
    access,
    fallback,
    test,
    notice,
    testConnection(draft) {
      setTest(null);
      const baseUrl = draft.baseUrl.trim();
      const fail = (text: string) => setTest({ ok: false, text, models: [], baseUrl });
      let origin: string;
      try {
        origin = providerOrigin(baseUrl);
      } catch (e) {
        return fail(errorMessage(e));
      }
      // Synchronously, in the click: the browser prompts only from a user gesture.
      const asked = permissions.request(origin);
      void (async () => {
        if (!(await asked.catch(() => false))) return fail(refusedText(origin));
        try {
          const { models } = await client.request('providers.test', {
            kind: draft.kind,
            baseUrl,
            apiKey: draft.apiKey.trim() || undefined,
          });
          setTest({ ok: true, text: connectedText(models), models, baseUrl });
        } catch (e) {
          // Nothing half-way: a server that failed its test keeps no permission it was given for it.
          await release(origin, list).catch(() => {});
          fail(errorMessage(e));
        }
      })();
    },
    save(draft) {
      if (!test?.ok || test.baseUrl !== draft.baseUrl.trim()) return false;
      void setList([...list, providerFromDraft(draft, test.models, crypto.randomUUID().slice(0, 8))]);
      setTest(null);
      return true;
    },
    remove(id) {
      const gone = list.find((p) => p.id === id);
      const keep = list.filter((p) => p.id !== id);
      setNotice(null);
      void setList(keep)
        .then(async () => {
          const origin = gone && originOf(gone);
          if (origin && !(await release(origin, keep))) setNotice(keptText(origin));
        })
        .catch((e: unknown) => setNotice(errorMessage(e)));
    },
    grant(id) {
      const provider = list.find((p) => p.id === id);
      const origin = provider && originOf(provider);
      if (!origin) return;
      setNotice(null);
      void permissions
        .request(origin)
        .catch(() => false)
        .then((ok) => !ok && setNotice(stillRevokedText(origin)));
    },
    use: (model) => void deps.activeModel.setValue(model),
    setFallback: (value) => void setFallback(value),
  };
}
