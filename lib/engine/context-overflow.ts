/**
 * Recognises each engine's own "prompt too long" failure and turns it into the one typed
 * ContextOverflowError, with the engine's exact counts, so the asker's refit-and-retry works
 * whichever engine answered.
 */
import { ContextOverflowError } from '../protocol';

const PATTERNS: RegExp[] = [
  // llama.cpp (wllama): "request (N tokens) exceeds the available context size (W tokens)"
  /\((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/,
  // WebLLM's ContextWindowSizeExceededError
  /number of prompt tokens: (\d+); context window size: (\d+)/,
];

/** The typed overflow for `error`, or null when it is some other failure. */
export function contextOverflowOf(error: unknown): ContextOverflowError | null {
  if (error instanceof ContextOverflowError) return error;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  for (const pattern of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return ContextOverflowError.of(Number(m[1]), Number(m[2]));
  }
  return null;
}
