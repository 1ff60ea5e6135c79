/**
 * The host side of the engine Worker: an EngineService whose calls run in the Worker, so
 * the host's own thread only routes messages and never blocks on inference. It also
 * supervises the Worker: when it dies (an uncaught error, a message that cannot be read, a
 * lost device), every call in flight is rejected with EngineCrashedError, a fresh Worker
 * starts, and whoever listens is told which model to load again.
 */
import {
  AbortedError,
  EngineCrashedError,
  deserializeError,
  type Calibration,
  type ModelRef,
} from '../protocol';
import type { ChatCompletion, ChatCompletionOptions, ChatCompletionRequest, LoadReport } from './engine';
import type { EngineService, EngineStats } from './engine-runtime';
import type { FromWorker, ToWorker, WorkerEnvironment } from './worker-messages';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate?(): void;
}

export interface SupervisorEvents {
  /** A fresh Worker replaced a dead one; `model` was loaded in the dead one (null if none). */
  onRestart?: (reason: string, model: ModelRef | null) => void;
}

interface Call {
  onCached?: (cached: boolean) => void;
  onEnv?: (env: WorkerEnvironment) => void;
  onCalibrated?: (calibration: Calibration) => void;
  onProgress?: (report: LoadReport) => void;
  onDelta?: (text: string, tokens: number, emittedAt?: readonly number[]) => void;
  resolve: (result: ChatCompletion | null) => void;
  reject: (error: Error) => void;
}

const NO_STATS: EngineStats = { engineInstances: 0, modelLoads: 0, loaded: null, loadedOn: null };

export class WorkerEngineService implements EngineService {
  private nextId = 1;
  private readonly calls = new Map<number, Call>();
  private worker: WorkerLike;
  private lastStats: EngineStats = NO_STATS;
  /** Counts from Workers that died: the host reports totals since it started. */
  private before = { engineInstances: 0, modelLoads: 0 };
  private restarts = 0;
  /** Test builds only: terminate the Worker when the next chat's first delta arrives. */
  private crashOnDelta = false;

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly events: SupervisorEvents = {},
  ) {
    this.worker = this.start();
  }

  stats(): EngineStats {
    return {
      engineInstances: this.before.engineInstances + this.lastStats.engineInstances,
      modelLoads: this.before.modelLoads + this.lastStats.modelLoads,
      loaded: this.lastStats.loaded,
      loadedOn: this.lastStats.loadedOn,
    };
  }

  /** How many times a dead Worker was replaced. */
  get restartCount(): number {
    return this.restarts;
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

  /** What the Worker sees: cross-origin isolation and llama.cpp's thread count. */
  environment(): Promise<WorkerEnvironment> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { onEnv: resolve, resolve: () => {}, reject });
      this.worker.postMessage({ op: 'env', id });
    });
  }

  /** Measures this device's engine speeds in the Worker (about a second; see calibration.ts). */
  calibrate(device: string): Promise<Calibration> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { onCalibrated: resolve, resolve: () => {}, reject });
      this.worker.postMessage({ op: 'calibrate', id, device });
    });
  }

  /**
   * Terminates the Worker as a crash would, when the next streamed delta arrives (mid-stream),
   * or at once. Wired up only in test builds (see lib/host/test-hooks.ts).
   */
  crashForTest(when: 'now' | 'mid-stream'): void {
    if (when === 'now') this.crash('terminated by a test');
    else this.crashOnDelta = true;
  }

  private start(): WorkerLike {
    const worker = this.spawn();
    worker.addEventListener('message', ({ data }) => {
      if (worker === this.worker) this.receive(data);
    });
    const fail = (kind: string) => (event: Event) => {
      if (worker !== this.worker) return;
      const detail = (event as ErrorEvent).message;
      this.crash(detail ? `${kind}: ${detail}` : kind);
    };
    worker.addEventListener('error', fail('an uncaught error in the engine Worker'));
    worker.addEventListener('messageerror', fail('a message from the engine Worker could not be read'));
    return worker;
  }

  private crash(reason: string): void {
    const dead = this.worker;
    const model = this.lastStats.loaded;
    this.before.engineInstances += this.lastStats.engineInstances;
    this.before.modelLoads += this.lastStats.modelLoads;
    this.lastStats = NO_STATS;
    this.restarts++;
    // Whatever state the dead Worker had (weights, a half-built context) is not to be trusted.
    dead.terminate?.();
    this.worker = this.start();
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const call of calls) {
      call.reject(new EngineCrashedError(`The engine stopped unexpectedly (${reason}); it was restarted.`));
    }
    this.events.onRestart?.(reason, model);
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
      case 'env':
        this.calls.delete(message.id);
        call.onEnv?.(message.env);
        break;
      case 'calibrated':
        this.calls.delete(message.id);
        call.onCalibrated?.(message.calibration);
        break;
      case 'delta':
        call.onDelta?.(message.text, message.tokens, message.emittedAt);
        if (this.crashOnDelta) {
          this.crashOnDelta = false;
          this.crash('terminated by a test mid-stream');
        }
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
