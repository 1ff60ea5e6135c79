/**
 * The engine host's side of providers: answering a chat through a provider and testing a
 * connection before a provider is saved. Every request asks the service worker for the facts
 * afresh (is it added, with which key; does its origin hold the permission now), so a removed
 * provider or a revoked permission stops it at once, and the policy in ./provider-policy.ts
 * decides before anything is fetched.
 */
import type { ModelRef, ParamsOf } from '../protocol';
import type { ChatCompletion, ChatCompletionOptions, ChatCompletionRequest } from '../engine/engine';
import { listModels, remoteChat } from '../engine/remote-engine';
import { requirePermitted, usableEndpoint, type ProviderFacts } from './provider-policy';

export class ProviderHost {
  constructor(private readonly facts: (baseUrl: string) => Promise<ProviderFacts>) {}

  /**
   * Streams a chat from the provider at `model.url`.
   * @throws {LocalAiError} 'engine-unavailable' when the user has not added it, 'forbidden' when
   * its permission was revoked, or the provider's own failure in plain words.
   */
  async chat(
    model: ModelRef,
    request: ChatCompletionRequest,
    options: ChatCompletionOptions,
  ): Promise<ChatCompletion> {
    const baseUrl = model.url ?? '';
    const endpoint = usableEndpoint(baseUrl, baseUrl ? await this.facts(baseUrl) : NOT_ADDED);
    return remoteChat(endpoint, model.id, request, options);
  }

  /**
   * Lists a provider's models, which proves it is reachable and takes the key.
   * @throws {LocalAiError} 'bad-request' for a URL that is not http(s), 'forbidden' for an origin
   * the user has not granted, or the server's failure in plain words.
   */
  async test(endpoint: ParamsOf<'providers.test'>): Promise<{ models: string[] }> {
    requirePermitted(endpoint.baseUrl, (await this.facts(endpoint.baseUrl)).permitted);
    return { models: await listModels(endpoint) };
  }
}

const NOT_ADDED: ProviderFacts = { endpoint: null, permitted: false };
