/**
 * The page API's methods, served for web pages (callers the router tagged `web-page` from the
 * Port's sender). Every request of a page passes its site's rate limit and, except availability,
 * params and destroy, the user's decision for its origin, read afresh each time: a revocation stops
 * the next request of every open session. Answers come from the user's local model through the
 * same queue and chat handler as the side panel's; a provider answers only where the user allowed
 * it for this site, separately.
 */
import {
  ConsentRequiredError,
  ContextOverflowError,
  ForbiddenError,
  LocalAiError,
  MAX_TOP_K,
  type Caller,
  type DeviceCapabilities,
  type LoadProgress,
  type ModelRef,
  type PageAccess,
  type PageMessage,
  type WebPageCaller,
} from '../protocol';
import type { EngineService } from '../engine/engine-runtime';
import { sameModel } from '../engine/engine';
import type { ModelHost } from '../models/model-host';
import { defaultModelFor } from '../models/default-models';
import type { CallContext, Handler, PartialRegistry } from './handlers';
import type { TrustedSettings } from './page-policy';
import { RateLimiter } from './rate-limit';
import { readyModel, type ModelReadyDeps } from './page-model-ready';
import type { SiteDownloads } from './site-downloads';
import { checkResponseSchema } from './response-schema';
import { schemaGrammar } from './schema-grammar';
import {
  estimate,
  fit,
  infoOf,
  learn,
  plan,
  usageOf,
  type PageSession,
  type PageSessions,
} from './page-sessions';

export type PageMethod =
  | 'page.availability'
  | 'page.params'
  | 'page.create'
  | 'page.prompt'
  | 'page.append'
  | 'page.measure'
  | 'page.clone'
  | 'page.destroy'
  | 'site.download';

const PAGE_DEFAULTS = { topK: 40, maxTopK: MAX_TOP_K, temperature: 0.7, maxTemperature: 2 } as const;

export interface PageApiDeps {
  sessions: PageSessions;
  settings?: TrustedSettings;
  engines: Pick<EngineService, 'stats' | 'isCached'>;
  models?: Pick<ModelHost, 'downloads' | 'download'>;
  /** Sites whose create() waits for the user to download their model. */
  siteDownloads: SiteDownloads;
  /** Chrome's built-in model: a site may use it only once it is on the device (see readyModel). */
  builtin?: ModelReadyDeps['builtin'];
  /** Listeners called whenever a download's progress changes. */
  downloadProgress: Set<() => void>;
  capabilities: () => Promise<DeviceCapabilities>;
  /** The engine handlers' chat and load: the page's turns wait in the same fair queue. */
  chat: Handler<'chat'>;
  load: Handler<'load'>;
  /** Listeners to the one engine's load progress: `create` joins while it waits. */
  loadProgress: Set<(progress: LoadProgress) => void>;
  now: () => number;
}

export function pageApiHandlers(deps: PageApiDeps): PartialRegistry<PageMethod> {
  const limiter = new RateLimiter({ burst: 30, perSecond: 5, now: deps.now });

  /** The origin's decision and model, after the rate limit. */
  const access = async (
    caller: Caller,
    ask: boolean,
  ): Promise<{ page: WebPageCaller; access: PageAccess }> => {
    const page = webPage(caller);
    limiter.take(page.origin);
    if (!deps.settings) throw new ForbiddenError('This engine host serves no web pages.');
    return { page, access: await deps.settings.pageAccess(page.origin, ask) };
  };

  const allowed = async (caller: Caller, ask = false) => {
    const got = await access(caller, ask);
    if (got.access.access !== 'allowed') throw notAllowed(got.page.origin, got.access.access);
    return got;
  };

  const modelFor = async (a: PageAccess): Promise<ModelRef | null> => {
    const model = a.model ?? defaultModelFor(await deps.capabilities());
    // A provider off this device answers for a site only where the user said so for that site.
    return model.engine === 'remote' && !a.providers ? null : model;
  };

  const session = (ctx: { caller: Caller; clientId: number }, id: string) =>
    deps.sessions.get(id, webPage(ctx.caller).origin, ctx.clientId);

  /** The page's session, if the site is still allowed and still allowed its session's model. */
  const usable = async (ctx: { caller: Caller; clientId: number }, id: string) => {
    const { page, access: a } = await allowed(ctx.caller);
    const s = session(ctx, id);
    // The user may turn providers off for the site while its sessions live: they stop at once.
    if (s.model.engine === 'remote' && !a.providers)
      throw new ConsentRequiredError(
        `${page.origin} may no longer use providers off this device. Create a new session for the on-device model.`,
      );
    return s;
  };

  return {
    'page.availability': async (_p, { caller }) => {
      const { access: a } = await access(caller, false);
      const model = a.access === 'denied' ? null : await modelFor(a);
      if (!model) return { availability: 'unavailable' };
      if (model.engine === 'remote' || sameModel(deps.engines.stats().loaded, model))
        return { availability: 'available' };
      if (await deps.engines.isCached(model)) return { availability: 'available' };
      const downloading = deps.models
        ?.downloads()
        .some((d) => d.model.id === model.id && (d.state === 'planning' || d.state === 'downloading'));
      return { availability: downloading ? 'downloading' : 'downloadable' };
    },
    'page.params': async (_p, { caller }) => {
      limiter.take(webPage(caller).origin);
      return {
        defaultTopK: PAGE_DEFAULTS.topK,
        maxTopK: PAGE_DEFAULTS.maxTopK,
        defaultTemperature: PAGE_DEFAULTS.temperature,
        maxTemperature: PAGE_DEFAULTS.maxTemperature,
      };
    },
    'page.create': async (params, ctx) => {
      const { page, access: a } = await allowed(ctx.caller, true);
      const model = await modelFor(a);
      if (!model)
        throw new ConsentRequiredError(
          `Local AI's model for web pages is a provider off this device, and ${page.origin} may not use providers. The user can allow it in Local AI's settings.`,
        );
      // Room is checked before the (possibly long) load, and again when the session is made.
      deps.sessions.ensureRoom(page.origin);
      if (model.engine !== 'remote') await readyModel(page.origin, model, ctx, deps);
      ctx.onChunk({ progress: 1 });
      return infoOf(deps.sessions.create(newSession(page, ctx, model, params)));
    },
    'page.prompt': async ({ sessionId, input, responseConstraint }, ctx) => {
      const s = await usable(ctx, sessionId);
      const format = responseConstraint
        ? { type: 'grammar' as const, grammar: schemaGrammar(checkResponseSchema(responseConstraint)) }
        : undefined;
      // A page gets the text and its count, nothing of the engine's timing (emission stamps).
      const chatCtx: CallContext<'chat'> = {
        ...ctx,
        onChunk: ({ delta, tokens, restart }) =>
          ctx.onChunk({ delta, tokens, ...(restart ? { restart } : {}) }),
      };
      return turn(s, async () => {
        let planned = plan(s, input);
        for (let attempt = 0; ; attempt++) {
          try {
            const result = await deps.chat(
              {
                model: s.model,
                messages: planned.messages,
                temperature: s.temperature,
                top_k: s.topK,
                max_tokens: s.outputReserve,
                ...(format ? { response_format: format } : {}),
              },
              chatCtx,
            );
            // A constrained answer cut off by the length limit is not valid JSON: say so instead.
            if (format && result.finishReason === 'length')
              throw new LocalAiError(
                'engine-failed',
                'The answer reached the length limit before its JSON was complete; give the schema maxLength and maxItems, or ask for less.',
              );
            learn(s, planned.messages, result.usage.promptTokens);
            // The answer joins the history; if that no longer fits, the oldest turns go now.
            const kept = fit(s, [...planned.messages, { role: 'assistant', content: result.text }]);
            s.messages = kept.messages;
            return { text: result.text, ...usageOf(s, planned.overflowed || kept.overflowed) };
          } catch (error) {
            // The estimate was short: learn the engine's exact count and fit again, once.
            if (!(error instanceof ContextOverflowError) || attempt > 0) throw error;
            learn(s, planned.messages, error.promptTokens);
            const again = plan(s, input);
            planned = { ...again, overflowed: true };
          }
        }
      });
    },
    'page.append': async ({ sessionId, input }, ctx) => {
      const s = await usable(ctx, sessionId);
      return turn(s, async () => {
        const planned = plan(s, input);
        s.messages = planned.messages;
        return usageOf(s, planned.overflowed);
      });
    },
    'page.measure': async ({ sessionId, input }, ctx) => {
      const s = await usable(ctx, sessionId);
      return { tokens: estimate(s, input) };
    },
    'page.clone': async ({ sessionId }, ctx) => {
      return infoOf(deps.sessions.clone(await usable(ctx, sessionId)));
    },
    'page.destroy': async ({ sessionId }, ctx) => {
      deps.sessions.destroy(session(ctx, sessionId).id);
      return { ok: true };
    },
    // Extension pages only (methods.ts): the user's click in the side panel.
    'site.download': async ({ origin, download }) => {
      const model = deps.siteDownloads.answer(origin, download);
      // The waiting pages follow it; a failure shows in the panel's downloads and reaches them too.
      if (model && download) void deps.models?.download(model).catch(() => undefined);
      return { ok: true };
    },
  };
}

/** Runs `work` after the session's earlier turns, so its history stays in order. */
function turn<T>(session: PageSession, work: () => Promise<T>): Promise<T> {
  const run = session.tail.then(work, work);
  session.tail = run.catch(() => undefined);
  return run;
}

function newSession(
  page: WebPageCaller,
  ctx: CallContext<'page.create'>,
  model: ModelRef,
  params: { initialPrompts?: PageMessage[]; temperature?: number; topK?: number },
) {
  return {
    origin: page.origin,
    clientId: ctx.clientId,
    model,
    temperature: params.temperature ?? PAGE_DEFAULTS.temperature,
    topK: params.topK ?? PAGE_DEFAULTS.topK,
    messages: params.initialPrompts ?? [],
  };
}

function webPage(caller: Caller): WebPageCaller {
  // The methods are declared for web pages only; this keeps a handler honest if that ever changes.
  if (caller.kind !== 'web-page') throw new ForbiddenError('The page API is for web pages.');
  return caller;
}

function notAllowed(origin: string, access: PageAccess['access']): ConsentRequiredError {
  return new ConsentRequiredError(
    access === 'denied'
      ? `The user has not allowed ${origin} to use Local AI.`
      : `The user has not decided yet whether ${origin} may use Local AI; they are asked in Local AI's side panel. Try again after they allow it.`,
  );
}
