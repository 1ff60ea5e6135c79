/**
 * The engine host's side of providers: answering a chat through a provider (its endpoint and
 * key come from the service worker, asked each time, so a removed provider stops at once), and
 * testing a connection before a provider is saved.
 */
import { LocalAiError, type ModelRef, type ParamsOf } from '../protocol';
import type { ChatCompletion, ChatCompletionOptions, ChatCompletionRequest } from '../engine/engine';
import { listModels, remoteChat, type ProviderEndpoint } from '../engine/remote-engine';
import { isAllowedProvider } from '../models/hosts';

export class ProviderHost {
  constructor(private readonly lookup: (baseUrl: string) => Promise<ProviderEndpoint | null>) {}

  async chat(
    model: ModelRef,
    request: ChatCompletionRequest,
    options: ChatCompletionOptions,
  ): Promise<ChatCompletion> {
    const endpoint = model.url ? await this.lookup(model.url) : null;
    if (!endpoint)
      throw new LocalAiError(
        'engine-unavailable',
        'That provider is not set up (it may have been removed). Add it again in Settings → Providers, or pick a model on this device.',
      );
    return remoteChat(endpoint, model.id, request, options);
  }

  /**
   * Lists a provider's models, which proves it is reachable and takes the key.
   * @throws {LocalAiError} 'bad-request' for a server that is neither on this machine nor a known provider.
   */
  async test(endpoint: ParamsOf<'providers.test'>): Promise<{ models: string[] }> {
    if (!isAllowedProvider(endpoint.baseUrl)) {
      throw new LocalAiError(
        'bad-request',
        `Local AI can reach servers on this machine (localhost, 127.0.0.1) and these cloud providers only: OpenAI, OpenRouter, Groq, Together, Mistral, DeepSeek, Fireworks. ${endpoint.baseUrl} is not one of them.`,
      );
    }
    return { models: await listModels(endpoint) };
  }
}
