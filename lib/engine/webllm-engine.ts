/**
 * WebLLM (MLC, WebGPU) behind the Engine interface. Deliberately thin: WebLLM does the
 * work; this file only translates requests, progress and errors. It runs inside the
 * engine Worker, so it uses MLCEngine directly rather than WebLLM's own worker wrappers.
 */
import { MLCEngine } from '@mlc-ai/web-llm';
import {
  AbortedError,
  EngineUnavailableError,
  LocalAiError,
  ModelLoadError,
  type ModelRef,
  errorMessage,
} from '../protocol';
import type {
  ChatCompletion,
  ChatCompletionOptions,
  ChatCompletionRequest,
  Engine,
  LoadReport,
} from './engine';
import { buildAppConfig, missingTail } from '../models/webllm-config';
import { contextOverflowOf } from './context-overflow';

export class WebLlmEngine implements Engine {
  readonly id = 'webllm' as const;
  private engine: MLCEngine | null = null;

  async load(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void> {
    if (!('gpu' in navigator)) {
      throw new EngineUnavailableError(
        'WebLLM needs WebGPU, which this browser does not offer. Use a llama.cpp (GGUF) model.',
      );
    }
    const appConfig = buildAppConfig(model);
    const engine = (this.engine ??= new MLCEngine());
    engine.setAppConfig(appConfig);
    engine.setInitProgressCallback((r) => onProgress({ progress: r.progress, text: r.text }));
    try {
      await engine.reload(
        model.id,
        model.contextWindow ? { context_window_size: model.contextWindow } : undefined,
      );
    } catch (error) {
      throw new ModelLoadError(`WebLLM could not load ${model.id}: ${errorMessage(error)}`);
    }
  }

  async chat(request: ChatCompletionRequest, options: ChatCompletionOptions): Promise<ChatCompletion> {
    const engine = this.engine;
    if (!engine) throw new LocalAiError('engine-failed', 'No model is loaded in WebLLM.');
    const stopOnAbort = () => void engine.interruptGenerate();
    options.signal.addEventListener('abort', stopOnAbort, { once: true });
    const format = request.response_format;
    try {
      const chunks = await engine.chat.completions.create({
        messages: request.messages,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: request.max_tokens,
        temperature: request.temperature,
        top_p: request.top_p,
        seed: request.seed,
        stop: request.stop,
        response_format:
          format?.type === 'grammar'
            ? { type: 'grammar', grammar: format.grammar }
            : format?.type === 'json_object'
              ? { type: 'json_object', schema: format.schema }
              : undefined,
      });
      let text = '';
      let finishReason: ChatCompletion['finishReason'] = 'stop';
      let usage = { prompt_tokens: 0, completion_tokens: 0 };
      for await (const chunk of chunks) {
        const choice = chunk.choices[0];
        const delta = choice?.delta.content;
        if (delta) {
          text += delta;
          options.onDelta(delta);
        }
        if (choice?.finish_reason === 'length') finishReason = 'length';
        if (chunk.usage) usage = chunk.usage;
      }
      if (options.signal.aborted) throw new AbortedError();
      // WebLLM holds back a delta while the text ends inside a multi-byte character and puts
      // the rest only in its final message: deliver that tail, or the answer ends short.
      const final = await engine.getMessage();
      const tail = missingTail(text, final);
      if (tail) {
        text += tail;
        options.onDelta(tail, 0);
      }
      return {
        text,
        finishReason,
        promptTokens: usage.prompt_tokens,
        completionTokens: usage.completion_tokens,
      };
    } catch (error) {
      if (options.signal.aborted || error instanceof AbortedError) throw new AbortedError();
      const overflow = contextOverflowOf(error);
      if (overflow) throw overflow;
      throw new LocalAiError('engine-failed', `WebLLM failed: ${errorMessage(error)}`);
    } finally {
      options.signal.removeEventListener('abort', stopOnAbort);
    }
  }

  async unload(): Promise<void> {
    await this.engine?.unload();
  }
}
