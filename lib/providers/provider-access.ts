/**
 * Service-worker side of providers: tells the engine host — and only the host — what its provider
 * policy needs (the provider the user added, with its key, and whether its origin holds the
 * browser's permission now; offscreen documents can use neither storage nor the permissions API),
 * and keeps the declarativeNetRequest rules that drop the Origin header for Ollama servers, since
 * Ollama refuses extension origins unless its OLLAMA_ORIGINS setting is changed.
 */
import { browser } from 'wxt/browser';
import { providersItem, type Provider } from '../settings/storage-items';
import { isLoopbackHost } from '../models/hosts';
import { originPattern, providerOrigin, type ProviderFacts } from './provider-policy';

const RULE_ID = 1000;

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
  const provider = providers.find((p) => p.baseUrl === baseUrl);
  return {
    endpoint: provider
      ? { kind: provider.kind, baseUrl: provider.baseUrl, apiKey: provider.apiKey?.trim() }
      : null,
    permitted,
  };
}

/**
 * Requests from this extension to model servers on this machine, and to every Ollama server the
 * user added elsewhere (the LAN), go without an Origin header: Ollama refuses extension origins
 * unless OLLAMA_ORIGINS is changed, and the extension's host access already spares it CORS. A
 * rule only takes effect where the extension holds the host permission (WithHostAccess).
 */
export async function installOriginRules(providers: readonly Provider[]): Promise<void> {
  const ollama = new Set<string>();
  for (const p of providers) {
    if (p.kind !== 'ollama') continue;
    try {
      const origin = providerOrigin(p.baseUrl);
      if (!isLoopbackHost(new URL(origin).hostname)) ollama.add(origin);
    } catch {
      // A malformed entry is never used (the host refuses it); it needs no rule either.
    }
  }
  const stale = (await chrome.declarativeNetRequest.getDynamicRules()).filter((r) => r.id >= RULE_ID);
  await chrome.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: stale.map((r) => r.id),
    addRules: [
      dropOrigin(RULE_ID, { regexFilter: '^http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?/' }),
      // "|" anchors the filter at the start of the URL: this origin and nothing that merely contains it.
      ...[...ollama].map((origin, i) => dropOrigin(RULE_ID + 1 + i, { urlFilter: `|${origin}/` })),
    ],
  });
}

function dropOrigin(
  id: number,
  filter: { regexFilter: string } | { urlFilter: string },
): chrome.declarativeNetRequest.Rule {
  return {
    id,
    priority: 1,
    action: {
      type: chrome.declarativeNetRequest.RuleActionType.MODIFY_HEADERS,
      requestHeaders: [{ header: 'origin', operation: chrome.declarativeNetRequest.HeaderOperation.REMOVE }],
    },
    condition: {
      ...filter,
      initiatorDomains: [browser.runtime.id],
      resourceTypes: [
        chrome.declarativeNetRequest.ResourceType.XMLHTTPREQUEST,
        chrome.declarativeNetRequest.ResourceType.OTHER,
      ],
    },
  };
}

/** Keeps the Origin rules in step with the providers the user added. */
export function watchProviders(): void {
  const install = (providers: readonly Provider[]) =>
    void installOriginRules(providers).catch((error) =>
      console.warn('Local AI: could not install the Origin rules', error),
    );
  void providersItem.getValue().then(install);
  providersItem.watch(install);
}
