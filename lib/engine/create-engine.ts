import type { EngineId } from '../protocol';
import type { Engine, EngineFactory } from './engine';
import { SyntheticEngine } from './synthetic-engine';
import { WebLlmEngine } from './webllm-engine';
import { WllamaEngine } from './wllama-engine';

/** The one place that maps an engine id to its adapter. */
export function engineFactory(options: { wllamaWasmUrl: string; threads?: number }): EngineFactory {
  return (id: EngineId): Engine => {
    switch (id) {
      case 'webllm':
        return new WebLlmEngine();
      case 'wllama':
        return new WllamaEngine({ wasmUrl: options.wllamaWasmUrl, threads: options.threads });
      case 'synthetic':
        return new SyntheticEngine();
    }
  };
}
