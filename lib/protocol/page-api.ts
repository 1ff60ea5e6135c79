/**
 * What a web page may send through the page-facing API (`localAI.LanguageModel`), and what it gets
 * back. The page's script normalises the Prompt API's inputs into these shapes; the content script
 * and the host check them again, so nothing a page writes is trusted on the way in. The caps here
 * are the hard limits; a session's token quota is usually the tighter one.
 */
import * as v from 'valibot';
import { ModelRefSchema } from './schema';

/** Characters one message from a page may carry (a session's quota is usually reached first). */
export const MAX_PAGE_MESSAGE_CHARS = 64_000;
/** Characters all messages of one page request may carry together. */
export const MAX_PAGE_INPUT_CHARS = 256_000;
export const MAX_PAGE_MESSAGES = 64;
/** Characters of a response schema (JSON text). */
export const MAX_SCHEMA_CHARS = 20_000;
/** Top-K a page may ask for: beyond this sampling is no different from the full distribution. */
export const MAX_TOP_K = 128;

export const PageMessageSchema = v.strictObject({
  role: v.picklist(['system', 'user', 'assistant']),
  content: v.pipe(v.string(), v.maxLength(MAX_PAGE_MESSAGE_CHARS, 'A message is too long.')),
});

const PageMessages = (min: number) =>
  v.pipe(
    v.array(PageMessageSchema),
    v.minLength(min),
    v.maxLength(MAX_PAGE_MESSAGES, 'Too many messages in one request.'),
    v.check(
      (messages) => messages.reduce((n, m) => n + m.content.length, 0) <= MAX_PAGE_INPUT_CHARS,
      'The input is too long.',
    ),
  );

/** Host-made, random: a page can only name sessions it was given. */
export const SessionIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Not a session id.'));
const SessionRef = { sessionId: SessionIdSchema };

export const PageCreateSchema = v.strictObject({
  initialPrompts: v.optional(PageMessages(0)),
  temperature: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(2))),
  topK: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TOP_K))),
});

export const PagePromptSchema = v.strictObject({
  ...SessionRef,
  input: PageMessages(1),
  /** A JSON schema as JSON text; the answer is generated under a grammar that matches it. */
  responseConstraint: v.optional(
    v.pipe(v.string(), v.maxLength(MAX_SCHEMA_CHARS, 'The schema is too long.')),
  ),
});

export const PageInputSchema = v.strictObject({ ...SessionRef, input: PageMessages(1) });
export const PageSessionSchema = v.strictObject(SessionRef);

export type PageMessage = v.InferOutput<typeof PageMessageSchema>;

/**
 * The user's decision for an origin, as the service worker reads it from storage only extension
 * pages write: allowed (always, or this time), denied, or not decided yet (the side panel asks).
 * With it, the model pages get (the user's chat model; null for the device's default) and whether a
 * provider off this device may answer for the site (off unless the user turned it on).
 */
export const PageAccessSchema = v.strictObject({
  access: v.picklist(['allowed', 'denied', 'undecided']),
  providers: v.boolean(),
  model: v.nullable(ModelRefSchema),
});
export type PageAccess = v.InferOutput<typeof PageAccessSchema>;

/** As the Prompt API's `availability()`. */
export type PageAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** As the Prompt API's `params()`. */
export interface PageModelParams {
  defaultTopK: number;
  maxTopK: number;
  defaultTemperature: number;
  maxTemperature: number;
}

/** A session as the page sees it: its id and what its history takes of the model's window. */
export interface PageSessionInfo {
  sessionId: string;
  /** Tokens the session's history takes (estimated until the engine has counted them). */
  inputUsage: number;
  /** Tokens the session may hold before the oldest turns are dropped. */
  inputQuota: number;
  temperature: number;
  topK: number;
}

/** After a prompt or append: the usage now, and whether old turns were dropped to make room. */
export interface PageUsage {
  inputUsage: number;
  /** Old turns were dropped to fit (the page fires `quotaoverflow`). */
  overflowed: boolean;
}

export interface PagePromptResult extends PageUsage {
  text: string;
}

/** Streamed while `create` waits for the model: load (and download) progress, 0..1. */
export interface PageLoadChunk {
  progress: number;
}
