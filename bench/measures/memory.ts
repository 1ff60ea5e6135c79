/**
 * Memory with the tiny model loaded: the engine host and everything it runs — the engine Worker
 * and the worker llama.cpp starts inside it, WebAssembly memory included — as
 * performance.measureUserAgentSpecificMemory() reports it in the (cross-origin isolated) host;
 * and the side panel's JS heap.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { ModelRef } from '../../lib/protocol';
import { hostRequest } from '../../tests/e2e/fixtures';
import { summarize, type Measure } from '../stats';

export async function measureMemory(
  context: BrowserContext,
  panel: Page,
  model: ModelRef,
): Promise<Measure[]> {
  await hostRequest(panel, 'load', model);
  const host = await hostRequest(panel, 'diagnostics', { memory: true });
  const cdp = await context.newCDPSession(panel);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const mb = (b: number | null | undefined) => (b ?? NaN) / 1024 / 1024;
  const memory = host.memory;
  return [
    summarize(
      'memory_host_engine_mb',
      'engine host + engine Worker + llama.cpp’s worker (JS heaps, DOM, WebAssembly memory), tiny model loaded',
      [mb(memory?.totalBytes)],
      'MB',
      '',
      memory
        ? `${mb(memory.workerBytes).toFixed(1)} MB of it in the engine's workers; measureUserAgentSpecificMemory in the host`
        : 'not measurable: the host is not cross-origin isolated',
    ),
    summarize('heap_host_mb', 'engine host document JS heap alone', [mb(host.jsHeapUsedBytes)], 'MB', ''),
    summarize('heap_panel_mb', 'side panel JS heap after GC', [mb(usedSize)], 'MB', ''),
  ];
}
