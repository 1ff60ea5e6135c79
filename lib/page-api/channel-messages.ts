/**
 * The private channel between the page's script (main world) and this extension's content script
 * (isolated world): a MessagePort handed over once at document start. Both ends check every
 * message they receive against these schemas: the content script trusts nothing the page sends,
 * and the page's script trusts nothing but well-formed answers (a page can post on the port too).
 */
import * as v from 'valibot';
import { SerializedErrorSchema, type ChunkOf, type ResultOf } from '../protocol';

export const PAGE_METHODS = [
  'page.availability',
  'page.params',
  'page.create',
  'page.prompt',
  'page.append',
  'page.measure',
  'page.clone',
  'page.destroy',
] as const;
export type PageMethod = (typeof PAGE_METHODS)[number];

/** The one message that hands the port over (window.postMessage, with the port transferred). */
export const HANDOVER = { 'local-ai': 'page-api-port', version: 1 } as const;
export const HandoverSchema = v.strictObject({
  'local-ai': v.literal(HANDOVER['local-ai']),
  version: v.literal(HANDOVER.version),
});

const CallId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

/** Page → content script. Params are checked by the method's protocol schema after this. */
export const PageToBridgeSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('call'),
    id: CallId,
    method: v.picklist(PAGE_METHODS),
    params: v.unknown(),
  }),
  v.strictObject({ type: v.literal('cancel'), id: CallId }),
]);
export type PageToBridge = v.InferOutput<typeof PageToBridgeSchema>;

/** Content script → page. Data is checked per method (below) by the page's script. */
export const BridgeToPageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('chunk'), id: CallId, data: v.unknown() }),
  v.strictObject({ type: v.literal('result'), id: CallId, data: v.unknown() }),
  v.strictObject({ type: v.literal('error'), id: CallId, error: SerializedErrorSchema }),
  v.strictObject({ type: v.literal('config'), installGlobal: v.boolean() }),
]);
export type BridgeToPage = v.InferOutput<typeof BridgeToPageSchema>;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const SessionInfo = v.strictObject({
  sessionId: v.string(),
  inputUsage: Count,
  inputQuota: Count,
  temperature: v.number(),
  topK: Count,
});
const Usage = { inputUsage: Count, overflowed: v.boolean() };

type Schema<T> = v.GenericSchema<unknown, T>;

/** What each method's result must look like by the time it reaches the page's script. */
export const RESULT_SCHEMAS: { [M in PageMethod]: Schema<ResultOf<M>> } = {
  'page.availability': v.strictObject({
    availability: v.picklist(['unavailable', 'downloadable', 'downloading', 'available']),
  }),
  'page.params': v.strictObject({
    defaultTopK: Count,
    maxTopK: Count,
    defaultTemperature: v.number(),
    maxTemperature: v.number(),
  }),
  'page.create': SessionInfo,
  'page.prompt': v.strictObject({ text: v.string(), ...Usage }),
  'page.append': v.strictObject(Usage),
  'page.measure': v.strictObject({ tokens: Count }),
  'page.clone': SessionInfo,
  'page.destroy': v.strictObject({ ok: v.literal(true) }),
};

/** The methods that stream, and their chunks. */
export const CHUNK_SCHEMAS: { [M in 'page.create' | 'page.prompt']: Schema<ChunkOf<M>> } = {
  'page.create': v.strictObject({ progress: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) }),
  'page.prompt': v.strictObject({ delta: v.string(), tokens: Count, restart: v.optional(v.literal(true)) }),
};
