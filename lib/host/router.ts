/**
 * The engine host's router: serves any number of clients over runtime Ports. Each request
 * has the client's id; chat and load requests wait in a fair queue and run one at a time on
 * the one engine; chunks stream back on the asker's Port; status goes to every client.
 * A cancel, or the asker's Port closing, aborts its requests at once.
 */
import {
  AbortedError,
  ENGINE_PORT,
  EngineCrashedError,
  assertTrustedSender,
  parseClientMessage,
  serializeError,
  type ChatChunk,
  type ChatParams,
  type ClientMessage,
  type DeviceCapabilities,
  type HostMessage,
  type HostStatus,
  type LoadProgress,
  type MethodName,
  type ModelRef,
  type ResultOf,
  LocalAiError,
  type SenderInfo,
} from '../protocol';
import type { EngineService } from '../engine/engine-runtime';
import { streamChat } from './stream-chat';
import { FairQueue } from './fair-queue';
import { hostDiagnostics } from './diagnostics';
import type { SqlHost } from '../sql/sql-host';
import type { ModelHost } from '../models/model-host';
import type { ProviderHost } from '../providers/provider-host';

/** The part of a runtime.Port the router uses; chrome's Port and the polyfill's both fit. */
export interface RouterPort {
  name: string;
  sender?: SenderInfo;
  postMessage(message: HostMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface RouterDeps {
  engines: EngineService;
  extensionId: string;
  capabilities: () => Promise<DeviceCapabilities>;
  /** Measures the device again; capabilities with the new figures. */
  calibrate?: () => Promise<DeviceCapabilities>;
  /** The page-tables database; SQL requests fail clearly where a host has none. */
  sql?: SqlHost;
  /** Downloads and the storage manager. */
  models?: ModelHost;
  /** Providers off this device (Ollama, OpenAI-compatible). */
  providers?: ProviderHost;
  now?: () => number;
}

interface Client {
  id: number;
  port: RouterPort;
}

type Job = {
  key: string;
  clientId: number;
  requestId: string;
  priority: 'interactive' | 'background';
  controller: AbortController;
  enqueuedAt: number;
  startedAt: number;
} & ({ method: 'chat'; params: ChatParams } | { method: 'load'; params: ModelRef });

const PROGRESS_INTERVAL_MS = 100;

export class EngineRouter {
  private readonly clients = new Map<number, Client>();
  private readonly queue = new FairQueue<Job>();
  private running: Job | null = null;
  private loading: LoadProgress | null = null;
  private completed = 0;
  private engineRestarts = 0;
  private notice: string | null = null;
  private nextClientId = 1;
  private lastProgressAt = 0;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;
  private readonly remote = new Map<string, Job>();
  private readonly remoteChat: EngineService['chat'] = (model, request, options) => {
    if (!this.deps.providers)
      return Promise.reject(
        new LocalAiError('engine-unavailable', 'This engine host has no remote providers.'),
      );
    return this.deps.providers.chat(model, request, options);
  };

  constructor(private readonly deps: RouterDeps) {
    this.now = deps.now ?? (() => performance.now());
  }

  /** Accepts a Port from runtime.onConnect; ignores Ports meant for someone else. */
  connect(port: RouterPort): void {
    if (port.name !== ENGINE_PORT) return;
    try {
      assertTrustedSender(port.sender, this.deps.extensionId);
    } catch (error) {
      port.postMessage({ type: 'error', id: null, error: serializeError(error) });
      port.disconnect();
      return;
    }
    const client: Client = { id: this.nextClientId++, port };
    this.clients.set(client.id, client);
    port.onMessage.addListener((raw) => this.receive(client, raw));
    port.onDisconnect.addListener(() => this.drop(client));
    this.send(client, { type: 'status', status: this.status() });
    this.broadcastStatus();
  }

  status(): HostStatus {
    const stats = this.deps.engines.stats();
    return {
      engineInstances: stats.engineInstances,
      modelLoads: stats.modelLoads,
      loaded: stats.loaded,
      loadedOn: stats.loadedOn,
      loading: this.loading,
      running: this.running ? 1 : 0,
      queued: this.queue.size,
      clients: this.clients.size,
      completed: this.completed,
      engineRestarts: this.engineRestarts,
      notice: this.notice,
      downloads: this.deps.models?.downloads() ?? [],
    };
  }

  /**
   * The engine Worker died and a fresh one started: every client is told, and the model the
   * dead one had is loaded again (a background job; an interrupted request retries on its own).
   */
  engineRestarted(reason: string, model: ModelRef | null): void {
    this.engineRestarts++;
    this.notice = `The engine stopped unexpectedly (${reason}) and was restarted${model ? `; reloading ${model.id}` : ''}.`;
    if (model) {
      this.queue.push({
        key: `host:reload-${this.engineRestarts}`,
        clientId: 0,
        requestId: `reload-${this.engineRestarts}`,
        priority: 'background',
        controller: new AbortController(),
        enqueuedAt: this.now(),
        startedAt: 0,
        method: 'load',
        params: model,
      });
    }
    this.broadcastStatus();
    this.pump();
  }

  private receive(client: Client, raw: unknown): void {
    let message: ClientMessage;
    try {
      message = parseClientMessage(raw);
    } catch (error) {
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
      this.send(client, { type: 'error', id, error: serializeError(error) });
      return;
    }
    if (message.type === 'cancel') return this.cancel(client.id, message.id);
    const { id } = message;
    // Downloads and SQL are served by their own services, outside the engine queue.
    const prefix = message.method.split('.')[0];
    if (prefix === 'models' || prefix === 'sql' || prefix === 'providers') {
      const service =
        prefix === 'models' ? this.deps.models : prefix === 'sql' ? this.deps.sql : this.deps.providers;
      return this.answer(client, id, () => {
        if (!service)
          throw new LocalAiError('engine-unavailable', `This engine host does not serve ${message.method}.`);
        return service.call(message as never);
      });
    }
    switch (message.method) {
      case 'status':
        return this.send(client, { type: 'result', id, data: this.status() });
      case 'diagnostics':
        return this.send(client, { type: 'result', id, data: hostDiagnostics() });
      case 'cached':
        return this.answer(client, id, async () => ({
          cached: await this.deps.engines.isCached(message.params),
        }));
      case 'capabilities':
        return this.answer(client, id, () => this.deps.capabilities());
      case 'calibrate':
        return this.answer(client, id, () => (this.deps.calibrate ?? this.deps.capabilities)());
      case 'chat':
      case 'load': {
        const priority =
          message.method === 'chat' ? (message.params.priority ?? 'interactive') : 'interactive';
        const job = {
          key: `${client.id}:${id}`,
          clientId: client.id,
          requestId: id,
          priority,
          controller: new AbortController(),
          enqueuedAt: this.now(),
          startedAt: 0,
          method: message.method,
          params: message.params,
        } as Job;
        if (
          this.running?.key === job.key ||
          this.remote.has(job.key) ||
          this.queue.has((j) => j.key === job.key)
        ) {
          return this.send(client, {
            type: 'error',
            id,
            error: { code: 'bad-request', message: `Request id ${id} is already in use.` },
          });
        }
        if (job.method === 'chat' && job.params.model.engine === 'remote') return this.runRemote(job);
        this.queue.push(job);
        this.announcePositions();
        this.pump();
      }
    }
  }

  /** A provider off this device needs no local engine: it runs at once, beside the queue. */
  private runRemote(job: Job): void {
    this.remote.set(job.key, job);
    job.startedAt = this.now();
    void this.run(job).finally(() => {
      this.remote.delete(job.key);
      this.completed++;
      this.broadcastStatus();
    });
  }

  /** Sends the result of an immediate (not queued) request, or its error. */
  private answer(client: Client, id: string, work: () => Promise<ResultOf<MethodName>>): void {
    Promise.resolve()
      .then(work)
      .then(
        (data) => this.send(client, { type: 'result', id, data }),
        (error) => this.send(client, { type: 'error', id, error: serializeError(error) }),
      );
  }

  private cancel(clientId: number, requestId: string): void {
    const key = `${clientId}:${requestId}`;
    const client = this.clients.get(clientId);
    for (const job of this.queue.remove((j) => j.key === key)) {
      if (client) this.send(client, { type: 'error', id: job.requestId, error: new AbortedError().toJSON() });
    }
    if (this.running?.key === key) this.running.controller.abort();
    this.remote.get(key)?.controller.abort();
    this.announcePositions();
  }

  private drop(client: Client): void {
    this.clients.delete(client.id);
    this.queue.remove((j) => j.clientId === client.id);
    this.queue.forgetClient(client.id);
    // The asker is gone: stop using the engine for it now, not when generation ends.
    if (this.running?.clientId === client.id) this.running.controller.abort();
    for (const job of this.remote.values()) if (job.clientId === client.id) job.controller.abort();
    this.announcePositions();
  }

  private pump(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    job.startedAt = this.now();
    this.announcePositions();
    void this.run(job).finally(() => {
      this.running = null;
      this.completed++;
      this.broadcastStatus();
      this.pump();
    });
  }

  /** Runs a job; one that an engine crash interrupted is retried once, from the start. */
  private async run(job: Job): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(job, attempt > 0);
      } catch (error) {
        this.loading = null;
        const aborted = job.controller.signal.aborted;
        if (error instanceof EngineCrashedError && attempt === 0 && !aborted) continue;
        const current = this.clients.get(job.clientId);
        const wire = aborted ? new AbortedError().toJSON() : serializeError(error);
        if (current) this.send(current, { type: 'error', id: job.requestId, error: wire });
        return;
      }
    }
  }

  private async attempt(job: Job, retry: boolean): Promise<void> {
    const client = this.clients.get(job.clientId);
    const model = job.method === 'chat' ? job.params.model : job.params;
    const remote = model.engine === 'remote';
    if (!remote) {
      this.deps.models?.touch(model);
      await this.deps.engines.load(model, (report) =>
        this.reportProgress(model, report.progress, report.text),
      );
      this.loading = null;
      if (this.engineRestarts && this.notice?.endsWith(`reloading ${model.id}.`))
        this.notice = this.notice.replace(/; reloading .*$/, `; ${model.id} is loaded again.`);
      this.broadcastStatus();
    }
    if (job.controller.signal.aborted) throw new AbortedError();
    if (job.method === 'load') {
      if (client) this.send(client, { type: 'result', id: job.requestId, data: this.status() });
      return;
    }
    const forward = (data: ChatChunk) => {
      // A chunk that was on its way when the asker cancelled is not theirs to see any more.
      if (job.controller.signal.aborted) return;
      const c = this.clients.get(job.clientId);
      if (c) this.send(c, { type: 'chunk', id: job.requestId, data });
    };
    // The answer starts again: the asker drops what the crashed attempt had streamed.
    if (retry) forward({ delta: '', tokens: 0, restart: true });
    const chat = remote ? this.remoteChat : this.deps.engines.chat.bind(this.deps.engines);
    const result = await streamChat(chat, job.params, job.controller.signal, forward, {
      enqueuedAt: job.enqueuedAt,
      startedAt: job.startedAt,
      now: this.now,
    });
    const current = this.clients.get(job.clientId);
    if (current) this.send(current, { type: 'result', id: job.requestId, data: result });
  }

  /** Pushes status at most every PROGRESS_INTERVAL_MS while downloads stream in, and once after. */
  statusChanged(): void {
    if (this.statusTimer) return;
    const wait = Math.max(0, PROGRESS_INTERVAL_MS - (this.now() - this.lastProgressAt));
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.lastProgressAt = this.now();
      this.broadcastStatus();
    }, wait);
  }

  private reportProgress(model: ModelRef, progress: number, text: string): void {
    this.loading = { model, progress, text };
    const t = this.now();
    if (progress >= 1 || t - this.lastProgressAt >= PROGRESS_INTERVAL_MS) {
      this.lastProgressAt = t;
      this.broadcastStatus();
    }
  }

  private announcePositions(): void {
    this.queue.order().forEach((job, index) => {
      const client = this.clients.get(job.clientId);
      if (client)
        this.send(client, {
          type: 'queued',
          id: job.requestId,
          position: index + 1 + (this.running ? 1 : 0),
        });
    });
    this.broadcastStatus();
  }

  private broadcastStatus(): void {
    const status = this.status();
    for (const client of this.clients.values()) this.send(client, { type: 'status', status });
  }

  private send(client: Client, message: HostMessage): void {
    try {
      client.port.postMessage(message);
    } catch {
      // The Port closed under us; its onDisconnect cleans up.
    }
  }
}
