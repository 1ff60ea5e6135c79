/**
 * The engine host's router: serves any number of clients over runtime Ports. It tags each Port
 * with its caller (from the browser's sender info only), checks every message against the
 * method's declared schema and allowed callers, and hands it to that method's handler; chunks
 * and results go back on the asker's Port, status to every client. A cancel, or the asker's Port
 * closing, aborts its requests at once.
 */
import {
  AbortedError,
  BadRequestError,
  ENGINE_PORT,
  PAGE_API_PORT,
  parseEnvelope,
  parseRequest,
  serializeError,
  type Caller,
  type DeviceCapabilities,
  type HostMessage,
  type HostStatus,
  type LoadProgress,
  type MethodName,
  type ModelRef,
  type RequestMessage,
  callerOf,
  webPageCallerOf,
  type SenderInfo,
} from '../protocol';
import type { EngineService } from '../engine/engine-runtime';
import type { SqlHost } from '../sql/sql-host';
import type { ModelHost } from '../models/model-host';
import type { ProviderHost } from '../providers/provider-host';
import type { BuiltinEngine } from '../engine/builtin-engine';
import { EngineQueue } from './engine-queue';
import { engineHandlers } from './engine-handlers';
import { serviceHandlers } from './service-handlers';
import { ConsentGrants } from './consent-grants';
import type { HandlerRegistry } from './handlers';
import type { TrustedSettings } from './page-policy';
import { pageApiHandlers } from './page-api-handlers';
import { SiteDownloads } from './site-downloads';
import { PageSessions } from './page-sessions';
import { admit, siteInFlight } from './admission';

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
  /** Chrome's built-in model (the Prompt API), where this context has it. */
  builtin?: BuiltinEngine;
  /** What only extension pages can write: chosen models and consent, for content scripts' requests. */
  settings?: TrustedSettings;
  now?: () => number;
}

interface Client {
  id: number;
  port: RouterPort;
  caller: Caller;
  /** Requests in flight, by the client's request id. */
  requests: Map<string, AbortController>;
}

const PROGRESS_INTERVAL_MS = 100;

export class EngineRouter {
  private readonly clients = new Map<number, Client>();
  private readonly queue: EngineQueue;
  private readonly handlers: HandlerRegistry;
  private loading: LoadProgress | null = null;
  private engineRestarts = 0;
  private notice: string | null = null;
  private nextClientId = 1;
  private lastProgressAt = 0;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;
  private readonly pageSessions = new PageSessions();
  private readonly progressListeners = new Set<(progress: LoadProgress) => void>();
  private readonly downloadListeners = new Set<() => void>();
  private readonly siteDownloads = new SiteDownloads({ onChange: () => this.broadcastStatus() });

  constructor(private readonly deps: RouterDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.queue = new EngineQueue(this.now, () => this.broadcastStatus());
    const engine = engineHandlers({
      ...deps,
      grants: new ConsentGrants(),
      queue: this.queue,
      now: this.now,
      status: () => this.status(),
      onProgress: (model, progress, text) => this.reportProgress(model, progress, text),
      onLoaded: (model) => {
        this.loading = null;
        if (this.engineRestarts && this.notice?.endsWith(`reloading ${model.id}.`))
          this.notice = this.notice.replace(/; reloading .*$/, `; ${model.id} is loaded again.`);
        this.broadcastStatus();
      },
    });
    this.handlers = {
      ...engine,
      ...serviceHandlers(deps),
      ...pageApiHandlers({
        ...deps,
        sessions: this.pageSessions,
        chat: engine.chat,
        load: engine.load,
        now: this.now,
        loadProgress: this.progressListeners,
        downloadProgress: this.downloadListeners,
        siteDownloads: this.siteDownloads,
      }),
    };
  }

  /** Accepts a Port from runtime.onConnect (the engine's or the page API's name); ignores others. */
  connect(port: RouterPort): void {
    if (port.name !== ENGINE_PORT && port.name !== PAGE_API_PORT) return;
    let caller: Caller;
    try {
      caller =
        port.name === PAGE_API_PORT
          ? webPageCallerOf(port.sender, this.deps.extensionId)
          : callerOf(port.sender, this.deps.extensionId);
    } catch (error) {
      port.postMessage({ type: 'error', id: null, error: serializeError(error) });
      port.disconnect();
      return;
    }
    const client: Client = { id: this.nextClientId++, port, caller, requests: new Map() };
    this.clients.set(client.id, client);
    port.onMessage.addListener((raw) => this.receive(client, raw));
    port.onDisconnect.addListener(() => this.drop(client));
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
      running: this.queue.busy ? 1 : 0,
      queued: this.queue.size,
      clients: this.clients.size,
      completed: this.queue.completed,
      engineRestarts: this.engineRestarts,
      notice: this.notice,
      downloads: this.deps.models?.downloads() ?? [],
      siteDownloads: this.siteDownloads.list(),
      builtin: this.deps.builtin?.status() ?? { availability: 'unavailable', progress: null },
    };
  }

  /**
   * The engine Worker died and a fresh one started: every client is told, and the model the
   * dead one had is loaded again (a background job; an interrupted request retries on its own).
   */
  engineRestarted(reason: string, model: ModelRef | null): void {
    this.engineRestarts++;
    this.notice = `The engine stopped unexpectedly (${reason}) and was restarted${model ? `; reloading ${model.id}` : ''}.`;
    this.broadcastStatus();
    if (!model) return;
    const reload = this.handlers.load;
    const ctx = {
      caller: { kind: 'host' } as const,
      clientId: 0,
      signal: new AbortController().signal,
      onChunk: () => undefined,
      onQueued: () => undefined,
    };
    // Nobody waits on this reload; a failure shows when the next request loads the model itself.
    reload(model, ctx).catch(() => undefined);
  }

  private receive(client: Client, raw: unknown): void {
    let message: RequestMessage;
    try {
      const envelope = parseEnvelope(raw);
      if (envelope.type === 'cancel') return client.requests.get(envelope.id)?.abort();
      if (client.requests.has(envelope.id))
        throw new BadRequestError(`Request id ${envelope.id} is already in use.`);
      admit(
        client.caller,
        envelope.method,
        client.requests.size,
        siteInFlight(client.caller, this.clients.values()),
      );
      message = parseRequest(envelope.method, envelope.id, envelope.params);
    } catch (error) {
      this.send(client, { type: 'error', id: requestIdOf(raw), error: serializeError(error) });
      return;
    }
    this.serve(client, message);
  }

  /** Runs one request through its method's handler; typed per method, no cast. */
  private serve<M extends MethodName>(client: Client, message: RequestMessage<M>): void {
    const { id } = message;
    const controller = new AbortController();
    client.requests.set(id, controller);
    const handler = this.handlers[message.method];
    Promise.resolve()
      .then(() =>
        handler(message.params, {
          caller: client.caller,
          clientId: client.id,
          signal: controller.signal,
          onChunk: (data) => this.send(client, { type: 'chunk', id, data }),
          onQueued: (position) => this.send(client, { type: 'queued', id, position }),
        }),
      )
      .then(
        (data) => this.send(client, { type: 'result', id, data }),
        (error: unknown) => {
          const wire = controller.signal.aborted ? new AbortedError().toJSON() : serializeError(error);
          this.send(client, { type: 'error', id, error: wire });
        },
      )
      .finally(() => client.requests.delete(id));
  }

  private drop(client: Client): void {
    this.clients.delete(client.id);
    // The asker is gone: stop using the engine for it now, not when generation ends.
    for (const controller of client.requests.values()) controller.abort();
    client.requests.clear();
    this.queue.forgetClient(client.id);
    // A page that navigated away or closed: its sessions go with it.
    this.pageSessions.forgetClient(client.id);
    this.broadcastStatus();
  }

  /** Pushes status at most every PROGRESS_INTERVAL_MS while downloads stream in, and once after. */
  statusChanged(): void {
    for (const listener of this.downloadListeners) listener();
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
    for (const listener of this.progressListeners) listener(this.loading);
    const t = this.now();
    if (progress >= 1 || t - this.lastProgressAt >= PROGRESS_INTERVAL_MS) {
      this.lastProgressAt = t;
      this.broadcastStatus();
    }
  }

  /** Status to every extension page; pages (content scripts) ask for theirs, reduced. */
  private broadcastStatus(): void {
    const status = this.status();
    // Pages (content scripts and web pages) get no pushed status: downloads, clients and notices are Local AI's.
    for (const client of this.clients.values())
      if (client.caller.kind === 'extension-page' || client.caller.kind === 'host')
        this.send(client, { type: 'status', status });
  }

  private send(client: Client, message: HostMessage): void {
    if (!this.clients.has(client.id)) return;
    try {
      client.port.postMessage(message);
    } catch {
      // The Port closed under us; its onDisconnect cleans up.
    }
  }
}

/** The id of a message that failed validation, when it has a usable one. */
function requestIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  return typeof raw.id === 'string' && raw.id.length <= 128 ? raw.id : null;
}
