import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  ENGINE_PORT,
  EngineClient,
  EngineCrashedError,
  appendChunk,
  type ChatChunk,
  type ChatParams,
  type HostStatus,
  type ModelRef,
} from '../protocol';
import { EngineRuntime } from '../engine/engine-runtime';
import { SyntheticEngine } from '../engine/synthetic-engine';
import { WorkerEngineService } from '../engine/worker-client';
import { serveEngineRuntime } from '../engine/worker-server';
import type { Engine } from '../engine/engine';
import { memoryPortPair } from './memory-port';
import { EngineRouter } from './router';
import { EXT, PANEL } from './test-router';

const model: ModelRef = { engine: 'synthetic', id: 'synthetic-2000' };
const ask = (tokens: number): ChatParams => ({
  model,
  messages: [{ role: 'user', content: 'hello' }],
  max_tokens: tokens,
});
const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

/**
 * The real router, the real Worker supervisor and a real EngineRuntime per "Worker" (a
 * MessageChannel standing in for the thread; terminate() closes it), with the synthetic engine.
 */
function setup(engine: () => Engine = () => new SyntheticEngine()) {
  let router: EngineRouter | null = null;
  const engines = new WorkerEngineService(
    () => {
      const { port1, port2 } = new MessageChannel();
      ports.push(port1, port2);
      serveEngineRuntime(port1, new EngineRuntime(engine));
      port1.start();
      port2.start();
      return Object.assign(port2, { terminate: () => (port1.close(), port2.close()) });
    },
    { onRestart: (reason, m) => router?.engineRestarted(reason, m) },
  );
  router = new EngineRouter({
    engines,
    extensionId: EXT,
    capabilities: () => Promise.reject(new Error('not needed')),
  });
  const { client: port, host } = memoryPortPair(ENGINE_PORT, PANEL);
  const client = new EngineClient({ ensureHost: async () => {}, connect: () => port });
  const statuses: HostStatus[] = [];
  client.onStatus((s) => statuses.push(s));
  router.connect(host);
  return { router, engines, client, statuses, port };
}

describe('EngineRouter when the engine Worker dies', () => {
  it('retries the interrupted request once on a fresh Worker: the asker restarts its text and gets the whole answer', async () => {
    const { router, engines, client, statuses } = setup();
    await client.request('load', model);
    engines.crashForTest('mid-stream');
    const chunks: ChatChunk[] = [];
    let text = '';
    const result = await client.request('chat', ask(40), {
      onChunk: (c) => {
        chunks.push(c);
        text = appendChunk(text, c);
      },
    });
    expect(chunks.filter((c) => c.restart)).toHaveLength(1);
    // Text from the crashed attempt arrived first, then the restart marker, then the retry.
    expect(chunks[0]!.restart).toBeUndefined();
    expect(text).toBe(result.text);
    expect(result.text.trim().split(' ')).toHaveLength(40);
    expect(router.status()).toMatchObject({ engineRestarts: 1, loaded: model });
    // Every client was told, in words, and hears when the model is back.
    await expect.poll(() => statuses.at(-1)?.notice).toMatch(/restarted; synthetic-2000 is loaded again/);
    expect(statuses.some((s) => s.notice?.includes('terminated by a test mid-stream'))).toBe(true);
    // And the host keeps serving.
    await expect(client.request('chat', ask(3))).resolves.toMatchObject({ finishReason: 'length' });
  });

  it('gives up after one retry with the typed error', async () => {
    const { engines, client } = setup();
    await client.request('load', model);
    engines.crashForTest('mid-stream');
    const pending = client.request('chat', ask(2000), {
      onChunk: (c) => {
        if (c.restart) engines.crashForTest('mid-stream');
      },
    });
    await expect(pending).rejects.toBeInstanceOf(EngineCrashedError);
    expect(engines.restartCount).toBe(2);
  });

  it('reloads the model the dead Worker had even when nothing was running', async () => {
    const { router, engines, client } = setup();
    await client.request('load', model);
    engines.crashForTest('now');
    await expect.poll(() => router.status().loaded).toEqual(model);
    expect(router.status()).toMatchObject({ engineRestarts: 1, modelLoads: 2 });
  });
});

describe('EngineRouter when the GPU device is lost', () => {
  it('retries the interrupted request on a fresh Worker with a smaller window, and every client hears why', async () => {
    // A test double for a GPU engine: the first Worker's device runs out of memory mid-answer.
    let workers = 0;
    const windows: (number | undefined)[] = [];
    const gpu = (): Engine => {
      const synthetic = new SyntheticEngine();
      const first = workers++ === 0;
      return {
        id: 'synthetic',
        load: (m, onProgress) => (windows.push(m.contextWindow), synthetic.load(m, onProgress)),
        unload: () => synthetic.unload(),
        chat: async (request, options) => {
          if (!first) return synthetic.chat(request, options);
          options.onDelta('half ');
          throw new Error('Device was lost: out of memory');
        },
      };
    };
    const { router, client, statuses } = setup(gpu);
    const onGpu = { ...model, contextWindow: 4096 };
    const result = await client.request('chat', { ...ask(5), model: onGpu });
    expect(result.text.trim().split(' ')).toHaveLength(5);
    expect(windows).toEqual([4096, 2048]);
    expect(router.status().engineRestarts).toBe(1);
    expect(statuses.some((s) => s.notice?.includes('GPU device was lost'))).toBe(true);
  });
});

describe('EngineRouter after a cancel', () => {
  it('forwards no chunk that the engine produced after the asker cancelled', async () => {
    // A test double engine that, like a real one mid-token, still emits once after the abort.
    const late: Engine = {
      id: 'synthetic',
      load: async () => {},
      unload: async () => {},
      chat: (_request, options) =>
        new Promise((_resolve, reject) => {
          options.onDelta('early ');
          options.signal.addEventListener('abort', () => {
            options.onDelta('late ');
            reject(new AbortedError());
          });
        }),
    };
    const { client, port } = setup(() => late);
    // What the host sends, read off the Port itself (the client ignores a cancelled id anyway).
    const sent: string[] = [];
    port.onMessage.addListener((m) => {
      if (m.type === 'chunk' && 'delta' in m.data) sent.push(m.data.delta);
    });
    const controller = new AbortController();
    const pending = client.request('chat', ask(10), {
      signal: controller.signal,
      onChunk: () => controller.abort(),
    });
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual(['early ']);
  });
});
