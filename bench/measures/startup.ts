/** Cold start of the engine host (service worker start → host answering) and side panel readiness. */
import type { BrowserContext, Page } from '@playwright/test';
import { summarize, type Measure } from '../stats';

/** Closes the engine host and stops the service worker, so the next request starts both cold. */
export async function stopHostAndWorker(context: BrowserContext, page: Page): Promise<void> {
  await page.evaluate(() => chrome.offscreen.closeDocument().catch(() => {}));
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.every((v: { runningStatus: string }) => v.runningStatus === 'stopped')) resolve();
    });
    setTimeout(resolve, 2_000);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

export async function measureHostColdStart(
  context: BrowserContext,
  page: Page,
  reps: number,
): Promise<Measure> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    await stopHostAndWorker(context, page);
    times.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage<object, { ok?: boolean } | undefined>({
          method: 'ensure-host',
          params: {},
        });
        if (!reply?.ok) throw new Error(`ensure-host failed: ${JSON.stringify(reply)}`);
        await new Promise<void>((resolve) => {
          const port = chrome.runtime.connect({ name: 'local-ai/engine' });
          port.onMessage.addListener((m: { id?: string }) => {
            if (m.id !== 'ready') return;
            port.disconnect();
            resolve();
          });
          port.postMessage({ type: 'request', id: 'ready', method: 'status', params: {} });
        });
        return performance.now() - t0;
      }),
    );
  }
  return summarize(
    'host_cold_start_ms',
    'service worker start → engine host answering, cold',
    times,
    'ms',
    '≤ 300',
  );
}

export async function measurePanelReady(
  context: BrowserContext,
  panelUrl: string,
  reps: number,
): Promise<Measure> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const page = await context.newPage();
    await page.goto(panelUrl);
    await page.waitForFunction(() => performance.getEntriesByName('local-ai:panel-ready').length > 0);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
    if (focused !== 'prompt') throw new Error('The side panel did not focus its input.');
    times.push(await page.evaluate(() => performance.getEntriesByName('local-ai:panel-ready')[0]!.startTime));
    await page.close();
  }
  return summarize(
    'panel_ready_ms',
    'side panel navigation → input focused and host status shown',
    times,
    'ms',
    '',
  );
}
