/**
 * An in-memory pair of runtime.Port look-alikes, connected to each other. A test double for
 * the browser's Ports: unit tests and the router benchmark use it to drive the real router
 * and the real client without a browser. Messages go through structuredClone, as on a Port.
 */
import type { ClientPort } from '../protocol';
import type { RouterPort } from './router';

type Listener<T> = (message: T) => void;

class Side<In, Out> {
  readonly messageListeners: Listener<In>[] = [];
  readonly disconnectListeners: (() => void)[] = [];
  peer!: Side<Out, In>;
  open = true;

  constructor(
    readonly name: string,
    readonly sender?: RouterPort['sender'],
  ) {}

  onMessage = { addListener: (l: Listener<In>) => void this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => void this.disconnectListeners.push(l) };

  postMessage(message: Out): void {
    if (!this.open) throw new Error('Attempting to use a disconnected port object');
    const copy = structuredClone(message);
    queueMicrotask(() => {
      if (this.peer.open) for (const l of this.peer.messageListeners) l(copy);
    });
  }

  disconnect(): void {
    if (!this.open) return;
    this.open = false;
    this.peer.open = false;
    // As in Chrome, only the other end hears about it.
    queueMicrotask(() => this.peer.disconnectListeners.forEach((l) => l()));
  }
}

export function memoryPortPair(
  name: string,
  sender: RouterPort['sender'],
): { client: ClientPort; host: RouterPort } {
  const client = new Side<never, never>(name);
  const host = new Side<never, never>(name, sender);
  client.peer = host;
  host.peer = client;
  return { client: client, host: host };
}
