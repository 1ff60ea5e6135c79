/**
 * THE list of what the engine host serves. Each method is declared once, here: its params
 * schema (checked at run time by the host), its result and stream-chunk types, and which callers
 * may use it. Every static type of the protocol (`ParamsOf`, `ResultOf`, `ChunkOf`, the messages
 * on the wire) is derived from this one object, so there is no second list to keep in step.
 */
import * as v from 'valibot';
import { TRUSTED_CALLERS, ANY_EXTENSION_CALLER, WEB_PAGE_CALLERS, type CallerKind } from './callers';
import type { ChatChunk, ChatResult, DeviceCapabilities, HostDiagnostics, HostStatus } from './messages';
import type { QueryResult, StorageReport } from './data-types';
import type { SerializedError } from './errors';
import {
  ChatParamsSchema,
  EmptyParams,
  ExtractedTableSchema,
  MAX_ID_CHARS,
  ModelRefSchema,
  Scope,
  SiteSchema,
  SqlText,
} from './schema';
import {
  PageCreateSchema,
  PageInputSchema,
  PagePromptSchema,
  PageSessionSchema,
  type PageAvailability,
  type PageLoadChunk,
  type PageModelParams,
  type PagePromptResult,
  type PageSessionInfo,
  type PageUsage,
} from './page-api';

/** One method: what it takes (schema), what it streams and returns (types only), who may call it. */
export interface MethodSpec<P extends v.GenericSchema, R, C> {
  readonly params: P;
  readonly callers: readonly CallerKind[];
  /** Type-level only, never set: ties the result and chunk types to this declaration. */
  readonly types?: { result: R; chunk: C };
}

/** Declares a method: `method<Result, Chunk>()({ params, callers })`. */
const method =
  <R, C = never>() =>
  <P extends v.GenericSchema>(spec: { params: P; callers: readonly CallerKind[] }): MethodSpec<P, R, C> =>
    spec;

const DownloadKey = v.strictObject({ key: v.pipe(v.string(), v.maxLength(2000)) });
type Ok = { ok: true };

export const METHODS = {
  /**
   * Content scripts may chat for their own tab: with a local model the user chose or that is
   * already on this device, or with a provider only where the user allowed the site in extension UI.
   */
  chat: method<ChatResult, ChatChunk>()({ params: ChatParamsSchema, callers: ANY_EXTENSION_CALLER }),
  load: method<HostStatus>()({ params: ModelRefSchema, callers: TRUSTED_CALLERS }),
  status: method<HostStatus>()({ params: EmptyParams, callers: ANY_EXTENSION_CALLER }),
  capabilities: method<DeviceCapabilities>()({ params: EmptyParams, callers: TRUSTED_CALLERS }),
  /** Measures this device again (a few seconds): only Local AI's own pages start that work. */
  calibrate: method<DeviceCapabilities>()({ params: EmptyParams, callers: ['extension-page'] }),
  /** `memory`: also measure the host with its engine Worker (slow: at the next garbage collection). */
  diagnostics: method<HostDiagnostics>()({
    params: v.strictObject({ memory: v.optional(v.boolean()) }),
    callers: TRUSTED_CALLERS,
  }),
  /** Whether every file the model needs is already on this device (WebLLM: asks WebLLM itself). */
  cached: method<{ cached: boolean }>()({ params: ModelRefSchema, callers: TRUSTED_CALLERS }),
  /** Downloads a model (or joins its running download); resolves when it is verified and cached. */
  'models.download': method<Ok>()({ params: ModelRefSchema, callers: TRUSTED_CALLERS }),
  'models.pause': method<Ok>()({ params: DownloadKey, callers: TRUSTED_CALLERS }),
  'models.resume': method<Ok>()({ params: DownloadKey, callers: TRUSTED_CALLERS }),
  'models.cancel': method<Ok>()({ params: DownloadKey, callers: TRUSTED_CALLERS }),
  'models.storage': method<StorageReport>()({ params: EmptyParams, callers: TRUSTED_CALLERS }),
  'models.delete': method<Ok>()({ params: ModelRefSchema, callers: TRUSTED_CALLERS }),
  /** Checks a provider before it is saved: reachable, key accepted, and its models. */
  'providers.test': method<{ models: string[] }>()({
    params: v.strictObject({
      kind: v.picklist(['openai', 'ollama']),
      baseUrl: v.pipe(
        v.string(),
        v.url('The provider URL is not a valid URL.'),
        v.regex(/^https?:\/\//, 'The provider URL must use http or https.'),
      ),
      apiKey: v.optional(v.pipe(v.string(), v.maxLength(500))),
    }),
    callers: TRUSTED_CALLERS,
  }),
  /**
   * The user allowed, in extension UI, one question's page content to go to `provider`: a grant
   * the host honours for that site and provider for a few minutes (see lib/host/consent-grants.ts).
   */
  'consent.once': method<{ grant: string }>()({
    params: v.strictObject({
      site: SiteSchema,
      provider: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    }),
    callers: ['extension-page'],
  }),
  /**
   * The user's answer, in extension UI, to a site whose page-API `create()` waits for its model to
   * be downloaded: start the download (the site's monitor hears it) or refuse (NotAllowedError).
   */
  'site.download': method<Ok>()({
    params: v.strictObject({
      origin: v.pipe(v.string(), v.maxLength(300), v.regex(/^https?:\/\/[^/]+$/, 'Not a web origin.')),
      download: v.boolean(),
    }),
    callers: ['extension-page'],
  }),
  /** Puts a page's tables into the host's DuckDB, replacing what that scope had. */
  'sql.register': method<{ tables: number; rows: number; elapsedMs: number }>()({
    params: v.strictObject({ scope: Scope, tables: v.pipe(v.array(ExtractedTableSchema), v.maxLength(200)) }),
    callers: TRUSTED_CALLERS,
  }),
  /** Read-only check and DuckDB prepare, without running. */
  'sql.check': method<{ sql: string }>()({
    params: v.strictObject({ scope: Scope, sql: SqlText }),
    callers: TRUSTED_CALLERS,
  }),
  'sql.run': method<QueryResult>()({
    params: v.strictObject({
      scope: Scope,
      sql: SqlText,
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
    }),
    callers: TRUSTED_CALLERS,
  }),
  /*
   * The page-facing API (localAI.LanguageModel): web pages only, in sessions of their own origin,
   * answered by a local model the host picks; consent, rate limit and caps are checked per request.
   */
  'page.availability': method<{ availability: PageAvailability }>()({
    params: EmptyParams,
    callers: WEB_PAGE_CALLERS,
  }),
  'page.params': method<PageModelParams>()({ params: EmptyParams, callers: WEB_PAGE_CALLERS }),
  /** Streams load progress while the model loads; resolves with the new session. */
  'page.create': method<PageSessionInfo, PageLoadChunk>()({
    params: PageCreateSchema,
    callers: WEB_PAGE_CALLERS,
  }),
  'page.prompt': method<PagePromptResult, ChatChunk>()({
    params: PagePromptSchema,
    callers: WEB_PAGE_CALLERS,
  }),
  'page.append': method<PageUsage>()({ params: PageInputSchema, callers: WEB_PAGE_CALLERS }),
  'page.measure': method<{ tokens: number }>()({ params: PageInputSchema, callers: WEB_PAGE_CALLERS }),
  'page.clone': method<PageSessionInfo>()({ params: PageSessionSchema, callers: WEB_PAGE_CALLERS }),
  'page.destroy': method<Ok>()({ params: PageSessionSchema, callers: WEB_PAGE_CALLERS }),
} as const;

export type MethodName = keyof typeof METHODS;
type Params<T> = [keyof T] extends [never] ? Record<string, never> : T;
export type ParamsOf<M extends MethodName> = Params<v.InferOutput<(typeof METHODS)[M]['params']>>;
type TypesOf<M extends MethodName> = NonNullable<(typeof METHODS)[M]['types']>;
export type ResultOf<M extends MethodName> = TypesOf<M>['result'];
export type ChunkOf<M extends MethodName> = TypesOf<M>['chunk'];

export type RequestMessage<M extends MethodName = MethodName> = {
  [K in M]: { type: 'request'; id: string; method: K; params: ParamsOf<K> };
}[M];
export type ClientMessage = RequestMessage | { type: 'cancel'; id: string };

export type HostMessage =
  | { type: 'chunk'; id: string; data: ChunkOf<MethodName> }
  | { type: 'result'; id: string; data: ResultOf<MethodName> }
  | { type: 'error'; id: string | null; error: SerializedError }
  | { type: 'queued'; id: string; position: number }
  | { type: 'status'; status: HostStatus };

const METHOD_NAMES = Object.keys(METHODS) as [MethodName, ...MethodName[]];
const RequestId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_CHARS));

export const ClientMessageSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('request'),
    id: RequestId,
    method: v.picklist(METHOD_NAMES),
    params: v.unknown(),
  }),
  v.strictObject({ type: v.literal('cancel'), id: RequestId }),
]);

/** Whether callers of `kind` may use `method` at all (further checks live in its handler). */
export function mayCall(kind: CallerKind, method: MethodName): boolean {
  return METHODS[method].callers.includes(kind);
}
