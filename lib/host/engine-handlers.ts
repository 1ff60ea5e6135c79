/**
 * Handlers for the methods served by the engine: chat and load wait their turn in the fair
 * queue (a provider off this device answers at once, beside it); status and the device's
 * figures answer at once.
 */
import {
  AbortedError,
  EngineUnavailableError,
  type ChatParams,
  type ChatResult,
  type DeviceCapabilities,
  type HostStatus,
  type ModelRef,
} from '../protocol';
import type { EngineService } from '../engine/engine-runtime';
import type { ModelHost } from '../models/model-host';
import type { ProviderHost } from '../providers/provider-host';
import type { CallContext, PartialRegistry } from './handlers';
import type { EngineQueue } from './engine-queue';
import { streamChat } from './stream-chat';
import { hostDiagnostics } from './diagnostics';
import { checkChat, type TrustedSettings } from './page-policy';

export type EngineMethod = 'chat' | 'load' | 'status' | 'capabilities' | 'diagnostics' | 'cached';

export interface EngineHandlerDeps {
  engines: EngineService;
  queue: EngineQueue;
  capabilities: () => Promise<DeviceCapabilities>;
  status: () => HostStatus;
  models?: ModelHost;
  providers?: ProviderHost;
  settings?: TrustedSettings;
  now: () => number;
  /** Load progress of the one engine, for status. */
  onProgress: (model: ModelRef, progress: number, text: string) => void;
  onLoaded: () => void;
}

export function engineHandlers(deps: EngineHandlerDeps): PartialRegistry<EngineMethod> {
  const load = async (model: ModelRef) => {
    deps.models?.touch(model);
    try {
      await deps.engines.load(model, (report) => deps.onProgress(model, report.progress, report.text));
    } finally {
      deps.onLoaded();
    }
  };

  const chat = async (params: ChatParams, ctx: CallContext<'chat'>): Promise<ChatResult> => {
    await checkChat(ctx.caller, params.model, {
      settings: deps.settings,
      loaded: () => deps.engines.stats().loaded,
      isCached: (model) => deps.engines.isCached(model),
    });
    if (params.model.engine === 'remote') {
      const providers = deps.providers;
      if (!providers) throw new EngineUnavailableError('This engine host has no remote providers.');
      return deps.queue.beside((times) =>
        streamChat(providers.chat.bind(providers), params, ctx.signal, ctx.onChunk, {
          ...times,
          now: deps.now,
        }),
      );
    }
    return deps.queue.enqueue(
      {
        clientId: ctx.clientId,
        priority: params.priority ?? 'interactive',
        signal: ctx.signal,
        onQueued: ctx.onQueued,
      },
      async (times) => {
        await load(params.model);
        if (ctx.signal.aborted) throw new AbortedError();
        return streamChat(deps.engines.chat.bind(deps.engines), params, ctx.signal, ctx.onChunk, {
          ...times,
          now: deps.now,
        });
      },
    );
  };

  return {
    chat,
    load: (model, ctx) =>
      deps.queue.enqueue(
        { clientId: ctx.clientId, priority: 'interactive', signal: ctx.signal, onQueued: ctx.onQueued },
        async () => {
          if (model.engine !== 'remote') await load(model);
          if (ctx.signal.aborted) throw new AbortedError();
          return deps.status();
        },
      ),
    status: () => Promise.resolve(deps.status()),
    diagnostics: () => Promise.resolve(hostDiagnostics()),
    capabilities: () => deps.capabilities(),
    cached: async (model) => ({ cached: await deps.engines.isCached(model) }),
  };
}
