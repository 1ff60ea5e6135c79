/**
 * Handlers for the methods served by the engine: chat and load wait their turn in the fair
 * queue (a provider off this device answers at once, beside it); status and the device's
 * figures answer at once.
 */
import {
  AbortedError,
  BuiltinModelFailedError,
  EngineCrashedError,
  EngineUnavailableError,
  type ChatChunk,
  type ChatParams,
  type ChatResult,
  type DeviceCapabilities,
  type HostStatus,
  type ModelRef,
} from '../protocol';
import type { EngineService } from '../engine/engine-runtime';
import { sameModel } from '../engine/engine';
import type { BuiltinEngine } from '../engine/builtin-engine';
import type { ModelHost } from '../models/model-host';
import type { ProviderHost } from '../providers/provider-host';
import type { CallContext, PartialRegistry } from './handlers';
import type { EngineQueue } from './engine-queue';
import { streamChat } from './stream-chat';
import { hostDiagnostics } from './diagnostics';
import { checkChat, requireOnDevice, statusForPage, type TrustedSettings } from './page-policy';
import type { ConsentGrants } from './consent-grants';
import { standInsFor } from './stand-in';

export type EngineMethod =
  'chat' | 'load' | 'status' | 'capabilities' | 'calibrate' | 'diagnostics' | 'cached' | 'consent.once';

export interface EngineHandlerDeps {
  engines: EngineService;
  queue: EngineQueue;
  capabilities: () => Promise<DeviceCapabilities>;
  /** Measures the device again; capabilities with the new figures. */
  calibrate?: () => Promise<DeviceCapabilities>;
  status: () => HostStatus;
  models?: ModelHost;
  providers?: ProviderHost;
  /** Chrome's built-in model (the Prompt API), run here: Chrome exposes it to windows, not Workers. */
  builtin?: Pick<BuiltinEngine, 'load' | 'chat' | 'refresh'>;
  settings?: TrustedSettings;
  grants: ConsentGrants;
  now: () => number;
  /** Load progress of the one engine, for status. */
  onProgress: (model: ModelRef, progress: number, text: string) => void;
  onLoaded: (model: ModelRef) => void;
}

export function engineHandlers(deps: EngineHandlerDeps): PartialRegistry<EngineMethod> {
  const load = async (model: ModelRef) => {
    if (model.engine === 'builtin') {
      const builtin = deps.builtin ?? noBuiltin();
      try {
        await builtin.load(model, (report) => deps.onProgress(model, report.progress, report.text));
      } finally {
        deps.onLoaded(model);
      }
      return;
    }
    if (!sameModel(deps.engines.stats().loaded, model)) await requireOnDevice(model, deps.engines);
    deps.models?.touch(model);
    try {
      await deps.engines.load(model, (report) => deps.onProgress(model, report.progress, report.text));
    } finally {
      deps.onLoaded(model);
    }
  };

  const policy = (caller: CallContext<'chat'>['caller'], params: ChatParams) =>
    checkChat(caller, params, {
      grants: deps.grants,
      settings: deps.settings,
      loaded: () => deps.engines.stats().loaded,
    });

  /** Answers from a provider or Chrome's model beside the queue, or from the local engine in turn. */
  const answer = async (params: ChatParams, ctx: CallContext<'chat'>): Promise<ChatResult> => {
    const beside = (chat: EngineService['chat']) =>
      deps.queue.beside((times) =>
        streamChat(chat, params, ctx.signal, ctx.onChunk, { ...times, now: deps.now }),
      );
    if (params.model.engine === 'remote') {
      const providers = deps.providers;
      if (!providers) throw new EngineUnavailableError('This engine host has no remote providers.');
      return beside(providers.chat.bind(providers));
    }
    if (params.model.engine === 'builtin') {
      const builtin = deps.builtin ?? noBuiltin();
      return beside((_model, request, options) => builtin.chat(request, options));
    }
    return deps.queue.enqueue(
      {
        clientId: ctx.clientId,
        priority: params.priority ?? 'interactive',
        signal: ctx.signal,
        onQueued: ctx.onQueued,
      },
      async (times) => {
        const forward = (chunk: ChatChunk) => {
          // A chunk that was on its way when the asker cancelled is not theirs to see any more.
          if (!ctx.signal.aborted) ctx.onChunk(chunk);
        };
        // An answer an engine crash interrupted is retried once, from the start.
        for (let attempt = 0; ; attempt++) {
          try {
            await load(params.model);
            if (ctx.signal.aborted) throw new AbortedError();
            // The answer starts again: the asker drops what the crashed attempt had streamed.
            if (attempt > 0) forward({ delta: '', tokens: 0, restart: true });
            return await streamChat(deps.engines.chat.bind(deps.engines), params, ctx.signal, forward, {
              ...times,
              now: deps.now,
            });
          } catch (error) {
            if (!(error instanceof EngineCrashedError) || attempt > 0 || ctx.signal.aborted) throw error;
          }
        }
      },
    );
  };

  const chat = async (params: ChatParams, ctx: CallContext<'chat'>): Promise<ChatResult> => {
    await policy(ctx.caller, params);
    const standIns = await standInsFor(ctx.caller, params, {
      downloads: () => deps.models?.downloads() ?? [],
      builtin: deps.builtin,
      provider: () => deps.settings?.downloadStandIn?.() ?? Promise.resolve(null),
      check: policy,
      onDisk: async () => (await deps.models?.storageReport())?.models.map((m) => m.model) ?? [],
      loaded: () => deps.engines.stats().loaded,
    });
    if (!standIns.length) return answer(params, ctx);
    // Each stand-in in turn: one that fails (Chrome's model mid-answer, a provider offline) hands
    // over to the next, which starts the answer again.
    let first: Error | null = null;
    for (const [i, model] of standIns.entries()) {
      if (i > 0) ctx.onChunk({ delta: '', tokens: 0, restart: true });
      try {
        return { ...(await answer({ ...params, model }, ctx)), standInFor: params.model };
      } catch (error) {
        if (ctx.signal.aborted || error instanceof AbortedError) throw error;
        first ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    throw first ?? new AbortedError();
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
    status: (_params, { caller }) =>
      Promise.resolve(caller.kind === 'content-script' ? statusForPage(deps.status()) : deps.status()),
    diagnostics: (params) => hostDiagnostics(params),
    capabilities: () => deps.capabilities(),
    calibrate: () => (deps.calibrate ?? deps.capabilities)(),
    cached: async (model) => ({ cached: await deps.engines.isCached(model) }),
    'consent.once': async ({ site, provider }) => ({ grant: deps.grants.issue(site, provider) }),
  };
}

function noBuiltin(): never {
  throw new BuiltinModelFailedError(
    "Chrome's built-in model is not reachable from this engine host. Pick another model in Models.",
  );
}
