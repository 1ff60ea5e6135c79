/**
 * The part of Chrome's Prompt API (the `LanguageModel` global, Chrome 138+ in extension pages)
 * that the built-in engine uses, typed here because TypeScript's DOM library does not have it
 * yet. Chrome exposes it to window contexts (our offscreen document), not to dedicated Workers,
 * so this engine runs in the engine host itself; the model runs in Chrome, not on our thread.
 */
import type { BuiltinAvailability } from '../protocol';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A `downloadprogress` event: `loaded` of `total` (1 where Chrome leaves it out). */
export interface DownloadProgressEvent {
  loaded: number;
  total?: number;
}

/** The monitor `create` hands its callback: an EventTarget of `downloadprogress` events. */
export interface CreateMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: DownloadProgressEvent) => void): void;
}

export interface LanguageModelSessionLike {
  promptStreaming(
    input: string | PromptMessage[],
    options?: { signal?: AbortSignal; responseConstraint?: unknown },
  ): ReadableStream<string>;
  /** Tokens the session holds so far; `contextUsage` in newer Chrome, `inputUsage` before. */
  readonly contextUsage?: number;
  readonly inputUsage?: number;
  /** The session's token budget; `contextWindow` in newer Chrome, `inputQuota` before. */
  readonly contextWindow?: number;
  readonly inputQuota?: number;
  measureContextUsage?(input: string | PromptMessage[]): Promise<number>;
  measureInputUsage?(input: string | PromptMessage[]): Promise<number>;
  destroy(): void;
}

export interface LanguageModelApi {
  availability(options?: object): Promise<BuiltinAvailability>;
  create(options?: {
    initialPrompts?: PromptMessage[];
    signal?: AbortSignal;
    monitor?: (monitor: CreateMonitor) => void;
  }): Promise<LanguageModelSessionLike>;
}

/** The browser's `LanguageModel`, where this context has one. */
export function browserLanguageModel(): LanguageModelApi | undefined {
  return (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel;
}
