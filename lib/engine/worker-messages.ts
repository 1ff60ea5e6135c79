/** Messages between the engine host (main thread of the offscreen document) and its Worker. */
import type { ModelRef, SerializedError } from '../protocol';
import type { ChatCompletion, ChatCompletionRequest, LoadReport } from './engine';
import type { EngineStats } from './engine-runtime';

export type ToWorker =
  | { op: 'load'; id: number; model: ModelRef }
  | { op: 'chat'; id: number; model: ModelRef; request: ChatCompletionRequest }
  | { op: 'cached'; id: number; model: ModelRef }
  | { op: 'abort'; id: number };

export type FromWorker =
  | { op: 'progress'; id: number; report: LoadReport }
  | { op: 'delta'; id: number; text: string; tokens: number }
  | { op: 'cached'; id: number; cached: boolean }
  | { op: 'done'; id: number; result: ChatCompletion | null; stats: EngineStats }
  | { op: 'error'; id: number; error: SerializedError; stats: EngineStats };
