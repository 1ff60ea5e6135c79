/// <reference lib="webworker" />
/**
 * The engine Worker's entry: the engines and the loaded model live here, off the host's
 * thread, so routing and streaming never wait behind a token being computed.
 */
import wllamaWasm from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { engineFactory, isModelCached } from './create-engine';
import { EngineRuntime } from './engine-runtime';
import { serveEngineRuntime } from './worker-server';
import { llamaThreads } from './threads';
import { calibrate } from './calibration';

const threads = llamaThreads(self.crossOriginIsolated, navigator.hardwareConcurrency);
const runtime = new EngineRuntime(
  engineFactory({ wllamaWasmUrl: new URL(wllamaWasm, self.location.href).href, threads: threads.threads }),
  isModelCached,
);
serveEngineRuntime(
  self,
  runtime,
  {
    crossOriginIsolated: self.crossOriginIsolated,
    llamaThreads: threads.threads,
    threadsReason: threads.reason,
  },
  (device) => calibrate(device, { threads: threads.threads }),
);
