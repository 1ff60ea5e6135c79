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
  PageContentSchema,
  PrioritySchema,
  ResponseFormatSchema,
} from './schema';

export type EngineId = v.InferOutput<typeof EngineIdSchema>;
export type ModelRef = v.InferOutput<typeof ModelRefSchema>;
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;
export type ResponseFormat = v.InferOutput<typeof ResponseFormatSchema>;
export type Priority = v.InferOutput<typeof PrioritySchema>;
export type ChatParams = v.InferOutput<typeof ChatParamsSchema>;
export type PageContent = v.InferOutput<typeof PageContentSchema>;

/** The Port name every client connects with; the host ignores all others. */
export const ENGINE_PORT = 'local-ai/engine';
/**
 * The Port name content scripts forward their page's API calls on: the host tags such a Port as a
 * web page (of the sender's origin), which may use the page methods only.
 */
export const PAGE_API_PORT = 'local-ai/page-api';

export interface ChatChunk {
  /** New text since the previous chunk. */
  delta: string;
  /** Tokens in this chunk: the host merges tokens that arrive within a few milliseconds. */
  tokens: number;
  /**
   * The engine crashed and the host is answering again from the start: drop the text received
   * so far. Only ever on the first chunk of the retried answer.
   */
  restart?: true;
  /**
   * When each token of this chunk left the engine, in ms since the Unix epoch on the clock all
   * browser contexts share (`performance.timeOrigin + performance.now()`), where the engine
   * stamps them: a client compares with its own arrival time to see the extension's latency.
   */
  emittedAt?: number[];
}

/** The answer so far after `chunk`: every asker builds its text through this one rule. */
export function appendChunk(text: string, chunk: ChatChunk): string {
  return chunk.restart ? chunk.delta : text + chunk.delta;
}

export interface ChatResult {
  text: string;
  finishReason: 'stop' | 'length';
  model: ModelRef;
  usage: { promptTokens: number; completionTokens: number };
  /** Measured in the host: enqueue → first token, and decode speed. */
  timing: { queuedMs: number; firstTokenMs: number; tokensPerSecond: number };
  /**
   * The model the asker named, where another answered in its place because it is still
   * downloading (`model` is then the one that answered: see lib/host/stand-in.ts).
   */
  standInFor?: ModelRef;
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
  /** Where the loaded model runs, in words: "CPU, 2 threads", "WebGPU, all layers". */
  loadedOn: string | null;
  loading: LoadProgress | null;
  running: number;
  queued: number;
  clients: number;
  completed: number;
  /** How many times the engine Worker died and was replaced since the host started. */
  engineRestarts: number;
  /** Something every client should show, e.g. that the engine was restarted and why. */
  notice: string | null;
  /** Every download this host knows of, with progress: shown in every open panel. */
  downloads: DownloadProgress[];
  /** Web pages whose `create()` waits for the user to download their model (extension pages only). */
  siteDownloads: SiteDownloadRequest[];
  /** Chrome's built-in model (the Prompt API) as the host last saw it. */
  builtin: BuiltinStatus;
}

/** What Chrome says of its built-in model: the Prompt API's own four states. */
export type BuiltinAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface BuiltinStatus {
  availability: BuiltinAvailability;
  /** 0..1 while Chrome downloads it for us (its `downloadprogress`), else null. */
  progress: number | null;
}

/** A site asked for the model through the page API while it is not on this device. */
export interface SiteDownloadRequest {
  origin: string;
  model: ModelRef;
}

export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  /**
   * The software renderer's name (SwiftShader, llvmpipe, WARP…) when this adapter runs WebGPU on
   * the CPU, else null. Such an adapter works but is no GPU for speed: llama.cpp on the CPU wins.
   */
  software: string | null;
}

/** Where a model can run: WebLLM on WebGPU, llama.cpp on WebGPU, llama.cpp on the CPU. */
export type EngineKind = 'webllm' | 'llamacpp-gpu' | 'llamacpp-cpu';

/**
 * A measurement of this device (and browser version), run once and on demand: how fast each
 * engine kind available here streams model weights through a matrix-vector product, the
 * operation that bounds decoding. Decode tokens/s of a model ≈ rate ÷ the model's bytes.
 */
export interface Calibration {
  /** Browser, its version and the GPU adapter: a new one means measuring again. */
  device: string;
  measuredAt: number;
  /** How long measuring took, ms. */
  elapsedMs: number;
  /** GB of weights per second, by engine kind; missing where that kind is unavailable here. */
  gbPerSecond: Partial<Record<EngineKind, number>>;
  /** Why a kind is missing or how it was measured, in words. */
  notes: string[];
}

/** The CPU side: whether WebAssembly threads are possible, and how many llama.cpp uses. */
export interface CpuInfo {
  /** The engine host (offscreen document) is cross-origin isolated. */
  hostIsolated: boolean;
  /** The engine Worker, where llama.cpp runs, is cross-origin isolated. */
  workerIsolated: boolean;
  llamaThreads: number;
  /** Why that many threads, in words. */
  threadsReason: string;
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
  cpu: CpuInfo;
  /** This device's measured speeds (null until measured): the catalog picks the fastest build. */
  calibration: Calibration | null;
}

export interface HostDiagnostics {
  /** JS heap used by the host document (the router), where the browser reports it. */
  jsHeapUsedBytes: number | null;
  uptimeMs: number;
  /** What the content security policy blocked in the host, newest last ("directive URL"). */
  blockedByPolicy: string[];
  /** Memory of the host with its engine Worker and the engines' own workers, when asked and measurable. */
  memory: AgentMemory | null;
}

/** From `performance.measureUserAgentSpecificMemory()` in the (cross-origin isolated) host. */
export interface AgentMemory {
  /** Everything the host's agent cluster holds: JS heaps, DOM, WebAssembly memories. */
  totalBytes: number;
  /** The part in dedicated workers: the engine Worker and the workers its engines start. */
  workerBytes: number;
}
