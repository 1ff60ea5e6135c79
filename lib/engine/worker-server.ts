/**
 * The Worker side: serves EngineRuntime calls posted by the host. Each call has an id;
 * 'abort' with that id aborts it. Deltas are posted as they come, never batched, so the
 * host can stream them on without delay.
 */
import { serializeError, type Calibration } from '../protocol';
import { DeltaCoalescer } from './delta-coalescer';
import { deviceLossOf } from './device-lost';
import type { LoadReport } from './engine';
import type { EngineRuntime } from './engine-runtime';
import type { FromWorker, ToWorker, WorkerEnvironment } from './worker-messages';

/** Milliseconds since the Unix epoch on the clock every context of the browser shares (HR-Time). */
const sharedNow = () => performance.timeOrigin + performance.now();

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}

export function serveEngineRuntime(
  scope: WorkerScope,
  runtime: EngineRuntime,
  env: WorkerEnvironment = { crossOriginIsolated: false, llamaThreads: 1, threadsReason: 'not reported' },
  calibrate?: (device: string) => Promise<Calibration>,
): void {
  const running = new Map<number, AbortController>();
  scope.addEventListener('message', ({ data }) => void serve(data));
  async function serve(data: ToWorker): Promise<void> {
    if (data.op === 'abort') {
      running.get(data.id)?.abort();
      return;
    }
    const { id } = data;
    if (data.op === 'env') return scope.postMessage({ op: 'env', id, env });
    if (data.op === 'calibrate') {
      const measuring = calibrate
        ? calibrate(data.device)
        : Promise.reject(new Error('This engine Worker cannot measure the device.'));
      measuring.then(
        (calibration) => scope.postMessage({ op: 'calibrated', id, calibration }),
        (error) =>
          scope.postMessage({ op: 'error', id, error: serializeError(error), stats: runtime.stats() }),
      );
      return;
    }
    if (data.op === 'cached') {
      runtime.isCached(data.model).then(
        (cached) => scope.postMessage({ op: 'cached', id, cached }),
        (error) =>
          scope.postMessage({ op: 'error', id, error: serializeError(error), stats: runtime.stats() }),
      );
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const onProgress = (report: LoadReport) => scope.postMessage({ op: 'progress', id, report });
    try {
      let result = null;
      if (data.op === 'load') {
        await runtime.load(data.model, onProgress);
      } else {
        await runtime.load(data.model, onProgress);
        // Merge tokens that come within a few milliseconds: each message wakes the host's
        // thread, and on a busy CPU that costs the engine time on its critical path.
        const deltas = new DeltaCoalescer(({ delta, tokens, emittedAt }) =>
          scope.postMessage({ op: 'delta', id, text: delta, tokens, emittedAt }),
        );
        try {
          result = await runtime.chat(data.model, data.request, {
            signal: controller.signal,
            // Stamped on the shared clock as the token leaves the engine, so a client can tell
            // how long the extension itself took to bring it (see ChatChunk.emittedAt).
            onDelta: (text, tokens) => deltas.push(text, tokens, tokens === 0 ? [] : [sharedNow()]),
          });
        } finally {
          deltas.flush();
        }
      }
      scope.postMessage({ op: 'done', id, result, stats: runtime.stats() });
    } catch (error) {
      const lost = deviceLossOf(error) ?? undefined;
      scope.postMessage({ op: 'error', id, error: serializeError(error), stats: runtime.stats(), lost });
    } finally {
      running.delete(id);
    }
  }
}
