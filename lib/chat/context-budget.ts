/**
 * Fits page text into what is left of the model's context window. Token counts come from the
 * engine itself: every answer reports how many prompt tokens it used, and the characters-per-
 * token ratio learnt from that (per model) converts the budget into characters.
 */

import { ContextOverflowError, type ChatMessage, type ModelRef } from '../protocol';
import { DEFAULT_CONTEXT_WINDOW } from '../models/default-models';

export const chars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);

/** The engine's own count when a prompt did not fit its context window (every engine types it). */
export function overflow(error: unknown): { tokens: number; window: number } | null {
  return error instanceof ContextOverflowError && error.promptTokens > 0
    ? { tokens: error.promptTokens, window: error.contextWindow }
    : null;
}
export interface Budget {
  contextWindow: number;
  /** Tokens kept free for instructions, the question and the answer. */
  reserveTokens: number;
  charsPerToken: number;
}

export interface Fitted {
  text: string;
  cut: boolean;
  /** Share of the text kept, 0..1. */
  kept: number;
  /** The ids of the passages sent, where the page went as passages: what an answer may cite. */
  ids?: string[];
  /** The passages were chosen by the question (they differ from one question to the next). */
  matched?: boolean;
  /** The page is longer than the window and no passage matches the question. */
  notOnPage?: boolean;
  /** How each other tab added as context was fitted, by its letter (ids above include theirs). */
  tabs?: Record<string, Fitted>;
}

/** The longest prefix of `text` that fits, cut at a paragraph or sentence end where possible. */
export function fitToBudget(text: string, budget: Budget): Fitted {
  const maxChars = Math.max(
    0,
    Math.floor((budget.contextWindow - budget.reserveTokens) * budget.charsPerToken),
  );
  if (text.length <= maxChars) return { text, cut: false, kept: 1 };
  let end = maxChars;
  const paragraph = text.lastIndexOf('\n', maxChars);
  const sentence = text.lastIndexOf('. ', maxChars);
  if (paragraph > maxChars * 0.8) end = paragraph;
  else if (sentence > maxChars * 0.8) end = sentence + 1;
  return { text: text.slice(0, end), cut: true, kept: text.length ? end / text.length : 1 };
}

/** Splits text into pieces that each fit, on paragraph boundaries where possible. */
export function chunkText(text: string, budget: Budget): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length) {
    const { text: piece } = fitToBudget(rest, budget);
    const take = piece.length || rest.length;
    chunks.push(rest.slice(0, take));
    rest = rest.slice(take).trimStart();
  }
  return chunks;
}

/** Learns characters per token from the engine's own count for a prompt (smoothed). */
export function calibrate(previous: number, promptChars: number, promptTokens: number): number {
  if (promptTokens <= 0 || promptChars <= 0) return previous;
  const observed = promptChars / promptTokens;
  return Math.min(8, Math.max(1, previous * 0.5 + observed * 0.5));
}

/**
 * What the engines taught about each model: its characters per token (from every answer's
 * prompt count) and its real context window (from an overflow), where it differs from the default.
 */
export class ModelFits {
  private readonly ratios = new Map<string, number>();
  private readonly windows = new Map<string, number>();

  window(model: ModelRef): number {
    return this.windows.get(model.id) ?? model.contextWindow ?? DEFAULT_CONTEXT_WINDOW[model.engine];
  }

  ratio(model: ModelRef): number {
    return this.ratios.get(model.id) ?? 3.5;
  }

  learnRatio(model: ModelRef, ratio: number): void {
    this.ratios.set(model.id, ratio);
  }

  learnWindow(model: ModelRef, window: number): void {
    this.windows.set(model.id, window);
  }
}

/**
 * Splits `total` tokens between sources that need `needs` tokens each, fairly: every source gets
 * an equal share, and what a source needs less than its share goes to the others (max-min
 * fairness). A short tab then goes whole, and long ones split what is left evenly.
 */
export function fairShares(needs: number[], total: number): number[] {
  const shares = needs.map(() => 0);
  let left = Math.max(0, total);
  const order = needs.map((need, i) => ({ need: Math.max(0, need), i })).sort((a, b) => a.need - b.need);
  order.forEach(({ need, i }, k) => {
    const share = Math.min(need, Math.floor(left / (order.length - k)));
    shares[i] = share;
    left -= share;
  });
  return shares;
}
