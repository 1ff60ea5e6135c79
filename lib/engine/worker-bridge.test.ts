import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError, ModelLoadError, type ModelRef } from '../protocol';
import { EngineRuntime } from './engine-runtime';
import { SyntheticEngine } from './synthetic-engine';
import { WorkerEngineService } from './worker-client';
import { serveEngineRuntime } from './worker-server';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

/** The real Worker bridge over a real MessageChannel, with the synthetic engine behind it. */
function bridge(cacheQuery?: (m: ModelRef) => Promise<boolean>) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
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
  serveEngineRuntime(port1, runtime);
  const service = new WorkerEngineService(port2);
  port1.start();
  port2.start();
  return service;
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
    expect(service.stats()).toEqual({ engineInstances: 1, modelLoads: 1, loaded: model });
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
