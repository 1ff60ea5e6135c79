/**
 * The host side of the engine Worker: an EngineService whose calls run in the Worker, so
 * the host's own thread only routes messages and never blocks on inference.
 */
import { AbortedError, deserializeError, type ModelRef } from '../protocol';
import type { ChatCompletion, ChatCompletionOptions, ChatCompletionRequest, LoadReport } from './engine';
import type { EngineService, EngineStats } from './engine-runtime';
import type { FromWorker, ToWorker } from './worker-messages';

interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
}

interface Call {
  onCached?: (cached: boolean) => void;
  onProgress?: (report: LoadReport) => void;
  onDelta?: (text: string, tokens: number) => void;
  resolve: (result: ChatCompletion | null) => void;
  reject: (error: Error) => void;
}

export class WorkerEngineService implements EngineService {
  private nextId = 1;
  private readonly calls = new Map<number, Call>();
  private lastStats: EngineStats = { engineInstances: 0, modelLoads: 0, loaded: null };

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', ({ data }) => this.receive(data));
  }

  stats(): EngineStats {
    return this.lastStats;
  }

  async load(model: ModelRef, onProgress: (report: LoadReport) => void): Promise<void> {
    await this.call({ op: 'load', id: 0, model }, { onProgress });
  }

  async chat(
    model: ModelRef,
    request: ChatCompletionRequest,
    options: ChatCompletionOptions,
  ): Promise<ChatCompletion> {
    const result = await this.call(
      { op: 'chat', id: 0, model, request },
      { onDelta: options.onDelta },
      options.signal,
    );
    return result!;
  }

  isCached(model: ModelRef): Promise<boolean> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { onCached: resolve, resolve: () => {}, reject });
      this.worker.postMessage({ op: 'cached', id, model });
    });
  }

  private call(
    message: Extract<ToWorker, { op: 'load' | 'chat' }>,
    handlers: Pick<Call, 'onProgress' | 'onDelta'>,
    signal?: AbortSignal,
  ): Promise<ChatCompletion | null> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const abort = () => this.worker.postMessage({ op: 'abort', id });
      signal?.addEventListener('abort', abort, { once: true });
      this.calls.set(id, {
        ...handlers,
        resolve: (r) => {
          signal?.removeEventListener('abort', abort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', abort);
          reject(e);
        },
      });
      this.worker.postMessage({ ...message, id });
    });
  }

  private receive(message: FromWorker): void {
    const call = this.calls.get(message.id);
    if (!call) return;
    switch (message.op) {
      case 'progress':
        call.onProgress?.(message.report);
        break;
      case 'cached':
        this.calls.delete(message.id);
        call.onCached?.(message.cached);
        break;
      case 'delta':
        call.onDelta?.(message.text, message.tokens);
        break;
      case 'done':
        this.lastStats = message.stats;
        this.calls.delete(message.id);
        call.resolve(message.result);
        break;
      case 'error':
        this.lastStats = message.stats;
        this.calls.delete(message.id);
        call.reject(deserializeError(message.error));
        break;
    }
  }
}
