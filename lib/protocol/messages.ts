/**
 * The data the protocol carries between every surface (side panel, content scripts, extension
 * pages) and the engine host. Which method carries which is declared once, in ./methods.ts.
 */
import type * as v from 'valibot';
import type { DownloadProgress } from './data-types';
import type {
  ChatMessageSchema,
  ChatParamsSchema,
  EngineIdSchema,
  ModelRefSchema,
  PrioritySchema,
  ResponseFormatSchema,
} from './schema';

export type EngineId = v.InferOutput<typeof EngineIdSchema>;
export type ModelRef = v.InferOutput<typeof ModelRefSchema>;
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;
export type ResponseFormat = v.InferOutput<typeof ResponseFormatSchema>;
export type Priority = v.InferOutput<typeof PrioritySchema>;
export type ChatParams = v.InferOutput<typeof ChatParamsSchema>;

/** The Port name every client connects with; the host ignores all others. */
export const ENGINE_PORT = 'local-ai/engine';

export interface ChatChunk {
  /** New text since the previous chunk. */
  delta: string;
  /** Tokens in this chunk: the host merges tokens that arrive within a few milliseconds. */
  tokens: number;
}

export interface ChatResult {
  text: string;
  finishReason: 'stop' | 'length';
  model: ModelRef;
  usage: { promptTokens: number; completionTokens: number };
  /** Measured in the host: enqueue → first token, and decode speed. */
  timing: { queuedMs: number; firstTokenMs: number; tokensPerSecond: number };
}

export interface LoadProgress {
  model: ModelRef;
  /** 0..1 */
  progress: number;
  text: string;
}

export interface HostStatus {
  /** Engine instances created since the host started (one per engine kind at most). */
  engineInstances: number;
  /** Model loads started since the host started. */
  modelLoads: number;
  loaded: ModelRef | null;
  loading: LoadProgress | null;
  running: number;
  queued: number;
  clients: number;
  completed: number;
  /** Every download this host knows of, with progress: shown in every open panel. */
  downloads: DownloadProgress[];
}

export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface DeviceCapabilities {
  webgpu: boolean;
  adapter: GpuAdapterInfo | null;
  shaderF16: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** Why there is no adapter, in words a user can act on. */
  reason: string | null;
  /** Engine the host picks when a request does not insist. */
  defaultEngine: EngineId;
  hardwareConcurrency: number;
}

export interface HostDiagnostics {
  /** JS heap used by the host document (the router), where the browser reports it. */
  jsHeapUsedBytes: number | null;
  uptimeMs: number;
}
