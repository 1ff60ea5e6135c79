import { describe, expect, it } from 'vitest';
import { EngineClient, type ClientPort, type ClientTransport } from './client';
import { AbortedError, BadRequestError, HostUnavailableError, serializeError } from './errors';
import type { ChatParams, ModelRef } from './messages';
import type { ClientMessage, HostMessage } from './methods';

const model: ModelRef = { engine: 'synthetic', id: 'tiny' };
const chat: ChatParams = { model, messages: [{ role: 'user', content: 'hi' }] };

/**
 * A test double for the engine host's end of the Port: records what the client sends and lets
 * the test answer, as the real router would. The client under test is real.
 */
class ScriptedHost implements ClientTransport {
  readonly sent: ClientMessage[] = [];
  connects = 0;
  private onMessage: ((m: HostMessage) => void) | null = null;
  private onDisconnect: (() => void) | null = null;
  private waiters: ((m: ClientMessage) => void)[] = [];

  ensureHost(): Promise<void> {
    return Promise.resolve();
  }

  connect(): ClientPort {
    this.connects++;
    return {
      postMessage: (message) => {
        this.sent.push(message);
        this.waiters.shift()?.(message);
      },
      disconnect: () => {},
      onMessage: { addListener: (l) => void (this.onMessage = l) },
      onDisconnect: { addListener: (l) => void (this.onDisconnect = l) },
    };
  }

  /** The next message the client sends (or the last one, if already sent). */
  next(): Promise<ClientMessage> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  reply(message: HostMessage): void {
    this.onMessage?.(structuredClone(message));
  }

  /** The host's page closes: Chrome tells the client's end. */
  die(): void {
    this.onDisconnect?.();
  }
}

function requestId(message: ClientMessage): string {
  if (message.type !== 'request') throw new Error(`expected a request, got ${message.type}`);
  return message.id;
}

describe('EngineClient', () => {
  it('sends a typed request and resolves with the result for its id', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    const sent = host.next();
    const answer = client.request('cached', model);
    const message = await sent;
    expect(message).toMatchObject({ type: 'request', method: 'cached', params: model });
    host.reply({ type: 'result', id: 'someone-else', data: { cached: false } });
    host.reply({ type: 'result', id: requestId(message), data: { cached: true } });
    await expect(answer).resolves.toEqual({ cached: true });
  });

  it('streams chunks and queue positions before the result', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    const chunks: string[] = [];
    const positions: number[] = [];
    const sent = host.next();
    const answer = client.request('chat', chat, {
      onChunk: (c) => chunks.push(c.delta),
      onQueued: (p) => positions.push(p),
    });
    const id = requestId(await sent);
    host.reply({ type: 'queued', id, position: 2 });
    host.reply({ type: 'queued', id, position: 1 });
    host.reply({ type: 'chunk', id, data: { delta: 'Hel', tokens: 1 } });
    host.reply({ type: 'chunk', id, data: { delta: 'lo', tokens: 1 } });
    const result = {
      text: 'Hello',
      finishReason: 'stop' as const,
      model,
      usage: { promptTokens: 1, completionTokens: 2 },
      timing: { queuedMs: 0, firstTokenMs: 1, tokensPerSecond: 10 },
    };
    host.reply({ type: 'result', id, data: result });
    await expect(answer).resolves.toEqual(result);
    expect(positions).toEqual([2, 1]);
    expect(chunks.join('')).toBe('Hello');
  });

  it('rebuilds the host error with its class', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    const sent = host.next();
    const answer = client.request('cached', model);
    const id = requestId(await sent);
    host.reply({ type: 'error', id, error: serializeError(new BadRequestError('unknown model')) });
    await expect(answer).rejects.toThrow(BadRequestError);
    await expect(answer).rejects.toThrow('unknown model');
  });

  it('aborting sends cancel to the host and rejects with AbortedError', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    const controller = new AbortController();
    const sent = host.next();
    const answer = client.request('chat', chat, { signal: controller.signal });
    const id = requestId(await sent);
    const cancel = host.next();
    controller.abort();
    await expect(answer).rejects.toBeInstanceOf(AbortedError);
    expect(await cancel).toEqual({ type: 'cancel', id });
    // A late result for the cancelled request changes nothing.
    host.reply({ type: 'result', id, data: { cached: true } as never });
  });

  it('rejects at once, without sending, when the signal is already aborted', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    await expect(client.request('cached', model, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(host.sent).toEqual([]);
  });

  it('fails pending requests when the host goes away, and reconnects for the next one', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    const sent = host.next();
    const first = client.request('cached', model);
    await sent;
    host.die();
    await expect(first).rejects.toBeInstanceOf(HostUnavailableError);
    expect(host.connects).toBe(1);

    const again = host.next();
    const second = client.request('cached', model);
    const id = requestId(await again);
    expect(host.connects).toBe(2);
    host.reply({ type: 'result', id, data: { cached: true } });
    await expect(second).resolves.toEqual({ cached: true });
  });

  it('a host-level error (id null) fails everything pending with its message', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    const sent = [host.next(), host.next()];
    const a = client.request('cached', model);
    const b = client.request('status', {});
    await Promise.all(sent);
    host.reply({
      type: 'error',
      id: null,
      error: serializeError(new Error('This page may not use the engine.')),
    });
    await expect(a).rejects.toThrow(HostUnavailableError);
    await expect(b).rejects.toThrow('This page may not use the engine.');
  });

  it('passes pushed status to subscribers until they unsubscribe', async () => {
    const host = new ScriptedHost();
    const client = new EngineClient(host);
    const seen: unknown[] = [];
    const unsubscribe = client.onStatus((status) => seen.push(status));
    await new Promise((r) => setTimeout(r, 0));
    const status = { loaded: null } as never;
    host.reply({ type: 'status', status });
    unsubscribe();
    host.reply({ type: 'status', status });
    expect(seen).toEqual([status]);
  });
});
