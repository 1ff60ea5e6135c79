/** Messages between the engine host (main thread of the offscreen document) and its Worker. */
import type { Calibration, ModelRef, SerializedError } from '../protocol';
import type { ChatCompletion, ChatCompletionRequest, LoadReport } from './engine';
import type { EngineStats } from './engine-runtime';
import type { DeviceLoss } from './device-lost';

/** What the Worker itself sees: isolation (so threads) and the thread count llama.cpp uses. */
export interface WorkerEnvironment {
  crossOriginIsolated: boolean;
  llamaThreads: number;
  threadsReason: string;
}

export type ToWorker =
  | { op: 'load'; id: number; model: ModelRef }
  | { op: 'chat'; id: number; model: ModelRef; request: ChatCompletionRequest }
  | { op: 'cached'; id: number; model: ModelRef }
  | { op: 'abort'; id: number }
  | { op: 'env'; id: number }
  | { op: 'calibrate'; id: number; device: string };

export type FromWorker =
  | { op: 'progress'; id: number; report: LoadReport }
  | { op: 'delta'; id: number; text: string; tokens: number; emittedAt?: number[] }
  | { op: 'cached'; id: number; cached: boolean }
  | { op: 'env'; id: number; env: WorkerEnvironment }
  | { op: 'calibrated'; id: number; calibration: Calibration }
  | { op: 'done'; id: number; result: ChatCompletion | null; stats: EngineStats }
  /** `lost`: the GPU device is gone and this Worker with it (the host replaces it). */
  | { op: 'error'; id: number; error: SerializedError; stats: EngineStats; lost?: DeviceLoss };
