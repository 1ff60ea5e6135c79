/**
 * The real router and runtime with the synthetic engine (a test double) behind them, and Ports
 * from in-memory pairs: for the router's unit tests and its fuzzer. Not part of the product.
 */
import { ENGINE_PORT, EngineClient, type HostStatus, type ModelRef, type SenderInfo } from '../protocol';
import { EngineRuntime } from '../engine/engine-runtime';
import { SyntheticEngine } from '../engine/synthetic-engine';
import type { Engine } from '../engine/engine';
import { memoryPortPair } from './memory-port';
import { EngineRouter, type RouterDeps, type RouterPort } from './router';

export const EXT = 'ext-id';
export const PANEL: SenderInfo = { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` };
export const pageSender = (origin: string, tabId = 5, frameId = 0): SenderInfo => ({
  id: EXT,
  url: `${origin}/page.html`,
  origin,
  tab: { id: tabId },
  frameId,
});

export function testRouter(
  deps: Partial<RouterDeps> = {},
  cached: (m: ModelRef) => boolean | Promise<boolean> = () => false,
) {
  const aborts: { at: number }[] = [];
  const runtime = new EngineRuntime(
    (): Engine => {
      const engine = new SyntheticEngine({ loadMs: 4 });
      const chat = engine.chat.bind(engine);
      engine.chat = (request, options) => {
        options.signal.addEventListener('abort', () => aborts.push({ at: performance.now() }));
        return chat(request, options);
      };
      return engine;
    },
    async (m) => cached(m),
  );
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
    ...deps,
  });
  const connect = (sender: RouterPort['sender'] = PANEL, name = ENGINE_PORT) => {
    const { client, host } = memoryPortPair(name, sender);
    const statuses: HostStatus[] = [];
    const c = new EngineClient({ ensureHost: async () => {}, connect: () => client });
    c.onStatus((s) => statuses.push(s));
    router.connect(host);
    return { client: c, port: client, host, statuses };
  };
  return { router, connect, aborts };
}
