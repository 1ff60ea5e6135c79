/**
 * One engine interface, shaped like OpenAI chat completions, behind which every backend
 * (WebLLM on WebGPU, llama.cpp through wllama, the synthetic diagnostics engine) sits.
 * Surfaces never see which one answered beyond the `model` in the result.
 */
import type { ChatMessage, EngineId, ModelRef, ResponseFormat } from '../protocol';

export interface ChatCompletionRequest {
  messages: ChatMessage[];
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  seed?: number;
  stop?: string[];
  response_format?: ResponseFormat;
}

export interface ChatCompletionOptions {
  /** Aborting stops generation at the next token and rejects with an AbortedError. */
  signal: AbortSignal;
  /**
   * Called with new text as it is generated; `tokens` is how many tokens it holds (1 if omitted);
   * `emittedAt`, where known, when each of its deltas left the engine (see ChatChunk.emittedAt).
   */
  onDelta: (text: string, tokens?: number, emittedAt?: readonly number[]) => void;
}

export interface ChatCompletion {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

export interface LoadReport {
  /** 0..1 */
  progress: number;
  text: string;
}

/** A backend that can hold one model at a time and stream chat completions from it. */
export interface Engine {
  readonly id: EngineId;
  /**
   * Loads `model`, replacing any model loaded before.
   * @throws {ModelLoadError} when the files cannot be fetched or are not a model.
   */
  load(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void>;
  /**
   * @throws {AbortedError} when `options.signal` aborts.
   * @throws {LocalAiError} code 'engine-failed' when the backend fails.
   */
  chat(request: ChatCompletionRequest, options: ChatCompletionOptions): Promise<ChatCompletion>;
  /** Frees the model and its memory; the engine can load again afterwards. */
  unload(): Promise<void>;
  /** Where the loaded model runs, in words (e.g. "CPU, 2 threads"); null when nothing is loaded. */
  placement?(): string | null;
}

export type EngineFactory = (id: EngineId) => Engine;

/** Two refs name the same model when engine, id and source agree. */
export function sameModel(a: ModelRef | null, b: ModelRef | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.engine === b.engine &&
    a.id === b.id &&
    a.url === b.url &&
    a.modelLib === b.modelLib &&
    a.contextWindow === b.contextWindow &&
    a.gpuLayers === b.gpuLayers
  );
}
