/**
 * Errors as the Prompt API reports them: DOMExceptions with their documented names, so a page
 * written for Chrome's built-in `LanguageModel` handles ours the same way. The message is Local
 * AI's own, saying what to do.
 */
import type { ErrorCode, SerializedError } from '../protocol';

/** The DOMException name for each protocol error code a page can meet. */
const NAMES: Record<ErrorCode, string> = {
  'consent-required': 'NotAllowedError',
  forbidden: 'NotAllowedError',
  aborted: 'AbortError',
  'quota-exceeded': 'QuotaExceededError',
  'rate-limited': 'QuotaExceededError',
  'context-overflow': 'QuotaExceededError',
  'not-supported': 'NotSupportedError',
  'engine-unavailable': 'NotSupportedError',
  'invalid-state': 'InvalidStateError',
  'bad-request': 'DataError',
  // Nothing downloads behind the user's back, a page's request least of all: the user downloads
  // the model in Local AI (Chrome's Prompt API also refuses a download without the user's say).
  'model-not-downloaded': 'NotAllowedError',
  'model-load-failed': 'OperationError',
  'engine-failed': 'OperationError',
  'engine-crashed': 'OperationError',
  'builtin-failed': 'OperationError',
  'host-unavailable': 'OperationError',
  'sql-refused': 'OperationError',
  'sql-error': 'OperationError',
  'page-unreadable': 'OperationError',
  internal: 'OperationError',
};

export function toDomException(error: SerializedError): DOMException {
  return new DOMException(error.message, NAMES[error.code]);
}

/** The error an aborted call rejects with: the signal's reason where it is one, as the Prompt API does. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');
}
