/** JS heap of the engine host document and of the side panel, with the tiny model loaded. */
import type { BrowserContext, Page } from '@playwright/test';
import { hostRequest } from '../../tests/e2e/fixtures';
import { summarize, type Measure } from '../stats';

export async function measureMemory(context: BrowserContext, panel: Page): Promise<Measure[]> {
  const host = await hostRequest(panel, 'diagnostics', {});
  const cdp = await context.newCDPSession(panel);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const mb = (b: number) => b / 1024 / 1024;
  return [
    summarize(
      'heap_host_mb',
      "engine host document JS heap (model weights live in the engine Worker's WebAssembly memory)",
      [mb(host.jsHeapUsedBytes ?? NaN)],
      'MB',
      '',
    ),
    summarize('heap_panel_mb', 'side panel JS heap after GC', [mb(usedSize)], 'MB', ''),
  ];
}
