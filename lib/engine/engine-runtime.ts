/**
 * Owns the engines and the one loaded model. Lives inside the engine Worker (and, in unit
 * tests, in-process). At most one instance per engine kind is ever created and at most one
 * model is resident: switching models unloads the previous one first.
 */
import type { EngineId, ModelRef } from '../protocol';
import {
  sameModel,
  type ChatCompletion,
  type ChatCompletionOptions,
  type ChatCompletionRequest,
  type Engine,
  type EngineFactory,
  type LoadReport,
} from './engine';

export interface EngineStats {
  engineInstances: number;
  modelLoads: number;
  loaded: ModelRef | null;
  /** Where the loaded model runs, as its engine says (e.g. "CPU, 2 threads"). */
  loadedOn: string | null;
}

/** What the host's router needs from wherever the engines run. */
export interface EngineService {
  /** Makes `model` the loaded model; a no-op when it already is. */
  load(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void>;
  /** Loads `model` if needed, then streams a completion from it. */
  chat(
    model: ModelRef,
    request: ChatCompletionRequest,
    options: ChatCompletionOptions,
  ): Promise<ChatCompletion>;
  stats(): EngineStats;
  /** Whether every file `model` needs is already stored on this device. */
  isCached(model: ModelRef): Promise<boolean>;
}

export type CacheQuery = (model: ModelRef) => Promise<boolean>;

export class EngineRuntime implements EngineService {
  private readonly engines = new Map<EngineId, Engine>();
  private current: { engine: Engine; model: ModelRef } | null = null;
  private loading: { model: ModelRef; promise: Promise<void> } | null = null;
  private counts = { engineInstances: 0, modelLoads: 0 };

  constructor(
    private readonly factory: EngineFactory,
    private readonly cacheQuery: CacheQuery = async () => false,
  ) {}

  isCached(model: ModelRef): Promise<boolean> {
    return this.cacheQuery(model);
  }

  stats(): EngineStats {
    return {
      ...this.counts,
      loaded: this.current?.model ?? null,
      loadedOn: this.current?.engine.placement?.() ?? null,
    };
  }

  async load(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void> {
    if (this.current && sameModel(this.current.model, model)) return;
    if (this.loading && sameModel(this.loading.model, model)) return this.loading.promise;
    if (this.loading) await this.loading.promise.catch(() => {});
    const promise = this.switchTo(model, onProgress);
    this.loading = { model, promise };
    try {
      await promise;
    } finally {
      if (this.loading?.promise === promise) this.loading = null;
    }
  }

  async chat(
    model: ModelRef,
    request: ChatCompletionRequest,
    options: ChatCompletionOptions,
  ): Promise<ChatCompletion> {
    await this.load(model, () => {});
    return this.current!.engine.chat(request, options);
  }

  private async switchTo(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void> {
    const previous = this.current;
    this.current = null;
    // Free the old weights before fetching new ones: two models rarely fit in GPU memory.
    if (previous) await previous.engine.unload().catch(() => {});
    const engine = this.engineFor(model.engine);
    this.counts.modelLoads++;
    await engine.load(model, onProgress);
    this.current = { engine, model };
  }

  private engineFor(id: EngineId): Engine {
    let engine = this.engines.get(id);
    if (!engine) {
      engine = this.factory(id);
      this.engines.set(id, engine);
      this.counts.engineInstances++;
    }
    return engine;
  }
}
