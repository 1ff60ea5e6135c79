/**
 * One-shot messages to the service worker, declared like the engine host's methods: params
 * schema, result schema (replies are checked, never cast) and who may send each. The service
 * worker's only jobs: make sure the host exists, open the side panel, and hand trusted
 * settings (which live in storage only extension contexts can read) to whoever may have them.
 */
import * as v from 'valibot';
import { ANY_EXTENSION_CALLER } from './callers';
import { EmptyParams, ModelRefSchema } from './schema';
import { PageAccessSchema } from './page-api';
import { callOneShot, oneShot, type OneShotParams, type OneShotResult, type Send } from './one-shot';

const Ok = v.strictObject({ ok: v.literal(true) });
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const BACKGROUND_METHODS = {
  'ensure-host': oneShot({ params: EmptyParams, result: Ok, callers: ANY_EXTENSION_CALLER }),
  /** From the answer bubble: open the side panel with this conversation. */
  'continue-in-panel': oneShot({
    params: v.strictObject({
      conversation: v.pipe(
        v.array(v.strictObject({ role: v.picklist(['user', 'assistant']), content: Text(100_000) })),
        v.minLength(1),
        v.maxLength(50),
      ),
    }),
    result: Ok,
    callers: ['content-script'],
  }),
  /** From the answer bubble: the answer needs the user's OK, which only the side panel asks for. */
  'explain-in-panel': oneShot({
    params: v.strictObject({ selection: v.pipe(v.string(), v.minLength(1), v.maxLength(100_000)) }),
    result: Ok,
    callers: ['content-script'],
  }),
  /** From the answer bubble: which model answers (the user's settings, read where a page cannot). */
  'route-model': oneShot({
    params: EmptyParams,
    result: v.strictObject({ model: ModelRefSchema, note: v.nullable(Text(500)) }),
    callers: ['content-script'],
  }),
  /**
   * From a page's top frame: "I am here". The service worker records the tab's origin from the
   * sender (the browser's word, never the message), so the side panel can check what the page
   * says its address is.
   */
  'page-origin': oneShot({ params: EmptyParams, result: Ok, callers: ['content-script'] }),
  /** From Local AI's pages: the origin the browser reported for a tab's top frame, if known. */
  'tab-origin': oneShot({
    params: v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
    result: v.nullable(Text(2000)),
    callers: ['extension-page'],
  }),
  /**
   * From the engine host only: what the host's provider policy needs about `baseUrl` — the
   * provider the user added there (with its key) or null, and whether its origin holds the
   * browser's host permission now.
   */
  'provider-facts': oneShot({
    params: v.strictObject({ baseUrl: Text(2000) }),
    result: v.strictObject({
      endpoint: v.nullable(
        v.strictObject({
          kind: v.picklist(['openai', 'ollama']),
          baseUrl: Text(2000),
          apiKey: v.optional(Text(500)),
        }),
      ),
      permitted: v.boolean(),
    }),
    callers: ['host'],
  }),
  /** From the engine host only: the models the user chose (the active one, per task, the fallback). */
  'chosen-models': oneShot({ params: EmptyParams, result: v.array(ModelRefSchema), callers: ['host'] }),
  /**
   * From the engine host only: the provider model the user allowed to answer while a local model
   * downloads (Settings → Providers, the fallback with "while downloading"), or null.
   */
  'download-stand-in': oneShot({
    params: EmptyParams,
    result: v.nullable(ModelRefSchema),
    callers: ['host'],
  }),
  /** From the engine host only: whether the user allowed `site`'s content to go to `provider`. */
  consented: oneShot({
    params: v.strictObject({ site: Text(300), provider: Text(300) }),
    result: v.boolean(),
    callers: ['host'],
  }),
  /**
   * From the engine host only: the user's decision on a web page's origin for the page API.
   * With `ask`, an undecided origin is put before the user in the side panel.
   */
  'page-access': oneShot({
    params: v.strictObject({ origin: Text(300), ask: v.boolean() }),
    result: PageAccessSchema,
    callers: ['host'],
  }),
  /** From the page API's content script: whether to install the API as `window.LanguageModel` too. */
  'page-api-config': oneShot({
    params: EmptyParams,
    result: v.strictObject({ installGlobal: v.boolean() }),
    callers: ['content-script'],
  }),
} as const;

export type BackgroundMethods = typeof BACKGROUND_METHODS;
export type BackgroundMethod = keyof BackgroundMethods;
export type BackgroundParams<M extends BackgroundMethod> = OneShotParams<BackgroundMethods, M>;
export type BackgroundResult<M extends BackgroundMethod> = OneShotResult<BackgroundMethods, M>;

/**
 * Sends one message to the service worker.
 * @throws {LocalAiError} as callOneShot.
 */
export function callBackground<M extends BackgroundMethod>(
  send: Send,
  method: M,
  params: BackgroundParams<M>,
): Promise<BackgroundResult<M>> {
  return callOneShot(BACKGROUND_METHODS, send, method, params);
}
