import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ENGINE_PORT,
  EngineClient,
  type ChatParams,
  type HostMessage,
  type HostStatus,
  type ModelRef,
} from '../protocol';
import { EngineRuntime } from '../engine/engine-runtime';
import { SyntheticEngine } from '../engine/synthetic-engine';
import type { Engine } from '../engine/engine';
import { memoryPortPair } from './memory-port';
import { EngineRouter, type RouterPort } from './router';

const EXT = 'ext-id';
const fast: ModelRef = { engine: 'synthetic', id: 'synthetic-20000' };
const slow: ModelRef = { engine: 'synthetic', id: 'synthetic-200' };

/** The real router and runtime, with the synthetic engine (a test double) behind them. */
function setup() {
  const aborts: { at: number }[] = [];
  const runtime = new EngineRuntime((): Engine => {
    const engine = new SyntheticEngine({ loadMs: 4 });
    const chat = engine.chat.bind(engine);
    engine.chat = (request, options) => {
      options.signal.addEventListener('abort', () => aborts.push({ at: performance.now() }));
      return chat(request, options);
    };
    return engine;
  });
  const router = new EngineRouter({
    engines: runtime,
    extensionId: EXT,
    capabilities: async () => ({
      webgpu: false,
      adapter: null,
      shaderF16: false,
      maxBufferSize: 0,
      maxStorageBufferBindingSize: 0,
      reason: 'none',
      defaultEngine: 'wllama',
      hardwareConcurrency: 2,
      cpu: { hostIsolated: true, workerIsolated: true, llamaThreads: 2, threadsReason: '2 threads' },
      calibration: null,
    }),
  });
  const connect = (sender: RouterPort['sender'] = { id: EXT, tab: { id: 1 } }) => {
    const { client, host } = memoryPortPair(ENGINE_PORT, sender);
    const statuses: HostStatus[] = [];
    const c = new EngineClient({ ensureHost: async () => {}, connect: () => client });
    c.onStatus((s) => statuses.push(s));
    router.connect(host);
    return { client: c, port: client, statuses };
  };
  return { router, connect, aborts };
}

const ask = (model: ModelRef, tokens: number, extra: Partial<ChatParams> = {}): ChatParams => ({
  model,
  messages: [{ role: 'user', content: 'hello' }],
  max_tokens: tokens,
  ...extra,
});

describe('EngineRouter', () => {
  it('streams each client its own full answer, with one engine and one model load for all', async () => {
    const { router, connect } = setup();
    const clients = [connect(), connect(), connect()];
    const results = await Promise.all(
      clients.map(async ({ client }) => {
        let streamed = '';
        const result = await client.request('chat', ask(fast, 30), {
          onChunk: ({ delta }) => (streamed += delta),
        });
        return { streamed, result };
      }),
    );
    for (const { streamed, result } of results) {
      expect(streamed).toBe(result.text);
      expect(result.text.trim().split(' ')).toHaveLength(30);
      expect(result.usage.completionTokens).toBe(30);
    }
    expect(router.status()).toMatchObject({
      engineInstances: 1,
      modelLoads: 1,
      loaded: fast,
      completed: 3,
      running: 0,
      queued: 0,
    });
  });

  it('runs interactive requests before background ones, and tells waiters their place', async () => {
    const { connect } = setup();
    const a = connect();
    const b = connect();
    const c = connect();
    const done: string[] = [];
    const positions: number[] = [];
    const first = a.client.request('chat', ask(slow, 6)).then(() => done.push('first'));
    await new Promise((r) => setTimeout(r, 5));
    const bg = b.client
      .request('chat', ask(fast, 3, { priority: 'background' }), { onQueued: (p) => positions.push(p) })
      .then(() => done.push('background'));
    const ui = c.client.request('chat', ask(fast, 3)).then(() => done.push('interactive'));
    await Promise.all([first, bg, ui]);
    expect(done).toEqual(['first', 'interactive', 'background']);
    expect(positions).toContain(2);
  });

  it('cancels a queued request without running it, and a running one at once', async () => {
    const { router, connect, aborts } = setup();
    const a = connect();
    const b = connect();
    const running = new AbortController();
    const queued = new AbortController();
    const p1 = a.client.request('chat', ask(slow, 1000), { signal: running.signal });
    await new Promise((r) => setTimeout(r, 30));
    const p2 = b.client.request('chat', ask(slow, 1000), { signal: queued.signal });
    queued.abort();
    await expect(p2).rejects.toBeInstanceOf(AbortedError);
    running.abort();
    await expect(p1).rejects.toBeInstanceOf(AbortedError);
    await expect.poll(() => router.status().running).toBe(0);
    expect(aborts).toHaveLength(1);
    expect(router.status().completed).toBe(1);
  });

  it('stops generation the moment the asker disconnects and frees the engine for the next request', async () => {
    const { router, connect, aborts } = setup();
    const leaving = connect();
    const staying = connect();
    let chunks = 0;
    void leaving.client.request('chat', ask(slow, 10_000), { onChunk: () => chunks++ }).catch(() => {});
    await expect.poll(() => chunks).toBeGreaterThan(2);
    const next = staying.client.request('chat', ask(fast, 5));
    const closedAt = performance.now();
    leaving.port.disconnect();
    const result = await next;
    expect(result.text.trim().split(' ')).toHaveLength(5);
    expect(aborts).toHaveLength(1);
    // The abort is signalled within the same turn of the event loop as the disconnect.
    expect(aborts[0]!.at - closedAt).toBeLessThan(100);
    expect(router.status().clients).toBe(1);
  });

  it('answers malformed messages with a clear error and keeps serving', async () => {
    const { connect } = setup();
    const { client, port } = connect();
    const replies: HostMessage[] = [];
    port.onMessage.addListener((m) => replies.push(m));
    port.postMessage({ type: 'request', id: 'x', method: 'chat', params: { model: fast } } as never);
    port.postMessage('garbage' as never);
    port.postMessage({ type: 'request', id: 'y', method: 'rm -rf', params: {} } as never);
    await expect.poll(() => replies.filter((r) => r.type === 'error')).toHaveLength(3);
    const errors = replies.filter((r): r is Extract<HostMessage, { type: 'error' }> => r.type === 'error');
    expect(errors[0]).toMatchObject({ id: 'x', error: { code: 'bad-request' } });
    expect(errors[0]!.error.message).toMatch(/messages/);
    expect(errors[1]).toMatchObject({ id: null, error: { code: 'bad-request' } });
    await expect(client.request('status', {})).resolves.toMatchObject({ clients: 1 });
  });

  it('refuses Ports from other extensions and ignores Ports meant for others', async () => {
    const { router, connect } = setup();
    const stranger = connect({ id: 'evil' });
    await expect(stranger.client.request('status', {})).rejects.toThrow(/Only Local AI|not reachable/);
    const { host } = memoryPortPair('something-else', { id: EXT });
    router.connect(host);
    expect(router.status().clients).toBe(0);
  });

  it('switches models once and tells every client which model is loaded', async () => {
    const { router, connect } = setup();
    const a = connect();
    const b = connect();
    await a.client.request('chat', ask(fast, 2));
    const other: ModelRef = { engine: 'synthetic', id: 'synthetic-10000' };
    await Promise.all([b.client.request('chat', ask(other, 2)), a.client.request('chat', ask(other, 2))]);
    expect(router.status()).toMatchObject({ modelLoads: 2, engineInstances: 1, loaded: other });
    for (const { statuses } of [a, b]) {
      await expect.poll(() => statuses.at(-1)?.loaded).toEqual(other);
      expect(statuses.some((s) => s.loading?.model.id === 'synthetic-10000')).toBe(true);
    }
  });

  it('reports capabilities and rejects duplicate request ids', async () => {
    const { connect } = setup();
    const { client, port } = connect();
    await expect(client.request('capabilities', {})).resolves.toMatchObject({ defaultEngine: 'wllama' });
    const replies: HostMessage[] = [];
    port.onMessage.addListener((m) => replies.push(m));
    const req = { type: 'request', id: 'dup', method: 'chat', params: ask(slow, 50) } as const;
    port.postMessage(req);
    port.postMessage(req);
    await expect
      .poll(() => replies.find((r) => r.type === 'error'))
      .toMatchObject({ id: 'dup', error: { code: 'bad-request' } });
  });
});
