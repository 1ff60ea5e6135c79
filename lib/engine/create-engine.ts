import { TEST_BUILD } from '../settings/build-flags';
import { EngineUnavailableError, type EngineId, type ModelRef } from '../protocol';
import { isCachedForWebLlm } from '../models/webllm-config';
import { cachedGguf } from '../models/cache-names';
import type { Engine, EngineFactory } from './engine';
import { SyntheticEngine } from './synthetic-engine';
import { WebLlmEngine } from './webllm-engine';
import { WllamaEngine } from './wllama-engine';

/** Whether `model`'s files are all stored locally, asked of the library that will load them. */
export async function isModelCached(model: ModelRef): Promise<boolean> {
  switch (model.engine) {
    case 'webllm':
      return isCachedForWebLlm(model);
    case 'wllama':
      return Boolean(model.url && (await cachedGguf(model.url)));
    case 'synthetic':
    case 'remote':
    case 'builtin':
      return true;
  }
}

/** The one place that maps an engine id to its adapter. */
export function engineFactory(options: { wllamaWasmUrl: string; threads?: number }): EngineFactory {
  return (id: EngineId): Engine => {
    switch (id) {
      case 'webllm':
        return new WebLlmEngine();
      case 'wllama':
        return new WllamaEngine({ wasmUrl: options.wllamaWasmUrl, threads: options.threads });
      case 'synthetic':
        // A test double: compiled out of production builds.
        if (!TEST_BUILD) throw new EngineUnavailableError('The synthetic engine exists in test builds only.');
        return new SyntheticEngine();
      case 'remote':
      case 'builtin':
        // Network providers, and the Prompt API (a window API, absent from dedicated Workers).
        throw new Error(`The ${id} engine is served by the host, not the engine Worker.`);
    }
  };
}
