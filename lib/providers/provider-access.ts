/**
 * Service-worker side of providers: hands the engine host a provider's endpoint (with its API
 * key) when the host asks — and only the host — and keeps one declarativeNetRequest rule per
 * Ollama server that drops the Origin header, since Ollama refuses extension origins unless its
 * OLLAMA_ORIGINS setting is changed.
 */
import { browser } from 'wxt/browser';
import type { ProviderEndpoint } from '../engine/remote-engine';
import { providersItem } from '../settings/storage-items';

const RULE_ID = 1000;

/** The endpoint for `baseUrl` with its key: the service worker hands it to the engine host only. */
export async function providerEndpoint(baseUrl: string): Promise<ProviderEndpoint | null> {
  const provider = (await providersItem.getValue()).find((p) => p.baseUrl === baseUrl);
  return provider
    ? { kind: provider.kind, baseUrl: provider.baseUrl, apiKey: provider.apiKey?.trim() }
    : null;
}

/**
 * One rule for every model server on this machine: requests from this extension go without an
 * Origin header. Ollama refuses extension origins unless OLLAMA_ORIGINS is changed; servers on
 * loopback need no Origin from us (the extension's host access already spares it CORS).
 */
export async function installOriginRule(): Promise<void> {
  await chrome.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: [RULE_ID],
    addRules: [
      {
        id: RULE_ID,
        priority: 1,
        action: {
          type: chrome.declarativeNetRequest.RuleActionType.MODIFY_HEADERS,
          requestHeaders: [
            { header: 'origin', operation: chrome.declarativeNetRequest.HeaderOperation.REMOVE },
          ],
        },
        condition: {
          regexFilter: '^http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?/',
          initiatorDomains: [browser.runtime.id],
          resourceTypes: [
            chrome.declarativeNetRequest.ResourceType.XMLHTTPREQUEST,
            chrome.declarativeNetRequest.ResourceType.OTHER,
          ],
        },
      },
    ],
  });
}

export function watchProviders(): void {
  void installOriginRule().catch((error) =>
    console.warn('Local AI: could not install the Origin rule', error),
  );
}
