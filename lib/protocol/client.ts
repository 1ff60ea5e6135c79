/**
 * The one client every surface uses to talk to the engine host. It makes sure the host
 * exists (through the service worker), connects a Port, and turns the protocol into typed
 * promises with streamed chunks. If the host goes away, pending requests fail with
 * HostUnavailableError and the next request reconnects.
 */
import { AbortedError, HostUnavailableError, deserializeError, errorMessage } from './errors';
import type { HostStatus } from './messages';
import type { ChunkOf, ClientMessage, HostMessage, MethodName, ParamsOf, ResultOf } from './methods';

/** The part of a runtime.Port the client uses. */
export interface ClientPort {
  postMessage(message: ClientMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: HostMessage) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface ClientTransport {
  /** Resolves once the engine host is running and listening. */
  ensureHost(): Promise<void>;
  connect(): ClientPort;
}

export interface RequestOptions<M extends MethodName> {
  signal?: AbortSignal;
  onChunk?: (chunk: ChunkOf<M>) => void;
  /** Position in the host's queue while waiting (1 = next to run). */
  onQueued?: (position: number) => void;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onChunk?: (chunk: never) => void;
  onQueued?: (position: number) => void;
}

export class EngineClient {
  private port: ClientPort | null = null;
  private connecting: Promise<ClientPort> | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly statusListeners = new Set<(status: HostStatus) => void>();
  private counter = 0;
  private readonly prefix = Math.random().toString(36).slice(2, 8);

  constructor(private readonly transport: ClientTransport) {}

  /**
   * Sends one request and resolves with its typed result; chunks arrive through `onChunk`.
   * @throws {AbortedError} when `signal` aborts (the host stops the work too).
   * @throws {LocalAiError} whatever the host reports, rebuilt with its class and code.
   */
  async request<M extends MethodName>(
    method: M,
    params: ParamsOf<M>,
    options: RequestOptions<M> = {},
  ): Promise<ResultOf<M>> {
    const { signal } = options;
    if (signal?.aborted) throw new AbortedError();
    const port = await this.ensurePort();
    if (signal?.aborted) throw new AbortedError();
    const id = `${this.prefix}-${++this.counter}`;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        try {
          port.postMessage({ type: 'cancel', id });
        } catch {
          // Port already gone: nothing left to cancel.
        }
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <A extends unknown[]>(fn: (...args: A) => void) =>
        (...args: A) => {
          signal?.removeEventListener('abort', onAbort);
          this.pending.delete(id);
          fn(...args);
        };
      this.pending.set(id, {
        resolve: settle(resolve),
        reject: settle(reject),
        onChunk: options.onChunk,
        onQueued: options.onQueued,
      });
      try {
        port.postMessage({ type: 'request', id, method, params } as ClientMessage);
      } catch (error) {
        // The Port closed before the host could hear us (e.g. the host refused this sender).
        this.hostGone(`The engine host is not reachable: ${errorMessage(error)}`);
      }
    });
  }

  /** Calls `listener` with every status the host pushes; returns an unsubscribe function. */
  onStatus(listener: (status: HostStatus) => void): () => void {
    this.statusListeners.add(listener);
    void this.ensurePort().catch(() => {});
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.port?.disconnect();
    this.hostGone('The client was closed.');
  }

  private ensurePort(): Promise<ClientPort> {
    if (this.port) return Promise.resolve(this.port);
    this.connecting ??= this.transport
      .ensureHost()
      .then(() => {
        const port = this.transport.connect();
        port.onMessage.addListener((message) => this.receive(message));
        port.onDisconnect.addListener(() => {
          if (this.port === port) this.hostGone('The engine host went away; try again.');
        });
        this.port = port;
        return port;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private hostGone(reason: string): void {
    this.port = null;
    for (const pending of [...this.pending.values()]) pending.reject(new HostUnavailableError(reason));
    this.pending.clear();
  }

  private receive(message: HostMessage): void {
    if (message.type === 'status') {
      for (const listener of this.statusListeners) listener(message.status);
      return;
    }
    if (message.id === null) {
      // A host-level rejection (e.g. of this sender): nothing pending can succeed.
      if (message.type === 'error') this.hostGone(deserializeError(message.error).message);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'chunk':
        pending.onChunk?.(message.data as never);
        break;
      case 'queued':
        pending.onQueued?.(message.position);
        break;
      case 'result':
        pending.resolve(message.data as never);
        break;
      case 'error':
        pending.reject(deserializeError(message.error));
        break;
    }
  }
}
