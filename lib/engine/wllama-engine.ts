/**
 * llama.cpp (through @wllama/wllama) behind the Engine interface: GGUF models, on the CPU
 * where WebGPU is missing. wllama runs llama.cpp in its own worker; we only translate.
 */
import { Wllama, WllamaAbortError } from '@wllama/wllama/esm/index.js';
import { AbortedError, LocalAiError, ModelLoadError, type ModelRef, errorMessage } from '../protocol';
import type {
  ChatCompletion,
  ChatCompletionOptions,
  ChatCompletionRequest,
  Engine,
  LoadReport,
} from './engine';
import { fetchWithProgress } from './fetch-with-progress';
import { contextOverflowOf } from './context-overflow';
import { probeAdapter } from './gpu-adapter';
import { loadWithGpuFallback, planGpuLayers } from './gpu-layers';
import { cachedGguf } from '../models/cache-names';
import { DEFAULT_CONTEXT_WINDOW } from '../models/default-models';

export interface WllamaEngineOptions {
  /** URL of wllama.wasm as shipped inside the extension (never a CDN). */
  wasmUrl: string;
  /** Threads for llama.cpp; 1 unless the context is cross-origin isolated. */
  threads?: number;
}

const QUIET_LOGGER = {
  debug: () => {},
  log: () => {},
  warn: (...args: unknown[]) => console.warn('[wllama]', ...args),
  error: (...args: unknown[]) => console.error('[wllama]', ...args),
};

export class WllamaEngine implements Engine {
  readonly id = 'wllama' as const;
  private wllama: Wllama | null = null;
  private where: string | null = null;

  constructor(private readonly options: WllamaEngineOptions) {}

  async load(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void> {
    if (!model.url) {
      throw new ModelLoadError(
        `"${model.id}" has no GGUF file URL; llama.cpp models are loaded from a .gguf URL.`,
      );
    }
    await this.unload();
    // A model downloaded (and verified) before loads from the cache: no network at all.
    const blob =
      (await cachedGguf(model.url).catch(() => null)) ??
      (await fetchWithProgress(model.url, (loaded, total) =>
        onProgress({
          progress: total ? (0.9 * loaded) / total : 0,
          text: `Fetching ${model.id}: ${(loaded / 1e6).toFixed(1)} MB`,
        }),
      ));
    const plan = planGpuLayers(model.gpuLayers, await probeAdapter());
    onProgress({ progress: 0.9, text: `Starting llama.cpp with ${model.id} (${plan.why})` });
    // The instance that loaded (a failed GPU attempt's is discarded).
    const started: { wllama: Wllama | null } = { wllama: null };
    const attempt = async (layers: number | undefined) => {
      const w = new Wllama(
        { default: this.options.wasmUrl },
        { suppressNativeLog: true, logger: QUIET_LOGGER },
      );
      try {
        await w.loadModel([blob], {
          n_ctx: model.contextWindow ?? DEFAULT_CONTEXT_WINDOW.wllama,
          n_threads: this.options.threads ?? 1,
          ...(layers === undefined ? {} : { n_gpu_layers: layers }),
          n_parallel: 1,
          jinja: true,
        });
      } catch (error) {
        await w.exit().catch(() => {});
        throw error;
      }
      started.wllama = w;
    };
    let placed;
    try {
      placed = await loadWithGpuFallback(plan, attempt, (reason) =>
        onProgress({
          progress: 0.95,
          text: `WebGPU could not hold ${model.id} (${reason}); loading on the CPU`,
        }),
      );
    } catch (error) {
      throw new ModelLoadError(`llama.cpp could not load ${model.id}: ${describe(error)}`);
    }
    const loaded = started.wllama!;
    this.wllama = loaded;
    const threads = loaded.isMultithread() ? loaded.getNumThreads() : 1;
    const cpu = `CPU, ${threads} thread${threads > 1 ? 's' : ''}`;
    this.where = placed.onGpu
      ? `WebGPU (${plan.layers === undefined ? 'all layers' : `${plan.layers} layers`}) + ${cpu}`
      : placed.fallback
        ? `${cpu} (WebGPU failed: ${placed.fallback})`
        : cpu;
    onProgress({ progress: 1, text: `${model.id} ready (${this.where})` });
  }

  async chat(request: ChatCompletionRequest, options: ChatCompletionOptions): Promise<ChatCompletion> {
    const wllama = this.wllama;
    if (!wllama) throw new LocalAiError('engine-failed', 'No model is loaded in llama.cpp.');
    if (options.signal.aborted) throw new AbortedError();
    const format = request.response_format;
    let text = '';
    let finishReason: ChatCompletion['finishReason'] = 'stop';
    let promptTokens = 0;
    let completionTokens = 0;
    try {
      await wllama.createChatCompletion({
        messages: request.messages,
        stream: true,
        // Keep the KV cache of the last prompt and reuse its longest common prefix: a follow-up
        // (lib/chat/chat-prompt.ts keeps the page a stable prefix) costs only its own tokens.
        cache_prompt: true,
        // Without it llama.cpp's stream carries no usage: prompt tokens would read 0 and the chat
        // could not learn how the page tokenises (lib/chat/context-budget.ts).
        ...({ stream_options: { include_usage: true } } as object),
        max_tokens: request.max_tokens ?? 512,
        temperature: request.temperature ?? 0.7,
        top_p: request.top_p ?? 0.95,
        ...(request.top_k !== undefined ? { top_k: request.top_k } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.stop ? { stop: request.stop } : {}),
        ...(format?.type === 'grammar' ? { grammar: format.grammar } : {}),
        ...(format?.type === 'json_object'
          ? {
              response_format: format.schema
                ? {
                    type: 'json_schema' as const,
                    json_schema: { name: 'answer', schema: JSON.parse(format.schema) },
                  }
                : { type: 'json_object' as const },
            }
          : {}),
        abortSignal: options.signal,
        onData: (chunk) => {
          const choice = chunk.choices[0];
          const delta = choice?.delta?.content;
          if (delta) {
            text += delta;
            completionTokens++;
            options.onDelta(delta);
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason === 'length' ? 'length' : 'stop';
          if (chunk.usage) {
            promptTokens = chunk.usage.prompt_tokens;
            completionTokens = chunk.usage.completion_tokens;
          }
        },
      });
    } catch (error) {
      if (error instanceof WllamaAbortError || options.signal.aborted) throw new AbortedError();
      const overflow = contextOverflowOf(error);
      if (overflow) throw overflow;
      throw new LocalAiError('engine-failed', `llama.cpp failed: ${describe(error)}`);
    }
    if (options.signal.aborted) throw new AbortedError();
    return { text, finishReason, promptTokens, completionTokens };
  }

  placement(): string | null {
    return this.wllama ? this.where : null;
  }

  async unload(): Promise<void> {
    const wllama = this.wllama;
    this.wllama = null;
    if (wllama) await wllama.exit();
  }
}

function describe(error: unknown): string {
  return errorMessage(error);
}
