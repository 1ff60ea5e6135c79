/**
 * One rule for "the engine says the prompt is too long", used by every path that fits page text
 * to a window (a chat turn, the parts of a long page): the engine's error carries its exact token
 * count, so the asker learns a denser characters-per-token ratio from it and fits again, with a
 * margin that widens each time (page text may tokenise denser than the prompt as a whole), at
 * most MAX_REFITS times.
 */
import { overflow } from './context-budget';

export const MAX_REFITS = 2;

/** What one overflow taught: the ratio to fit with next, and the engine's real window. */
export interface Refit {
  ratio: number;
  window: number;
}

/** The characters-per-token ratio to plan with after the `attempt`-th overflow. */
export function refitRatio(promptChars: number, promptTokens: number, attempt: number): number {
  return (promptChars / promptTokens) * (attempt ? 0.65 : 0.8);
}

/**
 * Runs `attempt(n)`; when it fails with a context overflow, calls `refit` with what the engine
 * counted (for the prompt whose length `promptChars()` gives) and runs it again.
 * @throws the attempt's own error when it is not an overflow, or after MAX_REFITS refits.
 */
export async function retryOnOverflow<T>(
  attempt: (n: number) => Promise<T>,
  promptChars: () => number,
  refit: (learnt: Refit) => void,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const over = overflow(error);
      if (!over || n >= MAX_REFITS) throw error;
      refit({ ratio: refitRatio(promptChars(), over.tokens, n), window: over.window });
    }
  }
}
