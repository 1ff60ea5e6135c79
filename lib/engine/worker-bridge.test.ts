import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError, EngineCrashedError, ModelLoadError, type ModelRef } from '../protocol';
import { EngineRuntime } from './engine-runtime';
import type { Engine } from './engine';
import { SyntheticEngine } from './synthetic-engine';
import { WorkerEngineService } from './worker-client';
import { serveEngineRuntime } from './worker-server';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

/**
 * A stand-in for a Worker: a real MessageChannel with a real EngineRuntime on the far end.
 * terminate() closes it, as killing the Worker would; `spawned` lists every one started.
 */
function channelWorker(runtime: EngineRuntime) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  serveEngineRuntime(port1, runtime);
  port1.start();
  port2.start();
  return Object.assign(port2, {
    terminate: () => {
      port1.close();
      port2.close();
    },
  });
}

/** The real Worker bridge over a real MessageChannel, with the synthetic engine behind it. */
function bridge(cacheQuery?: (m: ModelRef) => Promise<boolean>) {
  const runtime = new EngineRuntime((id) => {
    if (id === 'wllama')
      return {
        id,
        load: async () => {
          throw new ModelLoadError('no such file');
        },
        chat: async () => {
          throw new Error();
        },
        unload: async () => {},
      };
    return new SyntheticEngine({ tokensPerSecond: 400 });
  }, cacheQuery);
  return new WorkerEngineService(() => channelWorker(runtime));
}

const model: ModelRef = { engine: 'synthetic', id: 'synthetic-400' };
const request = (n: number) => ({ messages: [{ role: 'user' as const, content: 'x' }], max_tokens: n });

describe('engine Worker bridge', () => {
  it('streams every token across the thread boundary and reports stats', async () => {
    const service = bridge();
    const progress: number[] = [];
    await service.load(model, (r) => progress.push(r.progress));
    let text = '';
    let tokens = 0;
    const result = await service.chat(model, request(12), {
      signal: new AbortController().signal,
      onDelta: (d, n = 1) => {
        text += d;
        tokens += n;
      },
    });
    expect(text).toBe(result.text);
    expect(tokens).toBe(12);
    expect(progress.at(-1)).toBe(1);
    expect(service.stats()).toEqual({ engineInstances: 1, modelLoads: 1, loaded: model, loadedOn: null });
  });

  it('aborts generation in the Worker and rejects with AbortedError', async () => {
    const service = bridge();
    const controller = new AbortController();
    let tokens = 0;
    const pending = service.chat(model, request(10_000), {
      signal: controller.signal,
      onDelta: () => tokens++,
    });
    await expect.poll(() => tokens).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });

  it('carries typed load errors and cache answers across', async () => {
    const service = bridge(async (m) => m.id === 'here');
    await expect(
      service.load({ engine: 'wllama', id: 'x', url: 'http://127.0.0.1:1/x.gguf' }, () => {}),
    ).rejects.toBeInstanceOf(ModelLoadError);
    expect(await service.isCached({ engine: 'webllm', id: 'here' })).toBe(true);
    expect(await service.isCached({ engine: 'webllm', id: 'gone' })).toBe(false);
  });
});

describe('engine Worker supervision', () => {
  function supervised(
    engine: () => Engine = () => new SyntheticEngine({ tokensPerSecond: 400 }),
    stallMs?: number,
  ) {
    const spawned: ReturnType<typeof channelWorker>[] = [];
    const restarts: { reason: string; model: ModelRef | null }[] = [];
    const service = new WorkerEngineService(
      () => {
        const w = channelWorker(new EngineRuntime(engine));
        spawned.push(w);
        return w;
      },
      { onRestart: (reason, model) => restarts.push({ reason, model }), stallMs },
    );
    return { service, spawned, restarts };
  }

  /** A test double: one token, then `then` (hang, fail, or finish after a pause). */
  function oneTokenThen(then: () => Promise<never> | Promise<void>, loads: ModelRef[] = []): Engine {
    return {
      id: 'synthetic',
      load: async (m) => void loads.push(m),
      chat: async (_request, options) => {
        options.onDelta('a');
        await then();
        return { text: 'a', finishReason: 'stop', promptTokens: 1, completionTokens: 1 };
      },
      unload: async () => {},
    };
  }

  it('rejects every call in flight with EngineCrashedError, starts a fresh Worker and says which model it had', async () => {
    const { service, spawned, restarts } = supervised();
    await service.load(model, () => {});
    const signal = new AbortController().signal;
    const streaming = service.chat(model, request(10_000), { signal, onDelta: () => {} });
    const cached = service.isCached(model);
    // An uncaught error inside the Worker reaches the host as an 'error' event.
    spawned[0]!.dispatchEvent(Object.assign(new Event('error'), { message: 'RuntimeError: unreachable' }));
    await expect(streaming).rejects.toBeInstanceOf(EngineCrashedError);
    await expect(cached).rejects.toBeInstanceOf(EngineCrashedError);
    expect(spawned).toHaveLength(2);
    expect(restarts).toEqual([{ reason: expect.stringContaining('unreachable') as string, model }]);
    expect(service.restartCount).toBe(1);
    // The fresh Worker serves; counts since the host started include the dead Worker's.
    const result = await service.chat(model, request(5), { signal, onDelta: () => {} });
    expect(result.completionTokens).toBe(5);
    expect(service.stats()).toEqual({ engineInstances: 2, modelLoads: 2, loaded: model, loadedOn: null });
  });

  it('treats an unreadable message from the Worker as a crash too', async () => {
    const { service, spawned } = supervised();
    const loading = service.load(model, () => {});
    spawned[0]!.dispatchEvent(new Event('messageerror'));
    await expect(loading).rejects.toBeInstanceOf(EngineCrashedError);
    expect(spawned).toHaveLength(2);
  });

  it('can be killed mid-stream by the test hook: after the first delta', async () => {
    const { service, spawned } = supervised();
    await service.load(model, () => {});
    service.crashForTest('mid-stream');
    let deltas = 0;
    const streaming = service.chat(model, request(10_000), {
      signal: new AbortController().signal,
      onDelta: () => deltas++,
    });
    await expect(streaming).rejects.toBeInstanceOf(EngineCrashedError);
    expect(deltas).toBe(1);
    expect(spawned).toHaveLength(2);
  });

  it('treats a Worker that sends no token for stallMs while generating as crashed, and starts another', async () => {
    const { service, spawned, restarts } = supervised(
      () => oneTokenThen(() => new Promise<never>(() => {})),
      200,
    );
    const streaming = service.chat(model, request(10), {
      signal: new AbortController().signal,
      onDelta: () => {},
    });
    await expect(streaming).rejects.toBeInstanceOf(EngineCrashedError);
    expect(spawned).toHaveLength(2);
    expect(restarts[0]!.reason).toMatch(/no token for 0\.2 s while generating/);
  });

  it('waits as long as prefill takes for the first token, and between tokens within stallMs', async () => {
    const slowFirst: Engine = {
      ...oneTokenThen(() => new Promise((r) => setTimeout(r, 100))),
      chat: async (_request, options) => {
        await new Promise((r) => setTimeout(r, 400)); // prefill, longer than stallMs
        options.onDelta('a');
        await new Promise((r) => setTimeout(r, 100));
        options.onDelta('b');
        return { text: 'ab', finishReason: 'stop', promptTokens: 1, completionTokens: 2 };
      },
    };
    const { service, spawned } = supervised(() => slowFirst, 200);
    const result = await service.chat(model, request(2), {
      signal: new AbortController().signal,
      onDelta: () => {},
    });
    expect(result.text).toBe('ab');
    expect(spawned).toHaveLength(1);
  });

  it('detects the hang the test hook makes: the host stops hearing the Worker mid-stream', async () => {
    const { service, spawned, restarts } = supervised();
    await service.load(model, () => {});
    service.crashForTest('hang-mid-stream', 150);
    const streaming = service.chat(model, request(10_000), {
      signal: new AbortController().signal,
      onDelta: () => {},
    });
    await expect(streaming).rejects.toBeInstanceOf(EngineCrashedError);
    expect(spawned).toHaveLength(2);
    expect(restarts[0]!.reason).toMatch(/no token/);
  });

  it('replaces the Worker when the GPU device is lost, and reloads with half the window when memory ran out', async () => {
    const loads: ModelRef[] = [];
    const lost = () => {
      const error = new Error(
        'The WebGPU device was lost. This issue often occurs due to running out of memory (OOM).',
      );
      error.name = 'DeviceLostError';
      return Promise.reject(error);
    };
    const { service, spawned, restarts } = supervised(() => oneTokenThen(lost, loads));
    const onGpu: ModelRef = { engine: 'synthetic', id: 'gpu-model', contextWindow: 4096 };
    await service.load(onGpu, () => {});
    const streaming = service.chat(onGpu, request(10), {
      signal: new AbortController().signal,
      onDelta: () => {},
    });
    await expect(streaming).rejects.toBeInstanceOf(EngineCrashedError);
    expect(spawned).toHaveLength(2);
    expect(restarts).toEqual([
      {
        reason: expect.stringContaining('GPU device was lost') as string,
        model: { ...onGpu, contextWindow: 2048 },
      },
    ]);
    // Whoever asks for the model again gets it with the smaller window.
    await service.load(onGpu, () => {});
    expect(loads.map((m) => m.contextWindow)).toEqual([4096, 2048]);
  });

  it('replaces the Worker on a device lost for another reason, keeping the window', async () => {
    const loads: ModelRef[] = [];
    const lost = () => Promise.reject(new Error('Device was lost: reason unknown'));
    const { service, restarts } = supervised(() => oneTokenThen(lost, loads));
    const onGpu: ModelRef = { engine: 'synthetic', id: 'gpu-model', contextWindow: 4096 };
    await service.load(onGpu, () => {});
    await expect(
      service.chat(onGpu, request(10), { signal: new AbortController().signal, onDelta: () => {} }),
    ).rejects.toBeInstanceOf(EngineCrashedError);
    expect(restarts[0]!.model).toEqual(onGpu);
  });
});
