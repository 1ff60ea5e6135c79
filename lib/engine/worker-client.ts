/**
 * The host side of the engine Worker: an EngineService whose calls run in the Worker, so
 * the host's own thread only routes messages and never blocks on inference. It also
 * supervises the Worker: when it dies (an uncaught error, a message that cannot be read, a
 * lost GPU device) or hangs (no token for `stallMs` while generating), every call in flight is
 * rejected with EngineCrashedError, a fresh Worker starts, and whoever listens is told which
 * model to load again — with a smaller context window when memory ran out.
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
import { smallerWindow } from './device-lost';
import { DEFAULT_CONTEXT_WINDOW } from '../models/default-models';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate?(): void;
}

export interface SupervisorEvents {
  /** A fresh Worker replaced a dead one; `model` was loaded in the dead one (null if none). */
  onRestart?: (reason: string, model: ModelRef | null) => void;
  /**
   * A generating Worker that sends no token for this long is hung and treated as crashed.
   * Counted from the first token on: prefill of a long prompt on a slow device has no tokens.
   */
  stallMs?: number;
}

/** Between two tokens no engine here pauses this long (WebLLM on a software adapter: ~10 s). */
const STALL_MS = 30_000;
const modelKey = (m: ModelRef) => JSON.stringify([m.engine, m.id, m.url ?? null]);

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
  /** Test builds only: what to do to the Worker when the next chat's first delta arrives. */
  private onNextDelta: 'crash' | 'hang' | null = null;
  /** A Worker the host stopped hearing (test builds: a hang, as the host sees one). */
  private deafTo: WorkerLike | null = null;
  private readonly watchdogs = new Map<number, ReturnType<typeof setTimeout>>();
  /** Context windows cut after memory ran out, by model. */
  private readonly capped = new Map<string, number>();
  private stallMs: number;

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly events: SupervisorEvents = {},
  ) {
    this.stallMs = events.stallMs ?? STALL_MS;
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
    await this.call({ op: 'load', id: 0, model: this.withCap(model) }, { onProgress });
  }

  async chat(
    model: ModelRef,
    request: ChatCompletionRequest,
    options: ChatCompletionOptions,
  ): Promise<ChatCompletion> {
    const result = await this.call(
      { op: 'chat', id: 0, model: this.withCap(model), request },
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
  crashForTest(when: 'now' | 'mid-stream' | 'hang-mid-stream', stallMs?: number): void {
    if (stallMs !== undefined) this.stallMs = stallMs;
    if (when === 'now') this.crash('terminated by a test');
    else this.onNextDelta = when === 'mid-stream' ? 'crash' : 'hang';
  }

  /** `model` with the smaller context window it got after memory ran out, if it did. */
  private withCap(model: ModelRef): ModelRef {
    const window = this.capped.get(modelKey(model));
    return window === undefined ? model : { ...model, contextWindow: window };
  }

  /** (Re)starts the count to a hang for call `id`: another token must come within stallMs. */
  private watch(id: number): void {
    clearTimeout(this.watchdogs.get(id));
    this.watchdogs.set(
      id,
      setTimeout(() => this.crash(`no token for ${this.stallMs / 1000} s while generating`), this.stallMs),
    );
  }

  private unwatch(id: number): void {
    clearTimeout(this.watchdogs.get(id));
    this.watchdogs.delete(id);
  }

  private start(): WorkerLike {
    const worker = this.spawn();
    worker.addEventListener('message', ({ data }) => {
      if (worker === this.worker && worker !== this.deafTo) this.receive(data);
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

  private crash(reason: string, outOfMemory = false): void {
    const dead = this.worker;
    let model = this.lastStats.loaded;
    if (model && outOfMemory) {
      const window = smallerWindow(model.contextWindow ?? DEFAULT_CONTEXT_WINDOW[model.engine]);
      this.capped.set(modelKey(model), window);
      model = { ...model, contextWindow: window };
    }
    for (const id of [...this.watchdogs.keys()]) this.unwatch(id);
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
        this.watch(message.id);
        call.onDelta?.(message.text, message.tokens, message.emittedAt);
        if (this.onNextDelta === 'crash') this.crash('terminated by a test mid-stream');
        if (this.onNextDelta === 'hang') this.deafTo = this.worker;
        this.onNextDelta = null;
        break;
      case 'done':
        this.lastStats = message.stats;
        this.unwatch(message.id);
        this.calls.delete(message.id);
        call.resolve(message.result);
        break;
      case 'error':
        this.lastStats = message.stats;
        this.unwatch(message.id);
        // A lost GPU device takes the Worker's engine with it: replace the Worker, retry the request.
        if (message.lost)
          return this.crash(`the GPU device was lost: ${message.lost.reason}`, message.lost.memory);
        this.calls.delete(message.id);
        call.reject(deserializeError(message.error));
        break;
    }
  }
}
