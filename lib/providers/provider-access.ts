/**
 * Service-worker side of providers: tells the engine host — and only the host — what its provider
 * policy needs (the provider the user added, with its key, and whether its origin holds the
 * browser's permission now; offscreen documents can use neither storage nor the permissions API).
 */
import { browser } from 'wxt/browser';
import { providersItem } from '../settings/storage-items';
import { originPattern, providerOrigin, type ProviderFacts } from './provider-policy';
import { ensureOriginRule } from './origin-rules';

/** What the host's policy needs about `baseUrl`: who added it (with its key) and its permission now. */
export async function providerFacts(baseUrl: string): Promise<ProviderFacts> {
  let origin: string;
  try {
    origin = providerOrigin(baseUrl);
  } catch {
    return { endpoint: null, permitted: false };
  }
  const [providers, permitted] = await Promise.all([
    providersItem.getValue(),
    browser.permissions.contains({ origins: [originPattern(origin)] }),
  ]);
  // The Origin rule for a just-granted server, before the host's first request to it (Ollama).
  if (permitted) await ensureOriginRule(origin);
  const provider = providers.find((p) => p.baseUrl === baseUrl);
  return {
    endpoint: provider
      ? { kind: provider.kind, baseUrl: provider.baseUrl, apiKey: provider.apiKey?.trim() }
      : null,
    permitted,
  };
}
