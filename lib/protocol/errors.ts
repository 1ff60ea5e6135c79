/**
 * Typed errors that cross contexts. A Port carries only JSON, so every error is
 * serialised to `{ code, message }` and rebuilt into the same class on the other side;
 * `instanceof` and `code` then work in the panel exactly as in the host.
 */
import * as v from 'valibot';

export const ERROR_CODES = [
  'bad-request', // the message failed validation: a bug or a hostile sender
  'forbidden', // the sender is not part of this extension, or this kind of caller may not do this
  'consent-required', // page content would leave the device and the user has not allowed this site
  'aborted', // the asker cancelled or went away
  'model-load-failed',
  'model-not-downloaded', // the model's weights come from the internet: the user downloads them first
  'engine-unavailable', // e.g. WebLLM without a WebGPU adapter
  'engine-failed', // the engine threw while generating
  'engine-crashed', // the engine Worker died; the host restarts it and retries once
  'builtin-failed', // Chrome's built-in model (the Prompt API) refused or stopped mid-answer
  'context-overflow', // the prompt does not fit the model's context window (with the engine's count)
  'host-unavailable', // the engine host could not be reached or went away
  'sql-refused', // a query that would write, attach, install or read files
  'sql-error', // DuckDB rejected a query (parse or bind error)
  'rate-limited', // a web page sent more requests than its per-site limit allows
  'quota-exceeded', // a web page's input is larger than its session can hold, or it has too many sessions
  'not-supported', // e.g. a response schema outside what the engine's grammar can enforce
  'invalid-state', // e.g. a page API session that was destroyed (or never belonged to this page)
  'page-unreadable', // the page or document cannot be read as text (a scanned or password-protected PDF)
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface SerializedError {
  code: ErrorCode;
  message: string;
  /** Numbers a typed error carries besides its message (e.g. a context overflow's counts). */
  detail?: Record<string, number>;
}

/** The wire form, for replies that are checked rather than trusted. */
export const SerializedErrorSchema = v.strictObject({
  code: v.picklist(ERROR_CODES),
  message: v.pipe(v.string(), v.maxLength(10_000)),
  detail: v.optional(v.record(v.string(), v.number())),
});

/** Base class of every error the protocol carries. */
export class LocalAiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LocalAiError';
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message };
  }
}

export class BadRequestError extends LocalAiError {
  constructor(message: string) {
    super('bad-request', message);
    this.name = 'BadRequestError';
  }
}

export class AbortedError extends LocalAiError {
  constructor(message = 'The request was cancelled.') {
    super('aborted', message);
    this.name = 'AbortedError';
  }
}

export class ModelLoadError extends LocalAiError {
  constructor(message: string) {
    super('model-load-failed', message);
    this.name = 'ModelLoadError';
  }
}

export class EngineUnavailableError extends LocalAiError {
  constructor(message: string) {
    super('engine-unavailable', message);
    this.name = 'EngineUnavailableError';
  }
}

export class HostUnavailableError extends LocalAiError {
  constructor(message: string) {
    super('host-unavailable', message);
    this.name = 'HostUnavailableError';
  }
}

/** A query refused before it reaches DuckDB: only read-only SELECTs run. */
export class SqlRefusedError extends LocalAiError {
  constructor(message: string) {
    super('sql-refused', message);
    this.name = 'SqlRefusedError';
  }
}

/** DuckDB rejected a query; the message is DuckDB's own, which repair prompts use. */
export class SqlError extends LocalAiError {
  constructor(message: string) {
    super('sql-error', message);
    this.name = 'SqlError';
  }
}

/** This kind of caller may not do this (e.g. a content script asking for a download). */
export class ForbiddenError extends LocalAiError {
  constructor(message: string) {
    super('forbidden', message);
    this.name = 'ForbiddenError';
  }
}

/**
 * The model is not on this device and its weights would come over the internet: nothing is
 * fetched behind the user's back, so the panel offers the download (verified, resumable) first.
 */
export class ModelNotDownloadedError extends LocalAiError {
  constructor(message: string) {
    super('model-not-downloaded', message);
    this.name = 'ModelNotDownloadedError';
  }
}

/** The engine Worker died (crash, out of memory, lost device); requests in flight got this. */
export class EngineCrashedError extends LocalAiError {
  constructor(message: string) {
    super('engine-crashed', message);
    this.name = 'EngineCrashedError';
  }
}

/**
 * Chrome's built-in model (the Prompt API) could not start or stopped mid-answer. Where it stood
 * in for a model still downloading, the host tries the next stand-in before this reaches anyone.
 */
export class BuiltinModelFailedError extends LocalAiError {
  constructor(message: string) {
    super('builtin-failed', message);
    this.name = 'BuiltinModelFailedError';
  }
}

/**
 * Page content would go to a provider off this device and the user has not allowed this site
 * for it: only extension UI (the side panel) can ask and remember the answer.
 */
export class ConsentRequiredError extends LocalAiError {
  constructor(message: string) {
    super('consent-required', message);
    this.name = 'ConsentRequiredError';
  }
}

/**
 * A prompt longer than the model's context window, with the engine's own exact count, so the
 * asker can fit its text again instead of guessing. Every engine adapter throws this one class.
 */
export class ContextOverflowError extends LocalAiError {
  constructor(
    message: string,
    readonly promptTokens: number,
    readonly contextWindow: number,
  ) {
    super('context-overflow', message);
    this.name = 'ContextOverflowError';
  }

  static of(promptTokens: number, contextWindow: number): ContextOverflowError {
    return new ContextOverflowError(
      `The prompt (${promptTokens} tokens) does not fit the model's context window (${contextWindow} tokens).`,
      promptTokens,
      contextWindow,
    );
  }

  override toJSON(): SerializedError {
    return {
      code: this.code,
      message: this.message,
      detail: { promptTokens: this.promptTokens, contextWindow: this.contextWindow },
    };
  }
}

/** A web page asked more often than its per-site limit; it may ask again after `retryAfterMs`. */
export class RateLimitedError extends LocalAiError {
  constructor(message: string) {
    super('rate-limited', message);
    this.name = 'RateLimitedError';
  }
}

/** A web page's input does not fit its session's quota, or the page holds too many sessions. */
export class QuotaError extends LocalAiError {
  constructor(message: string) {
    super('quota-exceeded', message);
    this.name = 'QuotaError';
  }
}

/** Something valid but beyond what Local AI can do, e.g. a schema keyword no grammar enforces. */
export class NotSupportedError extends LocalAiError {
  constructor(message: string) {
    super('not-supported', message);
    this.name = 'NotSupportedError';
  }
}

/** The object a request names is gone (a destroyed session) or never was the caller's. */
export class InvalidStateError extends LocalAiError {
  constructor(message: string) {
    super('invalid-state', message);
    this.name = 'InvalidStateError';
  }
}

/** The page or document has no text Local AI can read; the message says why and what to do. */
export class PageUnreadableError extends LocalAiError {
  constructor(message: string) {
    super('page-unreadable', message);
    this.name = 'PageUnreadableError';
  }
}

/**
 * A document (a PDF on another site) Local AI may read only once the user grants its origin; the
 * panel offers that, from the user's click. Made and shown in the side panel only.
 */
export class PageAccessNeededError extends PageUnreadableError {
  constructor(readonly origin: string) {
    super(
      `To read PDFs from ${new URL(origin).host}, Local AI needs your permission for that site. Allow it, or ask without the PDF.`,
    );
    this.name = 'PageAccessNeededError';
  }
}

const CLASSES: Partial<Record<ErrorCode, new (message: string) => LocalAiError>> = {
  'bad-request': BadRequestError,
  forbidden: ForbiddenError,
  'consent-required': ConsentRequiredError,
  aborted: AbortedError,
  'model-load-failed': ModelLoadError,
  'model-not-downloaded': ModelNotDownloadedError,
  'engine-unavailable': EngineUnavailableError,
  'host-unavailable': HostUnavailableError,
  'sql-refused': SqlRefusedError,
  'sql-error': SqlError,
  'engine-crashed': EngineCrashedError,
  'builtin-failed': BuiltinModelFailedError,
  'rate-limited': RateLimitedError,
  'quota-exceeded': QuotaError,
  'not-supported': NotSupportedError,
  'invalid-state': InvalidStateError,
  'page-unreadable': PageUnreadableError,
};

/** Turns anything thrown into the wire form, keeping typed codes and hiding nothing useful. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof LocalAiError) return error.toJSON();
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { code: 'aborted', message: 'The request was cancelled.' };
  }
  const message = errorMessage(error);
  return { code: 'internal', message: message || 'Unknown error' };
}

/** Rebuilds the typed error from its wire form. */
export function deserializeError(wire: SerializedError): LocalAiError {
  if (wire.code === 'context-overflow') {
    return new ContextOverflowError(
      wire.message,
      wire.detail?.promptTokens ?? 0,
      wire.detail?.contextWindow ?? 0,
    );
  }
  const Class = CLASSES[wire.code];
  return Class ? new Class(wire.message) : new LocalAiError(wire.code, wire.message);
}

/** The message of anything thrown, for showing to the user. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
